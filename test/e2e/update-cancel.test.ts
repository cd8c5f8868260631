import { registerAccounts, startTestApp, waitFor } from '../support/app';
import type { TestApp } from '../support/app';
import { startReceiver } from '../support/webhook-receiver';

describe('updating and cancelling a session tells the platforms', () => {
  let app: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    app = await startTestApp();
    receiver = await startReceiver('hook-secret-456');
    await registerAccounts(app);
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  const jobOf = (session: { id: string; jobs: any[] }, prefix: string) => session.jobs.find((j: any) => String(j.id).slice(session.id.length + 2).startsWith(prefix));
  const sandboxState = async () => (await fetch(`${app.sandboxUrl}/__sandbox/state`)).json();

  it('updates the created lives after a title change, then deletes them and posts a notice on cancel', async () => {
    const startMs = Math.ceil((Date.now() + 120_000) / 1000) * 1000;
    const created = await app.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: {
        title: 'Góc livestream chợ Hàn',
        startsAt: new Date(startMs).toISOString(),
        durationMinutes: 60,
        targets: [
          { platform: 'facebook', accountId: 'fb-cho-con' },
          { platform: 'youtube', accountId: 'yt-sct' },
        ],
        announceOffsets: ['PT118S'],
        reminderOffsets: [],
        notify: [{ type: 'webhook', url: receiver.url, secret: 'hook-secret-456' }],
      },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const ready = await waitFor('lives created and the promo posted', async () => {
      const s = (await app.call('GET', `/v1/sessions/${id}`)).body;
      const done = ['prepare-live__facebook', 'prepare-live__youtube', 'announce__facebook'].every((k) => jobOf(s, k)?.state === 'completed');
      return done ? s : undefined;
    });
    const fbLiveId = ready.targets.find((t: any) => t.platform === 'facebook').liveId;
    expect(fbLiveId).toEqual(expect.any(String));

    const patched = await app.call('PATCH', `/v1/sessions/${id}`, { role: 'organizer', headers: { 'if-match': '"1"' }, body: { title: 'Góc livestream chợ Hàn – đổi giờ', startsAt: new Date(startMs + 600_000).toISOString() } });
    expect(patched.status).toBe(200);
    expect(patched.body.version).toBe(2);
    expect(['pending', 'running', 'completed']).toContain(jobOf(patched.body, 'update-live__facebook').state);
    expect(Date.parse(jobOf(patched.body, 'go-live__facebook').runAt)).toBe(startMs + 600_000);
    await waitFor('update-live done', async () => {
      const s = (await app.call('GET', `/v1/sessions/${id}`)).body;
      return ['update-live__facebook', 'update-live__youtube'].every((k) => jobOf(s, k)?.state === 'completed');
    });
    let state = await sandboxState();
    expect(state.facebook.lives[0].title).toBe('Góc livestream chợ Hàn – đổi giờ');
    expect(state.youtube.broadcasts[0].title).toBe('Góc livestream chợ Hàn – đổi giờ');
    expect(Date.parse(state.youtube.broadcasts[0].scheduledStartTime)).toBe(startMs + 600_000);

    const cancelled = await app.call('POST', `/v1/sessions/${id}/cancel`, { role: 'organizer', body: { notice: true } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(jobOf(cancelled.body, 'go-live__facebook').state).toBe('cancelled');
    const final = await waitFor('delete-live and cancel notices done', async () => {
      const s = (await app.call('GET', `/v1/sessions/${id}`)).body;
      const keys = ['delete-live__facebook', 'delete-live__youtube', 'cancel-notice__facebook', 'cancel-notice'];
      return keys.every((k) => jobOf(s, k)?.state === 'completed') ? s : undefined;
    });
    expect(final.targets.find((t: any) => t.platform === 'facebook').liveId).toBeNull();
    state = await sandboxState();
    expect(state.facebook.lives[0].deleted).toBe(true);
    expect(state.youtube.broadcasts).toHaveLength(0);
    expect(state.facebook.posts).toHaveLength(2);
    expect(state.facebook.posts[1].message).toMatch(/hủy|Hủy/);
    await waitFor('session.cancelled hook', () => receiver.events.some((e) => e.body.type === 'session.cancelled' && e.valid));
    // Cancelling again changes nothing.
    const again = await app.call('POST', `/v1/sessions/${id}/cancel`, { role: 'organizer' });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(final.version);
  }, 60_000);
});
