import { createManualClock } from '../../../src/shared/clock';
import { startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';
import { activeUser, asBrowser, cookieOf, secretOf, signIn } from './people-helpers';

const HOUR = 3_600_000;

describe('users and invitations (api.md "People and sign-in")', () => {
  const clock = createManualClock(Date.parse('2026-06-01T08:00:00.000Z'));
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({}, 'api', { clock });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('has the sandbox demo admin from the start, able to sign in with the printed password', async () => {
    expect(app.demoAdmin?.email).toBe('admin@livecue.local');
    const res = await signIn(app, 'admin@livecue.local', app.demoAdmin!.password);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'admin@livecue.local', role: 'admin', status: 'active' });
  });

  it('creates an invited user with a one-time link valid 72 h, and refuses the same email in another case', async () => {
    const res = await app.call('POST', '/v1/users', { body: { email: 'Lan.Nguyen@cho-con.vn', name: 'Nguyễn Thị Lan', role: 'organizer' } });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({ id: expect.stringMatching(/^usr_/), email: 'Lan.Nguyen@cho-con.vn', name: 'Nguyễn Thị Lan', role: 'organizer', status: 'invited', createdAt: '2026-06-01T08:00:00.000Z', lastSignInAt: null });
    expect(res.body.invitation.url).toMatch(new RegExp(`^${app.url}/console/invite#[A-Za-z0-9_-]{43}$`));
    expect(res.body.invitation.expiresAt).toBe('2026-06-04T08:00:00.000Z');
    const again = await app.call('POST', '/v1/users', { body: { email: 'lan.nguyen@CHO-CON.vn', name: 'Lan 2', role: 'viewer' } });
    expect([again.status, again.body.error.code]).toEqual([409, 'conflict']);
    expect((await app.call('GET', `/v1/users/${res.body.user.id}`)).body).toEqual(res.body.user);
    const list = await app.call('GET', '/v1/users');
    expect(list.body.items.map((u: any) => u.email)).toEqual(expect.arrayContaining(['admin@livecue.local', 'Lan.Nguyen@cho-con.vn']));
    expect(JSON.stringify(list.body)).not.toMatch(/passwordHash|argon2|epoch/);
  });

  it('mails the invitation link over SMTP (the sandbox sink here), and a new link too', async () => {
    type Mail = { to: string; subject: string; text: string };
    const mails = async (to: string): Promise<Mail[]> => ((await (await fetch(`${app.sandboxUrl}/__sandbox/mail`)).json()) as Mail[]).filter((m) => m.to.includes(to));
    const res = await app.call('POST', '/v1/users', { body: { email: 'khanh.vo@cho-con.vn', name: 'Võ Khánh', role: 'viewer' } });
    expect(res.status).toBe(201);
    const first = await mails('khanh.vo@cho-con.vn');
    expect(first).toHaveLength(1);
    expect(first[0]?.subject).toMatch(/LiveCue/);
    expect(first[0]?.text).toContain(res.body.invitation.url);
    const again = await app.call('POST', `/v1/users/${res.body.user.id}/invitation`);
    expect(again.status).toBe(201);
    const both = await mails('khanh.vo@cho-con.vn');
    expect(both).toHaveLength(2);
    expect(both.some((m) => m.text.includes(again.body.url))).toBe(true);
  });

  it('says what to fix in a bad user body and stores nothing', async () => {
    const bad = await app.call('POST', '/v1/users', { body: { email: 'not-an-email', name: '', role: 'boss', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.details.map((d: any) => d.path).sort()).toEqual(['email', 'extra', 'name', 'role']);
    expect((await app.call('PATCH', '/v1/users/usr_nope', { body: { role: 'viewer' } })).status).toBe(404);
    expect((await app.call('GET', '/v1/users/usr_nope')).status).toBe(404);
    expect((await app.call('POST', '/v1/users/usr_nope/invitation')).status).toBe(404);
    const empty = await app.call('PATCH', '/v1/users/usr_nope', { body: {} });
    expect([empty.status, empty.body.error.code]).toEqual([400, 'validation_failed']);
  });

  it('refuses weak passwords on the link, then signs in with a good one; the link works once', async () => {
    const created = await app.call('POST', '/v1/users', { body: { email: 'minh.tran@cho-con.vn', name: 'Trần Minh', role: 'ops' } });
    const token = secretOf(created.body.invitation.url);
    for (const weak of ['short', 'minh.tran-2024!', '1234567890', 'Password123']) {
      const res = await app.call('POST', '/v1/auth/invitation', { role: null, body: { token, password: weak } });
      expect([weak, res.status, res.body.error.code]).toEqual([weak, 400, 'validation_failed']);
      expect(res.body.error.details[0].path).toBe('password');
    }
    expect((await app.call('GET', `/v1/users/${created.body.user.id}`)).body.status).toBe('invited');
    const ok = await app.call('POST', '/v1/auth/invitation', { role: null, body: { token, password: 'Tôm khô loại 1 giá 450k' } });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ email: 'minh.tran@cho-con.vn', status: 'active', lastSignInAt: '2026-06-01T08:00:00.000Z' });
    expect(ok.body.csrfToken).toEqual(expect.any(String));
    expect(ok.headers.get('set-cookie')).toMatch(/^livecue_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Lax; Path=\//);
    const twice = await app.call('POST', '/v1/auth/invitation', { role: null, body: { token, password: 'Tôm khô loại 1 giá 450k' } });
    expect([twice.status, twice.body.error.code]).toEqual([400, 'invalid_token']);
    const unknown = await app.call('POST', '/v1/auth/invitation', { role: null, body: { token: 'x'.repeat(43), password: 'Tôm khô loại 1 giá 450k' } });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'invalid_token']);
  });

  it('lets an invitation expire after 72 h', async () => {
    const created = await app.call('POST', '/v1/users', { body: { email: 'hoa.le@cho-con.vn', name: 'Lê Hoa', role: 'viewer' } });
    clock.advance(72 * HOUR);
    const late = await app.call('POST', '/v1/auth/invitation', { role: null, body: { token: secretOf(created.body.invitation.url), password: 'Bánh tráng Đà Nẵng ngon' } });
    expect([late.status, late.body.error.code]).toEqual([400, 'invalid_token']);
    const fresh = await app.call('POST', `/v1/users/${created.body.user.id}/invitation`);
    expect(fresh.status).toBe(201);
    clock.advance(72 * HOUR - 1000);
    expect((await app.call('POST', '/v1/auth/invitation', { role: null, body: { token: secretOf(fresh.body.url), password: 'Bánh tráng Đà Nẵng ngon' } })).status).toBe(200);
  });

  it('a new link kills the old link, the password and the sessions', async () => {
    const u = await activeUser(app, 'organizer');
    const first = await app.call('POST', `/v1/users/${u.user.id}/invitation`);
    const second = await app.call('POST', `/v1/users/${u.user.id}/invitation`);
    expect(second.status).toBe(201);
    expect((await asBrowser(app, u, 'GET', '/v1/me')).status).toBe(401);
    expect((await signIn(app, u.email, u.password)).status).toBe(401);
    const old = await app.call('POST', '/v1/auth/invitation', { role: null, body: { token: secretOf(first.body.url), password: 'Mực rim me Cô Lan ngon' } });
    expect(old.body.error.code).toBe('invalid_token');
    const ok = await app.call('POST', '/v1/auth/invitation', { role: null, body: { token: secretOf(second.body.url), password: 'Mực rim me Cô Lan ngon' } });
    expect(ok.status).toBe(200);
    expect((await asBrowser(app, { ...u, cookie: cookieOf(ok), csrf: ok.body.csrfToken }, 'GET', '/v1/me')).body.user.email).toBe(u.email);
  });

  it('changes name and role, disables at once, re-enables, and audits who did it', async () => {
    const u = await activeUser(app, 'viewer');
    const token = await asBrowser(app, u, 'POST', '/v1/me/tokens', { name: 'laptop' });
    expect(token.status).toBe(201);
    const renamed = await app.call('PATCH', `/v1/users/${u.user.id}`, { body: { name: 'Chị Hoa', role: 'organizer' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Chị Hoa', role: 'organizer', status: 'active' });
    expect((await asBrowser(app, u, 'GET', '/v1/me')).body.role).toBe('organizer');
    const off = await app.call('PATCH', `/v1/users/${u.user.id}`, { body: { status: 'disabled' } });
    expect(off.body.status).toBe('disabled');
    expect((await asBrowser(app, u, 'GET', '/v1/me')).status).toBe(401);
    expect((await app.call('GET', '/v1/me', { role: null, headers: { authorization: `Bearer ${token.body.token}` } })).status).toBe(401);
    expect((await signIn(app, u.email, u.password)).status).toBe(401);
    const on = await app.call('PATCH', `/v1/users/${u.user.id}`, { body: { status: 'active' } });
    expect(on.body.status).toBe('active');
    // Disabling ended the sessions for good; the password works again.
    expect((await asBrowser(app, u, 'GET', '/v1/me')).status).toBe(401);
    expect((await signIn(app, u.email, u.password)).status).toBe(200);
    const audit = await app.call('GET', '/v1/audit?limit=20');
    const mine = audit.body.items.filter((e: any) => e.target === u.user.id).map((e: any) => [e.action, e.principal]);
    expect(mine).toEqual(expect.arrayContaining([
      ['user.update', 'token:admin'],
      ['auth.sign-in', `user:${u.email}`],
      ['user.activate', `user:${u.email}`],
      ['user.create', 'token:admin'],
    ]));
    const change = audit.body.items.find((e: any) => e.action === 'user.update' && e.details.role);
    expect(change.details.role).toEqual({ from: 'viewer', to: 'organizer' });
  });

  it('keeps the last active admin: no demotion, no disabling, not even in a race', async () => {
    const a = await activeUser(app, 'admin');
    const demo = (await app.call('GET', '/v1/users')).body.items.find((x: any) => x.email === 'admin@livecue.local');
    expect((await asBrowser(app, a, 'PATCH', `/v1/users/${demo.id}`, { status: 'disabled' })).status).toBe(200);
    const demote = await asBrowser(app, a, 'PATCH', `/v1/users/${a.user.id}`, { role: 'ops' });
    expect([demote.status, demote.body.error.code]).toEqual([422, 'invalid_state']);
    const disable = await app.call('PATCH', `/v1/users/${a.user.id}`, { body: { status: 'disabled' } });
    expect([disable.status, disable.body.error.code]).toEqual([422, 'invalid_state']);
    const b = await activeUser(app, 'admin');
    const both = await Promise.all([a, b].map((x) => app.call('PATCH', `/v1/users/${x.user.id}`, { body: { role: 'viewer' } })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 422]);
    const admins = (await app.call('GET', '/v1/users')).body.items.filter((x: any) => x.role === 'admin' && x.status === 'active');
    expect(admins).toHaveLength(1);
  });

  it('lets only admins manage people', async () => {
    const org = await activeUser(app, 'organizer');
    for (const role of ['viewer', 'organizer', 'ops'] as const) {
      expect((await app.call('GET', '/v1/users', { role })).status).toBe(403);
      expect((await app.call('POST', '/v1/users', { role, body: { email: 'x@y.vn', name: 'X', role: 'admin' } })).status).toBe(403);
    }
    expect((await asBrowser(app, org, 'GET', '/v1/users')).status).toBe(403);
    expect((await asBrowser(app, org, 'PATCH', `/v1/users/${org.user.id}`, { role: 'admin' })).status).toBe(403);
    expect((await app.call('GET', '/v1/users', { role: null })).status).toBe(401);
  });
});
