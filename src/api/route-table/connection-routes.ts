import type { ApiRoute } from '../routes';
import { addConnectionAccounts, chooseAccountsSchema, connectionCallback, createConnection, getConnection, startConnectionSchema } from '../handlers/connections';
import { publicUrlOf } from '../public-url';
import { z } from 'zod';
import { CONNECTION_STATUSES } from '../../domain/connection';
import { PLATFORMS } from '../../domain/platform';
import { idParam } from '../openapi/define-route';
import { AccountSchema, PlatformSchema } from '../openapi/responses';

const StartBody = startConnectionSchema.meta({
  id: 'StartConnectionRequest',
  description: '`returnTo`: a path on this site the browser comes back to after the consent (default `/console/accounts`).',
});
const ChooseBody = chooseAccountsSchema.meta({ id: 'ChooseAccountsRequest', description: 'Candidates (by `externalId`) that become accounts.' });

const CandidateSchema = z
  .object({
    externalId: z.string(),
    name: z.string(),
    kind: z.enum(['page', 'creator', 'channel']),
    pictureUrl: z.string().optional(),
    live: z.object({ eligible: z.boolean(), reason: z.string().optional().meta({ description: 'Why not, and what to do' }) }),
    privacyLevelOptions: z.array(z.string()).optional().meta({ description: "TikTok: the creator's privacy levels, read at connect time" }),
    accountId: z.string().nullable().meta({ description: 'The registered account this candidate already is (a reconnect), else null' }),
  })
  .meta({ id: 'ConnectionCandidate' });

const ConnectionSchema = z
  .object({
    id: z.string().meta({ example: 'con_k3j9x0a1b2c3' }),
    platform: PlatformSchema,
    status: z.enum(CONNECTION_STATUSES),
    error: z.object({ code: z.string(), message: z.string() }).nullable().meta({ description: 'Why the connection failed, saying what to do' }),
    candidates: z.array(CandidateSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Connection' });

const StartedSchema = z
  .object({ id: z.string(), platform: PlatformSchema, status: z.literal('pending'), authorizeUrl: z.string().meta({ description: "The platform's consent screen: send the browser there" }) })
  .meta({ id: 'StartedConnection' });

const tag = 'Accounts';
const id = idParam('connection', 'con_k3j9x0a1b2c3');

/** `/v1/connections` (api.md "Connecting accounts the way people do"): admins start and finish consent flows. */
export const connectionRoutes: ApiRoute[] = [
  // Before `/v1/connections/:id`, which would take `callback` as an id.
  {
    method: 'get', path: '/v1/connections/callback/:platform', role: null,
    // The platform sends the browser back here: the single-use `state` authorizes it, not a token.
    handle: ({ deps, req, auth }) => connectionCallback(deps, String(req.params.platform), req.query, auth?.key ?? null),
    doc: {
      operationId: 'connectionCallback', tag,
      summary: 'Where the platform sends the browser back',
      description: 'No bearer token: the `state` authorizes it. Always answers 302 to `returnTo?connection=con_…`, or with `&error=<code>` (`invalid_state` for a replayed, expired or foreign state; `access_denied`, `invalid_grant`, `missing_permission`, `no_pages`, `no_channel`, `platform_unavailable`).',
      params: z.strictObject({ platform: z.enum(PLATFORMS) }),
      query: z.object({ state: z.string().optional(), code: z.string().optional(), error: z.string().optional() }),
      answers: { 302: { description: 'Back to `returnTo`', headers: { Location: { description: 'returnTo?connection=…[&error=…]', schema: { type: 'string' } } } } },
      errors: ['not_found', 'unavailable'],
    },
  },
  {
    method: 'post', path: '/v1/connections', role: 'admin',
    handle: ({ deps, req, auth }) => createConnection(deps, req.body, auth, publicUrlOf(deps.config, req)),
    doc: {
      operationId: 'startConnection', tag,
      summary: "Start connecting accounts through a platform's consent screen",
      description: 'The `state` in `authorizeUrl` is single-use, expires after 10 minutes and is bound to the caller. A platform without app credentials answers 422 `not_configured`.',
      body: { schema: StartBody },
      answers: { 201: { description: 'The pending connection', content: { 'application/json': { schema: StartedSchema } } } },
      errors: ['not_configured', 'unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/connections/:id', role: 'admin',
    handle: ({ deps, id }) => getConnection(deps, id),
    doc: {
      operationId: 'getConnection', tag,
      summary: 'Read a connection and its candidates',
      params: id,
      answers: { 200: { description: 'The connection', content: { 'application/json': { schema: ConnectionSchema } } } },
      errors: ['not_found', 'unavailable'],
    },
  },
  {
    method: 'post', path: '/v1/connections/:id/accounts', role: 'admin',
    handle: ({ deps, req, id, auth }) => addConnectionAccounts(deps, id, req.body, auth?.principal),
    doc: {
      operationId: 'addConnectionAccounts', tag,
      summary: 'Turn chosen candidates into accounts',
      description: 'A candidate already registered (same platform and externalId) gets the new credentials and its token flag cleared, keeping its id. A used or expired connection is 400 `invalid_token`; one still pending or failed is 422 `invalid_state`.',
      params: id,
      body: { schema: ChooseBody },
      answers: { 201: { description: 'The accounts', content: { 'application/json': { schema: z.object({ accounts: z.array(AccountSchema) }) } } } },
      errors: ['invalid_token', 'not_found', 'invalid_state', 'unavailable'],
    },
  },
];
