/**
 * `npm run soak -- --minutes 30 [--keep-minutes 5]`: holds ~100 jobs/s through LiveCue (one API and
 * one worker process, a private Redis, the sandbox) and reports Redis used_memory every 30 s, split
 * into queue keys (BullMQ, bounded by the retention settings) and store keys (sessions, indexes,
 * ledger). The store's retention (ended sessions removed after LIVECUE_KEEP_ENDED_DAYS, by the daily
 * prune job) is run here every 30 s with its window scaled to the soak (--keep-minutes), so both
 * parts can be seen to level off within the run.
 * Each second it imports 34 sessions of 3 jobs (a Facebook promo 2 s before the start, go-live,
 * end-live a minute later), so jobs fall due at about 100 a second. Not part of CI.
 */
import type { Redis } from 'ioredis';
import { bulkImport, sleep, startApiProcess, startBench, startWorkerProcess, usedMemory } from './lib/setup';
import { createKeys } from '../src/store/keys';
import { createSessionStore } from '../src/store/session-store';
import { pruneSessions } from '../src/store/prune-sessions';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) || fallback : fallback;
};
const minutes = arg('--minutes', 30);
const keepMinutes = arg('--keep-minutes', 5);
const SESSIONS_PER_S = 34;

async function keyBytes(redis: Redis, pattern: string): Promise<{ keys: number; bytes: number }> {
  let cursor = '0';
  let keys = 0;
  let bytes = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 2000);
    cursor = next;
    if (batch.length === 0) continue;
    const p = redis.pipeline();
    for (const k of batch) p.memory('USAGE', k, 'SAMPLES', '0');
    for (const [, v] of (await p.exec()) ?? []) bytes += Number(v ?? 0);
    keys += batch.length;
  } while (cursor !== '0');
  return { keys, bytes };
}

async function main(): Promise<void> {
  const bench = await startBench({ quick: false, smoke: false });
  const apiProc = await startApiProcess(bench);
  const worker = await startWorkerProcess(bench);
  const endAt = Date.now() + minutes * 60_000;
  const samples: { min: number; usedMB: number; queueMB: number; storeMB: number; completed: number }[] = [];
  let created = 0;
  let pruned = 0;
  const keys = createKeys('bench');
  const store = { redis: bench.client, keys, sessions: createSessionStore(bench.client, keys) };
  let nextSample = Date.now() + 30_000;
  const t0 = Date.now();
  process.stdout.write(`soak: ${minutes} min at ~${SESSIONS_PER_S * 3} jobs/s; ended sessions kept ${keepMinutes} min\n`);
  try {
    while (Date.now() < endAt) {
      const tick = Date.now();
      const startMs = tick + 5000;
      await bulkImport(apiProc.url, Array.from({ length: SESSIONS_PER_S }, (_, i) => ({
        title: `Soak ${created + i}`, startsAt: new Date(startMs + i * 20).toISOString(), durationMinutes: 1,
        targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }], announceOffsets: ['PT2S'], reminderOffsets: [],
      })));
      created += SESSIONS_PER_S;
      if (Date.now() >= nextSample) {
        nextSample += 30_000;
        pruned += (await pruneSessions(store, Date.now(), keepMinutes * 60_000)).removed;
        const queue = await keyBytes(bench.client, '{bench-*}*');
        const storeKeys = await keyBytes(bench.client, '{bench}*');
        const completed = (await Promise.all(['facebook', 'notify'].map((q) => bench.client.zcard(`{bench-${q}}:${q}:completed`)))).reduce((a, b) => a + b, 0);
        const s = { min: Math.round((Date.now() - t0) / 6000) / 10, usedMB: Math.round((await usedMemory(bench.client)) / 1e5) / 10, queueMB: Math.round(queue.bytes / 1e5) / 10, storeMB: Math.round(storeKeys.bytes / 1e5) / 10, completed };
        samples.push(s);
        process.stdout.write(`${JSON.stringify({ ...s, sessions: created, pruned, sandboxPosts: bench.sandbox.state.facebook.posts.length })}\n`);
      }
      const wait = 1000 - (Date.now() - tick);
      if (wait > 0) await sleep(wait);
    }
  } finally {
    await worker.kill('SIGTERM');
    await apiProc.stop();
    await bench.close();
  }
  // Retention keeps 20,000 completed jobs per queue: memory can only be flat once both queues hold that many.
  const firstFull = samples.find((s) => s.completed >= 40_000);
  const last = samples[samples.length - 1];
  if (firstFull && last) {
    process.stdout.write(`soak: after retention filled (${firstFull.min} → ${last.min} min): queue memory ${firstFull.queueMB} → ${last.queueMB} MB; store ${firstFull.storeMB} → ${last.storeMB} MB (ended sessions kept ${keepMinutes} min); used_memory ${firstFull.usedMB} → ${last.usedMB} MB\n`);
  } else if (last) {
    process.stdout.write(`soak: retention not yet filled after ${last.min} min (${last.completed} of 40,000 completed jobs kept): run longer (--minutes 15 or more) to see the queue memory flatten\n`);
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
