import autocannon from 'autocannon';
import type { Bench } from '../lib/setup';
import { ADMIN_TOKEN, resetBench, sixJobSession, sleep, startApiProcess } from '../lib/setup';
import { closedLoop, openLoop, rawQueue, rawSessionJobs } from '../lib/raw';
import { keepAliveClient } from '../lib/http';
import { percentile } from '../lib/setup';
import { figure } from '../lib/figure';
import type { Figure } from '../lib/figure';

const CONNECTIONS = 50;

/** POST /v1/sessions (6 jobs each) with 50 keep-alive clients vs one addBulk of 6 jobs, 50 in flight. */
export async function apiCreate(bench: Bench): Promise<Record<string, Figure>> {
  const seconds = bench.smoke ? 2 : bench.quick ? 6 : 15;
  await resetBench(bench);
  const apiProc = await startApiProcess(bench);
  try {
    const body = JSON.stringify(sixJobSession(Date.now() + 3 * 86_400_000));
    const cannon = (opts: Partial<autocannon.Options>) =>
      autocannon({
        url: `${apiProc.url}/v1/sessions`,
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body,
        connections: CONNECTIONS,
        duration: seconds,
        ...opts,
      });
    await cannon({ duration: 1 }); // warm-up (JIT, script cache)
    const full = await cannon({});
    if (full.non2xx > 0 || full.errors > 0) throw new Error(`POST /v1/sessions: ${full.non2xx} non-2xx, ${full.errors} errors`);
    const rate = full.requests.total / seconds;
    const half = Math.max(1, Math.floor(rate / 2));
    // Let the API drain what the saturating run left in flight: the raw side's closed loop awaits
    // its own, and without the pause the first paced requests queue behind ~50 unfinished ones.
    await sleep(2000);
    // Evenly spaced requests, as on the raw side (autocannon's overallRate sends each second's
    // quota in one burst at the top of the second, which measures queueing, not the API).
    const client = keepAliveClient(CONNECTIONS);
    const post = async (): Promise<void> => {
      const status = await client.post(`${apiProc.url}/v1/sessions`, body, { authorization: `Bearer ${ADMIN_TOKEN}` });
      if (status !== 201) throw new Error(`POST /v1/sessions at half rate: ${status}`);
    };
    const paced = await openLoop(half, seconds * 1000, post);
    client.close();

    const queue = rawQueue(bench.client);
    const start = Date.now() + 3 * 86_400_000;
    await closedLoop(CONNECTIONS, 1000, async (n) => { await queue.addBulk(rawSessionJobs(n + 1e7, start, Date.now())); });
    const raw = await closedLoop(CONNECTIONS, seconds * 1000, async (n) => { await queue.addBulk(rawSessionJobs(n, start, Date.now())); });
    const rawLat = await openLoop(half, seconds * 1000, async (n) => { await queue.addBulk(rawSessionJobs(n + 2e7, start, Date.now())); });
    await queue.close();
    return {
      api_create_sessions_per_s: figure(rate, raw.perSecond, 'sessions/s (6 jobs each, 50 concurrent)', { requests: full.requests.total }),
      api_create_p50_ms_at_half_rate: figure(percentile(paced, 50), percentile(rawLat, 50), `ms at ${half} sessions/s, evenly spaced`),
      api_create_p99_ms_at_half_rate: figure(percentile(paced, 99), percentile(rawLat, 99), `ms at ${half} sessions/s, evenly spaced (goal: livecue ≤ 10)`),
    };
  } finally {
    await apiProc.stop();
  }
}
