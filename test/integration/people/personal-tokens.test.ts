import { createManualClock } from '../../../src/shared/clock';
import { registerAccounts, startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';
import { activeUser, asBrowser } from './people-helpers';

const bearer = (token: string) => ({ role: null, headers: { authorization: `Bearer ${token}` } });
const session = () => ({ title: 'Phiên token', startsAt: new Date(Date.parse('2026-06-03T12:00:00.000Z')).toISOString(), durationMinutes: 60, targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }], announceOffsets: [], reminderOffsets: [] });

async function allStoredText(app: TestApp): Promise<string> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await app.deps.redis.scan(cursor, 'MATCH', `${app.deps.keys.base}:*`, 'COUNT', 1000);
    cursor = next;
    for (const k of keys) {
      const type = await app.deps.redis.type(k);
      if (type === 'hash') out.push(k, JSON.stringify(await app.deps.redis.hgetall(k)));
      else if (type === 'string') out.push(k, (await app.deps.redis.get(k)) ?? '');
      else if (type === 'set') out.push(k, ...(await app.deps.redis.smembers(k)));
      else if (type === 'stream') out.push(k, JSON.stringify(await app.deps.redis.xrange(k, '-', '+')));
    }
  } while (cursor !== '0');
  return out.join('\n');
}

