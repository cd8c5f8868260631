import { createManualClock } from '../../../src/shared/clock';
import { startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';
import { activeUser, asBrowser, cookieOf, signIn } from './people-helpers';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('browser sessions, CSRF and lockout', () => {
  const clock = createManualClock(Date.parse('2026-06-01T08:00:00.000Z'));
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({}, 'api', { clock });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('signs in with an HttpOnly, SameSite=Lax, Path=/ cookie (not Secure on http) and a CSRF token', async () => {
    const u = await activeUser(app, 'organizer');
    const res = await signIn(app, u.email.toUpperCase(), u.password);
    expect(res.status).toBe(200);
    const set = res.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/^livecue_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Lax; Path=\//);
    expect(set).not.toContain('Secure');
    expect(res.body).toEqual({ user: expect.objectContaining({ email: u.email, role: 'organizer', lastSignInAt: '2026-06-01T08:00:00.000Z' }), csrfToken: expect.any(String) });
    const me = await asBrowser(app, { cookie: cookieOf(res), csrf: res.body.csrfToken, user: null }, 'GET', '/v1/me');
    expect(me.body).toEqual({ user: expect.objectContaining({ id: u.user.id }), principal: `user:${u.email}`, role: 'organizer', csrfToken: res.body.csrfToken });
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const u = await activeUser(app, 'viewer');
    const wrong = await signIn(app, u.email, 'not the password at all');
    const unknown = await signIn(app, 'nobody@cho-con.vn', 'not the password at all');
    expect([wrong.status, wrong.body]).toEqual([401, { error: { code: 'unauthorized', message: 'wrong email or password' } }]);
    expect([unknown.status, unknown.body]).toEqual([wrong.status, wrong.body]);
    const bad = await app.call('POST', '/v1/auth/sign-in', { role: null, body: { email: u.email } });
    expect([bad.status, bad.body.error.details]).toEqual([400, [{ path: 'password', message: 'required' }]]);
  });

  it('wants X-CSRF-Token on unsafe cookie requests, whatever other Authorization header comes along; bearer requests need none', async () => {
    const u = await activeUser(app, 'organizer');
    const body = { name: 'ci' };
    const none = await asBrowser(app, u, 'POST', '/v1/me/tokens', body, { 'x-csrf-token': '' });
    expect([none.status, none.body.error.code]).toEqual([403, 'csrf_failed']);
    const wrong = await asBrowser(app, u, 'POST', '/v1/me/tokens', body, { 'x-csrf-token': 'guess' });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, 'csrf_failed']);
    const basic = await app.call('POST', '/v1/me/tokens', { role: null, body, headers: { cookie: u.cookie, authorization: 'Basic YWRtaW46YWRtaW4=', origin: 'https://evil.example' } });
    expect([basic.status, basic.body.error.code]).toEqual([403, 'csrf_failed']);
    const patch = await app.call('PATCH', '/v1/sessions/ses_nope', { role: null, body: { title: 'x' }, headers: { cookie: u.cookie } });
    expect(patch.body.error.code).toBe('csrf_failed');
    expect((await asBrowser(app, u, 'POST', '/v1/me/tokens', body)).status).toBe(201);
    // A bearer token decides alone: the cookie next to it is ignored, no CSRF token needed.
    expect((await app.call('POST', '/v1/sessions/preview', { role: 'viewer', body: {}, headers: { cookie: u.cookie } })).body.error.code).toBe('validation_failed');
    // Reads need no CSRF token.
    expect((await app.call('GET', '/v1/sessions', { role: null, headers: { cookie: u.cookie } })).status).toBe(200);
  });

  it('signs out: the cookie is cleared and its server-side session ends', async () => {
    const u = await activeUser(app, 'viewer');
    const forged = await asBrowser(app, u, 'POST', '/v1/auth/sign-out', undefined, { 'x-csrf-token': 'nope' });
    expect(forged.body.error.code).toBe('csrf_failed');
    const out = await asBrowser(app, u, 'POST', '/v1/auth/sign-out');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^livecue_session=; .*Max-Age=0/);
    const after = await asBrowser(app, u, 'GET', '/v1/me');
    expect([after.status, after.body.error.code]).toEqual([401, 'unauthorized']);
  });

  it('rotates the session at sign-in: the cookie sent with it stops working', async () => {
    const u = await activeUser(app, 'viewer');
    const again = await signIn(app, u.email, u.password, { cookie: u.cookie });
    expect(cookieOf(again)).not.toBe(u.cookie);
    expect((await asBrowser(app, u, 'GET', '/v1/me')).status).toBe(401);
    expect((await asBrowser(app, { cookie: cookieOf(again), csrf: again.body.csrfToken, user: null }, 'GET', '/v1/me')).status).toBe(200);
  });

  it('ends a session after 12 h idle, and 7 days after sign-in even when used', async () => {
    const idle = await activeUser(app, 'viewer');
    const busy = await activeUser(app, 'viewer');
    clock.advance(12 * HOUR - MINUTE);
    expect((await asBrowser(app, idle, 'GET', '/v1/me')).status).toBe(200);
    clock.advance(12 * HOUR);
    expect((await asBrowser(app, idle, 'GET', '/v1/me')).status).toBe(401);
    // busy was last seen at sign-in, 24 h ago: gone too. A fresh one used every 11 h lives 7 days.
    expect((await asBrowser(app, busy, 'GET', '/v1/me')).status).toBe(401);
    const fresh = await signIn(app, busy.email, busy.password);
    const who = { cookie: cookieOf(fresh), csrf: fresh.body.csrfToken, user: null };
    for (let h = 11; h < 7 * 24; h += 11) {
      clock.advance(11 * HOUR);
      expect([h, (await asBrowser(app, who, 'GET', '/v1/me')).status]).toEqual([h, 200]);
    }
    clock.advance(11 * HOUR);
    expect((await asBrowser(app, who, 'GET', '/v1/me')).status).toBe(401);
  });
});

