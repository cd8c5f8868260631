import type { Bench } from '../lib/setup';
import { DEFAULT_LOCK_DURATION_MS, DEFAULT_STALLED_INTERVAL_MS } from '../../config/schema';
import { api, PAGE_ID, resetBench, startApiProcess, startWorkerProcess, waitUntil } from '../lib/setup';
import { spawnTs } from '../lib/proc';
import { rawQueue } from '../lib/raw';
import { figure } from '../lib/figure';
import type { Figure } from '../lib/figure';

/** Lock settings of both sides: LiveCue's defaults (LIVECUE_LOCK_DURATION_MS / STALLED_INTERVAL_MS). */
const LOCK_MS = DEFAULT_LOCK_DURATION_MS;
const STALLED_MS = DEFAULT_STALLED_INTERVAL_MS;

/**
 * A go-live job whose worker is SIGKILLed inside the platform call (the sandbox holds its answer):
 * seconds from the kill until the job starts again on the other, running worker.
 */
export async function crashRecovery(bench: Bench): Promise<Record<string, Figure>> {
  const livecue = await liveCueRecovery(bench);
  const raw = await rawRecovery(bench);
  return { crash_recovery_s: figure(livecue, raw, `s from SIGKILL to the go-live job running on another worker (lock ${LOCK_MS} ms, stalled check ${STALLED_MS} ms; goal ≤ 15)`) };
}

async function liveCueRecovery(bench: Bench): Promise<number> {
  await resetBench(bench);
  const env = { LIVECUE_LOCK_DURATION_MS: String(LOCK_MS), LIVECUE_STALLED_INTERVAL_MS: String(STALLED_MS) };
  const apiProc = await startApiProcess(bench, env);
  const first = await startWorkerProcess(bench, env);
  let second: Awaited<ReturnType<typeof startWorkerProcess>> | null = null;
  try {
    const startMs = Date.now() + 12_000;
    const created = await api(apiProc.url, 'POST', '/v1/sessions', {
      title: 'Mega Livestream cuối tuần', startsAt: new Date(startMs).toISOString(), durationMinutes: 30,
      targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: true, announce: false }], announceOffsets: [], reminderOffsets: [],
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    const id = String(created.body.id);
    const goLive = async (): Promise<{ attempts: number; state: string } | undefined> => {
      const s = await api(apiProc.url, 'GET', `/v1/sessions/${id}`);
      return (s.body.jobs as { kind: string; platform: string | null; attempts: number; state: string }[]).find((j) => j.kind === 'go-live' && j.platform === 'facebook');
    };
    let liveId = '';
    await waitUntil('the Facebook live to be created', async () => {
      const s = await api(apiProc.url, 'GET', `/v1/sessions/${id}`);
      liveId = (s.body.targets as { liveId?: string | null }[])[0]?.liveId ?? '';
      return liveId !== '';
    }, 20_000, first);
    bench.sandbox.faults.add({ platform: 'facebook', method: 'POST', match: `/v23.0/${liveId}`, delayMs: 60_000, times: 1 });
    await waitUntil('the go-live call to reach Facebook', () => bench.sandbox.requests.some((r) => r.method === 'POST' && r.path === `/v23.0/${liveId}`), 30_000, first);
    second = await startWorkerProcess(bench, env);
    const killedAt = performance.now();
    await first.kill('SIGKILL');
    await waitUntil('the go-live job to start on the other worker', async () => ((await goLive())?.attempts ?? 0) >= 2, 60_000, second, 50);
    const seconds = (performance.now() - killedAt) / 1000;
    if (!bench.smoke) await waitUntil('the go-live job to complete', async () => (await goLive())?.state === 'completed', 60_000, second, 200);
    return seconds;
  } finally {
    await first.kill('SIGKILL');
    await second?.kill('SIGTERM');
    await apiProc.stop();
  }
}

async function rawRecovery(bench: Bench): Promise<number> {
  await resetBench(bench);
  const args = [bench.redis.url, bench.sandbox.baseUrl, 'raw', '10', String(LOCK_MS), String(STALLED_MS)];
  const first = spawnTs('bench/raw-worker.ts', args, {});
  await first.waitFor(/raw worker ready/);
  const queue = rawQueue(bench.client);
  let second: ReturnType<typeof spawnTs> | null = null;
  try {
    bench.sandbox.faults.add({ platform: 'facebook', method: 'POST', match: `/v23.0/${PAGE_ID}/photos`, delayMs: 60_000, times: 1 });
    await queue.add('go-live', { due: Date.now() }, { jobId: 'raw-go-live' });
    const calls = () => bench.sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/photos')).length;
    await waitUntil('the raw call to reach the sandbox', () => calls() >= 1, 20_000, first);
    second = spawnTs('bench/raw-worker.ts', args, {});
    await second.waitFor(/raw worker ready/);
    const killedAt = performance.now();
    await first.kill('SIGKILL');
    const other = second;
    await waitUntil('the raw job to run on the other worker', () => calls() >= 2, 60_000, other, 50);
    return (performance.now() - killedAt) / 1000;
  } finally {
    await queue.close();
    await first.kill('SIGKILL');
    await second?.kill('SIGTERM');
  }
}