describe('personal API tokens', () => {
  const clock = createManualClock(Date.parse('2026-06-01T08:00:00.000Z'));
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({}, 'api', { clock });
    await registerAccounts(app);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('shows the secret once, lists without it, stores only its hash, and audits by token name', async () => {
    const u = await activeUser(app, 'organizer');
    const made = await asBrowser(app, u, 'POST', '/v1/me/tokens', { name: 'máy trạm' });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ id: expect.stringMatching(/^tok_/), name: 'máy trạm', role: 'organizer', expiresAt: null, token: expect.stringMatching(/^lc_[A-Za-z0-9_-]{43}$/) });
    const list = await asBrowser(app, u, 'GET', '/v1/me/tokens');
    expect(list.body.items).toEqual([{ id: made.body.id, name: 'máy trạm', role: 'organizer', expiresAt: null, lastUsedAt: null, createdAt: '2026-06-01T08:00:00.000Z' }]);
    expect(JSON.stringify(list.body)).not.toContain(made.body.token);

    const me = await app.call('GET', '/v1/me', bearer(made.body.token));
    expect(me.body).toEqual({ user: expect.objectContaining({ email: u.email }), principal: 'token:máy trạm', role: 'organizer' });
    const created = await app.call('POST', '/v1/sessions', { ...bearer(made.body.token), body: session() });
    expect(created.status).toBe(201);
    const audit = await app.call('GET', '/v1/audit?limit=10');
    expect(audit.body.items.find((e: any) => e.target === created.body.id)).toMatchObject({ action: 'session.create', principal: 'token:máy trạm' });
    expect(audit.body.items.find((e: any) => e.target === made.body.id)).toMatchObject({ action: 'token.create', principal: `user:${u.email}` });
    expect((await asBrowser(app, u, 'GET', '/v1/me/tokens')).body.items[0].lastUsedAt).toBe('2026-06-01T08:00:00.000Z');
    expect(await allStoredText(app)).not.toContain(made.body.token);
  });

  it('keeps a token role at or below its user, and acts with its own role', async () => {
    const ops = await activeUser(app, 'ops');
    for (const role of ['organizer', 'admin']) {
      const res = await asBrowser(app, ops, 'POST', '/v1/me/tokens', { name: `t-${role}`, role });
      expect([role, res.status, res.body.error.code]).toEqual([role, 403, 'forbidden']);
    }
    const viewer = await asBrowser(app, ops, 'POST', '/v1/me/tokens', { name: 'đọc', role: 'viewer' });
    expect(viewer.body.role).toBe('viewer');
    expect((await app.call('GET', '/v1/jobs', bearer(viewer.body.token))).status).toBe(200);
    expect((await app.call('POST', '/v1/jobs/retry', { ...bearer(viewer.body.token), body: { ids: ['x__y'] } })).status).toBe(403);
    const own = await asBrowser(app, ops, 'POST', '/v1/me/tokens', { name: 'ops' });
    expect((await app.call('POST', '/v1/jobs/retry', { ...bearer(own.body.token), body: { ids: ['x__y'] } })).status).toBe(200);
    expect((await app.call('POST', '/v1/sessions', { ...bearer(own.body.token), body: session() })).status).toBe(403);
    expect((await app.call('GET', '/v1/accounts', bearer(own.body.token))).status).toBe(403);
  });

  it('follows the role matrix for admin tokens and cuts a token down when its user is demoted', async () => {
    const admin = await activeUser(app, 'admin');
    const t = await asBrowser(app, admin, 'POST', '/v1/me/tokens', { name: 'quản trị', role: 'admin' });
    expect((await app.call('GET', '/v1/accounts', bearer(t.body.token))).status).toBe(200);
    expect((await app.call('GET', '/v1/users', bearer(t.body.token))).status).toBe(200);
    expect((await app.call('PATCH', `/v1/users/${admin.user.id}`, { body: { role: 'organizer' } })).status).toBe(200);
    expect((await app.call('GET', '/v1/accounts', bearer(t.body.token))).status).toBe(403);
    expect((await app.call('GET', '/v1/me', bearer(t.body.token))).body.role).toBe('organizer');
    expect((await app.call('POST', '/v1/sessions', { ...bearer(t.body.token), body: session() })).status).toBe(201);
  });

  it('stops a revoked token at once, an expired one at its time, and refuses a past expiry', async () => {
    const u = await activeUser(app, 'viewer');
    const t = await asBrowser(app, u, 'POST', '/v1/me/tokens', { name: 'ngắn hạn', expiresAt: '2026-06-02T08:00:00+07:00' });
    expect(t.body.expiresAt).toBe('2026-06-02T01:00:00.000Z');
    expect((await app.call('GET', '/v1/sessions', bearer(t.body.token))).status).toBe(200);
    clock.set(Date.parse('2026-06-02T01:00:00.000Z'));
    expect((await app.call('GET', '/v1/sessions', bearer(t.body.token))).status).toBe(401);
    const past = await asBrowser(app, { ...u, ...(await refreshed(app, u)) }, 'POST', '/v1/me/tokens', { name: 'cũ', expiresAt: '2026-01-01T00:00:00Z' });
    expect([past.status, past.body.error.code]).toEqual([400, 'validation_failed']);

    const v = await activeUser(app, 'viewer');
    const r = await asBrowser(app, v, 'POST', '/v1/me/tokens', { name: 'thu hồi' });
    expect((await app.call('GET', '/v1/me', bearer(r.body.token))).status).toBe(200);
    const other = await activeUser(app, 'viewer');
    expect((await asBrowser(app, other, 'DELETE', `/v1/me/tokens/${r.body.id}`)).status).toBe(404);
    expect((await asBrowser(app, v, 'DELETE', `/v1/me/tokens/${r.body.id}`)).status).toBe(204);
    expect((await app.call('GET', '/v1/me', bearer(r.body.token))).status).toBe(401);
    expect((await asBrowser(app, v, 'DELETE', `/v1/me/tokens/${r.body.id}`)).status).toBe(404);
    expect((await asBrowser(app, v, 'GET', '/v1/me/tokens')).body.items).toEqual([]);
    const audit = await app.call('GET', '/v1/audit?limit=5');
    expect(audit.body.items.find((e: any) => e.action === 'token.revoke')).toMatchObject({ principal: `user:${v.email}`, target: r.body.id });
  });

  it('has no personal tokens for machine tokens, and none without signing in', async () => {
    const res = await app.call('POST', '/v1/me/tokens', { role: 'admin', body: { name: 'x' } });
    expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
    expect((await app.call('GET', '/v1/me/tokens', { role: null })).status).toBe(401);
    expect((await app.call('GET', '/v1/me', { role: 'ops' })).body).toEqual({ user: null, principal: 'token:ops', role: 'ops' });
    expect((await app.call('GET', '/v1/me', bearer('lc_not-a-real-token-000000000000000000000000'))).status).toBe(401);
  });
});

/** A session signed in again after the clock jumped (the old one idled out). */
async function refreshed(app: TestApp, u: { email: string; password: string }): Promise<{ cookie: string; csrf: string }> {
  const res = await app.call('POST', '/v1/auth/sign-in', { role: null, body: { email: u.email, password: u.password } });
  const m = /livecue_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '');
  return { cookie: `livecue_session=${m?.[1] ?? ''}`, csrf: res.body.csrfToken };
}
