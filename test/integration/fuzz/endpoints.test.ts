/**
 * Property-based fuzz (fast-check) of every endpoint's body, query and headers: whatever arrives,
 * the API never answers 5xx, always answers errors in the one shape ({error: {code, message}}),
 * and a refused request stores nothing (the keys under the prefix are the same before and after,
 * apart from the idempotency record that keeps a refused answer for replay).
 * Proves the zod validation, the JSON/body-limit/content-type guards (src/api/app.ts) and the
 * error handler (src/api/errors.ts) together: an unchecked field that reaches the store or a
 * thrown TypeError would show up as a 500 or a changed key count. Runs are bounded to stay fast.
 */
import fc from 'fast-check';
import { registerAccounts, startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';
import { cookieOf, signIn } from '../people/people-helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

async function keyCount(app: TestApp): Promise<number> {
  let n = 0;
  let cursor = '0';
  do {
    const [next, keys] = await app.deps.redis.scan(cursor, 'MATCH', `${app.deps.keys.base}:*`, 'COUNT', 1000);
    cursor = next;
    // Rate-limit and sign-in attempt counters, idempotency records (a refused request's answer is kept
    // for replay, by design), and the watchdog's alert state (written on its own timer, no request's doing).
    n += keys.filter((k) => !k.includes(':rl:') && !k.includes(':idem:') && !k.includes(':alert:')).length;
  } while (cursor !== '0');
  return n;
}

/** JSON-ish values, with the shapes and strings that break naive code. */
const nasty = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', '=cmd|\' /C calc\'!A0', '<script>alert(1)</script>', '../../etc/passwd', '__proto__', 'constructor', '2024-02-30T25:61', 'P-1D', 'PT0S', '-1', '1e309', 'NaN', '🎥 Mực rim me', 'x'.repeat(5000)),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, nasty, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'title', 'startsAt', 'targets')), tie('v'), { maxKeys: 5 })),
})).v;

const validSession = () => ({
  title: 'Phiên hợp lệ',
  startsAt: new Date(Date.now() + 86_400_000).toISOString(),
  durationMinutes: 60,
  targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }],
});
/** A valid body with one field replaced (or added) by a hostile value. */
const mutated = (base: () => Record<string, unknown>, fields: string[]) =>
  fc.tuple(fc.constantFrom(...fields, 'extra'), value).map(([field, v]) => ({ ...base(), [field]: v }));

