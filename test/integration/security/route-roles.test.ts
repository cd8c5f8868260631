/**
 * Roles on every route: walks the Express route table of createApp(deps) (app.router.stack, into
 * mounted routers) and calls each route with no token, a wrong token and each role. Proves
 * requirePermission (src/api/auth.ts) guards every route: a route added without a guard answers
 * a viewer (or no token at all) with something other than 401/403 and this test fails. A route
 * added without a row in EXPECTED fails too: give it a row with its least role.
 */
import { startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';
import { createApp } from '../../../src/api/app';

type Role = 'viewer' | 'organizer' | 'ops' | 'admin';
const RANK: Record<Role, Role[]> = {
  viewer: ['viewer', 'organizer', 'ops', 'admin'],
  organizer: ['organizer', 'admin'],
  ops: ['ops', 'admin'],
  admin: ['admin'],
};

/**
 * `METHOD /path` (Express syntax) → the least role; null: public (no token needed); 'own': a route
 * with its own check (the ops sign-in takes a token in its body), tested by its owner.
 */
const EXPECTED: Record<string, Role | null | 'own'> = {
  'GET /healthz': null,
  'GET /readyz': null,
  'GET /metrics': null,
  'GET /v1/openapi.json': null,
  'POST /v1/sessions/preview': 'viewer',
  'POST /v1/sessions/bulk': 'organizer',
  'POST /v1/sessions': 'organizer',
  'GET /v1/sessions': 'viewer',
  'GET /v1/sessions/:id': 'viewer',
  'PATCH /v1/sessions/:id': 'organizer',
  'POST /v1/sessions/:id/cancel': 'organizer',
  'POST /v1/accounts': 'admin',
  'GET /v1/accounts': 'admin',
  'GET /v1/accounts/:id': 'admin',
  'DELETE /v1/accounts/:id': 'admin',
  'GET /v1/board': 'viewer',
  'GET /v1/jobs': 'viewer',
  'POST /v1/jobs/retry': 'ops',
  'POST /v1/jobs/:id/retry': 'ops',
  'GET /v1/audit': 'admin',
  'GET /v1/stats': 'viewer',
  'GET /v1/sandbox': 'admin',
  'POST /v1/campaigns': 'organizer',
  'GET /v1/campaigns': 'viewer',
  'GET /v1/campaigns/:id': 'viewer',
  'PUT /v1/campaigns/:id/catalog': 'organizer',
  'GET /v1/campaigns/:id/coverage': 'viewer',
  'POST /v1/campaigns/:id/import': 'organizer',
  // The calendar feed is read by calendar apps: a feed token in the URL, not a bearer token.
  'GET /v1/campaigns/:id/calendar.ics': null,
  'POST /v1/connections': 'admin',
  'GET /v1/connections/:id': 'admin',
  'POST /v1/connections/:id/accounts': 'admin',
  // The platform sends the browser back here: the single-use `state` authorizes it, not a token.
  'GET /v1/connections/callback/:platform': null,
  'GET /v1/series/:id': 'viewer',
  'PATCH /v1/series/:id': 'organizer',
  'POST /v1/series/:id/cancel': 'organizer',
  // The ops pages: the page itself is public; sign-in takes a token; sign-out is same-origin only.
  'GET /ops': null,
  'POST /ops/login': 'own',
  'POST /ops/logout': 'own',
  'GET /ops/me': 'viewer',
};

interface Found {
  method: string;
  path: string;
}

/** Every method + path of the app, mounted routers included. */
function walk(stack: any[], prefix = ''): Found[] {
  const out: Found[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths: string[] = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const p of paths) {
        for (const [method, on] of Object.entries<boolean>(layer.route.methods)) {
          if (on && method !== '_all') out.push({ method: method.toUpperCase(), path: `${prefix}${p}` });
        }
      }
    } else if (layer.handle?.stack && typeof layer.rawPath === 'string') {
      out.push(...walk(layer.handle.stack, `${prefix}${layer.rawPath === '/' ? '' : layer.rawPath}`));
    }
  }
  return out;
}

describe('roles on every route', () => {
  let app: TestApp;
  let routes: Found[];

  beforeAll(async () => {
    app = await startTestApp({}, 'api');
    routes = walk((createApp(app.deps) as any).router.stack);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('finds the routes and has a role expectation for each', () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const unknown = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !(k in EXPECTED));
    expect(unknown).toEqual([]);
  });

  it('answers 401 without a token or with an unknown one, 403 to roles below the least, and lets the rest in', async () => {
    const problems: string[] = [];
    for (const r of routes) {
      const least = EXPECTED[`${r.method} ${r.path}`];
      if (least === undefined || least === null || least === 'own') continue;
      const path = r.path.replace(/:(\w+)/g, 'nope-$1');
      const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
      for (const role of [null, 'viewer', 'organizer', 'ops', 'admin'] as const) {
        const res = await app.call(r.method, path, { role, ...(body ? { body } : {}) });
        const allowed = role !== null && RANK[least].includes(role);
        const expected = role === null ? 401 : allowed ? 'in' : 403;
        const got = res.status === 401 || res.status === 403 ? res.status : 'in';
        if (got !== expected) problems.push(`${r.method} ${r.path} as ${role ?? 'nobody'}: ${res.status} (expected ${String(expected)})`);
        if (res.status >= 400) expect(res.body.error.code).toEqual(expect.any(String));
      }
      const wrong = await app.call(r.method, path, { role: null, headers: { authorization: 'Bearer not-a-known-token-0000' } });
      if (wrong.status !== 401) problems.push(`${r.method} ${r.path} with an unknown token: ${wrong.status}`);
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('lets public routes answer without a token', async () => {
    for (const r of routes.filter((x) => EXPECTED[`${x.method} ${x.path}`] === null)) {
      const res = await app.call(r.method, r.path.replace(/:(\w+)/g, 'nope-$1'), { role: null });
      expect([r.path, res.status === 401 || res.status === 403]).toEqual([r.path, false]);
    }
  });
});
