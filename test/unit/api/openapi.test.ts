import { buildOpenApiDocument } from '../../../src/api/openapi/build-openapi';
import { createSessionSchema } from '../../../src/api/schemas/session-schema';
import type { ErrorCode } from '../../../src/domain/errors';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Role = 'viewer' | 'organizer' | 'ops' | 'admin' | null;

const AUTH = [401, 403, 429, 500];
const JSON_BODY = [400, 413, 415];

/** The routes of api.md (and src/api/app.ts) with their least role and every status they answer. */
const ROUTES: [Method, string, Role, number[]][] = [
  ['get', '/healthz', null, [200]],
  ['get', '/readyz', null, [200, 503]],
  ['post', '/v1/sessions', 'organizer', [201, ...JSON_BODY, ...AUTH, 409, 422, 503]],
  ['get', '/v1/sessions', 'viewer', [200, 400, ...AUTH, 503]],
  ['get', '/v1/sessions/{id}', 'viewer', [200, ...AUTH, 400, 404, 503]],
  ['patch', '/v1/sessions/{id}', 'organizer', [200, ...JSON_BODY, ...AUTH, 404, 409, 412, 422, 503]],
  ['post', '/v1/sessions/{id}/cancel', 'organizer', [200, ...JSON_BODY, ...AUTH, 404, 412, 422, 503]],
  ['post', '/v1/sessions/preview', 'viewer', [200, ...JSON_BODY, ...AUTH, 422, 503]],
  ['post', '/v1/sessions/bulk', 'organizer', [200, 201, ...JSON_BODY, ...AUTH, 409, 422, 503]],
  ['get', '/v1/series/{id}', 'viewer', [200, ...AUTH, 400, 404, 503]],
  ['patch', '/v1/series/{id}', 'organizer', [200, ...JSON_BODY, ...AUTH, 404, 503]],
  ['post', '/v1/series/{id}/cancel', 'organizer', [200, ...JSON_BODY, ...AUTH, 404, 503]],
  ['post', '/v1/accounts', 'admin', [201, ...JSON_BODY, ...AUTH, 503]],
  ['get', '/v1/accounts', 'admin', [200, ...AUTH, 503]],
  ['get', '/v1/accounts/{id}', 'admin', [200, ...AUTH, 400, 404, 503]],
  ['delete', '/v1/accounts/{id}', 'admin', [204, ...AUTH, 400, 404, 422, 503]],
  ['post', '/v1/connections', 'admin', [201, ...JSON_BODY, ...AUTH, 422, 503]],
  ['get', '/v1/connections/{id}', 'admin', [200, ...AUTH, 400, 404, 503]],
  ['post', '/v1/connections/{id}/accounts', 'admin', [201, ...JSON_BODY, ...AUTH, 404, 422, 503]],
  ['get', '/v1/connections/callback/{platform}', null, [302, 400, 404, 429, 500, 503]],
  ['get', '/c/{campaignId}', null, [200, 400, 404, 503]],
  ['post', '/v1/public/campaigns/{id}/subscriptions', null, [202, ...JSON_BODY, 404, 429, 500, 503]],
  ['get', '/v1/public/subscriptions/confirm', null, [200, 429, 500]],
  ['post', '/v1/public/subscriptions/confirm', null, [200, ...JSON_BODY, 429, 500, 503]],
  ['get', '/v1/public/unsubscribe', null, [200, 429, 500]],
  ['post', '/v1/public/unsubscribe', null, [200, ...JSON_BODY, 429, 500, 503]],
  ['get', '/v1/jobs', 'viewer', [200, 400, ...AUTH, 503]],
  ['post', '/v1/jobs/{id}/retry', 'ops', [200, ...AUTH, 400, 404, 413, 415, 422, 503]],
  ['get', '/v1/stats', 'viewer', [200, ...AUTH, 503]],
  ['get', '/v1/board', 'viewer', [200, 400, ...AUTH, 503]],
  ['post', '/v1/jobs/retry', 'ops', [200, ...JSON_BODY, ...AUTH, 503]],
  ['get', '/v1/sandbox', 'admin', [200, ...AUTH, 404]],
  ['get', '/v1/audit', 'admin', [200, 400, ...AUTH, 503]],
  ['get', '/v1/openapi.json', null, [200, 429, 500]],
  ['post', '/v1/campaigns', 'organizer', [201, ...JSON_BODY, ...AUTH, 503]],
  ['get', '/v1/campaigns', 'viewer', [200, ...AUTH, 503]],
  ['get', '/v1/campaigns/{id}', 'viewer', [200, ...AUTH, 400, 404, 503]],
  ['put', '/v1/campaigns/{id}/catalog', 'organizer', [200, ...JSON_BODY, ...AUTH, 404, 503]],
  ['get', '/v1/campaigns/{id}/coverage', 'viewer', [200, ...AUTH, 400, 404, 503]],
  ['get', '/v1/campaigns/{id}/catalog', 'viewer', [200, ...AUTH, 400, 404, 503]],
  ['get', '/v1/campaigns/{id}/subscribers', 'organizer', [200, ...AUTH, 400, 404, 503]],
  ['get', '/v1/sessions/{id}/deliveries', 'organizer', [200, ...AUTH, 400, 404, 503]],
  ['get', '/v1/targets', 'viewer', [200, ...AUTH, 503]],
  ['post', '/v1/campaigns/{id}/import', 'organizer', [200, 201, ...JSON_BODY, ...AUTH, 404, 409, 422, 503]],
  ['get', '/v1/campaigns/{id}/calendar.ics', null, [200, 400, 404, 429, 500, 503]],
  ['post', '/v1/users', 'admin', [201, ...JSON_BODY, ...AUTH, 409, 503]],
  ['get', '/v1/users', 'admin', [200, ...AUTH, 503]],
  ['get', '/v1/users/{id}', 'admin', [200, ...AUTH, 400, 404, 503]],
  ['patch', '/v1/users/{id}', 'admin', [200, ...JSON_BODY, ...AUTH, 404, 422, 503]],
  ['post', '/v1/users/{id}/invitation', 'admin', [201, ...AUTH, 400, 404, 413, 415, 422, 503]],
  ['post', '/v1/auth/invitation', null, [200, ...JSON_BODY, 429, 500, 503]],
  ['post', '/v1/auth/sign-in', null, [200, ...JSON_BODY, 401, 429, 500, 503]],
  ['post', '/v1/auth/sign-out', null, [204, 400, 403, 413, 415, 429, 500, 503]],
  ['get', '/v1/me', 'viewer', [200, ...AUTH, 503]],
  ['post', '/v1/me/tokens', 'viewer', [201, ...JSON_BODY, ...AUTH, 503]],
  ['get', '/v1/me/tokens', 'viewer', [200, ...AUTH, 503]],
  ['delete', '/v1/me/tokens/{id}', 'viewer', [204, ...AUTH, 400, 404, 503]],
];

