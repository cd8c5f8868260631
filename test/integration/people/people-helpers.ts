import type { TestApp } from '../../support/app';

export interface Browser {
  cookie: string;
  csrf: string;
  user: any;
}

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** A request as a browser sends it: the session cookie, and (unless told otherwise) its CSRF token. */
export async function asBrowser(app: TestApp, who: Browser, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const csrf = method === 'GET' ? {} : { 'x-csrf-token': who.csrf };
  return app.call(method, path, { role: null, ...(body === undefined ? {} : { body }), headers: { cookie: who.cookie, ...csrf, ...headers } });
}

/** `name=value` of the session cookie in a Set-Cookie answer. */
export function cookieOf(res: { headers: Headers }): string {
  const set = res.headers.get('set-cookie') ?? '';
  const m = /livecue_session=([^;]*)/.exec(set);
  if (!m) throw new Error(`no session cookie in ${set}`);
  return `livecue_session=${m[1]}`;
}

export async function signIn(app: TestApp, email: string, password: string, headers: Record<string, string> = {}): Promise<Answer> {
  return app.call('POST', '/v1/auth/sign-in', { role: null, body: { email, password }, headers });
}

/** The secret of an invitation link (`…/console/invite#<secret>`). */
export const secretOf = (url: string): string => url.slice(url.indexOf('#') + 1);

let n = 0;
/** A user created by the admin machine token, who opened their link and set `password`. */
export async function activeUser(app: TestApp, role: 'viewer' | 'organizer' | 'ops' | 'admin', password = 'Chợ Cồn mở cửa 7 giờ'): Promise<Browser & { password: string; email: string }> {
  n += 1;
  const email = `nguoi${n}.${role}@cho-con.vn`;
  const created = await app.call('POST', '/v1/users', { body: { email, name: `Người ${n}`, role } });
  if (created.status !== 201) throw new Error(`create ${email}: ${created.status} ${JSON.stringify(created.body)}`);
  const accepted = await app.call('POST', '/v1/auth/invitation', { role: null, body: { token: secretOf(created.body.invitation.url), password } });
  if (accepted.status !== 200) throw new Error(`accept ${email}: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { cookie: cookieOf(accepted), csrf: accepted.body.csrfToken, user: accepted.body.user, password, email };
}
