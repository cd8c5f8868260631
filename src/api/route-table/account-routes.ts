import type { ApiRoute } from '../routes';
import { createAccount, createAccountSchema, deleteAccount, getAccount, listAccounts } from '../handlers/accounts';
import { idParam } from '../openapi/define-route';
import { AccountListSchema, AccountSchema } from '../openapi/responses';

const CreateAccountBody = createAccountSchema.meta({
  id: 'CreateAccountRequest',
  description: 'A platform account. `id`, when given, matches `[a-z0-9_-]{1,64}` (otherwise one is made). Credentials are encrypted at rest and never returned or logged.',
});

const accountId = idParam('platform account', 'acc_k3j9x0a1b2c3');

const tag = 'Accounts';
const content = { 'application/json': { schema: AccountSchema } };
export const accountRoutes: ApiRoute[] = [
  {
    method: 'post', path: '/v1/accounts', role: 'admin',
    handle: ({ deps, req, auth }) => createAccount(deps, req.body, auth?.principal),
    doc: {
      operationId: 'createAccount', tag,
      summary: 'Register a platform account',
      body: { schema: CreateAccountBody },
      answers: { 201: { description: 'The registered account', content } },
      errors: ['unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/accounts', role: 'admin',
    handle: ({ deps }) => listAccounts(deps),
    doc: {
      operationId: 'listAccounts', tag,
      summary: 'List platform accounts',
      answers: { 200: { description: 'Every account', content: { 'application/json': { schema: AccountListSchema } } } },
      errors: ['unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/accounts/:id', role: 'admin',
    handle: ({ deps, id }) => getAccount(deps, id),
    doc: {
      operationId: 'getAccount', tag,
      summary: 'Read a platform account',
      params: accountId,
      answers: { 200: { description: 'The account', content } },
      errors: ['not_found', 'unavailable'],
    },
  },
  {
    method: 'delete', path: '/v1/accounts/:id', role: 'admin',
    handle: ({ deps, id, auth }) => deleteAccount(deps, id, auth?.principal),
    doc: {
      operationId: 'deleteAccount', tag,
      summary: 'Remove a platform account',
      description: 'Refused with 422 `invalid_state` (naming the sessions in `sessionIds`) while a scheduled or live session targets it.',
      params: accountId,
      answers: { 204: { description: 'Removed' } },
      errors: ['not_found', 'invalid_state', 'unavailable'],
    },
  },
];
