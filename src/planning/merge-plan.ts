import type { JobRecord, SessionTarget } from '../domain/session';
import { targetKey } from '../domain/session';
import type { Platform } from '../domain/platform';
import { actionKey, jobIdOf } from './action-key';
import type { PlannedAction } from './plan-session';
import { hasPlatformLive, hasPlatformPosts } from './plan-session';
import { staleAtFor } from './stale-windows';
import { toUtcIso } from './time';

export interface MergeContext {
  sessionId: string;
  version: number;
  nowMs: number;
  startMs: number;
  endMs: number;
  /** Title, description or times changed: created platform lives must be updated. */
  liveDetailsChanged: boolean;
  /** Targets whose platform live exists (prepare-live completed), by `platform:accountId`. */
  createdLives: ReadonlySet<string>;
  targets: readonly SessionTarget[];
}

/** A fresh job record for a planned action. */
export function toJobRecord(sessionId: string, version: number, action: PlannedAction): JobRecord {
  return {
    key: action.key,
    id: jobIdOf(sessionId, action.key),
    kind: action.kind,
    platform: action.platform,
    accountId: action.accountId,
    offset: action.offset,
    runAt: toUtcIso(action.runAtMs),
    staleAt: toUtcIso(action.staleAtMs),
    state: action.state,
    attempts: 0,
    lastError: null,
    reason: action.reason,
    result: null,
    firedAt: null,
    finishedAt: null,
    plannedVersion: version,
  };
}

const keeps = (r: JobRecord): boolean => r.state === 'completed' || r.state === 'failed' || r.state === 'running';

/**
 * Re-planning after an update: completed, failed and running jobs stay as they were; pending,
 * skipped and cancelled ones take the new plan (moving their time); jobs no longer wanted become
 * `cancelled`; created platform lives get an `update-live` (details changed) or a `delete-live`
 * (target dropped or its live turned off). A pending update-live or delete-live of an earlier
 * version that is still owed stays pending (an update-live is superseded by a newer one).
 */
export function mergePlan(existing: readonly JobRecord[], planned: readonly PlannedAction[], ctx: MergeContext): JobRecord[] {
  const byKey = new Map(existing.map((r) => [r.key, r]));
  const out = new Map<string, JobRecord>();
  for (const action of planned) {
    const old = byKey.get(action.key);
    if (old && keeps(old)) out.set(action.key, old);
    else out.set(action.key, { ...toJobRecord(ctx.sessionId, ctx.version, action), attempts: old?.attempts ?? 0 });
  }
  const liveTargets = new Set(ctx.targets.filter(hasPlatformLive).map((t) => targetKey(t.platform, t.accountId)));
  for (const old of existing) {
    if (out.has(old.key)) continue;
    if (old.state !== 'pending' || isStillWanted(old, ctx, liveTargets)) out.set(old.key, old);
    else out.set(old.key, { ...old, state: 'cancelled', reason: cancelReason(old, ctx, liveTargets) });
  }
  for (const created of ctx.createdLives) {
    const [platform, accountId] = splitTarget(created);
    if (!liveTargets.has(created)) {
      addExtra(out, ctx, 'delete-live', platform, accountId, null, 'the target was removed or its live turned off');
    } else if (ctx.liveDetailsChanged) {
      addExtra(out, ctx, 'update-live', platform, accountId, `v${ctx.version}`, null);
    }
  }
  return [...out.values()];
}

/**
 * A pending `update-live` or `delete-live` from an earlier version is not in the new plan (it was
 * added by an update), yet may still be owed to the platform: an update-live as long as the live
 * exists and no newer update-live replaces it, a delete-live as long as the target stays removed.
 */
function isStillWanted(old: JobRecord, ctx: MergeContext, liveTargets: ReadonlySet<string>): boolean {
  if (old.platform === null || old.accountId === null) return false;
  const target = targetKey(old.platform, old.accountId);
  if (!ctx.createdLives.has(target)) return false;
  if (old.kind === 'update-live') return liveTargets.has(target) && !ctx.liveDetailsChanged;
  if (old.kind === 'delete-live') return !liveTargets.has(target);
  return false;
}

function cancelReason(old: JobRecord, ctx: MergeContext, liveTargets: ReadonlySet<string>): string {
  const stillLive = old.platform !== null && old.accountId !== null && liveTargets.has(targetKey(old.platform, old.accountId));
  if (old.kind === 'update-live' && stillLive && ctx.liveDetailsChanged) return `superseded by the update to version ${ctx.version}`;
  return 'no longer part of the session after an update';
}

export interface CancelContext {
  sessionId: string;
  version: number;
  nowMs: number;
  startMs: number;
  endMs: number;
  notice: boolean;
  hasHooks: boolean;
  createdLives: ReadonlySet<string>;
  targets: readonly SessionTarget[];
}

/**
 * Cancelling: pending jobs become `cancelled`; created lives are deleted (`delete-live`); with
 * `notice`, every target already announced gets a cancellation post (`cancel-notice`); hooks get
 * `session.cancelled` (the session-level `cancel-notice`).
 */
export function planCancel(existing: readonly JobRecord[], ctx: CancelContext): JobRecord[] {
  const out = new Map<string, JobRecord>();
  for (const r of existing) out.set(r.key, r.state === 'pending' ? { ...r, state: 'cancelled', reason: 'session cancelled' } : r);
  const mergeCtx = { ...ctx, liveDetailsChanged: false };
  for (const created of ctx.createdLives) {
    const [platform, accountId] = splitTarget(created);
    addExtra(out, mergeCtx, 'delete-live', platform, accountId, null, null);
  }
  if (ctx.notice) {
    const announced = new Set(
      existing.filter((r) => r.kind === 'announce' && r.state === 'completed' && r.platform && r.accountId).map((r) => targetKey(r.platform as Platform, r.accountId as string)),
    );
    for (const t of ctx.targets) {
      if (hasPlatformPosts(t) && announced.has(targetKey(t.platform, t.accountId))) {
        addExtra(out, mergeCtx, 'cancel-notice', t.platform, t.accountId, null, null);
      }
    }
  }
  if (ctx.hasHooks) addExtra(out, mergeCtx, 'cancel-notice', null, null, null, null);
  return [...out.values()];
}

function addExtra(
  out: Map<string, JobRecord>,
  ctx: Pick<MergeContext, 'sessionId' | 'version' | 'nowMs' | 'startMs' | 'endMs'>,
  kind: 'update-live' | 'delete-live' | 'cancel-notice',
  platform: Platform | null,
  accountId: string | null,
  suffix: string | null,
  reason: string | null,
): void {
  const key = actionKey(kind, platform, accountId, suffix);
  const existing = out.get(key);
  if (existing && existing.state !== 'cancelled' && existing.state !== 'skipped') return;
  out.set(
    key,
    toJobRecord(ctx.sessionId, ctx.version, {
      key,
      kind,
      platform,
      accountId,
      offset: null,
      runAtMs: ctx.nowMs,
      staleAtMs: staleAtFor(kind, ctx.nowMs, ctx.startMs, ctx.endMs),
      state: 'pending',
      reason,
    }),
  );
}

function splitTarget(key: string): [Platform, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at) as Platform, key.slice(at + 1)];
}
