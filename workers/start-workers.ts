import { Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { hostname } from 'node:os';
import type { Deps } from '../src/deps';
import { JOB_NAMES } from '../src/scheduling/job-catalog';
import { ACTION_QUEUES, bullPrefix } from '../src/scheduling/queues';
import { reconcileDepsOf, reconcileDue } from '../src/scheduling/reconcile';
import { forgetEndedCampaignSubscribers } from '../src/channels/forget-subscribers';
import { pruneSessions } from '../src/store/prune-sessions';
import { createBackoff } from './backoff';
import { processWebhookDelivery } from './deliver-webhook-job';
import { processAction } from './process-action';
import { processMessageDelivery } from './deliver-message-job';
import { checkAccountHealth } from './processors/account-health';
import { observeWorker } from '../src/ops/observe-worker';
import { settleWithin } from '../src/shared/settle-within';

export interface RunningWorkers {
  workerId: string;
  workers: Worker[];
  /**
   * Finish current jobs (up to the grace time), then stop, bounded whatever Redis does: what
   * could not be closed in time is cut off and named in `abandoned` (empty after a clean stop).
   */
  close(): Promise<{ abandoned: string[] }>;
}

const HEARTBEAT_MS = 5000;
/** How long a forced close may wait for Redis before its connections are cut. */
const FORCED_CLOSE_MS = 1500;
/** How long cutting a connection, or a last store write, may take. */
const CUT_MS = 500;

/** One BullMQ Worker per queue, a heartbeat for /readyz, and the reconcile job scheduler. */
export async function startWorkers(deps: Deps): Promise<RunningWorkers> {
  const { config, logger } = deps;
  const workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const settings = { backoffStrategy: createBackoff(config.retryBaseMs) };
  const common = {
    connection: deps.bullRedis,
    concurrency: config.workerConcurrency,
    lockDuration: config.lockDurationMs,
    stalledInterval: config.stalledIntervalMs,
    maxStalledCount: 2,
    settings,
  };
  const workers: Worker[] = ACTION_QUEUES.map(
    (name) =>
      new Worker(
        name,
        async (job: Job, token?: string) => (job.name === JOB_NAMES.deliverWebhook ? processWebhookDelivery(job, deps) : job.name === JOB_NAMES.deliverMessage ? processMessageDelivery(job, deps, token) : processAction(job, deps, token)),
        { ...common, prefix: bullPrefix(config.redisPrefix, name) },
      ),
  );
  const maintenance = new Worker(
    'maintenance',
    async (job: Job) => {
      if (job.name === JOB_NAMES.reconcile) {
        const report = await reconcileDue(reconcileDepsOf(deps));
        if (report.restored > 0 || report.moved > 0 || report.orphansRemoved > 0) logger.warn('reconcile repaired the queues', { component: 'reconcile', ...report });
        return report;
      }
      if (job.name === JOB_NAMES.accountHealth) return checkAccountHealth(deps);
      if (job.name === JOB_NAMES.forgetSubscribers) return forgetEndedCampaignSubscribers(deps, deps.clock.now());
      if (job.name === JOB_NAMES.prune) return pruneSessions(deps, deps.clock.now(), config.keepEndedDays * 86_400_000);
      return { skipped: `unknown maintenance job ${job.name}` };
    },
    { ...common, concurrency: 1, prefix: bullPrefix(config.redisPrefix, 'maintenance') },
  );
  workers.push(maintenance);
  for (const w of workers) {
    w.on('error', (err) => logger.warn('worker connection problem', { component: 'worker', queue: w.name, error: err.message }));
    observeWorker(w, deps.metrics);
  }
  deps.watchdog.start(deps);
  await deps.queues.maintenance.upsertJobScheduler('reconcile', { every: config.reconcileEveryMs }, { name: JOB_NAMES.reconcile, data: {} });
  // Daily at 03:00 local time: refresh logins about to expire, flag what cannot be refreshed.
  await deps.queues.maintenance.upsertJobScheduler('prune', { pattern: '30 4 * * *', tz: config.timezone }, { name: JOB_NAMES.prune, data: {} });
  // Daily at 04:45 local time: subscriber contacts 30 days after their campaign ended are deleted.
  await deps.queues.maintenance.upsertJobScheduler('forget-subscribers', { pattern: '45 4 * * *', tz: config.timezone }, { name: JOB_NAMES.forgetSubscribers, data: {} });
  await deps.queues.maintenance.upsertJobScheduler('account-health', { pattern: '0 3 * * *', tz: config.timezone }, { name: JOB_NAMES.accountHealth, data: {} });

  const beat = async (): Promise<void> => {
    await deps.ops.heartbeat(workerId, deps.clock.now()).catch(() => undefined);
  };
  await beat();
  const timer = setInterval(() => void beat(), HEARTBEAT_MS);
  timer.unref();
  logger.info('workers started', { component: 'worker', workerId, queues: workers.map((w) => w.name), concurrency: config.workerConcurrency });

  return {
    workerId,
    workers,
    async close() {
      clearInterval(timer);
      const abandoned: string[] = [];
      const graceful = await settleWithin(Promise.all(workers.map((w) => w.close())), config.shutdownGraceMs);
      if (graceful !== 'done') {
        logger.warn('grace time over: handing back running jobs', { component: 'worker' });
        // close(true) still asks Redis to release locks: with Redis gone it never answers.
        const forced = await Promise.all(workers.map((w) => settleWithin(w.close(true), FORCED_CLOSE_MS)));
        const stuck = workers.filter((_w, i) => forced[i] !== 'done');
        await settleWithin(Promise.all(stuck.map((w) => w.disconnect())), CUT_MS);
        abandoned.push(...stuck.map((w) => `worker ${w.name}`));
      }
      if ((await settleWithin(deps.ops.leave(workerId), CUT_MS)) !== 'done') abandoned.push('worker heartbeat entry');
      return { abandoned };
    },
  };
}
