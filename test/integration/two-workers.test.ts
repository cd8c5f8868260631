import { randomBytes } from 'node:crypto';
import { registerAccounts, startTestApp, uniquePrefix, waitFor } from '../support/app';
import type { TestApp } from '../support/app';
import { startTestSandbox } from '../support/sandbox';
import type { Sandbox } from '../../src/sandbox/server';

describe('two worker processes on one schedule', () => {
  let sandbox: Sandbox;
  let api: TestApp;
  let workers: TestApp[];

  beforeAll(async () => {
    sandbox = await startTestSandbox({ youtubeSettleMs: 100, tiktokPublishMs: 100 });
    const env = { REDIS_PREFIX: uniquePrefix(), SANDBOX_URL: sandbox.baseUrl, LIVECUE_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
    api = await startTestApp(env, 'api');
    workers = [await startTestApp(env, 'worker'), await startTestApp(env, 'worker')];
    await registerAccounts(api);
  });
  afterAll(async () => {
    for (const w of workers) await w.stop({ flush: false });
    await api.stop();
    await sandbox.close();
  });

  it('does every action exactly once when two workers compete for the jobs', async () => {
    const done = workers.map(() => 0);
    workers.forEach((w, i) => {
      for (const bull of w.workers?.workers ?? []) bull.on('completed', () => (done[i] = (done[i] ?? 0) + 1));
    });
    const base = Date.now() + 5000;
    const ids: string[] = [];
    // Three sessions × two offsets = 6 TikTok posts: within TikTok's 6 inits a minute per token.
    for (let i = 0; i < 3; i += 1) {
      const startMs = base + i * 300;
      const res = await api.call('POST', '/v1/sessions', {
        role: 'organizer',
        body: {
          title: `Phiên song song ${i}`,
          startsAt: new Date(startMs).toISOString(),
          endsAt: new Date(startMs + 2500).toISOString(),
          targets: [
            { platform: 'facebook', accountId: 'fb-cho-con' },
            { platform: 'youtube', accountId: 'yt-sct' },
            { platform: 'tiktok', accountId: 'tt-cho-con' },
          ],
          announceOffsets: ['PT3S', 'PT2S'],
          reminderOffsets: [],
        },
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    for (const id of ids) {
      await waitFor(`session ${id} ended`, async () => (await api.call('GET', `/v1/sessions/${id}`)).body.status === 'ended', 30_000);
    }
    const sessions = await Promise.all(ids.map(async (id) => (await api.call('GET', `/v1/sessions/${id}`)).body));
    for (const s of sessions) {
      // The default on-air guards (T-10, T-3 minutes) were past when these sessions, 5 s ahead, were saved: skipped.
      for (const job of s.jobs) expect({ id: job.id, state: job.state }).toEqual({ id: job.id, state: job.kind === 'guard' ? 'skipped' : 'completed' });
    }
    // One Facebook and one TikTok post per session and offset; one live per live target.
    expect(sandbox.state.facebook.posts).toHaveLength(6);
    expect(sandbox.state.tiktok.posts).toHaveLength(6);
    expect(sandbox.state.facebook.lives).toHaveLength(3);
    expect(sandbox.state.youtube.broadcasts).toHaveLength(3);
    expect(sandbox.requests.filter((r) => r.method === 'POST' && /\/(feed|photos)$/.test(r.path))).toHaveLength(6);
    expect(sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/live_videos'))).toHaveLength(3);
    // Both workers took part.
    expect(done.every((n) => n > 0)).toBe(true);
  }, 60_000);
});
