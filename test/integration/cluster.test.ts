import { randomBytes } from 'node:crypto';
import { Cluster } from 'ioredis';
import { TEST_TOKENS, uniquePrefix, waitFor } from '../support/app';
import { startLocalCluster } from '../support/cluster';
import type { LocalCluster } from '../support/cluster';
import { killAndWait, spawnLiveCue } from '../support/processes';
import type { WorkerProcess } from '../support/processes';
import { startTestSandbox } from '../support/sandbox';
import type { Sandbox } from '../../src/sandbox/server';
import { findFreePort } from '../../src/shared/private-redis';

/** The whole flow on a 3-master Redis Cluster: one API process and two worker processes. */
describe('LiveCue on a Redis Cluster', () => {
  let cluster: LocalCluster;
  let sandbox: Sandbox;
  let url: string;
  // A fixed prefix on this test's own cluster: its four queue hash tags fall on all three masters
  // (slot ranges of `redis-cli --cluster create` are fixed), so the spread check is deterministic.
  const prefix = 'cluster';
  const children: WorkerProcess[] = [];
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TEST_TOKENS.admin}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    cluster = await startLocalCluster(3);
    sandbox = await startTestSandbox({ youtubeSettleMs: 100, tiktokPublishMs: 100 });
    const port = await findFreePort();
    url = `http://127.0.0.1:${port}`;
    const env = {
      PLATFORM_MODE: 'sandbox',
      REDIS_CLUSTER_NODES: cluster.nodesEnv,
      REDIS_PREFIX: prefix,
      SANDBOX_URL: sandbox.baseUrl,
      LIVECUE_TOKENS: Object.entries(TEST_TOKENS).map(([r, t]) => `${r}:${t}`).join(','),
      LIVECUE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LIVECUE_RATE_LIMIT_PER_MIN: '0',
      LIVECUE_LOCK_DURATION_MS: '4000',
      LIVECUE_STALLED_INTERVAL_MS: '2000',
      LIVECUE_RETRY_BASE_MS: '200',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
    };
    children.push(spawnLiveCue('api', { ...env, PORT: String(port) }), spawnLiveCue('worker', env), spawnLiveCue('worker', env));
    await waitFor('the API on the cluster', async () => (await fetch(`${url}/healthz`).catch(() => null))?.ok === true, 30_000);
    const accounts = [
      { id: 'fb-cho-con', platform: 'facebook', name: 'Fanpage Chợ Cồn', externalId: '100000000000002', credentials: { accessToken: `fb-page-${uniquePrefix()}` } },
      { id: 'yt-sct', platform: 'youtube', name: 'YouTube Sở Công Thương', externalId: 'UCsct', credentials: { accessToken: `yt-${uniquePrefix()}`, refreshToken: `yt-r-${uniquePrefix()}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
      { id: 'tt-cho-con', platform: 'tiktok', name: 'TikTok Chợ Cồn', externalId: 'tt-open-1', credentials: { accessToken: `tt-${uniquePrefix()}`, refreshToken: `tt-r-${uniquePrefix()}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
    ];
    for (const a of accounts) expect((await call('POST', '/v1/accounts', a)).status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    for (const c of children) await killAndWait(c, 'SIGTERM');
    await sandbox?.close();
    await cluster?.stop();
  }, 30_000);

  it('keeps store keys on one slot and spreads the queues over the masters', async () => {
    const client = new Cluster(cluster.nodes);
    try {
      const slots = (await client.cluster('SLOTS')) as [number, number, ...unknown[]][];
      expect(slots).toHaveLength(3);
      const slotOf = async (key: string): Promise<number> => client.cluster('KEYSLOT', key);
      // Both worker processes beat into the store on the cluster.
      await waitFor('two worker heartbeats', async () => (await client.zcard(`{${prefix}}:workers`)) === 2, 30_000);
      expect(await slotOf(`{${prefix}}:s:ses_1`)).toBe(await slotOf(`{${prefix}}:idx:start`));
      const queueSlots = await Promise.all(['facebook', 'tiktok', 'youtube', 'notify'].map((q) => slotOf(`{${prefix}-${q}}:${q}:delayed`)));
      const owners = new Set(queueSlots.map((s) => slots.findIndex(([from, to]) => s >= from && s <= to)));
      expect(owners.size).toBeGreaterThan(1);
    } finally {
      client.disconnect();
    }
  });

  it('runs sessions from scheduled to ended with two workers, every action once', async () => {
    const base = Date.now() + 6000;
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const startMs = base + i * 300;
      const res = await call('POST', '/v1/sessions', {
        title: `Phiên cụm ${i}`,
        startsAt: new Date(startMs).toISOString(),
        endsAt: new Date(startMs + 2500).toISOString(),
        targets: [
          { platform: 'facebook', accountId: 'fb-cho-con' },
          { platform: 'youtube', accountId: 'yt-sct' },
          { platform: 'tiktok', accountId: 'tt-cho-con' },
        ],
        announceOffsets: ['PT3S'],
        reminderOffsets: [],
        // Sessions seconds ahead: a guard 10 or 3 minutes before would be planned `skipped`.
        guardOffsets: [],
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const bulk = await call('POST', '/v1/sessions/bulk', {
      sessions: [0, 1].map((i) => ({ title: `Phiên hàng loạt ${i}`, startsAt: new Date(base + 60_000 + i * 3_600_000).toISOString(), durationMinutes: 30, targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }], announceOffsets: [], reminderOffsets: [] })),
    });
    expect(bulk.status).toBe(201);
    for (const id of ids) {
      await waitFor(`session ${id} ended`, async () => (await call('GET', `/v1/sessions/${id}`)).body.status === 'ended', 40_000);
    }
    for (const id of ids) {
      const s = (await call('GET', `/v1/sessions/${id}`)).body;
      for (const job of s.jobs) expect({ id: job.id, state: job.state }).toEqual({ id: job.id, state: 'completed' });
    }
    expect(sandbox.state.facebook.posts).toHaveLength(3);
    expect(sandbox.state.tiktok.posts).toHaveLength(3);
    expect(sandbox.state.facebook.lives).toHaveLength(3);
    expect(sandbox.state.youtube.broadcasts).toHaveLength(3);
    const cancelled = await call('POST', `/v1/sessions/${String(bulk.body.created[0])}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
  }, 90_000);
});
