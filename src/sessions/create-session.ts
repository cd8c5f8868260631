import type { Deps } from '../deps';
import type { Session } from '../domain/session';
import { createId } from '../shared/ids';
import { auditQuietly } from '../store/audit-store';
import { syncMarkOf } from '../store/session-store';
import type { IdempotencySeal } from '../store/idempotency-store';
import { queuesAndIndex, scheduleAfterCommit } from './commit';
import { newSession, planNew } from './new-session';
import { findQuotaOverruns, plannedCallsOf } from '../planning/platform-rates';
import { previewWarnings } from './preview-warnings';
import { loadPlanLoad, quotaRefusal } from './rate-conflicts';
import type { Warning } from './preview-warnings';
import { checkHookUrls, checkSessionBody, loadRefs, targetAccountIds } from './session-input';
import { stageConflictError } from './stage-conflict';
import { checkTiktokChoices, loadTiktokCampaignFacts } from './tiktok-checks';
import type { TiktokCheckDeps } from './tiktok-checks';

export type CreateSessionDeps = Pick<Deps, 'config' | 'clock' | 'logger' | 'sessions' | 'syncMarks' | 'accounts' | 'campaigns' | 'audit' | 'scheduler' | 'redis' | 'keys' | 'planCalls'> & TiktokCheckDeps;

export interface CreatedSession {
  session: Session;
  /** What will not go as expected (offsets already past, platform limits, accounts). */
  warnings: Warning[];
}

export interface CreateSessionInput {
  /** The create body as received: checked here (schema, times, references, rules). */
  body: unknown;
  principal?: string | undefined;
  /** The answer as an idempotency record the store write commits with the session. */
  seal?: ((created: CreatedSession) => IdempotencySeal) | undefined;
}

/** One new session: check, plan, store (the commit), then its jobs and the audit line. */
export async function createSession(deps: CreateSessionDeps, input: CreateSessionInput): Promise<CreatedSession> {
  const { body, principal, seal } = input;
  const campaignId = (body as { campaignId?: unknown } | null)?.campaignId;
  const refs = await loadRefs(deps, typeof campaignId === 'string' ? [campaignId] : [], targetAccountIds(body));
  const checked = checkSessionBody(body, refs, deps);
  if (!checked.ok) throw checked.error;
  const def = checked.definition;
  const hookError = await checkHookUrls(def, deps);
  if (hookError) throw hookError;
  await checkTiktokChoices(deps, def, await loadTiktokCampaignFacts(deps, def), refs.accountDetails);
  const id = createId('ses');
  const jobs = planNew(deps, id, def);
  // A day whose lives cannot fit the platform's quota is refused now, not discovered at 21:00.
  const planLoad = await loadPlanLoad(deps, plannedCallsOf(jobs, def.targets));
  const overruns = findQuotaOverruns(plannedCallsOf(jobs, def.targets), planLoad.quota);
  if (overruns.length > 0) throw quotaRefusal(def, overruns);
  const warnings = await previewWarnings(deps, def, jobs, undefined, refs.accountDetails, planLoad);
  const at = deps.clock.nowIso();
  // The answer is exactly what the write stores, known before it (and sealed with it).
  const created: CreatedSession = { session: newSession(id, def, jobs, at), warnings };
  const written = await deps.sessions.write([{ id, create: true, expectedVersion: null, version: 1, status: 'scheduled', definition: def, createdAt: at, updatedAt: at, setJobs: jobs, delJobs: [] }], seal?.(created));
  if (!written.ok) {
    const conflict = written.errors.find((e) => e.code === 'stage_conflict');
    if (conflict?.conflicts) throw await stageConflictError(deps, def, conflict.conflicts);
    throw new Error(`session write refused: ${written.errors.map((e) => e.code).join(', ')}`);
  }
  // The queue write and the audit line go out together (one round trip).
  await Promise.all([
    scheduleAfterCommit(deps, [syncMarkOf({ id, updatedAt: at })], queuesAndIndex(deps, [{ records: jobs, targets: def.targets }], () => deps.scheduler.schedule(id, jobs))),
    auditQuietly(deps, principal, { action: 'session.create', target: id, details: { title: def.title, startsAt: def.startsAt } }),
  ]);
  return created;
}
