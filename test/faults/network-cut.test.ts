/**
 * Fault: the network between LiveCue and Redis is cut (a TCP proxy in between resets every
 * connection and refuses new ones, then silently drops bytes), then heals. Proves the same
 * protections as a Redis restart, for a partition instead of a crash: the API answers
 * `503 unavailable` quickly and never hangs or answers 500 (fail-fast store connection,
 * src/store/redis.ts), and both connections reconnect by themselves when the link heals
 * (ioredis retryStrategy), so every job still fires exactly once.
 */
import { TEST_TOKENS, registerAccounts, startTestApp, testRedisUrl, waitFor } from '../support/app';
import type { TestApp } from '../support/app';
import { killAndWait, spawnLiveCue } from '../support/processes';
import type { WorkerProcess } from '../support/processes';
import { startTestSandbox } from '../support/sandbox';
import { startTcpProxy } from '../support/tcp-proxy';
import type { TcpProxy } from '../support/tcp-proxy';
import type { Sandbox } from '../../src/sandbox/server';
import { badAnswers, startApiLoad } from './support/api-load';
import { createFacebookSessions, expectExactlyOnce, faultEnv, pick, quietQueues, sleep, waitAllFinished, workerReady } from './support/fault-env';
import { expectNoHalfWrites } from './support/store-check';

describe('a network cut between LiveCue and Redis', () => {
  let proxy: TcpProxy;
  let sandbox: Sandbox;
  let api: TestApp;
  let worker: WorkerProcess;

  beforeAll(async () => {
    proxy = await startTcpProxy(Number(new URL(testRedisUrl()).port));
    sandbox = await startTestSandbox();
    const env = faultEnv(sandbox, { REDIS_URL: proxy.url });
    api = await startTestApp({ ...env, LOG_LEVEL: 'error' }, 'api');
    await registerAccounts(api);
    quietQueues(api);
    worker = spawnLiveCue('worker', env);
    await workerReady(worker);
  });
  afterAll(async () => {
    await killAndWait(worker);
    await api.stop();
    await proxy.close();
    await sandbox.close();
  });

  it('answers 503 during a dropped link, reconnects when it heals, and fires every job', async () => {
    const ids = await createFacebookSessions(api, pick(2, 5), { startsInMs: 20_000, durationMs: 4000, offsets: ['PT18S', 'PT12S', 'PT6S'], staggerMs: 500 });
    const load = startApiLoad(api.url, { concurrency: 3 });
    await sleep(1500);

    proxy.drop();
    const cutAt = Date.now();
    await sleep(pick(3000, 8000));
    const healAt = Date.now();
    proxy.heal();
    await waitFor('the API to answer again', async () => (await api.call('GET', '/v1/sessions?limit=1', { role: 'viewer' })).status === 200, 15_000);
    await sleep(1000);
    await load.stop();

    const during = load.answers.filter((a) => a.at >= cutAt && a.at < healAt);
    expect(during.length).toBeGreaterThan(0);
    expect(during.some((a) => a.status === 503)).toBe(true);
    expect(badAnswers(load.answers)).toEqual([]);
    expect(Math.max(...during.map((a) => a.ms))).toBeLessThan(3000);

    const finished = await waitAllFinished(api, ids, 60_000);
    await expectExactlyOnce(api, sandbox, finished);
    await expectNoHalfWrites(api, load.answers);
  }, 120_000);
});

/**
 * A silent partition (bytes vanish, no reset): the store connection has no command timeout
 * (src/store/redis.ts sets none), so a command waits for ever and the API request hangs instead
 * of answering 503. Protection: `commandTimeout` (2000 ms) and TCP keepAlive on the store
 * connection (src/store/redis.ts); without it this test fails.
 */
describe('a silent partition between the API and Redis', () => {
  let proxy: TcpProxy;
  let api: TestApp;
  beforeAll(async () => {
    proxy = await startTcpProxy(Number(new URL(testRedisUrl()).port));
    api = await startTestApp({ REDIS_URL: proxy.url, LOG_LEVEL: 'error' }, 'api');
    quietQueues(api);
  });
  afterAll(async () => {
    proxy.heal();
    await api.stop();
    await proxy.close();
  });

  it('answers 503 within a few seconds while the link drops every byte', async () => {
    proxy.blackhole();
    const res = await fetch(`${api.url}/v1/sessions?limit=1`, { headers: { authorization: `Bearer ${TEST_TOKENS.viewer}` }, signal: AbortSignal.timeout(4000) }).then((r) => r.status, () => 0);
    expect(res).toBe(503);
  }, 20_000);
});
