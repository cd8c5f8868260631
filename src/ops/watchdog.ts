import type { Deps } from '../deps';
import { readRedisPolicy } from '../api/handlers/health';
import { parseJobId } from '../planning/action-key';
import { QUEUE_NAMES } from '../scheduling/queues';
import { findOverdueDelayed } from './overdue';
import { clearOpsAlert, sendOpsAlert } from './send-ops-alert';
import type { OpsAlert } from './send-ops-alert';

const HEARTBEAT_WINDOW_MS = 30_000;
const PROBLEM_TOKENS = new Set(['invalid', 'expired', 'expiring']);
/** The console page whose Connect buttons reconnect an account. */
const RECONNECT_CONSOLE_PATH = '/console/accounts';

/**
 * Checks, every LIVECUE_WATCHDOG_EVERY_MS in every API and worker process, what would otherwise go
 * unnoticed: delayed jobs due but not picked up (> LIVECUE_OVERDUE_AFTER_MS), no worker heartbeat
 * in 30 s, Redis not `noeviction`, and platform accounts whose token is invalid, expired or
 * expiring. Each problem becomes an `ops.alert` (see send-ops-alert.ts).
 */
export interface Watchdog {
  /** Starts the timer (once, however often it is called). */
  start(deps: Deps): void;
  stop(): void;
  /** One round of checks; returns the alerts sent now (already-sent ones are not repeated). */
  check(deps: Deps): Promise<OpsAlert[]>;
}

export function createWatchdog(): Watchdog {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  const check = async (deps: Deps): Promise<OpsAlert[]> => {
    const sent: OpsAlert[] = [];
    for (const alert of await findProblems(deps)) {
      if (await sendOpsAlert(deps, alert)) sent.push(alert);
    }
    return sent;
  };
  return {
    start(deps) {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = true;
        check(deps)
          .catch((err: unknown) => {
            if (!timer) return; // stopped while checking: the connections are closing
            deps.logger.warn('watchdog check failed', { component: 'watchdog', error: err instanceof Error ? err.message : String(err) });
          })
          .finally(() => {
            running = false;
          });
      }, deps.config.watchdog.everyMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    check,
  };
}

/** Every current problem; problems that went away clear their alert so a new one alerts at once. */
async function findProblems(deps: Deps): Promise<OpsAlert[]> {
  return [...(await findOverdue(deps)), ...(await findWorkerGap(deps)), ...(await findRedisPolicy(deps)), ...(await findAccountProblems(deps))];
}

async function findOverdue(deps: Deps): Promise<OpsAlert[]> {
  const thresholdMs = deps.config.watchdog.overdueAfterMs;
  const { counts, jobs } = await findOverdueDelayed(deps.redis, deps.queues, deps.clock.now() - thresholdMs);
  const alerts: OpsAlert[] = [];
  for (const queue of QUEUE_NAMES) {
    if (counts[queue] === 0) {
      await clearOpsAlert(deps, 'job_overdue', queue);
      continue;
    }
    const sample = jobs.filter((j) => j.queue === queue).map((j) => ({ jobId: j.jobId, sessionId: parseJobId(j.jobId)?.sessionId ?? null, dueAt: new Date(j.dueMs).toISOString() }));
    const first = sample[0];
    alerts.push({
      alert: 'job_overdue',
      subject: queue,
      message: `${counts[queue]} delayed job(s) on the ${queue} queue are due for more than ${Math.round(thresholdMs / 1000)} s and no worker took them${first ? ` (first: ${first.jobId}, due ${first.dueAt})` : ''}`,
      ...(first?.sessionId ? { sessionId: first.sessionId } : {}),
      data: { queue, count: counts[queue], jobs: sample },
    });
  }
  return alerts;
}

async function findWorkerGap(deps: Deps): Promise<OpsAlert[]> {
  const live = await deps.ops.liveWorkers(deps.clock.now() - HEARTBEAT_WINDOW_MS);
  if (live.length > 0) {
    await clearOpsAlert(deps, 'no_worker', 'workers');
    return [];
  }
  return [{ alert: 'no_worker', subject: 'workers', message: 'no worker has sent a heartbeat in the last 30 s: scheduled jobs will not run (start `npm run worker`)', data: { workers: 0 } }];
}

async function findRedisPolicy(deps: Deps): Promise<OpsAlert[]> {
  const policy = await readRedisPolicy(deps);
  if (policy.evictionPolicy === null || policy.evictionPolicy === 'noeviction') {
    await clearOpsAlert(deps, 'redis_eviction', 'redis');
    return [];
  }
  return [{ alert: 'redis_eviction', subject: 'redis', message: `Redis maxmemory-policy is ${policy.evictionPolicy}: jobs and sessions may be evicted; set noeviction`, data: { evictionPolicy: policy.evictionPolicy } }];
}

async function findAccountProblems(deps: Deps): Promise<OpsAlert[]> {
  const alerts: OpsAlert[] = [];
  for (const account of await deps.accounts.list()) {
    if (!PROBLEM_TOKENS.has(account.tokenStatus) && !account.reconnect) {
      await clearOpsAlert(deps, 'account_problem', account.id);
      continue;
    }
    alerts.push({
      alert: 'account_problem',
      subject: account.id,
      message: `the ${account.platform} account '${account.name}' (${account.id}) has token status ${account.tokenStatus}${account.tokenStatusReason ? `: ${account.tokenStatusReason}` : ''}${account.reconnect ? `; reconnect it: ${RECONNECT_CONSOLE_PATH} → Connect ${account.platform}, or POST /v1/connections {"platform":"${account.platform}"}` : ''}`,
      data: {
        accountId: account.id,
        platform: account.platform,
        tokenStatus: account.tokenStatus,
        reason: account.tokenStatusReason,
        reconnect: account.reconnect,
        // The consent flow fixes it and keeps the account id (api.md "Connecting accounts").
        reconnectPath: RECONNECT_CONSOLE_PATH,
        reconnectRequest: { method: 'POST', path: '/v1/connections', body: { platform: account.platform } },
      },
    });
  }
  return alerts;
}
