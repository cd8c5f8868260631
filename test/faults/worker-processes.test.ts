/**
 * Fault: two and three worker processes on one schedule (the in-process version is
 * test/integration/two-workers.test.ts). Proves that BullMQ's job lock plus the ledger keep every
 * action single across processes: one job id per action (deterministic ids, src/planning/action-key.ts)
 * and claim → call → record (workers/once.ts). Without the ledger, a job taken twice (a lock lost
 * to a slow event loop, a stalled-job check) posts twice; without deterministic ids, every
 * reschedule would add a second job.
 */
import { registerAccounts, startTestApp } from '../support/app';
import type { TestApp } from '../support/app';
import { killAndWait, spawnLiveCue } from '../support/processes';
import type { WorkerProcess } from '../support/processes';
import { startTestSandbox } from '../support/sandbox';
import type { Sandbox } from '../../src/sandbox/server';
import { createFacebookSessions, expectExactlyOnce, faultEnv, pick, waitAllFinished, workerReady } from './support/fault-env';

// Short form: three processes; long form: two and three.
describe.each(pick([3], [2, 3]))('%i worker processes on one schedule', (count) => {
  let sandbox: Sandbox;
  let api: TestApp;
  const children: WorkerProcess[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    // Short locks and a busy event loop make BullMQ hand a job to a second worker more often.
    const env = faultEnv(sandbox, { LIVECUE_LOCK_DURATION_MS: '2000', LIVECUE_STALLED_INTERVAL_MS: '500' });
    api = await startTestApp({ ...env, LOG_LEVEL: 'error' }, 'api');
    await registerAccounts(api);
    for (let i = 0; i < count; i += 1) children.push(spawnLiveCue('worker', env));
    await Promise.all(children.map((c) => workerReady(c)));
  });
  afterAll(async () => {
    for (const c of children) await killAndWait(c);
    await api.stop();
    await sandbox.close();
  });

  it('does no action twice', async () => {
    sandbox.faults.add({ platform: 'facebook', delayMs: 300, times: 100_000 });
    const ids = await createFacebookSessions(api, pick(4, 12), { startsInMs: 7000, durationMs: 3000, offsets: ['PT5S', 'PT4S', 'PT3S'], staggerMs: 150 });
    const finished = await waitAllFinished(api, ids, 60_000);
    await expectExactlyOnce(api, sandbox, finished);
  }, 120_000);
});
