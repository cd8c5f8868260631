import type { JobRecord, Session } from '../domain/session';
import { parseJobId } from '../planning/action-key';
import type { SessionStore } from '../store/session-store';
import type { SyncMarks } from '../store/sync-marks';
import type { PlanCalls } from '../store/plan-calls';
import type { Clock } from '../shared/clock';
import { JOB_NAMES } from './job-catalog';
import { ACTION_QUEUES, queueOf } from './queues';
import type { Queues } from './queues';
import { repairSessionJobs } from './repair-session-jobs';
import type { RepairCounts } from './repair-session-jobs';
import type { Scheduler } from './scheduler';

export interface ReconcileReport extends RepairCounts {
  sessionsChecked: number;
  /** `running` actions whose job BullMQ gave up on (worker killed again and again) or lost. */
  rearmed: number;
  /** Sessions taken from the to-sync set (a queue write owed since their store write). */
  drained: number;
  /** Whether this run swept every session and every queued job. */
  fullSweep: boolean;
}

export interface ReconcileDeps {
  store: SessionStore;
  queues: Queues;
  scheduler: Scheduler;
  clock: Clock;
  /** The to-sync set; without it only the sweep runs. */
  marks?: SyncMarks;
  /** Claims the daily full sweep: true when it is due (SyncMarks.claimSweep). */
  claimSweep?: () => Promise<boolean>;
  /** The plan-call index, repaired with the queues (src/store/plan-calls.ts). */
  planCalls?: PlanCalls;
}

/**
 * What the periodic reconcile job needs, from the deps of a worker process. The full sweep (every
 * session of the look-back, every queued job) runs once per LIVECUE_RECONCILE_SWEEP_EVERY_MS (a day).
 */
export function reconcileDepsOf(deps: { config: { reconcileSweepEveryMs: number }; sessions: SessionStore; syncMarks: SyncMarks; queues: Queues; scheduler: Scheduler; clock: Clock; planCalls: PlanCalls }): ReconcileDeps {
  const { sessions, syncMarks, queues, scheduler, clock, config, planCalls } = deps;
  return { store: sessions, marks: syncMarks, queues, scheduler, clock, planCalls, claimSweep: () => syncMarks.claimSweep(config.reconcileSweepEveryMs) };
}

const LOOKBACK_MS = 3 * 86_400_000;
const BATCH = 500;

/**
 * The periodic run (every LIVECUE_RECONCILE_EVERY_MS): drains the to-sync set (sessions whose
 * queue write failed after their store write: each pending job gets its plan's due time), re-arms
 * running actions whose worker died, and sweeps everything only when the daily sweep is due.
 */
export async function reconcileDue(deps: ReconcileDeps): Promise<ReconcileReport> {
  const full = deps.claimSweep ? await deps.claimSweep() : true;
  return run(deps, full);
}

/**
 * Makes BullMQ equal to the store (invariant 1), all of it: the to-sync set, then every session of
 * the look-back (a pending action without a job, or with a job due at another time than its runAt)
 * and every queued job (orphans: their action is no longer pending). For repairs and tests.
 */
export async function reconcile(deps: ReconcileDeps): Promise<ReconcileReport> {
  return run(deps, true);
}

async function run(deps: ReconcileDeps, full: boolean): Promise<ReconcileReport> {
  const report: ReconcileReport = { sessionsChecked: 0, restored: 0, moved: 0, orphansRemoved: 0, rearmed: 0, drained: 0, fullSweep: full };
  if (deps.marks) await drainMarks(deps, deps.marks, report);
  const pendingIds = new Set<string>();
  await eachRecentSession(deps, async (s) => {
    report.sessionsChecked += 1;
    if (full) {
      await repairSessionJobs(deps, s, report);
      for (const j of s.jobs) if (j.state === 'pending') pendingIds.add(j.id);
    }
    for (const id of await rearmAbandoned(deps, s, report)) pendingIds.add(id);
  });
  if (full) await removeOrphans(deps, pendingIds, report);
  return report;
}

