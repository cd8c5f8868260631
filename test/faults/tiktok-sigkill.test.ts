import { registerAccounts, startTestApp } from '../support/app';
import { faultEnv, killMidCallAndRecover } from './support/fault-env';
import type { TestApp } from '../support/app';
import { killAndWait } from '../support/processes';
import type { WorkerProcess } from '../support/processes';
import { startTestSandbox } from '../support/sandbox';
import type { Sandbox } from '../../src/sandbox/server';

/**
 * TikTok's findPost only sees published public posts, so after a crash between the init and the
 * ledger record the worker keeps the claim in doubt (workers/processors/post.ts, 10 min grace) and
 * looks again instead of posting a second time.
 */
describe('a worker killed while TikTok holds back its init answer', () => {
  let sandbox: Sandbox;
  let api: TestApp;
  let env: Record<string, string>;
  const children: WorkerProcess[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox({ tiktokPublishMs: 3000 });
    env = faultEnv(sandbox, { LOG_LEVEL: 'warn' });
    api = await startTestApp(env, 'api');
    await registerAccounts(api);
  });
  afterAll(async () => {
    for (const c of children) await killAndWait(c);
    await api.stop();
    await sandbox.close();
  });

  it('posts once: the second worker waits for the in-doubt post to publish and finds it', async () => {
    const startMs = Date.now() + 40_000;
    const created = await api.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: {
        title: 'Quầy Cô Lan - Đặc sản khô',
        startsAt: new Date(startMs).toISOString(),
        durationMinutes: 30,
        targets: [{ platform: 'tiktok', accountId: 'tt-cho-con' }],
        announceOffsets: ['PT36S'],
        reminderOffsets: [],
      },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    sandbox.faults.add({ platform: 'tiktok', method: 'POST', match: '/v2/post/publish/content/init/', delayMs: 30_000, times: 1 });

    const announce = await killMidCallAndRecover({
      api,
      env,
      children,
      sessionId: id,
      what: 'the init to reach TikTok',
      reached: () => sandbox.state.tiktok.posts.length === 1,
      finishWithinMs: 45_000,
    });
    expect(announce.state).toBe('completed');
    expect(announce.result).toMatchObject({ reused: true, status: 'PUBLISH_COMPLETE' });
    expect(sandbox.state.tiktok.posts).toHaveLength(1);
    expect(sandbox.requests.filter((r) => r.path === '/v2/post/publish/content/init/')).toHaveLength(1);
    expect(announce.result.postId).toBe(sandbox.state.tiktok.posts[0]?.postIds[0]);
  }, 90_000);
});
