import { registerAccounts, startTestApp, waitFor } from '../support/app';
import type { TestApp } from '../support/app';
import { startReceiver } from '../support/webhook-receiver';

describe('a session defined over HTTP runs on time, end to end', () => {
  let app: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    app = await startTestApp();
    receiver = await startReceiver('hook-secret-123');
    await registerAccounts(app);
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  it('creates lives, posts promos, sends signed reminders, goes live and ends', async () => {
    const startMs = Date.now() + 6000;
    const created = await app.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: {
        title: 'Mega Livestream cuối tuần – Chợ Cồn',
        startsAt: new Date(startMs).toISOString(),
        endsAt: new Date(startMs + 4000).toISOString(),
        stageId: 'mega-stage',
        host: { name: 'KOL khách mời', phone: '0905000000' },
        vendor: { name: 'Quầy Cô Lan', stall: 'A10', market: 'Chợ Cồn' },
        products: [{ name: 'Mực rim me', price: 180000 }],
        targets: [
          { platform: 'facebook', accountId: 'fb-cho-con' },
          { platform: 'youtube', accountId: 'yt-sct' },
          { platform: 'tiktok', accountId: 'tt-cho-con', live: true },
        ],
        announceOffsets: ['PT4S'],
        reminderOffsets: ['PT3S'],
        notify: [{ type: 'webhook', url: receiver.url, secret: 'hook-secret-123' }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const id: string = created.body.id;
    expect(created.body.startsAtLocal).toMatch(/\+07:00$/);
    const kinds = created.body.jobs.map((j: any) => j.id.slice(id.length + 2)).sort();
    expect(kinds).toEqual(
      [
        'announce__facebook__fb-cho-con__PT4S',
        'announce__tiktok__tt-cho-con__PT4S',
        'end-live',
        'end-live__facebook__fb-cho-con',
        'end-live__youtube__yt-sct',
        'go-live',
        'go-live__facebook__fb-cho-con',
        'go-live__youtube__yt-sct',
        // The default on-air guards, planned and skipped: T-10 and T-3 minutes are past for a start seconds away.
        'guard__PT10M',
        'guard__PT3M',
        'prepare-live__facebook__fb-cho-con',
        'prepare-live__youtube__yt-sct',
        'reminder__PT3S',
      ].sort(),
    );

    const live = await waitFor('session live', async () => {
      const s = await app.call('GET', `/v1/sessions/${id}`, { role: 'viewer' });
      return s.body.status === 'live' ? s.body : undefined;
    }, 20_000);
    expect(Date.now()).toBeGreaterThanOrEqual(startMs);
    const ended = await waitFor('session ended', async () => {
      const s = await app.call('GET', `/v1/sessions/${id}`, { role: 'viewer' });
      return s.body.status === 'ended' ? s.body : undefined;
    }, 20_000);
    expect(live.status).toBe('live');
    for (const job of ended.jobs) expect({ id: job.id, state: job.state, lastError: job.lastError }).toEqual({ id: job.id, state: job.kind === 'guard' ? 'skipped' : 'completed', lastError: null });
    const fbTarget = ended.targets.find((t: any) => t.platform === 'facebook');
    expect(fbTarget.liveId).toEqual(expect.any(String));
    expect(fbTarget.postIds).toHaveLength(1);

    const state = await (await fetch(`${app.sandboxUrl}/__sandbox/state`)).json();
    expect(state.facebook.posts).toHaveLength(1);
    expect(state.facebook.posts[0].message).toContain('Mega Livestream cuối tuần');
    expect(state.facebook.posts[0].message).toContain('180.000 ₫');
    expect(state.facebook.lives[0].status).toBe('VOD');
    expect(state.youtube.broadcasts[0].lifeCycleStatus).toBe('complete');
    expect(state.tiktok.posts).toHaveLength(1);

    const types = await waitFor('hook events', () => {
      const t = receiver.events.map((e) => e.body.type);
      return t.includes('session.ended') ? t : undefined;
    });
    expect(new Set(types)).toEqual(new Set(['session.reminder', 'session.cue', 'session.live', 'session.ended']));
    expect(receiver.events.every((e) => e.valid)).toBe(true);
    const cue = receiver.events.find((e) => e.body.type === 'session.cue');
    // Phone numbers are stored normalised (api.md "Reminders that reach people": 84… form).
    expect(cue?.body.data.host).toEqual({ name: 'KOL khách mời', phone: '84905000000' });
    expect(cue?.body.data.manualPlatforms).toEqual([{ platform: 'tiktok', accountId: 'tt-cho-con' }]);
  }, 60_000);
});
