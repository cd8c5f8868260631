/**
 * Fault: a worker process SIGKILLed again and again at random points of a busy schedule (before,
 * during and after platform calls). Proves the ledger (claim → call → record, with a platform
 * lookup of in-doubt effects: workers/once.ts) and BullMQ's stalled-job recovery together: every
 * action is done exactly once, none is lost. Without the ledger a killed post is posted again
 * (two posts for one announce job); without stalled recovery the killed job never finishes.
 */
import { killAndWait, spawnLiveCue } from '../support/processes';
import type { WorkerProcess } from '../support/processes';
import { registerAccounts, startTestApp } from '../support/app';
import type { TestApp } from '../support/app';
import { startTestSandbox } from '../support/sandbox';
import type { Sandbox } from '../../src/sandbox/server';
import { createFacebookSessions, expectExactlyOnce, faultEnv, pick, sleep, waitAllFinished, workerReady } from './support/fault-env';

describe('a worker SIGKILLed at random points of a busy schedule', () => {
  let sandbox: Sandbox;
  let api: TestApp;
  let env: Record<string, string>;
  const children: WorkerProcess[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    // Kills this dense make BullMQ give up on a job now and then (stalled 3×); reconcile re-arms it.
    // Every 2 s here (as in worker-crash-loop), so the re-armed job still runs inside its window;
    // one re-armed later only records what its dead attempt posted (pastStale), never posts late.
    env = faultEnv(sandbox, { LIVECUE_RECONCILE_EVERY_MS: '2000' });
    api = await startTestApp({ ...env, LOG_LEVEL: 'error' }, 'api');
    await registerAccounts(api);
  });
  afterAll(async () => {
    for (const c of children) await killAndWait(c);
    await api.stop();
    await sandbox.close();
  });

  it('does every action exactly once and loses none', async () => {
    const sessions = pick(4, 10);
    const kills = pick(4, 12);
    // Every Facebook call is carried out at once but answered 500 ms later: kills land mid-call.
    sandbox.faults.add({ platform: 'facebook', delayMs: 500, times: 100_000 });
    const ids = await createFacebookSessions(api, sessions, { startsInMs: pick(28_000, 75_000), durationMs: 6000, offsets: pick(['PT24S', 'PT18S', 'PT12S'], ['PT55S', 'PT45S', 'PT35S', 'PT25S', 'PT15S']), staggerMs: 700 });

    for (let i = 0; i < kills; i += 1) {
      const worker = spawnLiveCue('worker', env);
      children.push(worker);
      await workerReady(worker);
      await sleep(200 + Math.floor(Math.random() * 1800));
      await killAndWait(worker, 'SIGKILL');
    }
    const last = spawnLiveCue('worker', env);
    children.push(last);
    const finished = await waitAllFinished(api, ids, pick(60_000, 120_000));
    await expectExactlyOnce(api, sandbox, finished);
  }, 240_000);
});
