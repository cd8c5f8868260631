import type { JobKind, JobState, SessionDefinition, SessionTarget } from '../domain/session';
import type { Platform } from '../domain/platform';
import { capabilitiesOf, PLATFORM_CAPABILITIES } from '../platforms/capabilities';
import { actionKey } from './action-key';
import { staleAtFor } from './stale-windows';
import { offsetMs, toUtcIso } from './time';

/** Facebook accepts a scheduled live at most 7 days ahead; LiveCue stays an hour inside that. */
export const FACEBOOK_LIVE_WINDOW_MS = PLATFORM_CAPABILITIES.facebook.liveCreateAheadMs ?? 0;

/** One action the plan wants, before it is merged with what already happened. */
export interface PlannedAction {
  key: string;
  kind: JobKind;
  platform: Platform | null;
  accountId: string | null;
  offset: string | null;
  runAtMs: number;
  staleAtMs: number;
  /** `pending`, or `skipped` when its time has already passed at planning time. */
  state: Extract<JobState, 'pending' | 'skipped'>;
  reason: string | null;
}

type Plannable = Pick<SessionDefinition, 'startsAt' | 'endsAt' | 'targets' | 'announceOffsets' | 'reminderOffsets' | 'notify'> &
  Partial<Pick<SessionDefinition, 'host' | 'campaignId' | 'guardOffsets'>>;

/** Reminders are planned when someone can get them: hooks, a host with a contact, or a campaign (its vendors and subscribers). */
function hasReminderAudience(def: Plannable): boolean {
  return def.notify.length > 0 || Boolean(def.host?.phone ?? def.host?.email) || (def.campaignId ?? null) !== null;
}

/** Does this target get a platform live object (prepare/go/end)? TikTok has no live API. */
export function hasPlatformLive(target: SessionTarget): boolean {
  return target.live && capabilitiesOf(target.platform).canScheduleLive;
}

/** Does this target get promo posts? YouTube has no post API. */
export function hasPlatformPosts(target: SessionTarget): boolean {
  return target.announce && capabilitiesOf(target.platform).canPost;
}

/**
 * Session → the actions that make it happen, pure. At `nowMs`: offsets already past are `skipped`
 * ("offset in the past"), a live is created no earlier than its platform's window
 * (`liveCreateAheadMs`: Facebook 7 days), other lives are created at once.
 */
export function planSession(def: Plannable, nowMs: number): PlannedAction[] {
  const startMs = Date.parse(def.startsAt);
  const endMs = Date.parse(def.endsAt);
  const actions: PlannedAction[] = [];
  const add = (kind: JobKind, platform: Platform | null, accountId: string | null, offset: string | null, runAtMs: number): void => {
    const staleAtMs = staleAtFor(kind, runAtMs, startMs, endMs);
    const past = kind === 'announce' || kind === 'reminder' || kind === 'guard' ? runAtMs < nowMs : staleAtMs <= nowMs;
    actions.push({
      key: actionKey(kind, platform, accountId, offset),
      kind,
      platform,
      accountId,
      offset,
      runAtMs,
      staleAtMs,
      state: past ? 'skipped' : 'pending',
      reason: past ? (offset ? `offset ${offset} before the start is already in the past` : 'its time is already past') : null,
    });
  };

  for (const target of def.targets) {
    if (!hasPlatformLive(target)) continue;
    const aheadMs = capabilitiesOf(target.platform).liveCreateAheadMs;
    const earliest = aheadMs === null ? nowMs : startMs - aheadMs;
    add('prepare-live', target.platform, target.accountId, null, Math.min(Math.max(nowMs, earliest), startMs));
  }
  for (const offset of def.announceOffsets) {
    for (const target of def.targets) {
      if (hasPlatformPosts(target)) add('announce', target.platform, target.accountId, offset, startMs - offsetMs(offset));
    }
  }
  if (hasReminderAudience(def)) {
    for (const offset of def.reminderOffsets) add('reminder', null, null, offset, startMs - offsetMs(offset));
  }
  // The on-air guard (api.md "On-air guard"): one session-level check per offset when a live is made.
  if (def.targets.some(hasPlatformLive)) {
    for (const offset of def.guardOffsets ?? []) add('guard', null, null, offset, startMs - offsetMs(offset));
  }
  add('go-live', null, null, null, startMs);
  for (const target of def.targets) {
    if (hasPlatformLive(target)) add('go-live', target.platform, target.accountId, null, startMs);
  }
  add('end-live', null, null, null, endMs);
  for (const target of def.targets) {
    if (hasPlatformLive(target)) add('end-live', target.platform, target.accountId, null, endMs);
  }
  return actions.sort((a, b) => a.runAtMs - b.runAtMs || a.key.localeCompare(b.key));
}

export function plannedRunAtIso(action: PlannedAction): string {
  return toUtcIso(action.runAtMs);
}
