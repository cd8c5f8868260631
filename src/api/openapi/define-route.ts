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

/**
 * A table route in the zod-to-openapi shape. A token adds 401, 403, 429 and 500; a body adds
 * `validation_failed`, 413 and 415 (and `invalid_json` for JSON bodies).
 */
export function defineRoute(route: Pick<ApiRoute, 'method' | 'path' | 'role' | 'person'>, doc: RouteDoc): RouteConfig {
  const spec = { ...doc, method: route.method, path: openApiPath(route.path), role: route.person ? ('viewer' as const) : route.role === 'own' ? null : route.role };
  const mediaType = spec.body?.mediaType ?? 'application/json';
  const implied: ErrorCode[] = [
    ...(spec.role ? (['unauthorized', 'forbidden', 'rate_limited', 'internal'] as const) : []),
    ...(spec.body ? (['validation_failed', 'payload_too_large', 'unsupported_media_type'] as const) : []),
    ...(spec.body && mediaType === 'application/json' ? (['invalid_json'] as const) : []),
  ];
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
