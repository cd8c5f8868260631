import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { testRedisUrl, TEST_TOKENS, uniquePrefix, waitFor, flushPrefix } from '../../support/app';
import { killAndWait, spawnLiveCue } from '../../support/processes';
import type { WorkerProcess } from '../../support/processes';
import { startTestSandbox } from '../../support/sandbox';
import type { Sandbox } from '../../../src/sandbox/server';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => {
        resolve(port);
      });
    });
  });

/** A full session at LOG_LEVEL=debug, JSON logs captured from the process: no token or stream key in them. */
describe('tokens never appear in logs', () => {
  let sandbox: Sandbox;
  let child: WorkerProcess | null = null;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    if (child) await killAndWait(child, 'SIGTERM');
    await sandbox.close();
    await flushPrefix(prefix);
  });

  it('runs posts, lives and token refreshes at debug level without logging a secret', async () => {
    const port = await freePort();
    child = spawnLiveCue('all', {
      PLATFORM_MODE: 'sandbox', REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, SANDBOX_URL: sandbox.baseUrl, PORT: String(port), HOST: '127.0.0.1',
      LIVECUE_TOKENS: Object.entries(TEST_TOKENS).map(([r, t]) => `${r}:${t}`).join(','), LIVECUE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'debug', LOG_FORMAT: 'json', LIVECUE_RETRY_BASE_MS: '200', LIVECUE_RATE_LIMIT_PER_MIN: '0',
    });
    const api = `http://127.0.0.1:${String(port)}`;
    const call = async (method: string, path: string, body?: unknown): Promise<any> => {
      const res = await fetch(`${api}${path}`, { method, headers: { authorization: `Bearer ${TEST_TOKENS.admin}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return res.json();
    };
    await waitFor('the API to answer', async () => (await fetch(`${api}/healthz`)).ok, 30_000);
    const secrets = {
      fb: `fb-page-secret-${randomBytes(6).toString('hex')}`,
      tt: `tt-access-secret-${randomBytes(6).toString('hex')}`,
      ttR: `tt-refresh-secret-${randomBytes(6).toString('hex')}`,
      yt: `yt-access-secret-${randomBytes(6).toString('hex')}`,
      ytR: `yt-refresh-secret-${randomBytes(6).toString('hex')}`,
    };
    const soon = new Date(Date.now() + 60_000).toISOString();
    const past = new Date(Date.now() - 60_000).toISOString();
    await call('POST', '/v1/accounts', { id: 'fb', platform: 'facebook', name: 'Fanpage Chợ Cồn', externalId: '100000000000002', credentials: { accessToken: secrets.fb } });
    await call('POST', '/v1/accounts', { id: 'tt', platform: 'tiktok', name: 'TikTok Chợ Cồn', externalId: 'tt-1', credentials: { accessToken: secrets.tt, refreshToken: secrets.ttR, expiresAt: soon } });
    await call('POST', '/v1/accounts', { id: 'yt', platform: 'youtube', name: 'YouTube Chợ Cồn', externalId: 'UC1', credentials: { accessToken: secrets.yt, refreshToken: secrets.ytR, expiresAt: past } });
    const startMs = Date.now() + 7000;
    const created = await call('POST', '/v1/sessions', {
      title: 'Phiên live kiểm tra nhật ký', startsAt: new Date(startMs).toISOString(), endsAt: new Date(startMs + 4000).toISOString(),
      targets: [{ platform: 'facebook', accountId: 'fb' }, { platform: 'youtube', accountId: 'yt' }, { platform: 'tiktok', accountId: 'tt' }],
      announceOffsets: ['PT5S'], reminderOffsets: [],
    });
    const session = await waitFor('the session to end', async () => {
      const s = await call('GET', `/v1/sessions/${String(created.id)}`);
      return s.status === 'ended' ? s : undefined;
    }, 40_000);
    // Everything ran but the two default on-air guards, whose offsets (T-10, T-3 minutes) were past when the session, 7 s ahead, was saved.
    expect(session.jobs.filter((j: any) => j.state !== 'completed').map((j: any) => `${j.id} ${j.state} ${j.lastError ?? ''}`)).toEqual([
      `${String(created.id)}__guard__PT10M skipped `,
      `${String(created.id)}__guard__PT3M skipped `,
    ]);

    const logs = child.output();
    expect(logs.split('\n').filter((l) => l.startsWith('{')).length).toBeGreaterThan(10);
    expect(logs).toContain('"level":"debug"');
    const issued = sandbox.tokens.list().filter((t) => t.issued).map((t) => t.token);
    expect(issued.length).toBeGreaterThanOrEqual(2); // the TikTok pair and the Google access token were refreshed
    const streamKeys = [
      ...sandbox.state.youtube.streams.map((s) => s.streamName),
      ...sandbox.state.facebook.lives.map((l) => l.secureStreamUrl.split('/').pop() ?? l.secureStreamUrl),
    ];
    expect(streamKeys.length).toBeGreaterThanOrEqual(2);
    for (const secret of [...Object.values(secrets), ...issued, ...streamKeys]) {
      expect({ secret, logged: logs.includes(secret) }).toEqual({ secret, logged: false });
    }
  }, 90_000);
});