/** Every ErrorCode: a Record, so the compiler fails this test when a code is added or removed. */
const ALL_CODES: Record<ErrorCode, true> = {
  validation_failed: true,
  invalid_json: true,
  unauthorized: true,
  forbidden: true,
  csrf_failed: true,
  invalid_token: true,
  conflict: true,
  not_found: true,
  stage_conflict: true,
  outside_campaign: true,
  idempotency_conflict: true,
  version_mismatch: true,
  payload_too_large: true,
  unsupported_media_type: true,
  starts_in_past: true,
  invalid_state: true,
  not_configured: true,
  quota_exceeded: true,
  rate_limited: true,
  unavailable: true,
  internal: true,
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const doc: any = JSON.parse(JSON.stringify(buildOpenApiDocument()));
const schemas: Record<string, any> = doc.components.schemas;

function operations(): { method: string; path: string; op: any }[] {
  return Object.entries<any>(doc.paths).flatMap(([path, item]) =>
    Object.entries<any>(item).filter(([method]) => METHODS.includes(method)).map(([method, op]) => ({ method, path, op })),
  );
}

function allRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) allRefs(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else allRefs(v, out);
    }
  }
  return out;
}

function resolve(ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((node, key) => (node === undefined ? undefined : node[key.replace(/~1/g, '/').replace(/~0/g, '~')]), doc);
}

