/**
 * Fault: SIGTERM (a deploy, a scale-down) while a worker is in the middle of a platform call.
 * Proves the graceful stop of src/main.ts + workers/start-workers.ts: the API stops taking requests
 * at once, the running job is allowed to finish (Facebook holds its answer back 3 s) and is recorded
 * completed, and the process exits 0 within LIVECUE_SHUTDOWN_GRACE_MS. Without it (default SIGTERM
 * death) the exit code is not 0 and the job is left running until the stalled check hands it on.
 */
import { findFreePort } from '../../src/shared/private-redis';
import { registerAccounts, startTestApp, waitFor } from '../support/app';
import type { TestApp } from '../support/app';
import { killAndWait, spawnLiveCue } from '../support/processes';
import type { WorkerProcess } from '../support/processes';
import { startTestSandbox } from '../support/sandbox';
import type { Sandbox } from '../../src/sandbox/server';
import { createFacebookSessions, faultEnv, workerReady } from './support/fault-env';

describe('SIGTERM while a job talks to a platform', () => {
  let sandbox: Sandbox;
  let api: TestApp;
  let child: WorkerProcess;
  let env: Record<string, string>;
  let url: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    const port = await findFreePort();
    url = `http://127.0.0.1:${port}`;
    env = faultEnv(sandbox, { PORT: String(port), HOST: '127.0.0.1', LIVECUE_SHUTDOWN_GRACE_MS: '8000', LIVECUE_PLATFORM_TIMEOUT_MS: '6000' });
    api = await startTestApp({ ...env, PORT: '0', LOG_LEVEL: 'error' }, 'api');
    await registerAccounts(api);
    child = spawnLiveCue('all', env);
    await workerReady(child);
  });
  afterAll(async () => {
    await killAndWait(child);
    await api.stop();
    await sandbox.close();
  });

  it('stops taking requests, finishes the running job and exits 0 within the grace time', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    sandbox.faults.add({ platform: 'facebook', method: 'POST', match: '/v23.0/100000000000002/', delayMs: 3000, times: 1 });
    const [id] = await createFacebookSessions(api, 1, { startsInMs: 60_000, durationMs: 60_000, offsets: ['PT58S'], live: false });
    await waitFor('the post to reach Facebook', () => sandbox.state.facebook.posts.length === 1, 20_000);

    const termAt = Date.now();
    child.child.kill('SIGTERM');
    await waitFor('the API to refuse new connections', async () => {
      try {
        await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(500) });
        return false;
      } catch {
        return true;
      }
    }, 2000, 50);
    expect(Date.now() - termAt).toBeLessThan(2000);
    const code = await child.exited;
    const tookMs = Date.now() - termAt;
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(8000 + 2000);
    expect(tookMs).toBeGreaterThan(1500); // it waited for Facebook's answer

    const session = (await api.call('GET', `/v1/sessions/${id ?? ''}`)).body;
    const announce = session.jobs.find((j: any) => j.kind === 'announce');
    expect({ state: announce.state, attempts: announce.attempts, reused: announce.result?.reused }).toEqual({ state: 'completed', attempts: 1, reused: false });
    expect(sandbox.state.facebook.posts).toHaveLength(1);
  }, 60_000);
});
