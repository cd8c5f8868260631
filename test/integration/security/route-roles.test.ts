/**
 * Roles on every route: reads the route table (src/api/routes.ts: API_ROUTES and PAGE_ROUTES) and
 * calls each route of createApp(deps) with no token, a wrong token and each role. Proves the guard
 * mounted from the table (requirePermission, src/api/auth.ts) answers as the table's least role
 * says: a route whose guard is missing answers a viewer (or no token at all) with something other
 * than 401/403 and this test fails. Public and self-checked routes must be listed in OPEN below,
 * so making a route public is a visible change here too.
 */
import type { Role } from '../../../config/schema';
import { API_ROUTES, PAGE_ROUTES } from '../../../src/api/routes';
import { useTestApp } from '../../support/app';

const RANK: Record<Role, Role[]> = {
  viewer: ['viewer', 'organizer', 'ops', 'admin'],
  organizer: ['organizer', 'admin'],
  ops: ['ops', 'admin'],
  admin: ['admin'],
};

/**
 * The routes without a bearer role: null: public (no token needed); 'own': a route with its own
 * check (credentials in the body, or people only: `person`), tested by its owner.
 */
const OPEN: Record<string, null | 'own'> = {
  'GET /healthz': null,
  'GET /readyz': null,
  'GET /metrics': null,
  'GET /v1/openapi.json': null,
  // The calendar feed is read by calendar apps: a feed token in the URL, not a bearer token.
  'GET /v1/campaigns/:id/calendar.ics': null,
  // The platform sends the browser back here: the single-use `state` authorizes it, not a token.
  'GET /v1/connections/callback/:platform': null,
  // The ops pages: the page and its files are public; sign-in takes a token; sign-out is same-origin only.
  'GET /ops': null,
  'USE /ops/assets': null,
  'POST /ops/login': 'own',
  'POST /ops/logout': 'own',
  // Sign-in and the invitation take credentials in the body; sign-out ends the session it is sent with.
  'POST /v1/auth/invitation': 'own',
  'POST /v1/auth/sign-in': 'own',
  'POST /v1/auth/sign-out': 'own',
  // Personal tokens belong to people: any signed-in person (machine tokens are refused, tested in test/integration/people).
  'POST /v1/me/tokens': 'own',
  'GET /v1/me/tokens': 'own',
  'DELETE /v1/me/tokens/:id': 'own',
};

interface Found {
  method: string;
  path: string;
  role: Role | null | 'own';
}

/** Every method + path of the table (`USE`: a mount, called with GET), a `when` variant once. */
const routes: Found[] = [
  ...new Map(
    [...API_ROUTES, ...PAGE_ROUTES].map((r) => [`${r.method.toUpperCase()} ${r.path}`, { method: r.method.toUpperCase(), path: r.path, role: r.role }] as const),
  ).values(),
];
const keyOf = (r: Found): string => `${r.method} ${r.path}`;
const methodOf = (r: Found): string => (r.method === 'USE' ? 'GET' : r.method);

describe('roles on every route', () => {
  const app = useTestApp({ mode: 'api' });

  it('finds the routes, and every route without a role is listed as open', () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const open = Object.fromEntries(routes.filter((r) => r.role === null || r.role === 'own').map((r) => [keyOf(r), r.role]));
    expect(open).toEqual(OPEN);
  });

  it('answers 401 without a token or with an unknown one, 403 to roles below the least, and lets the rest in', async () => {
    const problems: string[] = [];
    for (const r of routes) {
      const least = r.role;
      if (least === null || least === 'own') continue;
      const method = methodOf(r);
      const path = r.path.replace(/:(\w+)/g, 'nope-$1');
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      for (const role of [null, 'viewer', 'organizer', 'ops', 'admin'] as const) {
        const res = await app.call(method, path, { role, ...(body ? { body } : {}) });
        const allowed = role !== null && RANK[least].includes(role);
        const expected = role === null ? 401 : allowed ? 'in' : 403;
        const got = res.status === 401 || res.status === 403 ? res.status : 'in';
        if (got !== expected) problems.push(`${keyOf(r)} as ${role ?? 'nobody'}: ${res.status} (expected ${String(expected)})`);
        if (res.status >= 400) expect(res.body.error.code).toEqual(expect.any(String));
      }
      const wrong = await app.call(method, path, { role: null, headers: { authorization: 'Bearer not-a-known-token-0000' } });
      if (wrong.status !== 401) problems.push(`${keyOf(r)} with an unknown token: ${wrong.status}`);
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('refuses machine tokens (403) and nobody (401) on the routes for people only', async () => {
    const people = API_ROUTES.filter((r) => r.person);
    expect(people.length).toBeGreaterThanOrEqual(3);
    for (const r of people) {
      const path = r.path.replace(/:(\w+)/g, 'nope-$1');
      const body = r.method === 'get' || r.method === 'delete' ? undefined : {};
      for (const role of [null, 'viewer', 'organizer', 'ops', 'admin'] as const) {
        const res = await app.call(r.method.toUpperCase(), path, { role, ...(body ? { body } : {}) });
        expect([r.path, role, res.status]).toEqual([r.path, role, role === null ? 401 : 403]);
      }
    }
  });

  it('lets public routes answer without a token', async () => {
    for (const r of routes.filter((x) => x.role === null)) {
      const res = await app.call(methodOf(r), r.path.replace(/:(\w+)/g, 'nope-$1'), { role: null });
      expect([r.path, res.status === 401 || res.status === 403]).toEqual([r.path, false]);
    }
  });
});