describe('the OpenAPI document', () => {
  it('builds as OpenAPI 3.1 with info, a bearer scheme and bearer auth by default', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toEqual(expect.any(String));
    expect(doc.info.version).toEqual(expect.any(String));
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const role of ['viewer', 'organizer', 'ops', 'admin']) expect(doc.components.securitySchemes.bearerAuth.description).toContain(`\`${role}\``);
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
  });

  it('builds the same document on every call', () => {
    expect(JSON.parse(JSON.stringify(buildOpenApiDocument()))).toEqual(doc);
  });

  it.each(ROUTES)('documents %s %s with its role and exactly its status codes', (method, path, role, statuses) => {
    const op = doc.paths[path]?.[method];
    expect(op).toBeDefined();
    expect(Object.keys(op.responses).map(Number).sort((a, b) => a - b)).toEqual([...new Set(statuses)].sort((a, b) => a - b));
    if (role === null) expect(op.security).toEqual([]);
    else {
      expect(op.security).toBeUndefined();
      expect(op['x-livecue-role']).toBe(role);
    }
  });

  it('has no path or method beyond the route table', () => {
    const documented = operations().map(({ method, path }) => `${method} ${path}`).sort();
    expect(documented).toEqual(ROUTES.map(([method, path]) => `${method} ${path}`).sort());
  });

  it('answers every error status with the one error shape', () => {
    for (const { op } of operations()) {
      for (const [status, response] of Object.entries<any>(op.responses)) {
        if (Number(status) < 400 || op.operationId === 'getReadiness') continue;
        expect(response.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
      }
    }
  });

  it('lists every ErrorCode in the error enum', () => {
    expect([...schemas.ErrorCode.enum].sort()).toEqual(Object.keys(ALL_CODES).sort());
    expect(schemas.Error.properties.error.properties.code).toEqual({ $ref: '#/components/schemas/ErrorCode' });
    expect(schemas.Error.properties.error.required).toEqual(['code', 'message']);
  });

  it("describes stage_conflict's conflicts and suggestions", () => {
    const error = schemas.Error.properties.error.properties;
    expect(error.conflicts.items.anyOf).toContainEqual({ $ref: '#/components/schemas/StageConflict' });
    expect(error.suggestions.items).toEqual({ $ref: '#/components/schemas/TimeWindow' });
    expect(schemas.StageConflict.required).toEqual(['sessionId', 'startsAt', 'endsAt']);
    expect(schemas.TimeWindow.required).toEqual(['startsAt', 'endsAt']);
    expect(doc.paths['/v1/sessions'].post.responses['409'].description).toContain('stage_conflict');
  });

  it('requires title, startsAt and targets in a session create body and refuses unknown fields', () => {
    const create = schemas.CreateSessionRequest;
    expect([...create.required].sort()).toEqual(['startsAt', 'targets', 'title']);
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.targets).toMatchObject({ type: 'array', minItems: 1, maxItems: 10 });
    expect(create.properties.targets.items).toMatchObject({ additionalProperties: false, required: ['platform', 'accountId'] });
    expect(doc.paths['/v1/sessions'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateSessionRequest' });
  });

  it('documents what the create schema enforces', () => {
    const body = { title: 'Live', startsAt: '2030-01-01T19:00', durationMinutes: 60, targets: [{ platform: 'facebook', accountId: 'acc_1' }] };
    expect(createSessionSchema.safeParse(body).success).toBe(true);
    expect(createSessionSchema.safeParse({ ...body, titel: 'typo' }).success).toBe(false);
    const { title: _title, ...untitled } = body;
    expect(createSessionSchema.safeParse(untitled).success).toBe(false);
  });

  it('takes an update body where every field is optional', () => {
    expect(schemas.UpdateSessionRequest.required).toBeUndefined();
    expect(schemas.UpdateSessionRequest.additionalProperties).toBe(false);
  });

  it('documents bulk items as create bodies', () => {
    expect(schemas.BulkSessionsRequest.properties.sessions).toMatchObject({ items: { $ref: '#/components/schemas/CreateSessionRequest' }, minItems: 1, maxItems: 5000 });
    expect(schemas.BulkSessionsRequest.additionalProperties).toBe(false);
  });

  it('documents the headers: Idempotency-Key, If-Match, ETag, Retry-After', () => {
    const headerParams = (method: string, path: string): string[] =>
      (doc.paths[path][method].parameters ?? []).filter((p: any) => p.in === 'header').map((p: any) => p.name);
    expect(headerParams('post', '/v1/sessions')).toEqual(['Idempotency-Key']);
    expect(headerParams('post', '/v1/sessions/bulk')).toEqual(['Idempotency-Key']);
    expect(headerParams('patch', '/v1/sessions/{id}')).toEqual(['If-Match']);
    for (const [method, path, status] of [['post', '/v1/sessions', '201'], ['get', '/v1/sessions/{id}', '200'], ['patch', '/v1/sessions/{id}', '200'], ['post', '/v1/sessions/{id}/cancel', '200']] as const) {
      expect(doc.paths[path][method].responses[status].headers.ETag).toEqual({ $ref: '#/components/headers/ETag' });
    }
    for (const { op } of operations()) {
      for (const status of ['429', '503']) {
        if (op.responses[status] && op.operationId !== 'getReadiness') expect(op.responses[status].headers['Retry-After']).toEqual({ $ref: '#/components/headers/RetryAfter' });
      }
    }
  });

  it('describes the response bodies', () => {
    expect(schemas.Session.required).toEqual(expect.arrayContaining(['id', 'version', 'status', 'startsAt', 'startsAtLocal', 'targets', 'jobs']));
    expect(schemas.Session.properties.jobs.items).toEqual({ $ref: '#/components/schemas/Job' });
    expect(schemas.Session.properties.targets.items).toEqual({ $ref: '#/components/schemas/SessionTarget' });
    expect(schemas.SessionList.required).toEqual(['items', 'nextCursor']);
    expect(schemas.BulkResult.required).toEqual(['created', 'errors']);
    expect(schemas.PreviewResult.required).toEqual(['session', 'conflicts', 'warnings']);
    expect(schemas.Account.properties).not.toHaveProperty('credentials');
    expect(schemas.Job.properties.platform.type).toEqual(['string', 'null']);
    expect(schemas.Stats.properties.lateness.required).toEqual(expect.arrayContaining(['p50', 'p95', 'p99']));
    expect(schemas.Health.properties.status).toMatchObject({ enum: ['ok'] });
  });

  it('takes the campaign import as text/csv and serves the calendar as text/calendar', () => {
    expect(Object.keys(doc.paths['/v1/campaigns/{id}/import'].post.requestBody.content)).toEqual(['text/csv']);
    expect(Object.keys(doc.paths['/v1/campaigns/{id}/calendar.ics'].get.responses['200'].content)).toEqual(['text/calendar']);
    expect(doc.paths['/v1/campaigns/{id}/calendar.ics'].get.parameters).toContainEqual(expect.objectContaining({ name: 'key', in: 'query', required: true }));
    expect(schemas.CreateCampaignRequest).toMatchObject({ additionalProperties: false });
    expect([...schemas.CreateCampaignRequest.required].sort()).toEqual(['endsOn', 'name', 'stages', 'startsOn']);
    expect([...schemas.CatalogRequest.required].sort()).toEqual(['products', 'vendors']);
  });

  describe('is well formed', () => {
    it('resolves every $ref', () => {
      const refs = [...new Set(allRefs(doc))];
      expect(refs.length).toBeGreaterThan(20);
      expect(refs.filter((ref) => resolve(ref) === undefined)).toEqual([]);
    });

    it('declares every path template parameter as a required path parameter, and no other', () => {
      for (const { path, op } of operations()) {
        const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        const declared = (op.parameters ?? []).filter((p: any) => p.in === 'path');
        expect(declared.map((p: any) => p.name)).toEqual(inPath);
        for (const p of declared) expect(p.required).toBe(true);
      }
    });

    it('gives every operation a unique operationId, a known tag, a summary and a success answer', () => {
      const ids = operations().map(({ op }) => op.operationId);
      expect(new Set(ids).size).toBe(ids.length);
      const tags = new Set(doc.tags.map((t: any) => t.name));
      for (const { op } of operations()) {
        expect(op.summary).toEqual(expect.any(String));
        for (const tag of op.tags) expect(tags.has(tag)).toBe(true);
        // The OAuth callback's success is a redirect (302).
        expect(Object.keys(op.responses).some((s) => /^[23]\d\d$/.test(s))).toBe(true);
        for (const [status, response] of Object.entries<any>(op.responses)) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          expect(response.description).toEqual(expect.any(String));
        }
      }
    });

    it('keeps schema types within JSON Schema 2020-12', () => {
      const types = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          const t = (node as { type?: unknown }).type;
          if (typeof t === 'string' || Array.isArray(t)) for (const one of [t].flat()) expect(types.has(String(one))).toBe(true);
          expect(node).not.toHaveProperty('nullable');
          Object.values(node).forEach(walk);
        }
      };
      walk(schemas);
    });
  });
});
