/**
 * The raw baseline's worker: a bare BullMQ Worker that makes the same Facebook photo-post call the
 * LiveCue worker makes, to the same sandbox (axios, form body). Run as a child process by the bench:
 *   node --import tsx bench/raw-worker.ts <redisUrl> <sandboxUrl> <queue> [concurrency] [lockMs] [stalledMs]
 */
import axios from 'axios';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

const [redisUrl = '', sandboxUrl = '', queue = 'raw', concurrency = '50', lockMs = '10000', stalledMs = '5000'] = process.argv.slice(2);
const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const http = axios.create({ baseURL: `${sandboxUrl}/v23.0`, timeout: 60_000, validateStatus: () => true });

const worker = new Worker(
  queue,
  async (job) => {
    const data = job.data as { due?: number; s?: string };
    const caption = `Bench LCB${String(data.due ?? 0)}X ${job.id ?? ''}`;
    const res = await http.post(`/100000000000002/photos`, new URLSearchParams({ url: `${sandboxUrl}/__sandbox/promo.jpg`, caption, access_token: 'raw-bench-token' }));
    if (res.status >= 300) throw new Error(`sandbox answered ${res.status}`);
    return { id: (res.data as { id?: string }).id ?? null };
  },
  { connection, prefix: `{bench-${queue}}`, concurrency: Number(concurrency), lockDuration: Number(lockMs), stalledInterval: Number(stalledMs), maxStalledCount: 2 },
);
worker.on('ready', () => { process.stdout.write('raw worker ready\n'); });
worker.on('error', (err) => { process.stderr.write(`raw worker: ${err.message}\n`); });
process.once('SIGTERM', () => {
  void worker.close().then(() => { connection.disconnect(); process.exit(0); });
});
