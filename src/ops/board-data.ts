import { z } from 'zod';
import type { HandlerResult } from '../api/handler-result';
import { parseOrThrow } from '../api/validate';
import type { Deps } from '../deps';
import { validationError } from '../domain/errors';
import type { JobRecord, Session } from '../domain/session';
import { maskEmail, maskPhone } from '../channels/normalize-phone';
import type { Delivery, DeliveryState } from '../store/delivery-store';
import { errorKindOfJob } from './error-kind';

const HOUR_MS = 3_600_000;
const MAX_SPAN_MS = 15 * 24 * HOUR_MS;
/** A session lasts at most 24 h: one that started this long before `from` may still be on. */
const LONGEST_SESSION_MS = 24 * HOUR_MS;

export const boardQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** One job as the board shows it. */
export interface BoardJob {
  id: string;
  kind: JobRecord['kind'];
  platform: JobRecord['platform'];
  accountId: string | null;
  runAt: string;
  state: JobRecord['state'];
  attempts: number;
  lastError: string | null;
  reason: string | null;
  finishedAt: string | null;
  /** Failures with the same errorKind are retried together. */
  errorKind: string | null;
}

function presentBoardJob(j: JobRecord): BoardJob {
  return {
    id: j.id,
    kind: j.kind,
    platform: j.platform,
    accountId: j.accountId,
    runAt: j.runAt,
    state: j.state,
    attempts: j.attempts,
    lastError: j.lastError,
    reason: j.reason,
    finishedAt: j.finishedAt,
    errorKind: j.state === 'failed' ? errorKindOfJob(j) : null,
  };
}

/** A session's messages to people as the board shows them: counts by state, and what failed (masked). */
export interface BoardDeliveries {
  total: number;
  counts: Record<DeliveryState, number>;
  failures: { channel: Delivery['channel']; role: Delivery['role']; event: string; recipient: string; lastError: string | null }[];
}

function summarizeDeliveries(deliveries: Delivery[]): BoardDeliveries {
  const counts: Record<DeliveryState, number> = { pending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const d of deliveries) counts[d.state] += 1;
  const failures = deliveries
    .filter((d) => d.state === 'failed')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((d) => ({ channel: d.channel, role: d.role, event: d.event, recipient: d.channel === 'email' ? maskEmail(d.to) : maskPhone(d.to), lastError: d.lastError }));
  return { total: deliveries.length, counts, failures };
}

/** The on-air guard's last reading of each live target (api.md "On-air guard"): what the board shows. */
export interface BoardSignal {
  target: string;
  signal: 'ok' | 'none' | 'bad';
  checkedAt: string | null;
}

function boardSignals(s: Session): BoardSignal[] {
  // In the session's target order (the stored runtime has none).
  return s.targets.flatMap((t) => {
    const target = `${t.platform}:${t.accountId}`;
    const r = s.runtime[target];
    return r?.signal ? [{ target, signal: r.signal, checkedAt: r.signalCheckedAt ?? null }] : [];
  });
}

function presentBoardSession(s: Session, deliveries: Delivery[]): Record<string, unknown> {
  return {
    id: s.id,
    title: s.title,
    status: s.status,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    timezone: s.timezone,
    campaignId: s.campaignId,
    stageId: s.stageId,
    vendor: s.vendor ?? null,
    host: s.host ? { name: s.host.name } : null,
    signals: boardSignals(s),
    jobs: s.jobs.map(presentBoardJob),
    deliveries: summarizeDeliveries(deliveries),
  };
}

/** Sessions overlapping [fromMs, toMs), in start order. */
export async function loadSessionsBetween(deps: Deps, fromMs: number, toMs: number): Promise<Session[]> {
  const out: Session[] = [];
  let cursorMs = fromMs - LONGEST_SESSION_MS;
  let afterId: string | undefined;
  for (let pages = 0; pages < 200; pages += 1) {
    const page = await deps.sessions.listIds({ fromMs: cursorMs, toMs, limit: 500, ...(afterId ? { afterId } : {}) });
    const sessions = await deps.sessions.getMany(page.map((p) => p.id));
    for (const s of sessions) if (s && Date.parse(s.endsAt) > fromMs) out.push(s);
    const last = page[page.length - 1];
    if (!last || page.length < 500) break;
    cursorMs = last.startMs;
    afterId = last.id;
  }
  return out;
}

/**
 * `GET /v1/board?from=&to=` (viewer): the schedule board's data — sessions overlapping the window
 * (default 6 h ago to 24 h ahead, at most 15 days) with their jobs and their messages to people
 * (`deliveries`: counts by state, failures with masked recipients), the stages and campaigns seen,
 * and failures grouped by error kind.
 */
export async function getBoard(deps: Deps, query: unknown): Promise<HandlerResult> {
  const q = parseOrThrow(boardQuery, query);
  const nowMs = deps.clock.now();
  const fromMs = q.from ? Date.parse(q.from) : nowMs - 6 * HOUR_MS;
  const toMs = q.to ? Date.parse(q.to) : nowMs + 24 * HOUR_MS;
  if (toMs <= fromMs) throw validationError([{ path: 'to', message: 'must be after from' }]);
  if (toMs - fromMs > MAX_SPAN_MS) throw validationError([{ path: 'to', message: 'the window is at most 15 days' }]);
  const sessions = await loadSessionsBetween(deps, fromMs, toMs);
  const deliveries = await deps.deliveries.listMany(sessions.map((s) => s.id));
  const groups = new Map<string, { errorKind: string; platform: string | null; count: number; jobIds: string[]; example: string | null }>();
  for (const s of sessions) {
    for (const j of s.jobs) {
      if (j.state !== 'failed') continue;
      const kind = errorKindOfJob(j);
      const group = groups.get(kind) ?? { errorKind: kind, platform: j.platform, count: 0, jobIds: [], example: j.lastError };
      group.count += 1;
      group.jobIds.push(j.id);
      groups.set(kind, group);
    }
  }
  const uniq = (values: (string | null)[]): string[] => [...new Set(values.filter((v): v is string => v !== null))].sort();
  return {
    status: 200,
    body: {
      now: new Date(nowMs).toISOString(),
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      timezone: deps.config.timezone,
      stages: uniq(sessions.map((s) => s.stageId)),
      campaigns: uniq(sessions.map((s) => s.campaignId)),
      sessions: sessions.map((s) => presentBoardSession(s, deliveries.get(s.id) ?? [])),
      failures: [...groups.values()].sort((a, b) => b.count - a.count),
    },
  };
}
