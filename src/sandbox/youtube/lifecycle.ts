import type { YouTubeBroadcast, YouTubeStream } from '../state';
import { formatInstant } from './read-input';

/** Lifecycle states in which a broadcast is on air or about to be. */
export const onAirStatuses: ReadonlySet<string> = new Set(['testStarting', 'testing', 'liveStarting', 'live']);

export interface YoutubeState {
  broadcasts: YouTubeBroadcast[];
  streams: YouTubeStream[];
}

/**
 * Bring the fake up to `nowMs`, evaluated lazily on every request: `*Starting` states settle,
 * the simulated encoder feeds each broadcast's stream (bound, or the channel's reusable one while
 * unbound: `encoderStreamOf`) from `leadMs` before its scheduledStartTime (api.md "On-air guard":
 * `encoderLeadSeconds`), and auto start / auto stop act on the stream status.
 */
export function settleYoutube(state: YoutubeState, nowMs: number, settleMs: number, leadMs = 0, autoStart = true): void {
  for (const b of state.broadcasts) settleStarting(b, nowMs);
  for (const s of state.streams) updateStreamStatus(s, isFed(s, state.broadcasts, nowMs + leadMs));
  for (const b of state.broadcasts) {
    const stream = b.boundStreamId === null ? undefined : state.streams.find((s) => s.id === b.boundStreamId);
    applyAutoStartStop(b, stream, nowMs, settleMs, autoStart);
    settleStarting(b, nowMs);
  }
}

/** Begin a `*Starting` state that becomes `target` after `settleMs`. */
export function beginStarting(b: YouTubeBroadcast, target: 'testing' | 'live', nowMs: number, settleMs: number): void {
  b.lifeCycleStatus = target === 'live' ? 'liveStarting' : 'testStarting';
  b.settlesAt = nowMs + settleMs;
  b.settlesTo = target;
  settleStarting(b, nowMs);
}

export function completeBroadcast(b: YouTubeBroadcast, nowMs: number): void {
  b.lifeCycleStatus = 'complete';
  delete b.settlesAt;
  delete b.settlesTo;
  b.actualEndTime = formatInstant(nowMs);
  b.actualStartTime ??= b.actualEndTime;
}

function settleStarting(b: YouTubeBroadcast, nowMs: number): void {
  if (b.settlesAt === undefined || b.settlesTo === undefined || b.settlesAt > nowMs) return;
  b.lifeCycleStatus = b.settlesTo;
  if (b.settlesTo === 'live') b.actualStartTime = formatInstant(b.settlesAt);
  delete b.settlesAt;
  delete b.settlesTo;
}

/** Whether video arrives on the stream now (the simulated encoder, or the test hook forcing it). */
function isFed(s: YouTubeStream, broadcasts: readonly YouTubeBroadcast[], nowMs: number): boolean {
  if (s.encoder === 'on') return true;
  if (s.encoder === 'off') return false;
  return broadcasts.some(
    (b) => encoderStreamOf(b, s) && b.lifeCycleStatus !== 'complete' && Date.parse(b.scheduledStartTime) <= nowMs,
  );
}

/**
 * Whether the host's encoder of broadcast `b` pushes to stream `s`: its bound stream, or, while it
 * is not bound yet (LiveCue binds at the start time), any reusable stream of its channel — the
 * host got that stream's ingest URL when the live was made.
 */
export function encoderStreamOf(b: YouTubeBroadcast, s: YouTubeStream): boolean {
  if (b.boundStreamId !== null) return b.boundStreamId === s.id;
  return s.isReusable && s.channelId === b.channelId;
}

function updateStreamStatus(s: YouTubeStream, fed: boolean): void {
  if (fed) {
    s.streamStatus = 'active';
    s.healthStatus = 'good';
  } else if (s.streamStatus === 'active') {
    s.streamStatus = 'inactive';
    s.healthStatus = 'noData';
  }
}

/**
 * Auto start and auto stop: a bound broadcast with `enableAutoStart` goes live (through
 * `liveStarting`, settling after `settleMs`) once its stream is active — also right when an active
 * stream is bound to it; an unbound one never starts. `enableAutoStop` completes a live broadcast
 * whose stream stopped (platform-apis.md §3.4).
 */
export function applyAutoStartStop(
  b: YouTubeBroadcast,
  stream: YouTubeStream | undefined,
  nowMs: number,
  settleMs: number,
  autoStart = true,
): void {
  const active = stream?.streamStatus === 'active';
  if (autoStart && b.enableAutoStart && active && b.boundStreamId !== null && (b.lifeCycleStatus === 'ready' || b.lifeCycleStatus === 'testing')) {
    beginStarting(b, 'live', nowMs, settleMs);
  } else if (b.enableAutoStop && !active && b.lifeCycleStatus === 'live') {
    completeBroadcast(b, nowMs);
  }
}
