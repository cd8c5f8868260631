import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { createAccountSchema } from '../handlers/accounts';
import { defineRoute, idParam } from './define-route';
import { AccountListSchema, AccountSchema } from './responses';

const CreateAccountBody = createAccountSchema.meta({
  id: 'CreateAccountRequest',
  description: 'A platform account. `id`, when given, matches `[a-z0-9_-]{1,64}` (otherwise one is made). Credentials are encrypted at rest and never returned or logged.',
});

const accountId = idParam('platform account', 'acc_k3j9x0a1b2c3');

export function accountRoutes(): RouteConfig[] {
  const tag = 'Accounts';
  const content = { 'application/json': { schema: AccountSchema } };
  return [
    defineRoute({
      method: 'post', path: '/v1/accounts', operationId: 'createAccount', tag, role: 'admin',
      summary: 'Register a platform account',
      body: { schema: CreateAccountBody },
      answers: { 201: { description: 'The registered account', content } },
      errors: ['unavailable'],
    }),
    defineRoute({
      method: 'get', path: '/v1/accounts', operationId: 'listAccounts', tag, role: 'admin',
      summary: 'List platform accounts',
      answers: { 200: { description: 'Every account', content: { 'application/json': { schema: AccountListSchema } } } },
      errors: ['unavailable'],
    }),
    defineRoute({
      method: 'get', path: '/v1/accounts/{id}', operationId: 'getAccount', tag, role: 'admin',
      summary: 'Read a platform account',
      params: accountId,
      answers: { 200: { description: 'The account', content } },
      errors: ['not_found', 'unavailable'],
    }),
    defineRoute({
      method: 'delete', path: '/v1/accounts/{id}', operationId: 'deleteAccount', tag, role: 'admin',
      summary: 'Remove a platform account',
      description: 'Refused with 422 `invalid_state` (naming the sessions in `sessionIds`) while a scheduled or live session targets it.',
      params: accountId,
      answers: { 204: { description: 'Removed' } },
      errors: ['not_found', 'invalid_state', 'unavailable'],
    }),
  ];
}
