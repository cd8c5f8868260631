/**
 * Fault: Redis runs a create's write, but the reply never comes back (the link dies just after the
 * request went out). The client sees `503 unavailable` while the sessions are stored — the
 * ambiguous outcome every networked store has. Proves the way out api.md promises: a retry with
 * the same Idempotency-Key replays the first answer (same ids) and creates nothing more, because
 * the write commits the idempotency answer in the same atomic step (src/store/lua/write-sessions.ts)
 * and a failed request only abandons a reservation that is still pending. Without either, the
 * retry made the sessions a second time. The queue write that never happened is restored by
 * reconcile.
 */
import { randomBytes } from 'node:crypto';
import { reconcile } from '../../src/scheduling/reconcile';
import { queueOf } from '../../src/scheduling/queues';
import { registerAccounts, startTestApp, testRedisUrl, waitFor } from '../support/app';
import type { TestApp } from '../support/app';
import { startTestSandbox } from '../support/sandbox';
import { startTcpProxy } from '../support/tcp-proxy';
import type { TcpProxy } from '../support/tcp-proxy';
import type { Sandbox } from '../../src/sandbox/server';
import { faultEnv } from './support/fault-env';
import { createFixtureCampaign, weeksAhead } from '../integration/campaigns/helpers';
import { shiftLocal } from '../../src/demo/fixture';

describe('a create whose reply from Redis is lost', () => {
  let proxy: TcpProxy;
  let sandbox: Sandbox;
  let api: TestApp;

  beforeAll(async () => {
    proxy = await startTcpProxy(Number(new URL(testRedisUrl()).port));
    sandbox = await startTestSandbox();
    api = await startTestApp({ ...faultEnv(sandbox, { REDIS_URL: proxy.url }), LOG_LEVEL: 'error' }, 'api');
    await registerAccounts(api);
    await createFixtureCampaign(api, weeks, campaignId);
  });
  afterAll(async () => {
    await api.stop();
    await proxy.close();
    await sandbox.close();
  });

  const weeks = weeksAhead(2);
  const campaignId = 'lost-reply';
  const sheet = (marker: string): string =>
    `title,startsAt,durationMinutes,targets\n${marker} hàng 1,${shiftLocal('2024-06-10T09:00', weeks, 'Asia/Ho_Chi_Minh')},30,facebook:fb-cho-con\n${marker} hàng 2,${shiftLocal('2024-06-10T11:00', weeks, 'Asia/Ho_Chi_Minh')},30,facebook:fb-cho-con\n`;

  const session = (title: string, hours: number): Record<string, unknown> => ({
    title,
    startsAt: new Date(Date.now() + hours * 3_600_000).toISOString(),
    durationMinutes: 30,
    targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }],
    announceOffsets: ['PT1H'],
    reminderOffsets: [],
  });

  const storedWithTitle = async (prefix: string) => {
    const page = await api.deps.sessions.listIds({ fromMs: 0, toMs: Infinity, limit: 100_000 });
    return (await api.deps.sessions.getMany(page.map((p) => p.id))).filter((s) => s !== null).filter((s) => s.title.startsWith(prefix));
  };

  it.each([
    ['POST /v1/sessions', '/v1/sessions', (marker: string): unknown => session(`${marker} một phiên`, 30), {}],
    ['POST /v1/sessions/bulk', '/v1/sessions/bulk', (marker: string): unknown => ({ sessions: [session(`${marker} a`, 40), session(`${marker} b`, 41)] }), {}],
    ['a CSV import', `/v1/campaigns/${campaignId}/import`, sheet, { 'content-type': 'text/csv' }],
  ])('%s answered 503 after the write ran: the retry with the same key replays it, nothing is made twice', async (_name, path, body, headers) => {
    const marker = `LOSTREPLY${randomBytes(4).toString('hex')}`;
    const request = { role: 'organizer' as const, body: body(marker), headers: { ...headers, 'Idempotency-Key': `retry-${marker}` } };
    proxy.loseRepliesAfter(marker);
    const first = await api.call('POST', path, request);
    expect({ status: first.status, code: first.body?.error?.code }).toEqual({ status: 503, code: 'unavailable' });
    proxy.heal();
    await waitFor('the API to answer again', async () => (await api.call('GET', '/v1/sessions?limit=1', { role: 'viewer' })).status === 200, 15_000);

    const stored = await storedWithTitle(marker);
    expect(stored.length).toBeGreaterThan(0); // the write did run: the outcome really was ambiguous
    const retry = await api.call('POST', path, request);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const ids = path === '/v1/sessions' ? [retry.body.id as string] : (retry.body.created as string[]);
    expect((await storedWithTitle(marker)).map((s) => s.id).sort()).toEqual([...ids].sort());

    // The queue write after the store write never ran: reconcile puts the jobs back.
    await reconcile({ store: api.deps.sessions, queues: api.deps.queues, scheduler: api.deps.scheduler, clock: api.deps.clock });
    for (const s of await storedWithTitle(marker)) {
      for (const j of s.jobs.filter((r) => r.state === 'pending')) expect(await api.deps.queues[queueOf(j)].getJob(j.id)).toBeTruthy();
    }
  }, 60_000);
});