/** Each marked session is repaired, then its mark cleared (unless it was written again meanwhile). */
async function drainMarks(deps: ReconcileDeps, marks: SyncMarks, report: ReconcileReport): Promise<void> {
  for (let round = 0; round < 1000; round += 1) {
    const batch = await marks.pending(BATCH);
    if (batch.length === 0) return;
    const sessions = await deps.store.getMany(batch.map((m) => m.sessionId));
    for (const s of sessions) if (s) await repairUntilStable(deps, s, report);
    await marks.clear(batch);
    report.drained += batch.length;
    if (batch.length < BATCH) return;
  }
}

/** A session written again while it was repaired is repaired again from its new records. */
async function repairUntilStable(deps: ReconcileDeps, first: Session, report: ReconcileReport): Promise<void> {
  let s: Session | null = first;
  for (let i = 0; i < 3 && s; i += 1) {
    await repairSessionJobs(deps, s, report);
    const now: Session | null = await deps.store.get(s.id);
    if (!now || now.version === s.version) return;
    s = now;
  }
}

async function eachRecentSession(deps: ReconcileDeps, visit: (s: Session) => Promise<void>): Promise<void> {
  let fromMs = deps.clock.now() - LOOKBACK_MS;
  let afterId: string | undefined;
  for (;;) {
    const page = await deps.store.listIds({ fromMs, toMs: Infinity, limit: BATCH, ...(afterId ? { afterId } : {}) });
    if (page.length === 0) return;
    for (const s of await deps.store.getMany(page.map((p) => p.id))) if (s) await visit(s);
    const last = page[page.length - 1];
    if (!last || page.length < BATCH) return;
    fromMs = last.startMs;
    afterId = last.id;
  }
}

/**
 * A `running` action whose worker died holding it more often than BullMQ allows (it failed the job
 * as stalled), or whose job is gone, runs again; the effects ledger makes the re-run safe.
 */
async function rearmAbandoned(deps: ReconcileDeps, s: Session, report: ReconcileReport): Promise<string[]> {
  const rearmed: string[] = [];
  for (const j of await findAbandoned(deps.queues, s.jobs.filter((r) => r.state === 'running'))) {
    const back = await deps.store.updateJob(s.id, j.key, { op: 'delay', now: deps.clock.nowIso(), lastError: 'its worker stopped while running it; run again' });
    if (!back.ok) continue;
    rearmed.push(j.id);
    await deps.scheduler.sync(s.id, [back.record]);
    report.rearmed += 1;
  }
  return rearmed;
}

async function findAbandoned(queues: Queues, running: JobRecord[]): Promise<JobRecord[]> {
  const out: JobRecord[] = [];
  for (const record of running) {
    const job = await queues[queueOf(record)].getJob(record.id);
    if (!job || (await job.getState()) === 'failed') out.push(record);
  }
  return out;
}

/** Delayed or waiting jobs whose action is not pending in the store (or whose session is gone or older than the look-back). */
async function removeOrphans(deps: ReconcileDeps, pendingIds: Set<string>, report: ReconcileReport): Promise<void> {
  for (const name of ACTION_QUEUES) {
    for (const job of await deps.queues[name].getJobs(['delayed', 'waiting', 'prioritized'], 0, -1)) {
      // Webhook deliveries belong to events, not to a session action.
      if (job.name === JOB_NAMES.deliverWebhook) continue;
      const parsed = job.id ? parseJobId(job.id) : null;
      if (!job.id || pendingIds.has(job.id) || !parsed) continue;
      const session = await deps.store.get(parsed.sessionId);
      if (session?.jobs.find((j) => j.id === job.id)?.state === 'pending') continue;
      try {
        await job.remove();
        report.orphansRemoved += 1;
      } catch {
        // taken by a worker meanwhile
      }
    }
  }
}
