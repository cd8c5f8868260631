import { registerAccounts, startTestApp } from '../support/app';
import { faultEnv, killMidCallAndRecover } from './support/fault-env';
import type { TestApp } from '../support/app';
import { killAndWait } from '../support/processes';
import type { WorkerProcess } from '../support/processes';
import { startTestSandbox } from '../support/sandbox';
import type { Sandbox } from '../../src/sandbox/server';

describe('a worker killed in the middle of a platform call', () => {
  let sandbox: Sandbox;
  let api: TestApp;
  let env: Record<string, string>;
  const children: WorkerProcess[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    env = faultEnv(sandbox, { LOG_LEVEL: 'warn' });
    api = await startTestApp(env, 'api');
    await registerAccounts(api);
  });
  afterAll(async () => {
    for (const c of children) await killAndWait(c);
    await api.stop();
    await sandbox.close();
  });

  it('does not post twice when the worker dies after Facebook received the post', async () => {
    const startMs = Date.now() + 40_000;
    const created = await api.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: {
        title: 'Quầy Cô Lan - Đặc sản khô',
        startsAt: new Date(startMs).toISOString(),
        durationMinutes: 30,
        targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }],
        announceOffsets: ['PT36S'],
        reminderOffsets: [],
      },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    // Facebook takes the post at once but holds its answer back: the worker dies before it hears.
    sandbox.faults.add({ platform: 'facebook', method: 'POST', match: '/v23.0/100000000000002/', delayMs: 30_000, times: 1 });

    const announce = await killMidCallAndRecover({
      api,
      env,
      children,
      sessionId: id,
      what: 'the post to reach Facebook',
      reached: () => sandbox.state.facebook.posts.length === 1,
      finishWithinMs: 30_000,
    });
    expect(announce.state).toBe('completed');
    expect(announce.result.reused).toBe(true);
    expect(announce.attempts).toBeGreaterThanOrEqual(2);
    expect(sandbox.state.facebook.posts).toHaveLength(1);
    expect(sandbox.requests.filter((r) => r.method === 'POST' && /\/(feed|photos)$/.test(r.path))).toHaveLength(1);
    const session = await api.call('GET', `/v1/sessions/${id}`);
    expect(session.body.targets[0].postIds).toEqual([announce.result.postId]);
  }, 90_000);
});
