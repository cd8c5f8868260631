import type { Bench } from '../lib/setup';
import { api, resetBench, startApiProcess, startWorkerProcess, waitUntil } from '../lib/setup';
import { figure } from '../lib/figure';
import type { Figure } from '../lib/figure';

/** Quota units the sandbox's Google project counted (all days). */
function unitsUsed(bench: Bench): number {
  return Object.values(bench.sandbox.state.youtube.quotaUsed).reduce((a, b) => a + b, 0);
}

/**
 * The naive live, done by hand against the same sandbox: a stream and a broadcast per live,
 * bound, read, started and ended — what LiveCue did before the quota budget (issue #16).
 */
async function naiveLive(baseUrl: string, token: string, startMs: number): Promise<void> {
  const call = async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${baseUrl}/youtube/v3/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const parts = 'id,snippet,status,contentDetails';
  const stream = await call('POST', 'liveStreams?part=id,snippet,cdn,status,contentDetails', { snippet: { title: 'naive' }, cdn: { ingestionType: 'rtmp', resolution: 'variable', frameRate: 'variable' }, contentDetails: { isReusable: false } });
  const broadcast = await call('POST', `liveBroadcasts?part=${parts}`, {
    snippet: { title: 'naive', scheduledStartTime: new Date(startMs).toISOString(), scheduledEndTime: new Date(startMs + 60_000).toISOString() },
    status: { privacyStatus: 'public', selfDeclaredMadeForKids: false },
    contentDetails: { enableAutoStart: false, enableAutoStop: false, monitorStream: { enableMonitorStream: false } },
  });
  await call('POST', `liveBroadcasts/bind?id=${broadcast.id}&streamId=${stream.id}&part=${parts}`);
  await call('GET', `liveBroadcasts?id=${broadcast.id}&part=${parts}`);
  await call('GET', `liveStreams?id=${stream.id}&part=id,status`);
  await call('POST', `liveBroadcasts/transition?id=${broadcast.id}&broadcastStatus=live&part=${parts}`);
  await call('GET', `liveBroadcasts?id=${broadcast.id}&part=${parts}`);
  await call('POST', `liveBroadcasts/transition?id=${broadcast.id}&broadcastStatus=complete&part=${parts}`);
}

/**
 * `youtube_units_per_live`: YouTube quota units one scheduled live costs, as the sandbox's Google
 * project counts them, for LiveCue (N lives of one channel made, started and ended by the
 * workers; the channel's stream, made once, included) vs the naive stream-per-live sequence.
 */
export async function youtubeQuota(bench: Bench): Promise<Record<string, Figure>> {
  const lives = bench.smoke ? 3 : bench.quick ? 8 : 20;
  await resetBench(bench);
  const apiProc = await startApiProcess(bench);
  const worker = await startWorkerProcess(bench);
  try {
    const account = { id: 'yt-bench', platform: 'youtube', name: 'YouTube Chợ Cồn', externalId: 'UCbench', credentials: { accessToken: `yt-bench-${Date.now()}`, refreshToken: `yt-r-bench-${Date.now()}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } };
    const registered = await api(apiProc.url, 'POST', '/v1/accounts', account);
    if (registered.status !== 201) throw new Error(`youtube account: ${registered.status} ${JSON.stringify(registered.body)}`);
    const baseMs = Date.now() + 8000;
    const sessions = Array.from({ length: lives }, (_, i) => ({
      title: `Gian hàng ${i}`,
      startsAt: new Date(baseMs + i * 2500).toISOString(),
      endsAt: new Date(baseMs + i * 2500 + 1500).toISOString(),
      targets: [{ platform: 'youtube', accountId: 'yt-bench' }],
      announceOffsets: [],
      reminderOffsets: [],
    }));
    const bulk = await api(apiProc.url, 'POST', '/v1/sessions/bulk', { sessions });
    if (bulk.status !== 201) throw new Error(`youtube lives: ${bulk.status} ${JSON.stringify(bulk.body)}`);
    const ids = bulk.body.created as string[];
    await waitUntil('every YouTube live to end', async () => {
      const all = await Promise.all(ids.map(async (id) => (await api(apiProc.url, 'GET', `/v1/sessions/${id}`)).body.status as string));
      return all.every((s) => s === 'ended');
    }, 60_000 + lives * 5000, worker);
    const livecue = unitsUsed(bench) / lives;
    bench.sandbox.reset();
    await naiveLive(bench.sandbox.baseUrl, `yt-naive-${Date.now()}`, Date.now() - 1000);
    const raw = unitsUsed(bench);
    return { youtube_units_per_live: figure(livecue, raw, 'quota units / live', { lives, daily_lives_at_10000_units: Math.floor(10_000 / livecue) }) };
  } finally {
    await worker.kill('SIGTERM');
    await apiProc.stop();
  }
}
