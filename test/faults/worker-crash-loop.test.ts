/**
 * Fault: a worker that crash-loops (killed three times in a row while the same job runs, e.g. an
 * OOM on a big payload or a node that keeps getting preempted). The promise: the action is still
 * done exactly once, or fails visibly. BullMQ fails a job that stalled more than maxStalledCount
 * (2, workers/start-workers.ts) with "job stalled more than allowable limit", and the store's
 * record would stay `running` for ever. Protection: reconcile re-arms `running` records whose BullMQ
 * job failed or is gone (src/scheduling/reconcile.ts); without it this test fails.
 */
import { killAndWait, spawnLiveCue } from '../support/processes';
import type { WorkerProcess } from '../support/processes';
import { registerAccounts, startTestApp, waitFor } from '../support/app';
import type { TestApp } from '../support/app';
import { startTestSandbox } from '../support/sandbox';
import type { Sandbox } from '../../src/sandbox/server';
import { createFacebookSessions, faultEnv, workerReady } from './support/fault-env';

describe('a worker crash-looping on one job', () => {
  let sandbox: Sandbox;
  let api: TestApp;
  let env: Record<string, string>;
  const children: WorkerProcess[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    env = faultEnv(sandbox, { LIVECUE_RECONCILE_EVERY_MS: '2000', LIVECUE_PLATFORM_TIMEOUT_MS: '30000' });
    api = await startTestApp({ ...env, LOG_LEVEL: 'error' }, 'api');
    await registerAccounts(api);
  });
  afterAll(async () => {
    for (const c of children) await killAndWait(c);
    await api.stop();
    await sandbox.close();
  });

  it('still goes live after three kills in a row', async () => {
    const ids = await createFacebookSessions(api, 1, { startsInMs: 12_000, durationMs: 300_000, offsets: [], live: true });
    const jobId = `${ids[0] ?? ''}__go-live__facebook__fb-cho-con`;
    children.push(spawnLiveCue('worker', env));
    await waitFor('the live to be created', () => sandbox.state.facebook.lives.length === 1, 20_000);
    // From now on Facebook takes each call but answers only after 60 s: go-live is active at each kill.
    sandbox.faults.add({ platform: 'facebook', delayMs: 60_000, times: 3 });
    for (let i = 0; i < 3; i += 1) {
      const before = sandbox.requests.length;
      if (i > 0) {
        const worker = spawnLiveCue('worker', env);
        children.push(worker);
        await workerReady(worker);
      }
      await waitFor('go-live to call Facebook', () => sandbox.requests.length > before, 40_000);
      await killAndWait(children[children.length - 1]!, 'SIGKILL');
    }
    children.push(spawnLiveCue('worker', env));
    const goLive = await waitFor('go-live to finish', async () => {
      const s = (await api.call('GET', `/v1/sessions/${ids[0] ?? ''}`)).body;
      const job = s.jobs.find((j: any) => j.id === jobId);
      return job.state === 'completed' || job.state === 'failed' ? job : undefined;
    }, 25_000);
    expect(goLive.state).toBe('completed');
    expect(sandbox.state.facebook.lives[0]?.status).toBe('LIVE');
  }, 180_000);
});
