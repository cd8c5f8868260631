/**
 * Fault: a crash between the store write and the queue write (the session is stored, its BullMQ
 * jobs never added, or lost to a Redis failover). Simulated two ways: a session written through the
 * store without scheduling, and the BullMQ jobs of API-created sessions deleted. Proves the
 * periodic reconcile job (src/scheduling/reconcile.ts, run by the maintenance worker every
 * LIVECUE_RECONCILE_EVERY_MS; its full sweep, which finds jobs lost without a to-sync mark, every
 * LIVECUE_RECONCILE_SWEEP_EVERY_MS, a day by default, here as often): it restores one job per
 * pending action and every action then runs once. Without reconcile the actions never fire (the test times out with them pending).
 */
import { registerAccounts, startTestApp } from '../support/app';
import type { TestApp } from '../support/app';
import { startTestSandbox } from '../support/sandbox';
import type { Sandbox } from '../../src/sandbox/server';
import { planNew } from '../../src/sessions/new-session';
import { queueOf } from '../../src/scheduling/queues';
import { expectExactlyOnce, createFacebookSessions, faultEnv, pick, waitAllFinished } from './support/fault-env';

describe('a crash between the store write and the queue write', () => {
  let sandbox: Sandbox;
  let app: TestApp;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    app = await startTestApp({ ...faultEnv(sandbox), LOG_LEVEL: 'error', LIVECUE_RECONCILE_EVERY_MS: '1500', LIVECUE_RECONCILE_SWEEP_EVERY_MS: '1500' }, 'all');
    await registerAccounts(app);
  });
  afterAll(async () => {
    await app.stop();
    await sandbox.close();
  });

  it('restores the lost jobs with reconcile and runs each action once', async () => {
    const ids = await createFacebookSessions(app, pick(2, 6), { startsInMs: 9000, durationMs: 3000, offsets: ['PT5S', 'PT3S'], staggerMs: 300 });
    // Lose the queue side of the API-created sessions.
    let removed = 0;
    for (const id of ids) {
      const session = await app.deps.sessions.get(id);
      for (const j of session?.jobs.filter((r) => r.state === 'pending') ?? []) {
        const job = await app.deps.queues[queueOf(j)].getJob(j.id);
        if (job && (await job.getState()) === 'delayed') {
          await job.remove();
          removed += 1;
        }
      }
    }
    expect(removed).toBeGreaterThan(0);
    // And a session that only ever reached the store.
    const template = (await app.deps.sessions.get(ids[0] ?? ''))!;
    const startMs = Date.now() + 10_000;
    const definition = { ...pickDefinition(template), title: 'Chỉ trong store', startsAt: new Date(startMs).toISOString(), endsAt: new Date(startMs + 3000).toISOString() } as any;
    const id = 'ses_storeonly01';
    const at = new Date().toISOString();
    const written = await app.deps.sessions.write([{ id, create: true, expectedVersion: null, version: 1, status: 'scheduled', definition, createdAt: at, updatedAt: at, setJobs: planNew(app.deps, id, definition), delJobs: [] }]);
    expect(written.ok).toBe(true);

    const finished = await waitAllFinished(app, [...ids, id], 40_000);
    await expectExactlyOnce(app, sandbox, finished);
  }, 90_000);
});

/** The stored definition fields of a session (what the store writes), from one read back. */
function pickDefinition(s: any): Record<string, unknown> {
  const { id: _id, version: _v, status: _s, jobs: _j, runtime: _r, createdAt: _c, updatedAt: _u, ...definition } = s;
  return definition;
}
