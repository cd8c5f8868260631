import type { Bench } from '../lib/setup';
import { api, bulkImport, percentile, resetBench, sleep, startApiProcess, startWorkerProcess, waitUntil } from '../lib/setup';
import { spawnTs } from '../lib/proc';
import type { Child } from '../lib/proc';
import { rawQueue } from '../lib/raw';
import { figure } from '../lib/figure';
import type { Figure } from '../lib/figure';

/** Accounts beside the bench's own: a YouTube channel and a second Facebook page. */
const PEAK_ACCOUNTS = [
  { id: 'yt-sct', platform: 'youtube', name: 'YouTube Sở Công Thương', externalId: 'UCsct', credentials: { accessToken: 'yt-bench-token-0123456789ab', refreshToken: 'yt-bench-refresh-0123456789', expiresAt: new Date(Date.now() + 86_400_000).toISOString() } },
  { id: 'fb-cho-han', platform: 'facebook', name: 'Fanpage Chợ Hàn', externalId: '100000000000003', credentials: { accessToken: 'fb-page-bench-0123456789abcd' } },
];

/**
 * A session going live at `startMs` on two Facebook pages and YouTube, without promos: four jobs
 * due at the start (the session cue and three platform lives; TikTok has no live API, so the third
 * live platform of the shape is a second Facebook page).
 */
function peakSession(startMs: number, n: number): Record<string, unknown> {
  return {
    title: `Giờ vàng ${n}`,
    startsAt: new Date(startMs).toISOString(),
    durationMinutes: 60,
    targets: [
      { platform: 'facebook', accountId: 'fb-cho-con', live: true, announce: false },
      { platform: 'facebook', accountId: 'fb-cho-han', live: true, announce: false },
      { platform: 'youtube', accountId: 'yt-sct', live: true },
    ],
    announceOffsets: [],
    reminderOffsets: [],
  };
}

interface StoredJob { runAt?: string; firedAt?: string; state?: string }

/** Every stored job record due at `startIso`. */
async function dueJobsOf(bench: Bench, startIso: string): Promise<StoredJob[]> {
  const keys = await bench.client.keys('{bench}:s:*');
  const hashes = await Promise.all(keys.map((k) => bench.client.hgetall(k)));
  return hashes.flatMap((h) => Object.entries(h).filter(([f]) => f.startsWith('j:')).map(([, v]) => JSON.parse(v) as StoredJob)).filter((j) => j.runAt === startIso);
}

/** Lateness (firedAt − runAt: when the worker started the job) of every job due at `startIso`. */
async function liveCueLateness(bench: Bench, startIso: string, timeoutMs: number): Promise<{ lateness: number[]; due: number }> {
  const expected = (await dueJobsOf(bench, startIso)).length;
  await waitUntil(`${expected} jobs due at the start to fire`, async () => (await dueJobsOf(bench, startIso)).filter((j) => j.firedAt).length >= expected, timeoutMs, undefined, 500).catch(() => undefined);
  const due = await dueJobsOf(bench, startIso);
  return { lateness: due.filter((j) => j.firedAt).map((j) => Date.parse(j.firedAt ?? '') - Date.parse(startIso)), due: due.length };
}

/**
 * The peak minute: `sessions` sessions starting in the same second, their go-live jobs (the
 * session cue and each platform live) due together, fired by one worker process. Raw: as many
 * BullMQ jobs due at that instant, each making one platform call; lateness at processor start.
 */
export async function peakMinute(bench: Bench): Promise<Record<string, Figure>> {
  const sessions = bench.smoke ? 20 : bench.quick ? 150 : 300;
  await resetBench(bench);
  const [apiProc, worker] = await Promise.all([startApiProcess(bench), startWorkerProcess(bench)]);
  let livecue: { lateness: number[]; due: number };
  let importMs: number;
  try {
    for (const account of PEAK_ACCOUNTS) {
      const res = await api(apiProc.url, 'POST', '/v1/accounts', account);
      if (res.status !== 201 && res.status !== 409) throw new Error(`account ${account.id}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const startMs = Math.ceil((Date.now() + 8000 + sessions * 20) / 1000) * 1000;
    const t0 = performance.now();
    await bulkImport(apiProc.url, Array.from({ length: sessions }, (_, n) => peakSession(startMs, n)), 1000);
    importMs = performance.now() - t0;
    const startIso = new Date(startMs).toISOString();
    livecue = await liveCueLateness(bench, startIso, startMs - Date.now() + 60_000);
  } finally {
    await Promise.all([apiProc.stop(), worker.kill('SIGTERM')]);
  }
  const raw = await rawPeak(bench, livecue.due);
  return {
    lateness_p99_ms_peak_minute: figure(percentile(livecue.lateness, 99), percentile(raw.lateness, 99), `ms (${sessions} sessions starting in the same second: ${livecue.due} jobs due together, 1 worker process; goal ≤ 1.5 × raw + 25)`, {
      livecueP50: percentile(livecue.lateness, 50), rawP50: percentile(raw.lateness, 50), livecueMax: Math.max(...livecue.lateness), rawMax: Math.max(...raw.lateness),
      livecueFired: livecue.lateness.length, livecueEarly: livecue.lateness.filter((l) => l < 0).length, rawFired: raw.lateness.length, importMs: Math.round(importMs),
    }),
  };
}

/** Raw: `count` jobs due at one instant, a bare BullMQ worker (one platform call each). */
async function rawPeak(bench: Bench, count: number): Promise<{ lateness: number[] }> {
  await resetBench(bench);
  const procs: Child[] = [spawnTs('bench/raw-worker.ts', [bench.redis.url, bench.sandbox.baseUrl, 'raw', '50'], {})];
  await Promise.all(procs.map((p) => p.waitFor(/raw worker ready/)));
  const queue = rawQueue(bench.client);
  try {
    const now = Date.now();
    const due = Math.ceil((now + 3000) / 1000) * 1000;
    await queue.addBulk(Array.from({ length: count }, (_, i) => ({ name: 'go-live', data: { due }, opts: { jobId: `raw-peak-${i}`, delay: due - now, timestamp: now } })));
    await waitUntil(`${count} raw jobs`, async () => (await queue.getCompletedCount()) >= count, due - Date.now() + 60_000, procs[0], 200);
    await sleep(100);
    const jobs = await queue.getCompleted(0, count - 1);
    return { lateness: jobs.map((j) => (j.processedOn ?? 0) - due) };
  } finally {
    await queue.close();
    await Promise.all(procs.map((p) => p.kill('SIGTERM')));
  }
}
