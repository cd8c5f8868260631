import { join } from 'node:path';
import { findFreePort } from '../../src/shared/private-redis';
import type { Bench } from '../lib/setup';
import { percentile, resetBench, waitUntil } from '../lib/setup';
import { figure } from '../lib/figure';
import type { Figure } from '../lib/figure';
import { LIVECUE_ENTRY, ROOT, spawnNode } from '../lib/proc';
import type { Child } from '../lib/proc';

/**
 * The raw counterpart of `npm start`: plain JavaScript that loads the same substrate (express,
 * ioredis, bullmq), opens a Queue and a Worker on the bench Redis and answers /healthz.
 */
const RAW_START = `
const express = require('express');
const { Redis } = require('ioredis');
const { Queue, Worker } = require('bullmq');
const connection = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue('raw-start', { connection, prefix: '{bench-raw-start}' });
const worker = new Worker('raw-start', async () => undefined, { connection, prefix: '{bench-raw-start}' });
const app = express();
app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]).then(() => app.listen(Number(process.env.PORT), '127.0.0.1'));
process.once('SIGTERM', () => { Promise.all([worker.close(), queue.close()]).then(() => process.exit(0)); });
`;

/** Milliseconds from spawning `nodeArgs` to the first /healthz 200, then a SIGTERM stop. */
async function timeToHealthz(bench: Bench, nodeArgs: string[], label: string): Promise<number> {
  const port = await findFreePort();
  const t0 = performance.now();
  const child: Child = spawnNode(nodeArgs, label, bench.env({ PORT: String(port) }));
  try {
    await waitUntil(`${label} /healthz`, async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status === 200, 60_000, child, 5);
    return performance.now() - t0;
  } finally {
    await child.kill('SIGTERM');
  }
}

/** Startup, exec to /healthz 200: compiled `npm start` (API + workers) vs the raw substrate. */
export async function startup(bench: Bench): Promise<Record<string, Figure>> {
  const runs = bench.smoke ? 1 : bench.quick ? 3 : 5;
  await resetBench(bench);
  const livecue: number[] = [];
  const raw: number[] = [];
  const tsx: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    livecue.push(await timeToHealthz(bench, [join(ROOT, LIVECUE_ENTRY), 'all'], 'npm start (compiled)'));
    raw.push(await timeToHealthz(bench, ['-e', RAW_START], 'raw start'));
    tsx.push(await timeToHealthz(bench, ['--import', 'tsx', join(ROOT, 'src', 'main.ts'), 'all'], 'tsx src/main.ts'));
  }
  return {
    startup_ms_to_healthz: figure(percentile(livecue, 50), percentile(raw, 50), `ms from exec to /healthz 200, median of ${runs} (npm start, API + workers; raw: express + Queue + Worker)`, {
      livecueMaxMs: Math.round(Math.max(...livecue)), rawMaxMs: Math.round(Math.max(...raw)), tsxMedianMs: Math.round(percentile(tsx, 50)),
    }),
  };
}
