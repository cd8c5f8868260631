import type { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import type { SinkMail } from '../../../src/sandbox/mail-sink';
import { createOffsetClock, createSystemClock } from '../../../src/shared/clock';
import { registerAccounts, startTestApp, uniquePrefix, waitFor } from '../../support/app';
import type { TestApp } from '../../support/app';
import { startReceiver } from '../../support/webhook-receiver';
import { parsePrometheus, sumOf } from '../ops/prometheus-text';

const MIN = 60_000;

/**
 * The on-air guard (api.md "On-air guard") end to end over HTTP against the sandbox. LiveCue and
 * its sandbox share one clock that the test moves; BullMQ keeps real time, so "the time came" is
 * the clock moved forward plus the due job promoted (as in facebook-usage.test.ts).
 */
describe('the on-air guard', () => {
  let app: TestApp;
  let hook: Awaited<ReturnType<typeof startReceiver>>;
  let ops: Awaited<ReturnType<typeof startReceiver>>;
  let offsetMs = 0;
  const clock = createOffsetClock(createSystemClock(), () => offsetMs);
  const pageToken = `fb-page-guard-${uniquePrefix()}`;
  const pageAccount = `fb-guard-${uniquePrefix()}`;

  beforeAll(async () => {
    hook = await startReceiver('guard-hook-secret');
    ops = await startReceiver('guard-ops-secret');
    app = await startTestApp({ LIVECUE_MAX_ATTEMPTS: '20', LIVECUE_OPS_WEBHOOKS: `${ops.url}#guard-ops-secret` }, 'all', { clock });
    await registerAccounts(app);
    const page = `1000${String(Math.floor(Math.random() * 1e11)).padStart(11, '0')}`;
    const res = await app.call('POST', '/v1/accounts', { body: { id: pageAccount, platform: 'facebook', name: 'Fanpage Chợ Hàn', externalId: page, credentials: { accessToken: pageToken } } });
    expect(res.status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await app.stop();
    await hook.close();
    await ops.close();
  });

  const sandbox = (path: string, init?: RequestInit) => fetch(`${app.sandboxUrl}${path}`, init);
  const mailTo = async (to: string): Promise<SinkMail[]> => ((await (await sandbox('/__sandbox/mail')).json()) as SinkMail[]).filter((m) => m.to.includes(to));
  const encoder = async (platform: 'facebook' | 'youtube', liveId: string, state: 'on' | 'off' | 'auto'): Promise<void> => {
    const res = await sandbox('/__sandbox/encoder', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ platform, liveId, state }) });
    expect(res.status).toBeLessThan(300);
  };
  const session = async (id: string): Promise<any> => (await app.call('GET', `/v1/sessions/${id}`)).body;
  const jobOf = async (id: string, key: string): Promise<any> => (await session(id)).jobs.find((j: any) => j.id === `${id}__${key}`);
  const finished = (id: string, key: string, timeoutMs = 30_000): Promise<any> =>
    waitFor(`${key} to finish`, async () => {
      const job = await jobOf(id, key);
      return job && ['completed', 'failed', 'skipped'].includes(job.state) ? job : undefined;
    }, timeoutMs);
  const queueOf = (key: string): Queue => {
    const platform = key.split('__')[1];
    return platform === 'facebook' ? app.deps.queues.facebook : platform === 'youtube' ? app.deps.queues.youtube : app.deps.queues.notify;
  };
  /** LiveCue's time is now `atMs`: the job due then runs now. */
  const runAt = async (atMs: number, id: string, key: string): Promise<void> => {
    offsetMs += atMs - clock.now();
    const job = await waitFor(`${key} in BullMQ`, () => queueOf(key).getJob(`${id}__${key}`).then((j) => j ?? undefined));
    if ((await job.getState()) === 'delayed') await job.promote();
  };
  async function create(body: Record<string, unknown>): Promise<{ id: string; startMs: number }> {
    const res = await app.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: { title: 'Đêm chợ Cồn', durationMinutes: 30, announceOffsets: [], reminderOffsets: [], notify: [{ type: 'webhook', url: hook.url, secret: 'guard-hook-secret' }], ...body },
    });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, startMs: Date.parse(res.body.startsAt) };
  }
  const liveOf = async (id: string, target: string): Promise<{ liveId: string; ingestUrl: string }> => {
    const t = (await session(id)).targets.find((x: any) => `${x.platform}:${x.accountId}` === target);
    return { liveId: t.liveId, ingestUrl: t.ingestUrl };
  };

  it('finds no signal at T-10 and T-3: host and hooks told, ops alerted at the last guard, signal none on the session and the board', async () => {
    const startMs = clock.now() + 12 * MIN;
    const { id } = await create({
      startsAt: new Date(startMs).toISOString(),
      targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }, { platform: 'youtube', accountId: 'yt-sct' }],
      host: { name: 'Chị Hoa', email: 'hoa-guard@cho.vn' },
    });
    const created = await session(id);
    expect(created.guardOffsets).toEqual(['PT10M', 'PT3M']);
    expect(created.jobs.filter((j: any) => j.kind === 'guard').map((j: any) => [j.offset, j.state])).toEqual([['PT10M', 'pending'], ['PT3M', 'pending']]);
    for (const key of ['prepare-live__facebook__fb-cho-con', 'prepare-live__youtube__yt-sct']) expect((await finished(id, key)).state).toBe('completed');
    const fb = await liveOf(id, 'facebook:fb-cho-con');
    const yt = await liveOf(id, 'youtube:yt-sct');
    await encoder('facebook', fb.liveId, 'off');
    await encoder('youtube', yt.liveId, 'off');
    const before = (await (await sandbox('/__sandbox/requests')).json()).length;

    await runAt(startMs - 10 * MIN, id, 'guard__PT10M');
    expect((await finished(id, 'guard__PT10M')).state).toBe('completed');
    const first = await waitFor('session.guard at T-10', () => hook.events.find((e) => e.body.type === 'session.guard' && e.body.sessionId === id));
    expect(first.valid).toBe(true);
    expect(first.body.data).toMatchObject({ signal: { 'facebook:fb-cho-con': 'none', 'youtube:yt-sct': 'none' }, final: false, offset: 'PT10M' });
    const hostMail = await waitFor('the host warned by email', async () => (await mailTo('hoa-guard@cho.vn')).find((m) => m.subject.includes('Chưa nhận được tín hiệu')));
    expect(hostMail.text).toContain('facebook:fb-cho-con: chưa có tín hiệu');
    expect(hostMail.text).toContain(yt.ingestUrl);
    // What was read: the bound stream on YouTube, the live video's ingest streams on Facebook.
    const reads = ((await (await sandbox('/__sandbox/requests')).json()) as any[]).slice(before);
    expect(reads.some((r) => r.platform === 'youtube' && r.method === 'GET' && r.path === '/youtube/v3/liveStreams')).toBe(true);
    expect(reads.some((r) => r.platform === 'facebook' && r.method === 'GET' && r.path.endsWith(`/${fb.liveId}`))).toBe(true);
    expect(ops.events.filter((e) => e.body.type === 'ops.alert' && e.body.sessionId === id)).toHaveLength(0);

    await runAt(startMs - 3 * MIN, id, 'guard__PT3M');
    expect((await finished(id, 'guard__PT3M')).state).toBe('completed');
    const last = await waitFor('session.guard at T-3', () => hook.events.find((e) => e.body.type === 'session.guard' && e.body.sessionId === id && e.body.data.final === true));
    expect(last.body.data.signal).toEqual({ 'facebook:fb-cho-con': 'none', 'youtube:yt-sct': 'none' });
    const alert = await waitFor('ops no_signal', () => ops.events.find((e) => e.body.type === 'ops.alert' && e.body.data.alert === 'no_signal' && e.body.sessionId === id));
    expect(alert.valid).toBe(true);
    expect(alert.body.data.signal).toEqual({ 'facebook:fb-cho-con': 'none', 'youtube:yt-sct': 'none' });

    const after = await session(id);
    for (const t of after.targets) {
      expect(t.signal).toBe('none');
      expect(Date.parse(t.signalCheckedAt)).toBeGreaterThanOrEqual(startMs - 3 * MIN);
    }
    const board = await app.call('GET', `/v1/board?from=${encodeURIComponent(new Date(startMs - 60 * MIN).toISOString())}&to=${encodeURIComponent(new Date(startMs + 60 * MIN).toISOString())}`, { role: 'viewer' });
    expect(board.body.sessions.find((s: any) => s.id === id).signals).toEqual([
      { target: 'facebook:fb-cho-con', signal: 'none', checkedAt: after.targets[0].signalCheckedAt },
      { target: 'youtube:yt-sct', signal: 'none', checkedAt: after.targets[1].signalCheckedAt },
    ]);
    const metrics = parsePrometheus(await (await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer test-ops-token-1-cccccccccccccc' } })).text());
    expect(sumOf(metrics, 'livecue_guard_checks_total', { platform: 'youtube', outcome: 'none' })).toBeGreaterThanOrEqual(2);
    expect(sumOf(metrics, 'livecue_guard_checks_total', { platform: 'facebook', outcome: 'none' })).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('keeps checking after the start: goes live when the signal arrives, fails with no_video when go-live\'s window ends without it', async () => {
    const startMs = clock.now() + 2 * MIN;
    const { id } = await create({ startsAt: new Date(startMs).toISOString(), guardOffsets: [], targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }, { platform: 'youtube', accountId: 'yt-sct' }] });
    for (const key of ['prepare-live__facebook__fb-cho-con', 'prepare-live__youtube__yt-sct']) expect((await finished(id, key)).state).toBe('completed');
    const fb = await liveOf(id, 'facebook:fb-cho-con');
    const yt = await liveOf(id, 'youtube:yt-sct');
    await encoder('facebook', fb.liveId, 'off');
    await encoder('youtube', yt.liveId, 'off');

    await runAt(startMs, id, 'go-live__facebook__fb-cho-con');
    const waiting = await waitFor('Facebook go-live to wait for video', async () => {
      const job = await jobOf(id, 'go-live__facebook__fb-cho-con');
      return job?.lastError?.includes('no video') && job.state === 'pending' ? job : undefined;
    });
    expect(waiting.attempts).toBe(0);
    const bull = await app.deps.queues.facebook.getJob(waiting.id);
    expect(await bull?.getState()).toBe('delayed');
    // The next check is a minute later (LiveCue's clock), for a 30-minute show.
    expect((bull?.timestamp ?? 0) + (bull?.delay ?? 0)).toBeGreaterThanOrEqual(clock.now() + 50_000);

    await encoder('facebook', fb.liveId, 'on');
    await runAt(startMs + MIN, id, 'go-live__facebook__fb-cho-con');
    const live = await finished(id, 'go-live__facebook__fb-cho-con');
    expect(live).toMatchObject({ state: 'completed', result: { status: 'LIVE' } });
    const state = await (await sandbox('/__sandbox/state')).json();
    expect(state.facebook.lives.find((l: any) => l.id === fb.liveId).status).toBe('LIVE');

    // YouTube never gets video: the last check inside the window (it ends with the show) fails it.
    await runAt(startMs, id, 'go-live__youtube__yt-sct');
    await waitFor('YouTube go-live to wait for video', async () => (await jobOf(id, 'go-live__youtube__yt-sct'))?.lastError?.includes('no video'));
    await runAt(startMs + 30 * MIN - 30_000, id, 'go-live__youtube__yt-sct');
    const failed = await finished(id, 'go-live__youtube__yt-sct');
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toContain('until the end of the go-live window');
    const event = await waitFor('job.failed no_video at the window end', () => ops.events.find((e) => e.body.type === 'job.failed' && e.body.data.jobId === failed.id && e.body.data.reason === 'no_video' && String(e.body.data.error).includes('go-live window')));
    expect(event.valid).toBe(true);
    await waitFor('to the session hook too', () => hook.events.find((e) => e.body.id === event.body.id));
  }, 120_000);

  it('makes a Facebook live deleted on the platform at T-12 again and sends the host the new ingest URL', async () => {
    const startMs = clock.now() + 14 * MIN;
    const target = `facebook:${pageAccount}`;
    const { id } = await create({ startsAt: new Date(startMs).toISOString(), targets: [{ platform: 'facebook', accountId: pageAccount, announce: false }], host: { name: 'Anh Tâm', email: 'tam-guard@cho.vn' } });
    expect((await finished(id, `prepare-live__facebook__${pageAccount}`)).state).toBe('completed');
    const old = await liveOf(id, target);

    offsetMs += startMs - 12 * MIN - clock.now();
    const deleted = await fetch(`${app.sandboxUrl}/v23.0/${old.liveId}?access_token=${encodeURIComponent(pageToken)}`, { method: 'DELETE' });
    expect(await deleted.json()).toEqual({ success: true });

    await runAt(startMs - 10 * MIN, id, 'guard__PT10M');
    const guard = await finished(id, 'guard__PT10M');
    expect(guard.result).toMatchObject({ recreated: [target] });
    const cue = await waitFor('the live_recreated cue', () => hook.events.find((e) => e.body.type === 'session.cue' && e.body.sessionId === id && e.body.data.reason === 'live_recreated'));
    const fresh = await liveOf(id, target);
    expect(fresh.liveId).not.toBe(old.liveId);
    expect(fresh.ingestUrl).not.toBe(old.ingestUrl);
    expect(cue.body.data).toMatchObject({ target, previousLiveId: old.liveId, liveId: fresh.liveId, ingestUrl: fresh.ingestUrl });
    const prepare = await jobOf(id, `prepare-live__facebook__${pageAccount}`);
    expect(prepare).toMatchObject({ state: 'completed', result: { liveId: fresh.liveId, recreatedFrom: old.liveId } });
    const mail = await waitFor('the host\'s new ingest URL', async () => (await mailTo('tam-guard@cho.vn')).find((m) => m.text.includes(fresh.ingestUrl)));
    expect(mail.text).not.toContain(old.ingestUrl);
    await waitFor('ops live_recreated', () => ops.events.find((e) => e.body.type === 'ops.alert' && e.body.data.alert === 'live_recreated' && e.body.sessionId === id));
    const state = await (await sandbox('/__sandbox/state')).json();
    expect(state.facebook.lives.filter((l: any) => l.pageId !== undefined && l.id === fresh.liveId)).toHaveLength(1);
  }, 120_000);

  it('takes guardOffsets on create, update, bulk and CSV import, and plans a guard per offset', async () => {
    const guardsOf = (x: any): string[] => x.jobs.filter((j: any) => j.kind === 'guard' && j.state === 'pending').map((j: any) => j.offset);
    const startsAt = new Date(clock.now() + 2 * 86_400_000).toISOString();
    const live = [{ platform: 'youtube', accountId: 'yt-sct' }];
    const { id } = await create({ startsAt, targets: live, guardOffsets: ['PT15M'] });
    expect(guardsOf(await session(id))).toEqual(['PT15M']);
    const patched = await app.call('PATCH', `/v1/sessions/${id}`, { role: 'organizer', body: { guardOffsets: ['PT20M', 'PT5M'] } });
    expect(patched.status).toBe(200);
    expect(patched.body.guardOffsets).toEqual(['PT20M', 'PT5M']);
    expect(guardsOf(patched.body)).toEqual(['PT20M', 'PT5M']);
    expect((await app.call('PATCH', `/v1/sessions/${id}`, { role: 'organizer', body: { guardOffsets: ['soon'] } })).body.error.details.map((d: any) => d.path)).toEqual(['guardOffsets.0']);

    const bulk = await app.call('POST', '/v1/sessions/bulk', { role: 'organizer', body: { sessions: [{ title: 'Bulk không gác', startsAt, durationMinutes: 30, targets: live, guardOffsets: [] }] } });
    expect(bulk.status).toBe(201);
    const none = await session(bulk.body.created[0]);
    expect([none.guardOffsets, guardsOf(none)]).toEqual([[], []]);

    const zone = 'Asia/Ho_Chi_Minh';
    const day = DateTime.fromMillis(clock.now(), { zone });
    const campaignId = `guard-${uniquePrefix()}`;
    const campaign = await app.call('POST', '/v1/campaigns', { role: 'organizer', body: { id: campaignId, name: 'Chợ gác', timezone: zone, startsOn: day.toISODate(), endsOn: day.plus({ days: 4 }).toISODate(), stages: [{ id: 'main', name: 'Sân khấu chính' }] } });
    expect([campaign.status, campaign.body?.error?.details]).toEqual([201, undefined]);
    const local = day.plus({ days: 2 }).set({ hour: 19, minute: 0 }).toFormat("yyyy-MM-dd'T'HH:mm");
    const csv = `title,startsAt,durationMinutes,targets,guardOffsets\nGác CSV,${local},60,youtube:yt-sct,PT30M;PT2M\n`;
    const imported = await app.call('POST', `/v1/campaigns/${campaignId}/import`, { role: 'organizer', body: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
    expect([imported.status, imported.body.errors]).toEqual([201, []]);
    const fromCsv = await session(imported.body.created[0]);
    expect([fromCsv.guardOffsets, guardsOf(fromCsv)]).toEqual([['PT30M', 'PT2M'], ['PT30M', 'PT2M']]);
  }, 60_000);
});