const headerValue = fc.oneof(fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')), fc.constantFrom('W/"1"', '"999"', 'abc', '-1', 'x'.repeat(300)));

describe('fuzzing every endpoint', () => {
  let app: TestApp;
  let sessionId: string;
  let userId: string;
  /** A personal token of the demo admin: the /v1/me routes are for people. */
  let personal: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({}, 'api');
    await registerAccounts(app);
    sessionId = (await app.call('POST', '/v1/sessions', { role: 'organizer', body: validSession() })).body.id;
    userId = (await app.call('POST', '/v1/users', { body: { email: 'fuzz-target@cho-con.vn', name: 'Fuzz target', role: 'viewer' } })).body.user.id;
    const admin = await signIn(app, app.demoAdmin!.email, app.demoAdmin!.password);
    const made = await app.call('POST', '/v1/me/tokens', { role: null, body: { name: 'fuzz' }, headers: { cookie: cookieOf(admin), 'x-csrf-token': admin.body.csrfToken } });
    personal = { authorization: `Bearer ${made.body.token}` };
  });
  afterAll(async () => {
    await app.stop();
  });

  async function check(method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<void> {
    const before = await keyCount(app);
    const res = await app.call(method, path, { role: headers.authorization ? null : 'admin', headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
    if (res.status >= 500) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)} for ${JSON.stringify(body)?.slice(0, 300)}`);
    if (res.status >= 400) {
      expect(res.body).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
      const after = await keyCount(app);
      if (after !== before) throw new Error(`${method} ${path} → ${res.status} but keys went ${before} → ${after}`);
    }
  }

  type BodyRoute = [string, () => string, fc.Arbitrary<unknown>, (() => Record<string, string>)?];
  const bodyRoutes: BodyRoute[] = [
    ['POST', () => '/v1/sessions', fc.oneof(value, mutated(validSession, ['title', 'startsAt', 'endsAt', 'durationMinutes', 'targets', 'timezone', 'stageId', 'notify', 'products', 'announceOffsets', 'reminderOffsets', 'campaignId', 'host', 'locale', 'text']))],
    ['POST', () => '/v1/sessions/preview', fc.oneof(value, mutated(validSession, ['startsAt', 'targets', 'announceOffsets']))],
    ['POST', () => '/v1/sessions/bulk', fc.oneof(value, fc.array(fc.oneof(value, mutated(validSession, ['startsAt', 'targets', 'notify'])), { maxLength: 3 }).map((sessions) => ({ sessions })))],
    ['PATCH', () => `/v1/sessions/${sessionId}`, fc.oneof(value, mutated(() => ({}), ['title', 'startsAt', 'durationMinutes', 'targets', 'notify', 'status', 'id', 'version']))],
    ['POST', () => `/v1/sessions/${sessionId}/cancel`, fc.oneof(value, fc.dictionary(fc.constantFrom('notice', 'reason', 'x'), value, { maxKeys: 2 }))],
    ['POST', () => '/v1/accounts', fc.oneof(value, mutated(() => ({ id: 'fuzz-acc', platform: 'facebook', name: 'Fuzz', externalId: '1', credentials: { accessToken: 'x' } }), ['id', 'platform', 'name', 'externalId', 'credentials']))],
    ['POST', () => '/v1/jobs/retry', value],
    ['POST', () => '/v1/users', fc.oneof(value, mutated(() => ({ email: 'fuzz@cho-con.vn', name: 'Fuzz', role: 'viewer' }), ['email', 'name', 'role']))],
    ['PATCH', () => `/v1/users/${userId}`, fc.oneof(value, mutated(() => ({}), ['name', 'role', 'status', 'email', 'passwordHash']))],
    ['POST', () => `/v1/users/${userId}/invitation`, value],
    ['POST', () => '/v1/auth/sign-in', fc.oneof(value, mutated(() => ({ email: 'admin@livecue.local', password: 'wrong password here' }), ['email', 'password']))],
    ['POST', () => '/v1/auth/invitation', fc.oneof(value, mutated(() => ({ token: 'x'.repeat(43), password: 'Chợ Cồn mở cửa 7 giờ' }), ['token', 'password']))],
    ['POST', () => '/v1/auth/sign-out', value],
    ['POST', () => '/v1/me/tokens', fc.oneof(value, mutated(() => ({ name: 'fuzz' }), ['name', 'role', 'expiresAt'])), () => personal],
  ];

  // A rest parameter: jest reads a fourth named parameter as a `done` callback.
  it.each(bodyRoutes)('%s %s: any JSON body', async (...[method, path, arb, headers]: BodyRoute) => {
    await fc.assert(
      fc.asyncProperty(arb, async (body) => {
        // A PATCH may legitimately succeed and move the session on; it must never 5xx.
        await check(method, path(), body, headers?.() ?? {});
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  it.each(['POST /v1/sessions', 'POST /v1/sessions/bulk', `PATCH /v1/sessions/:id`, 'POST /v1/accounts', 'POST /v1/users', 'POST /v1/auth/sign-in', 'POST /ops/login'])('%s: raw bytes, any content type, any header', async (route) => {
    const [method, raw] = route.split(' ') as [string, string];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{', '{"title":', '[1,2', 'null', '"x"', '{"a":1}{"b":2}', '\u0000\u0001', '{"__proto__":{"admin":true}}')),
        fc.constantFrom('application/json', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/merge-patch+json', ''),
        headerValue,
        async (body, contentType, header) => {
          await check(method, raw.replace(':id', sessionId), body, { 'content-type': contentType, 'idempotency-key': header, 'if-match': header });
        },
      ),
      { numRuns: RUNS },
    );
  }, 60_000);

  it.each(['/v1/sessions', '/v1/jobs', '/v1/audit', '/v1/board', `/v1/sessions/:id`, '/v1/accounts/:id', '/v1/stats', '/v1/users', '/v1/users/:id', '/v1/me', '/v1/me/tokens'])('GET %s: any query string and id', async (route) => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.oneof(fc.constantFrom('limit', 'cursor', 'from', 'to', 'status', 'state', 'kind', 'platform', 'sessionId', 'campaignId', 'before', 'stageId'), fc.string({ maxLength: 8 })), fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('-1', '0', '1e9', '99999999999', '2024-13-45', '[]', '{"$gt":""}')), { maxKeys: 4 }),
        fc.string({ maxLength: 40 }),
        async (query, id) => {
          const qs = new URLSearchParams(query).toString();
          await check('GET', `${route.replace(':id', encodeURIComponent(id) || 'x')}${qs ? `?${qs}` : ''}`, undefined, route.startsWith('/v1/me') ? personal : {});
        },
      ),
      { numRuns: RUNS },
    );
  }, 60_000);

  it('never 5xx on any session cookie, CSRF header or Authorization scheme, and stores nothing when refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 120 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')), fc.constantFrom('livecue_session=', 'livecue_session=%ZZ', `livecue_session=${'a'.repeat(43)}`, 'livecue_session=a; livecue_session=b', 'livecue_ops=x')),
        headerValue,
        fc.constantFrom('Basic YWRtaW46YWRtaW4=', 'Bearer lc_', `Bearer lc_${'x'.repeat(43)}`, 'Bearer', 'Digest x', ''),
        fc.constantFrom('POST /v1/me/tokens', 'POST /v1/auth/sign-out', 'DELETE /v1/me/tokens/tok_x', 'GET /v1/me', 'POST /ops/logout', 'PUT /admin/queues/api/queues/facebook/pause'),
        async (cookie, csrf, authorization, route) => {
          const [method, path] = route.split(' ') as [string, string];
          const before = await keyCount(app);
          const res = await app.call(method, path, { role: null, headers: { cookie, 'x-csrf-token': csrf, ...(authorization ? { authorization } : {}) }, ...(method === 'POST' ? { body: { name: 'x' } } : {}) });
          if (res.status >= 500) throw new Error(`${route} → ${res.status} ${JSON.stringify(res.body)}`);
          if (res.status >= 400) expect(await keyCount(app)).toBe(before);
        },
      ),
      { numRuns: RUNS },
    );
  }, 60_000);

  const badPercent = fc.oneof(
    fc.constantFrom('%', '%Z', '%ZZ', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%%', 'ok%'),
    fc.tuple(fc.string({ maxLength: 6 }), fc.constantFrom('', 'A', 'g', '0')).map(([a, h]) => `${encodeURIComponent(a)}%${h}`),
  );
  it.each(['GET /v1/sessions/:id', 'PATCH /v1/sessions/:id', 'POST /v1/sessions/:id/cancel', 'GET /v1/accounts/:id', 'DELETE /v1/accounts/:id', 'POST /v1/jobs/:id/retry', 'GET /v1/campaigns/:id', 'GET /v1/campaigns/:id/calendar.ics'])(
    '%s: malformed percent-encoding in the id, with or without a token',
    async (route) => {
      const [method, raw] = route.split(' ') as [string, string];
      await fc.assert(
        fc.asyncProperty(badPercent, fc.boolean(), async (id, signed) => {
          const res = await app.call(method, raw.replace(':id', id), { role: signed ? 'admin' : null, ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }) });
          if (res.status >= 500) throw new Error(`${method} ${raw} with id ${id} → ${res.status} ${JSON.stringify(res.body)}`);
        }),
        { numRuns: RUNS },
      );
    },
    60_000,
  );

  it.each(['POST /v1/sessions', 'POST /v1/sessions/preview', `PATCH /v1/sessions/:id`, 'POST /ops/login'])('%s: a Content-Encoding the body does not have', async (route) => {
    const [method, raw] = route.split(' ') as [string, string];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('gzip', 'deflate', 'br', 'x-gzip', 'compress', 'gzip, gzip', 'identity, gzip'), fc.oneof(fc.string({ maxLength: 60 }), fc.constant(JSON.stringify(validSession()))), async (encoding, body) => {
        await check(method, raw.replace(':id', sessionId), body, { 'content-encoding': encoding });
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  it('POST /v1/sessions: hook URLs in IPv6 forms that embed an IPv4 address', async () => {
    const v4 = fc.tuple(fc.constantFrom(169, 10, 127, 203), fc.constantFrom(254, 0, 1), fc.nat(255), fc.nat(255));
    const hex = ([a, b, c, d]: number[]) => `${((a ?? 0) * 256 + (b ?? 0)).toString(16)}:${((c ?? 0) * 256 + (d ?? 0)).toString(16)}`;
    const url = fc.tuple(v4, fc.constantFrom('::%s', '::ffff:0:%h', '::ffff:%s', '64:ff9b::%s', '64:ff9b:1::%h', '2002:%h::', '2001:0:%h::1')).map(([parts, form]) => `http://[${form.replace('%s', parts.join('.')).replace('%h', hex(parts))}]/hook`);
    await fc.assert(
      fc.asyncProperty(url, async (u) => {
        const res = await app.call('POST', '/v1/sessions/preview', { role: 'organizer', body: { ...validSession(), notify: [{ type: 'webhook', url: u, secret: 'fuzz-secret-1234' }] } });
        if (res.status >= 500) throw new Error(`${u} → ${res.status}`);
        // The metadata range is refused in every form.
        if (/^http:\/\/\[(::|::ffff:0:|::ffff:|64:ff9b::|64:ff9b:1::|2002:|2001:0:)(169\.254\.|a9fe)/.test(u)) expect([u, res.status]).toEqual([u, 400]);
      }),
      { numRuns: RUNS * 2 },
    );
  }, 60_000);

  it('POST /v1/campaigns/:id/import: prototype-named and hostile column names', async () => {
    const campaign = await app.call('POST', '/v1/campaigns', { role: 'organizer', body: { id: 'fuzz-sheet', name: 'Fuzz', startsOn: '2030-06-07', endsOn: '2030-07-07', stages: [{ id: 'main', name: 'Main' }] } });
    expect(campaign.status).toBe(201);
    const column = fc.oneof(fc.constantFrom('__proto__', '__defineGetter__', '__lookupSetter__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', 'title', 'targets'), fc.string({ maxLength: 12 }).map((c) => c.replace(/[,"\r\n]/g, '')));
    await fc.assert(
      fc.asyncProperty(fc.array(column, { minLength: 1, maxLength: 4 }), async (extra) => {
        const header = ['title', 'startsAt', 'durationMinutes', 'targets', ...extra].join(',');
        const row = ['A', '2030-06-08T10:00', '60', 'facebook:fb-cho-con', ...extra.map(() => 'x')].join(',');
        await check('POST', '/v1/campaigns/fuzz-sheet/import', `${header}\n${row}\n`, { 'content-type': 'text/csv' });
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  it('refuses a body over the limit with 413 and stores nothing', async () => {
    const before = await keyCount(app);
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: JSON.stringify({ ...validSession(), description: 'x'.repeat(1_100_000) }) });
    expect([res.status, res.body.error.code]).toEqual([413, 'payload_too_large']);
    expect(await keyCount(app)).toBe(before);
  });

  it('refuses a non-JSON content type with 415 and broken JSON with 400 invalid_json', async () => {
    const text = await app.call('POST', '/v1/sessions', { role: 'organizer', body: JSON.stringify(validSession()), headers: { 'content-type': 'text/plain' } });
    expect([text.status, text.body.error.code]).toEqual([415, 'unsupported_media_type']);
    const broken = await app.call('POST', '/v1/sessions', { role: 'organizer', body: '{"title": "x",' });
    expect([broken.status, broken.body.error.code]).toEqual([400, 'invalid_json']);
  });

  it('does not let __proto__ in a body reach the store or the prototype', async () => {
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: `{"__proto__":{"polluted":true},${JSON.stringify(validSession()).slice(1)}` });
    expect(res.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
