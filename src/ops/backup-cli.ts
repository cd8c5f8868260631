import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../../config/load-config';
import { createQueues, closeQueues } from '../scheduling/queues';
import { createScheduler } from '../scheduling/scheduler';
import { reconcile } from '../scheduling/reconcile';
import type { ReconcileReport } from '../scheduling/reconcile';
import { createSystemClock } from '../shared/clock';
import type { Clock } from '../shared/clock';
import { createKeys } from '../store/keys';
import { createRedis } from '../store/redis';
import { createSessionStore } from '../store/session-store';
import { parseBackup, restoreBackup, takeBackup } from './backup';

/** Settings of a backup run: only Redis is needed (no tokens, no keys: credentials stay sealed). */
function redisSettings(env: Record<string, string | undefined>) {
  return loadConfig({ ...env, PLATFORM_MODE: 'sandbox' });
}

/** `npm run backup -- <file>`: the store of REDIS_URL/REDIS_PREFIX to a JSON file. */
export async function backupToFile(env: Record<string, string | undefined>, path: string, clock: Clock = createSystemClock()): Promise<number> {
  const config = redisSettings(env);
  const redis = createRedis(config, { name: 'livecue-backup', forBullmq: true });
  try {
    const file = await takeBackup(redis, config.redisPrefix, clock.nowIso());
    // 0600 also when the file already existed (writeFileSync's mode applies only to new files).
    writeFileSync(path, JSON.stringify(file), { mode: 0o600 });
    chmodSync(path, 0o600);
    return file.keys.length;
  } finally {
    redis.disconnect();
  }
}

/** `npm run restore -- <file> [--force]`: fill REDIS_PREFIX from a backup, then restore the queue (reconcile). */
export async function restoreFromFile(env: Record<string, string | undefined>, path: string, options: { force?: boolean; clock?: Clock } = {}): Promise<{ keys: number; reconcile: ReconcileReport }> {
  const config = redisSettings(env);
  const clock = options.clock ?? createSystemClock();
  const redis = createRedis(config, { name: 'livecue-restore', forBullmq: true });
  const queues = createQueues(redis, { redisPrefix: config.redisPrefix, maxAttempts: config.maxAttempts });
  try {
    const keys = await restoreBackup(redis, config.redisPrefix, parseBackup(readFileSync(path, 'utf8')), options.force ? { force: true } : {});
    const store = createSessionStore(redis, createKeys(config.redisPrefix));
    const report = await reconcile({ store, queues, scheduler: createScheduler(queues, clock), clock });
    return { keys, reconcile: report };
  } finally {
    await closeQueues(queues);
    redis.disconnect();
  }
}

if (require.main === module) {
  const [command, path, flag] = process.argv.slice(2);
  const usage = 'usage: backup-cli.ts backup <file> | restore <file> [--force]   (REDIS_URL, REDIS_PREFIX from the environment)\n';
  const job =
    command === 'backup' && path
      ? backupToFile(process.env, path).then((n) => `backed up ${n} keys to ${path}`)
      : command === 'restore' && path
        ? restoreFromFile(process.env, path, { force: flag === '--force' }).then((r) => `restored ${r.keys} keys; reconcile restored ${r.reconcile.restored} jobs of ${r.reconcile.sessionsChecked} sessions`)
        : Promise.reject(new Error(usage));
  job.then(
    (message) => {
      process.stdout.write(`${message}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