describe('sign-in lockout per email', () => {
  const clock = createManualClock(Date.parse('2026-06-01T08:00:00.000Z'));
  let app: TestApp;

  // An app of its own: the address counter of the other suites' failures stays out of it.
  beforeAll(async () => {
    app = await startTestApp({}, 'api', { clock });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('slows down, then locks an email for 15 minutes, telling nothing about whether it exists', async () => {
    const u = await activeUser(app, 'ops');
    for (const email of [u.email, 'ghost@cho-con.vn']) {
      const answers: number[] = [];
      for (let i = 0; i < 5; i += 1) answers.push((await signIn(app, email, 'wrong password here')).status);
      expect(answers).toEqual([401, 401, 401, 401, 401]);
      const slowed = await signIn(app, email, email === u.email ? u.password : 'x');
      expect([slowed.status, slowed.body.error.code, slowed.headers.get('retry-after')]).toEqual([429, 'rate_limited', '1']);
      for (let i = 5; i < 10; i += 1) {
        clock.advance(16_000);
        expect((await signIn(app, email, 'wrong password here')).status).toBe(401);
      }
      const locked = await signIn(app, email, email === u.email ? u.password : 'x');
      expect([locked.status, locked.headers.get('retry-after')]).toEqual([429, '900']);
    }
    clock.advance(15 * MINUTE);
    expect((await signIn(app, u.email, u.password)).status).toBe(200);
    const audit = await app.call('GET', '/v1/audit?limit=50');
    const bursts = audit.body.items.filter((e: any) => e.action === 'auth.sign-in-locked').map((e: any) => e.principal);
    expect(bursts).toEqual(expect.arrayContaining([`user:${u.email}`, 'user:ghost@cho-con.vn']));
  });
});

describe('sign-in limits per address, and Secure cookies behind https', () => {
  const clock = createManualClock(Date.parse('2026-06-01T08:00:00.000Z'));
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ LIVECUE_PUBLIC_URL: 'https://livecue.example.vn' }, 'api', { clock });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('sets Secure when LIVECUE_PUBLIC_URL is https and links invitations there', async () => {
    const created = await app.call('POST', '/v1/users', { body: { email: 'an@cho-con.vn', name: 'An', role: 'viewer' } });
    expect(created.body.invitation.url).toMatch(/^https:\/\/livecue\.example\.vn\/console\/invite#/);
    const res = await signIn(app, app.demoAdmin!.email, app.demoAdmin!.password);
    expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('slows an address down after 30 failures over any emails, and locks it at 100', async () => {
    for (let i = 0; i < 30; i += 1) expect((await signIn(app, `guess${i}@cho-con.vn`, 'wrong password here')).status).toBe(401);
    const slowed = await signIn(app, app.demoAdmin!.email, app.demoAdmin!.password);
    expect([slowed.status, slowed.headers.get('retry-after')]).toEqual([429, '1']);
    for (let i = 30; i < 100; i += 1) {
      clock.advance(2 * MINUTE);
      expect((await signIn(app, `guess${i}@cho-con.vn`, 'wrong password here')).status).toBe(401);
    }
    const locked = await signIn(app, app.demoAdmin!.email, app.demoAdmin!.password);
    expect([locked.status, locked.headers.get('retry-after')]).toEqual([429, '900']);
  });
});
