import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { API_ROUTES } from '../routes';
import { PUBLIC_ROUTES } from '../route-table/public-routes';
import { defineRoute } from './define-route';
import { ErrorSchema } from './error-responses';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const DESCRIPTION = [
  'Control API of LiveCue, the livestream scheduler for Facebook, TikTok and YouTube. This document is the machine-readable twin of the contract in api.md: extend, never rename.',
  '',
  'Bodies are JSON (`application/json; charset=utf-8`) unless said otherwise and strict: an unknown field is `validation_failed` naming it. Text fields hold no control characters (newline and tab allowed in `description` and `text`).',
  'Timestamps in responses are ISO 8601 in UTC with `Z`; session instants also have a `…Local` twin in the session zone.',
  '',
  'Auth: `Authorization: Bearer <token>`: a machine token from `LIVECUE_TOKENS` (`role:token` pairs) or a personal token (`lc_…`); or the browser session cookie `livecue_session`, with `X-CSRF-Token` on every unsafe method (403 `csrf_failed`). Missing or unknown token: 401 `unauthorized`; known token, wrong role: 403 `forbidden`.',
  'Every error has one shape, `{"error": {"code", "message", "details"?}}` (see the `Error` schema); 429 and 503 carry `Retry-After`.',
].join('\n');

const ROLES = [
  'Roles:',
  '- `viewer`: read sessions, campaigns, jobs, stats',
  '- `organizer`: viewer + create, update, cancel sessions and campaigns, import schedules',
  '- `ops`: viewer + retry jobs, pause/resume queues, open the dashboards',
  '- `admin`: everything, including platform accounts',
  '',
  'Each operation names the least role it needs in `x-livecue-role`.',
].join('\n');

/** The OpenAPI 3.1 document of the control API, built from the route table (src/api/routes.ts) and the zod schemas the handlers validate with. */
export function buildOpenApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: ROLES });
  registry.registerComponent('headers', 'ETag', {
    description: 'The session version, quoted: `"3"`. Send it back in If-Match.',
    schema: { type: 'string', example: '"3"' },
  });
  registry.registerComponent('headers', 'IdempotentReplayed', {
    description: '`true` when the answer is the replay of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  });
  registry.registerComponent('headers', 'RetryAfter', { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } });
  registry.registerComponent('headers', 'WWWAuthenticate', { description: '`Bearer realm="livecue"`', schema: { type: 'string' } });
  for (const route of API_ROUTES) if (route.doc) registry.registerPath(defineRoute(route, route.doc));
  // The public's side of reminders: mounted apart (forms and pages), documented the same way.
  for (const route of PUBLIC_ROUTES) registry.registerPath(defineRoute(route, route.doc, 'public'));

  const generator = new OpenApiGeneratorV31([...registry.definitions, { type: 'schema', schema: ErrorSchema }]);
  return generator.generateDocument({
    openapi: '3.1.0',
    info: { title: 'LiveCue control API', version: '1.0.0', description: DESCRIPTION },
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'Sessions', description: 'Livestream sessions and their plans' },
      { name: 'Campaigns', description: 'Campaigns, stages, catalogs, CSV import and calendar feeds' },
      { name: 'Accounts', description: 'Platform accounts (admin)' },
      { name: 'People', description: 'Users and invitations (admin)' },
      { name: 'Sign-in', description: 'Browser sessions, who am I, personal API tokens' },
      { name: 'Jobs', description: 'Jobs and queues' },
      { name: 'Reminders', description: 'The public: campaign pages, subscribing to reminders (double opt-in), unsubscribing; no sign-in' },
      { name: 'Health', description: 'Liveness and readiness' },
      { name: 'Meta', description: 'This document and the sandbox' },
    ],
  });
}
