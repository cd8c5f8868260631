/**
 * Fault: Redis (AOF on) stopped and restarted under load. Proves (1) the store connection fails
 * fast without an offline queue and the error handler maps it to `503 unavailable` + Retry-After
 * (src/store/redis.ts, src/api/errors.ts): without them a request hangs or answers 500; (2) ioredis
 * and BullMQ reconnect by themselves (retryStrategy): without it the API stays 503 and no job fires
 * after the restart; (3) no half-writes: the sessions stored are exactly those answered 201, each
 * with its jobs; (4) AOF keeps the schedule: every job still fires after the restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, startPrivateRedis } from '../../src/shared/private-redis';
import type { PrivateRedis } from '../../src/shared/private-redis';
import { registerAccounts, startTestApp, waitFor } from '../support/app';
import type { TestApp } from '../support/app';
import { killAndWait, spawnLiveCue } from '../support/processes';
import type { WorkerProcess } from '../support/processes';
import { startTestSandbox } from '../support/sandbox';
import type { Sandbox } from '../../src/sandbox/server';
import { badAnswers, startApiLoad } from './support/api-load';
import { createFacebookSessions, expectExactlyOnce, faultEnv, pick, quietQueues, sleep, waitAllFinished, workerReady } from './support/fault-env';
import { expectNoHalfWrites } from './support/store-check';

describe('Redis stopped and restarted under load', () => {
  let redis: PrivateRedis;
  let port: number;
  let dir: string;
  let sandbox: Sandbox;
  let api: TestApp;
  let worker: WorkerProcess;

  beforeAll(async () => {
    port = await findFreePort();
    dir = mkdtempSync(join(tmpdir(), 'livecue-restart-'));
    redis = await startPrivateRedis({ appendonly: true, port, dir });
    sandbox = await startTestSandbox();
    const env = faultEnv(sandbox, { REDIS_URL: redis.url });
    api = await startTestApp({ ...env, LOG_LEVEL: 'error' }, 'api');
    await registerAccounts(api);
    quietQueues(api);
    worker = spawnLiveCue('worker', env);
    await workerReady(worker);
  });
  afterAll(async () => {
    await killAndWait(worker);
    await api.stop({ flush: false });
    await sandbox.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 while Redis is down, reconnects, and still fires every job', async () => {
    const downMs = pick(4000, 10_000);
    // Jobs due before, during and after the outage.
    const ids = await createFacebookSessions(api, pick(3, 6), { startsInMs: 22_000, durationMs: 4000, offsets: ['PT20S', 'PT15S', 'PT10S', 'PT3S'], staggerMs: 500 });
    const load = startApiLoad(api.url, { concurrency: 3 });
    await sleep(2000);

    await redis.stop();
    const downAt = Date.now();
    const whileDown = await api.call('POST', '/v1/sessions', { role: 'organizer', body: { title: 'Trong lúc mất Redis', startsAt: new Date(Date.now() + 86_400_000).toISOString(), durationMinutes: 30, targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }] } });
    expect({ status: whileDown.status, code: whileDown.body.error.code }).toEqual({ status: 503, code: 'unavailable' });
    expect(whileDown.headers.get('retry-after')).not.toBeNull();
    const read = await api.call('GET', `/v1/sessions/${ids[0] ?? ''}`, { role: 'viewer' });
    expect(read.status).toBe(503);
    await sleep(Math.max(0, downMs - (Date.now() - downAt)));

    redis = await startPrivateRedis({ appendonly: true, port, dir });
    const upAt = Date.now();
    await waitFor('the API to answer again', async () => (await api.call('GET', '/v1/sessions?limit=1', { role: 'viewer' })).status === 200, 15_000);
    const reconnectMs = Date.now() - upAt;
    await sleep(1500);
    await load.stop();

    const outage = load.answers.filter((a) => a.at >= downAt && a.at < upAt);
    expect(outage.length).toBeGreaterThan(0);
    expect(badAnswers(load.answers)).toEqual([]);
    expect(Math.max(...outage.map((a) => a.ms))).toBeLessThan(3000);
    expect(outage.some((a) => a.status === 503)).toBe(true);
    expect(reconnectMs).toBeLessThan(10_000);

    const finished = await waitAllFinished(api, ids, 60_000);
    await expectExactlyOnce(api, sandbox, finished);
    await expectNoHalfWrites(api, load.answers);
  }, 120_000);
});
