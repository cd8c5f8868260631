/**
 * The findings of the security probe (issue "What a security probe found"), one block per finding,
 * each over HTTP against a running API with real Redis. Every block failed on the code before its fix.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { targetKey } from '../../../src/domain/session';
import { createEvent } from '../../../src/notify';
import { emitEvent, loadEvent } from '../../../src/scheduling/emit-event';
import { TEST_TOKENS, testRedisUrl, useTestApp, waitFor } from '../../support/app';
import { watchQueueEvents } from '../../support/queue-events';
import { aSession, detailPaths, expectError } from '../api/builders';

const YT_KEY = 'abcd-efgh-ijkl-mnop-qrst';
const FB_KEY = 'FB-1234567890123-0-AbCdEfGhIjKl';
const YT_INGEST = `rtmp://a.rtmp.youtube.com/live2/${YT_KEY}`;
const FB_INGEST = `rtmps://live-api-s.facebook.com:443/rtmp/${FB_KEY}?s_bl=1&s_sc=sc-secret-42`;
const HOOK_URL = 'https://hook-user:hook-pass@hooks.cho-con.vn/livecue/in?token=tok-secret-77&v=1';

describe('security probe findings', () => {
  const app = useTestApp({ mode: 'api', accounts: true });

  const post = (body: unknown) => app.call('POST', '/v1/sessions', { role: 'organizer', body });
  const sessionCount = async (): Promise<number> => (await app.deps.sessions.listIds({ fromMs: 0, toMs: Infinity, limit: 100_000 })).length;

  /** A session whose lives exist on YouTube and Facebook, recorded the way prepare-live records them. */
  async function aSessionWithLives(): Promise<string> {
    const created = await post(aSession({
      targets: [{ platform: 'youtube', accountId: 'yt-sct' }, { platform: 'facebook', accountId: 'fb-cho-con' }],
      notify: [{ type: 'webhook', url: HOOK_URL, secret: 'hook-secret-123' }],
    }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (const [platform, accountId, ingestUrl] of [['youtube', 'yt-sct', YT_INGEST], ['facebook', 'fb-cho-con', FB_INGEST]] as const) {
      const key = `prepare-live__${platform}__${accountId}`;
      const now = new Date().toISOString();
      expect((await app.deps.sessions.updateJob(id, key, { op: 'start', now })).ok).toBe(true);
      const runtime = { target: targetKey(platform, accountId), liveId: `live-${platform}`, ingestUrl, streamId: null };
      expect((await app.deps.sessions.updateJob(id, key, { op: 'finish', now, state: 'completed', result: { liveId: `live-${platform}`, ingestUrl }, runtime })).ok).toBe(true);
    }
    return id;
  }

  const leaks = (body: unknown): string[] => [YT_KEY, FB_KEY, 'sc-secret-42'].filter((k) => JSON.stringify(body).includes(k));

  describe('1. stream keys go to organizers, ops and admins only', () => {
    let id: string;
    beforeAll(async () => {
      id = await aSessionWithLives();
    });

    it.each([
      ['GET /v1/sessions/:id', () => app.call('GET', `/v1/sessions/${id}`, { role: 'viewer' }), (b: any) => b],
      ['GET /v1/sessions', () => app.call('GET', '/v1/sessions?limit=500', { role: 'viewer' }), (b: any) => b.items.find((s: any) => s.id === id)],
    ])('shows a viewer the ingest URLs of %s with the key masked', async (_what, call, pick) => {
      const res = await call();
      expect(res.status).toBe(200);
      const session = pick(res.body);
      expect(session.targets.map((t: any) => [t.platform, t.ingestUrl, t.ingestUrlMasked])).toEqual([
        ['youtube', 'rtmp://a.rtmp.youtube.com/live2/••••', true],
        ['facebook', 'rtmps://live-api-s.facebook.com:443/rtmp/••••', true],
      ]);
      expect(leaks(res.body)).toEqual([]);
    });

    it.each(['organizer', 'ops', 'admin'] as const)('gives the %s role the ingest URLs whole', async (role) => {
      const res = await app.call('GET', `/v1/sessions/${id}`, { role });
      expect(res.body.targets.map((t: any) => t.ingestUrl)).toEqual([YT_INGEST, FB_INGEST]);
      expect(res.body.targets.some((t: any) => 'ingestUrlMasked' in t)).toBe(false);
    });

    it('keeps the keys off the board a viewer reads', async () => {
      const res = await app.call('GET', '/v1/board?from=' + encodeURIComponent(new Date().toISOString()) + '&to=' + encodeURIComponent(new Date(Date.now() + 14 * 86_400_000).toISOString()), { role: 'viewer' });
      expect(res.status).toBe(200);
      expect(res.body.sessions.map((s: any) => s.id)).toContain(id);
      expect(leaks(res.body)).toEqual([]);
    });

    it('masks the keys in job data and return values on the job dashboard', async () => {
      const queue = app.deps.queues.youtube;
      const events = await watchQueueEvents(queue);
      const connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
      const worker = new Worker(queue.name, () => Promise.resolve({ liveId: 'live-youtube', ingestUrl: YT_INGEST }), { connection, prefix: queue.opts.prefix ?? 'bull', autorun: true });
      try {
        await queue.add('probe', { s: id, echo: FB_INGEST }, { jobId: 'probe-stream-key' });
        await waitFor('the probe job to complete', () => events.ended('probe-stream-key', 'completed'));
      } finally {
        await worker.close();
        connection.disconnect();
        await events.close();
      }
      const res = await app.call('GET', '/admin/queues/api/queues?activeQueue=youtube&status=completed', { role: 'viewer' });
      const job = res.body.queues.find((q: any) => q.name === 'youtube').jobs.find((j: any) => j.id === 'probe-stream-key');
      expect(job.returnValue).toEqual({ liveId: 'live-youtube', ingestUrl: 'rtmp://a.rtmp.youtube.com/live2/••••', ingestUrlMasked: true });
      expect(job.data.echo).toBe('rtmps://live-api-s.facebook.com:443/rtmp/••••');
      expect(leaks(res.body)).toEqual([]);
    });

    it('masks the keys in every webhook event but the host\'s go-live cue', async () => {
      const deps = { redis: app.deps.redis, keys: app.deps.keys, notifyQueue: app.deps.queues.notify, retryBaseMs: 1000 };
      const data = { runtime: { 'youtube:yt-sct': { ingestUrl: YT_INGEST } }, note: FB_INGEST };
      const live = createEvent({ type: 'session.live', sessionId: id, data, occurredAt: new Date().toISOString(), stableKey: `${id}__probe-live` });
      const cue = createEvent({ type: 'session.cue', sessionId: id, data, occurredAt: new Date().toISOString(), stableKey: `${id}__probe-cue` });
      await emitEvent(deps, live, ['s0']);
      await emitEvent(deps, cue, ['s0']);
      expect((await loadEvent(app.deps, live.id))?.data).toEqual({ runtime: { 'youtube:yt-sct': { ingestUrl: 'rtmp://a.rtmp.youtube.com/live2/••••', ingestUrlMasked: true } }, note: 'rtmps://live-api-s.facebook.com:443/rtmp/••••' });
      expect((await loadEvent(app.deps, cue.id))?.data).toEqual(data);
    });
  });

  describe('13a. hook URLs with tokens', () => {
    it('shows a viewer hook URLs without their query string and userinfo, an organizer whole', async () => {
      const id = await aSessionWithLives();
      const viewer = await app.call('GET', `/v1/sessions/${id}`, { role: 'viewer' });
      expect(viewer.body.notify).toEqual([{ type: 'webhook', url: 'https://hooks.cho-con.vn/livecue/in' }]);
      const preview = await app.call('POST', '/v1/sessions/preview', { role: 'viewer', body: aSession({ notify: [{ type: 'webhook', url: HOOK_URL, secret: 'hook-secret-123' }] }) });
      expect(preview.body.session.notify).toEqual([{ type: 'webhook', url: 'https://hooks.cho-con.vn/livecue/in' }]);
      const organizer = await app.call('GET', `/v1/sessions/${id}`, { role: 'organizer' });
      expect(organizer.body.notify).toEqual([{ type: 'webhook', url: HOOK_URL }]);
    });
  });

  describe('3. requests without a token that used to answer 5xx', () => {
    it.each([
      ['GET', '/v1/sessions/%ZZ'],
      ['PATCH', '/v1/sessions/%ZZ'],
      ['POST', '/v1/sessions/%E0%A4%A/cancel'],
      ['GET', '/v1/accounts/%ZZ'],
      ['POST', '/v1/jobs/%ZZ/retry'],
      ['GET', '/v1/campaigns/%ZZ/calendar.ics?key=x'],
    ])('%s %s → 400 validation_failed, with a token or without', async (method, path) => {
      for (const role of [null, 'admin'] as const) {
        const res = await app.call(method, path, { role, ...(method === 'GET' ? {} : { body: {} }) });
        expect(res.status).toBeLessThan(500);
        if (role === 'admin') expectError(res, 400, 'validation_failed');
      }
    });

    it.each(['/v1/sessions', '/v1/sessions/preview', '/ops/login'])('answers a gzip body that is not gzip on %s with 400 invalid_json', async (path) => {
      const res = await fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: 'Bearer nope' },
        body: '{"title":"not gzip at all"}',
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
    });
  });

  describe('7. hook URLs in IPv6 forms that embed the metadata address', () => {
    it.each([
      'http://[::169.254.169.254]/',
      'http://[::ffff:0:a9fe:a9fe]/',
      'http://[64:ff9b::169.254.169.254]/',
      'http://[2002:a9fe:a9fe::]/',
    ])('refuses %s at create, storing nothing', async (url) => {
      const before = await sessionCount();
      const res = await post(aSession({ notify: [{ type: 'webhook', url, secret: 'hook-secret-123' }] }));
      expectError(res, 400, 'validation_failed');
      expect(detailPaths(res)).toEqual(['notify.0.url']);
      expect(await sessionCount()).toBe(before);
    });
  });

  describe('10. text fields with invisible or deceptive characters', () => {
    it.each([
      ['a C1 control (U+0085)', { title: 'Phiên\u0085live' }, 'title'],
      ['a lone surrogate', { title: 'Phiên \ud800 live' }, 'title'],
      ['a bidi override (U+202E)', { title: 'Giá \u202E000.081' }, 'title'],
      ['a title of only zero-width characters', { title: '\u200B\u200C\u200D\uFEFF' }, 'title'],
      ['a C1 control in the description', { description: 'dòng 1\u009Bdòng 2' }, 'description'],
    ])('refuses %s with validation_failed', async (_what, fields, path) => {
      const res = await post(aSession(fields));
      expectError(res, 400, 'validation_failed');
      expect(detailPaths(res)).toEqual([path]);
      expect(typeof res.body.error.details[0].message).toBe('string');
    });

    it('still takes Vietnamese text with tones, emoji and a newline in the description', async () => {
      const res = await post(aSession({ title: 'Mực khô Hội An 🦑 – giảm 20%', description: 'Dòng 1\nDòng 2 ✓' }));
      expect(res.status).toBe(201);
    });
  });

  describe('11. audit gaps: imports, campaigns and catalogs', () => {
    const day = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const auditOf = async (action: string): Promise<{ principal: string; target: string; details: Record<string, unknown> }[]> =>
      ((await app.call('GET', '/v1/audit?limit=100', { role: 'admin' })).body.items as { action: string; principal: string; target: string; details: Record<string, unknown> }[]).filter((e) => e.action === action);

    it('audits a campaign create, a catalog replace and a CSV import with their principal', async () => {
      const campaignId = `audit-${Date.now().toString(36)}`;
      const created = await app.call('POST', '/v1/campaigns', { role: 'organizer', body: { id: campaignId, name: 'Chợ Cồn kiểm toán', startsOn: day(1), endsOn: day(30), stages: [{ id: 'san-a', name: 'Sân khấu A' }] } });
      expect(created.status).toBe(201);
      expect(await auditOf('campaign.create')).toEqual([expect.objectContaining({ principal: 'token:organizer', target: campaignId })]);

      const catalog = await app.call('PUT', `/v1/campaigns/${campaignId}/catalog`, { role: 'admin', body: { vendors: [{ id: 'v1', name: 'Cô Ba' }], products: [{ id: 'p1', vendorId: 'v1', name: 'Mực khô' }] } });
      expect(catalog.status).toBe(200);
      expect(await auditOf('catalog.replace')).toEqual([expect.objectContaining({ principal: 'token:admin', target: campaignId, details: { vendors: 1, products: 1 } })]);

      const rows = [0, 1, 2].map((i) => `Phiên ${i},${new Date(Date.now() + (10 * 24 + i * 2) * 3_600_000).toISOString()},60,facebook:fb-cho-con,san-a`);
      const imported = await app.call('POST', `/v1/campaigns/${campaignId}/import`, { role: 'organizer', body: ['title,startsAt,durationMinutes,targets,stageId', ...rows].join('\n'), headers: { 'content-type': 'text/csv' } });
      expect(imported.status).toBe(201);
      const entries = await auditOf('session.import');
      expect(entries).toEqual([expect.objectContaining({ principal: 'token:organizer', target: campaignId })]);
      expect(entries[0]?.details).toMatchObject({ count: 3, created: imported.body.created });
    });
  });

  describe('12. the job dashboard gives ops what api.md lists, and no more', () => {
    const dash = (method: string, path: string, role: 'ops' | 'admin' | 'viewer') => app.call(method, `/admin/queues/api/queues${path}`, { role, body: method === 'GET' ? undefined : {} });

    it.each([
      ['POST', '/facebook/add'],
      ['PUT', '/facebook/empty'],
      ['PUT', '/facebook/obliterate'],
      ['PATCH', '/facebook/some-job/update-data'],
      ['PATCH', '/facebook/some-job/delay'],
      ['PUT', '/facebook/concurrency'],
      ['PUT', '/facebook/rate-limit'],
    ])('refuses ops %s %s with 403 (admin only)', async (method, path) => {
      const res = await dash(method, path, 'ops');
      expectError(res, 403, 'forbidden');
      expect(res.body.error.message).toMatch(/only admins/);
    });

    it('keeps retry, promote, clean, pause and resume for ops, and audits them by principal', async () => {
      for (const [method, path] of [['PUT', '/facebook/retry/failed'], ['PUT', '/facebook/promote'], ['PUT', '/facebook/clean/completed'], ['PUT', '/facebook/pause'], ['PUT', '/facebook/resume']] as const) {
        expect([method, path, (await dash(method, path, 'ops')).status]).toEqual([method, path, 200]);
      }
      const audit = (await app.call('GET', '/v1/audit?limit=20', { role: 'admin' })).body.items as { action: string; principal: string; details: { action: string } }[];
      const actions = audit.filter((e) => e.action === 'dashboard.action').map((e) => e.details.action);
      expect(actions).toEqual(expect.arrayContaining(['PUT queues/facebook/pause', 'PUT queues/facebook/resume', 'PUT queues/facebook/clean/completed']));
      expect(audit.find((e) => e.action === 'dashboard.action')?.principal).toBe('token:ops');
    });

    it('lets an admin empty a queue, and no viewer read the Redis server statistics', async () => {
      expect((await dash('PUT', '/notify/empty', 'admin')).status).toBe(200);
      expectError(await app.call('GET', '/admin/queues/api/redis/stats', { role: 'viewer' }), 403, 'forbidden');
      expect((await app.call('GET', '/admin/queues/api/redis/stats', { role: 'ops' })).status).toBe(200);
    });
  });

  describe('13. headers: a Content-Security-Policy everywhere, no X-Powered-By', () => {
    it.each(['/v1/sessions', '/admin/queues/api/queues', '/admin/queues'])('GET %s', async (path) => {
      const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${TEST_TOKENS.ops}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-powered-by')).toBeNull();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
    });
  });
});
