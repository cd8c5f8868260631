import { z } from 'zod';
import type { Deps } from '../../deps';
import { DomainError, notFound } from '../../domain/errors';
import { PLATFORMS } from '../../domain/platform';
import { createId } from '../../shared/ids';
import { idString, line } from '../schemas/common';
import { parseOrThrow } from '../validate';
import { presentAccount } from '../present';
import type { HandlerResult } from '../handler-result';
import { auditQuietly } from '../../store/audit-store';

export const createAccountSchema = z.strictObject({
  id: idString.optional(),
  platform: z.enum(PLATFORMS, { message: 'expected facebook | tiktok | youtube' }),
  name: line(200),
  externalId: line(200),
  credentials: z.strictObject({
    accessToken: z.string().min(1, 'must not be empty').max(4096),
    refreshToken: z.string().min(1).max(4096).optional(),
    expiresAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant, e.g. 2026-12-01T00:00:00Z' }).optional(),
    refreshExpiresAt: z.iso.datetime({ offset: true }).optional(),
  }),
});

export async function createAccount(deps: Deps, body: unknown, principal?: string): Promise<HandlerResult> {
  const input = parseOrThrow(createAccountSchema, body);
  const id = input.id ?? createId('acc');
  const credentials = {
    accessToken: input.credentials.accessToken,
    ...(input.credentials.refreshToken ? { refreshToken: input.credentials.refreshToken } : {}),
    ...(input.credentials.expiresAt ? { expiresAt: new Date(input.credentials.expiresAt).toISOString() } : {}),
    ...(input.credentials.refreshExpiresAt ? { refreshExpiresAt: new Date(input.credentials.refreshExpiresAt).toISOString() } : {}),
  };
  const created = await deps.accounts.create({ id, platform: input.platform, name: input.name, externalId: input.externalId, credentials });
  if (!created) throw new DomainError('validation_failed', `account id '${id}' is taken`, [{ path: 'id', message: 'already registered' }]);
  const account = await deps.accounts.get(id);
  if (!account) throw new Error('account vanished after write');
  await auditQuietly(deps, principal, { action: 'account.create', target: id, details: { platform: input.platform, name: input.name } });
  return { status: 201, body: presentAccount(account) };
}

export async function listAccounts(deps: Deps): Promise<HandlerResult> {
  return { status: 200, body: { items: (await deps.accounts.list()).map(presentAccount) } };
}

/**
 * `GET /v1/targets` (viewer): the accounts a session may target, without credentials or external
 * ids — what the console's session editor offers organizers, who may not read `/v1/accounts`.
 */
export async function listTargets(deps: Deps): Promise<HandlerResult> {
  const items = (await deps.accounts.list()).map((a) => ({ id: a.id, platform: a.platform, name: a.name, tokenStatus: a.tokenStatus }));
  return { status: 200, body: { items } };
}

export async function getAccount(deps: Deps, id: string): Promise<HandlerResult> {
  const account = await deps.accounts.get(id);
  if (!account) throw notFound('account', id);
  return { status: 200, body: presentAccount(account) };
}

/** Refused while a scheduled or live session targets the account. */
export async function deleteAccount(deps: Deps, id: string, principal?: string): Promise<HandlerResult> {
  const account = await deps.accounts.get(id);
  if (!account) throw notFound('account', id);
  const users: string[] = [];
  let fromMs = deps.clock.now() - 86_400_000;
  let afterId: string | undefined;
  for (;;) {
    const page = await deps.sessions.listIds({ fromMs, toMs: Infinity, limit: 500, ...(afterId ? { afterId } : {}) });
    const sessions = await deps.sessions.getMany(page.map((p) => p.id));
    for (const s of sessions) {
      if (s && (s.status === 'scheduled' || s.status === 'live') && s.targets.some((t) => t.accountId === id)) users.push(s.id);
    }
    const last = page[page.length - 1];
    if (!last || page.length < 500) break;
    fromMs = last.startMs;
    afterId = last.id;
  }
  if (users.length > 0) {
    throw new DomainError('invalid_state', `account '${id}' is targeted by ${users.length} scheduled session(s): change or cancel them first`, undefined, { sessionIds: users.slice(0, 50) });
  }
  await deps.accounts.remove(id);
  await auditQuietly(deps, principal, { action: 'account.delete', target: id, details: { platform: account.platform } });
  return { status: 204, body: null };
}
