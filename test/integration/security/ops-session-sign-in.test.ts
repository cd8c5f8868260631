/**
 * Issue #18 finding 9: the ops cookie was the raw bearer token, still worked after /ops/logout, and
 * `Authorization: Basic …` next to the cookie skipped the cross-site check. Now the ops board and
 * bull-board sign in with the people sessions: the cookie holds a server-side session id (also when
 * a machine token is typed in), logout ends it, and the CSRF check answers `403 csrf_failed`.
 */
import { TEST_TOKENS, useTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';
import { activeUser } from '../people/people-helpers';

interface Signed {
  cookie: string;
  csrf: string;
  setCookie: string;
}

async function opsLogin(app: TestApp, body: unknown): Promise<Signed & { status: number }> {
  const res = await fetch(`${app.url}/ops/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: app.url }, body: JSON.stringify(body) });
  const setCookie = res.headers.get('set-cookie') ?? '';
  const json = (await res.json().catch(() => null)) as { csrfToken?: string } | null;
  return { status: res.status, setCookie, cookie: setCookie.split(';')[0] ?? '', csrf: json?.csrfToken ?? '' };
}

describe('ops sign-in uses server-side sessions (#18 finding 9)', () => {
  const app = useTestApp({ mode: 'api' });

  it('signs a person in with email and password; logout ends the session on every page', async () => {
    const u = await activeUser(app, 'ops');
    const wrong = await opsLogin(app, { email: u.email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    const s = await opsLogin(app, { email: u.email, password: u.password });
    expect(s.status).toBe(200);
    expect(s.setCookie).toMatch(/^livecue_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Lax; Path=\//);
    const me = await (await fetch(`${app.url}/ops/me`, { headers: { cookie: s.cookie } })).json();
    expect(me).toMatchObject({ role: 'ops', canRetry: true, principal: `user:${u.email}`, csrfToken: s.csrf });
    expect((await fetch(`${app.url}/admin/queues/api/queues`, { headers: { cookie: s.cookie } })).status).toBe(200);
    const out = await fetch(`${app.url}/ops/logout`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(out.status).toBe(204);
    for (const path of ['/ops/me', '/v1/board', '/admin/queues/api/queues']) expect([path, (await fetch(`${app.url}${path}`, { headers: { cookie: s.cookie } })).status]).toEqual([path, 401]);
  });

  it('keeps the token field for machine tokens, but the cookie never holds the token, and logout ends it', async () => {
    const s = await opsLogin(app, { token: TEST_TOKENS.ops });
    expect(s.status).toBe(200);
    const value = s.cookie.slice(s.cookie.indexOf('=') + 1);
    expect(value).not.toContain(TEST_TOKENS.ops);
    expect(decodeURIComponent(value)).not.toContain(TEST_TOKENS.ops);
    expect(s.setCookie).toMatch(/^livecue_session=/);
    expect((await fetch(`${app.url}/v1/stats`, { headers: { cookie: s.cookie } })).status).toBe(200);
    // The raw token as a cookie value opens nothing.
    expect((await fetch(`${app.url}/v1/stats`, { headers: { cookie: `livecue_session=${TEST_TOKENS.ops}` } })).status).toBe(401);
    expect((await fetch(`${app.url}/v1/stats`, { headers: { cookie: `livecue_ops=${TEST_TOKENS.ops}` } })).status).toBe(401);
    expect((await fetch(`${app.url}/ops/logout`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } })).status).toBe(204);
    expect((await fetch(`${app.url}/v1/stats`, { headers: { cookie: s.cookie } })).status).toBe(401);
    const me = await fetch(`${app.url}/ops/me`, { headers: { cookie: s.cookie } });
    expect(me.status).toBe(401);
  });

  it('answers 403 csrf_failed to a cookie write without X-CSRF-Token, a Basic Authorization header notwithstanding', async () => {
    const s = await opsLogin(app, { token: TEST_TOKENS.ops });
    const forged = { cookie: s.cookie, 'content-type': 'application/json', origin: 'https://evil.example' };
    const basic = await fetch(`${app.url}/v1/jobs/retry`, { method: 'POST', headers: { ...forged, authorization: 'Basic b3BzOm9wcw==' }, body: JSON.stringify({ ids: ['x__y'] }) });
    expect(basic.status).toBe(403);
    expect(((await basic.json())).error.code).toBe('csrf_failed');
    const plain = await fetch(`${app.url}/v1/jobs/retry`, { method: 'POST', headers: forged, body: JSON.stringify({ ids: ['x__y'] }) });
    expect(((await plain.json())).error.code).toBe('csrf_failed');
    const board = await fetch(`${app.url}/admin/queues/api/queues/facebook/pause`, { method: 'PUT', headers: { ...forged, authorization: 'Basic b3BzOm9wcw==' } });
    expect(board.status).toBe(403);
    expect(((await board.json())).error.code).toBe('csrf_failed');
    const ok = await fetch(`${app.url}/v1/jobs/retry`, { method: 'POST', headers: { cookie: s.cookie, 'content-type': 'application/json', 'x-csrf-token': s.csrf }, body: JSON.stringify({ ids: ['x__y'] }) });
    expect(ok.status).toBe(200);
    // bull-board's own pages send no custom header: a same-origin request passes.
    const same = await fetch(`${app.url}/admin/queues/api/queues/facebook/resume`, { method: 'PUT', headers: { cookie: s.cookie, origin: app.url } });
    expect(same.status).toBe(200);
  });

  it('refuses a sign-in posted from another site', async () => {
    const res = await fetch(`${app.url}/ops/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: JSON.stringify({ token: TEST_TOKENS.ops }) });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});
