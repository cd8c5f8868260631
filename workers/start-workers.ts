import { Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { hostname } from 'node:os';
import type { Deps } from '../src/deps';
import { JOB_NAMES } from '../src/scheduling/job-catalog';
import { ACTION_QUEUES, bullPrefix } from '../src/scheduling/queues';
import { reconcileDepsOf, reconcileDue } from '../src/scheduling/reconcile';
import { pruneSessions } from '../src/store/prune-sessions';
import { createBackoff } from './backoff';
import { processWebhookDelivery } from './deliver-webhook-job';
import { processAction } from './process-action';
import { checkAccountHealth } from './processors/account-health';
import { observeWorker } from '../src/ops/observe-worker';

export interface RunningWorkers {
  workerId: string;
  workers: Worker[];
  /** Finish current jobs (up to the grace time), then stop. */
  close(): Promise<void>;
}

const HEARTBEAT_MS = 5000;

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
        async (job: Job, token?: string) => (job.name === JOB_NAMES.deliverWebhook ? processWebhookDelivery(job, deps) : processAction(job, deps, token)),
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
      const graceful = Promise.all(workers.map((w) => w.close()));
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => { resolve('timeout'); }, config.shutdownGraceMs).unref());
      if ((await Promise.race([graceful, timeout])) === 'timeout') {
        logger.warn('grace time over: handing back running jobs', { component: 'worker' });
        await Promise.all(workers.map((w) => w.close(true)));
      }
      await deps.redis.zrem(deps.keys.workers, workerId).catch(() => 0);
    },
  };
}
