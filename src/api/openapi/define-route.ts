import type { ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Role } from '../../../config/schema';
import type { ApiRoute, RouteDoc } from '../routes';
import { z } from 'zod';
import type { ZodObject } from 'zod';
import type { ErrorCode } from '../../domain/errors';
import { errorResponses } from './error-responses';

const WHO: Record<Role, string> = {
  viewer: 'any token (viewer, organizer, ops or admin)',
  organizer: 'an organizer or admin token',
  ops: 'an ops or admin token',
  admin: 'an admin token',
};

/** What defineRoute needs of a route: the table's entries, and the public routes (src/api/route-table/public-routes.ts). */
type RouteShape = Pick<ApiRoute, 'method' | 'path' | 'role' | 'person'> & Partial<Pick<ApiRoute, 'stage'>>;
/** `table`: mounted by the route table (after /v1's JSON body rules unless `stage` says otherwise); `public`: by mountPublicRoutes, with its own body parsers. */
type Mount = 'table' | 'public';

/** Methods whose bodies /v1 reads as JSON (src/api/app.ts: requireJsonBody, then express.json). */
const BODY_METHODS = new Set<ApiRoute['method']>(['post', 'put', 'patch']);
const UNSAFE_METHODS = new Set<ApiRoute['method']>(['post', 'put', 'patch', 'delete']);

/**
 * The errors every route of its kind answers, from how the app mounts it (src/api/app.ts):
 * - on /v1, or with a token: the rate limits (429) and an unexpected failure (500);
 * - with a token: 401 and 403 (and `csrf_failed` on unsafe methods, for the session cookie);
 * - a path parameter: `validation_failed` for a malformed percent-encoding (`%ZZ`);
 * - a body: `validation_failed`, 413 and 415 (and `invalid_json` for JSON bodies);
 * - POST, PUT and PATCH of the table mounted after /v1's JSON body rules take a JSON body even when they
 *   document none: 415 for another Content-Type, `invalid_json` and 413 for a broken or big one.
 */
export function impliedErrors(route: RouteShape, doc: RouteDoc, mount: Mount = 'table'): ErrorCode[] {
  const signedIn = route.person === true || (route.role !== null && route.role !== 'own');
  const onV1 = route.path.startsWith('/v1/');
  const jsonRules = mount === 'table' && onV1 && route.stage === undefined && BODY_METHODS.has(route.method);
  const mediaType = doc.body?.mediaType ?? 'application/json';
  const codes: ErrorCode[] = [
    ...(signedIn || onV1 ? (['rate_limited', 'internal'] as const) : []),
    ...(signedIn ? (['unauthorized', 'forbidden'] as const) : []),
    ...(signedIn && UNSAFE_METHODS.has(route.method) ? (['csrf_failed'] as const) : []),
    ...(/:\w+/.test(route.path) ? (['validation_failed'] as const) : []),
    ...(doc.body ? (['validation_failed', 'payload_too_large', 'unsupported_media_type'] as const) : []),
    ...((doc.body && mediaType === 'application/json') || jsonRules ? (['invalid_json', 'payload_too_large', 'unsupported_media_type'] as const) : []),
  ];
  return [...new Set(codes)];
}

/** A route (of the table, or a public one) in the zod-to-openapi shape, with its own errors and the implied ones (`impliedErrors`). */
export function defineRoute(route: RouteShape, doc: RouteDoc, mount: Mount = 'table'): RouteConfig {
  const spec = { ...doc, method: route.method, path: openApiPath(route.path), role: route.person ? ('viewer' as const) : route.role === 'own' ? null : route.role };
  const mediaType = spec.body?.mediaType ?? 'application/json';
  const implied = impliedErrors(route, doc, mount);
  const responses: Record<string, ResponseConfig> = {};
  for (const [status, answer] of Object.entries(spec.answers)) responses[status] = answer;
  Object.assign(responses, errorResponses([...implied, ...(spec.errors ?? [])]));
  const request: NonNullable<RouteConfig['request']> = {
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.query ? { query: spec.query } : {}),
    ...(spec.headers ? { headers: spec.headers } : {}),
    ...(spec.body
      ? {
          body: {
            required: spec.body.required ?? true,
            ...(spec.body.description ? { description: spec.body.description } : {}),
            content: { [mediaType]: { schema: spec.body.schema } },
          },
        }
      : {}),
  };
  const access = spec.role ? `Needs ${WHO[spec.role]}.` : route.person ? 'Needs a signed-in person (a browser session or a personal token).' : 'No bearer token needed.';
  return {
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description ? `${spec.description}\n\n${access}` : access,
    tags: [spec.tag],
    ...(spec.role ? { 'x-livecue-role': spec.role } : { security: [] }),
    ...(Object.keys(request).length > 0 ? { request } : {}),
    responses,
  };
}

/** `{id}` path parameter. */
export function idParam(what: string, example: string): ZodObject {
  return z.strictObject({ id: z.string().min(1).max(200).meta({ description: `Id of the ${what}`, example }) });
}

/** Response headers by name, referring to `components/headers`. */
export function headerRefs(...names: ('ETag' | 'IdempotentReplayed')[]): Record<string, { $ref: string }> {
  const wire = { ETag: 'ETag', IdempotentReplayed: 'Idempotent-Replayed' } as const;
  return Object.fromEntries(names.map((n) => [wire[n], { $ref: `#/components/headers/${n}` }]));
}

/** `/v1/sessions/:id` (Express) → `/v1/sessions/{id}` (OpenAPI). */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}
