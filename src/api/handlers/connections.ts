import { z } from 'zod';
import type { Deps } from '../../deps';
import { notFound } from '../../domain/errors';
import { PLATFORMS } from '../../domain/platform';
import type { Platform } from '../../domain/platform';
import { chooseAccounts, presentConnection } from '../../connections/choose-accounts';
import { DEFAULT_RETURN_TO, finishConnection } from '../../connections/finish-connection';
import type { CallbackQuery } from '../../connections/finish-connection';
import { startConnection } from '../../connections/start-connection';
import { line } from '../schemas/common';
import { parseOrThrow } from '../validate';
import { presentAccount } from '../present';
import type { HandlerResult } from '../handler-result';

/** A path on this site: one leading slash (never `//host`), no backslash or whitespace. */
const sitePath = z
  .string()
  .max(500, 'must be at most 500 characters')
  .regex(/^\/(?![/\\])[^\s\\]*$/, 'must be a path on this site, like /console/accounts');

export const startConnectionSchema = z.strictObject({
  platform: z.enum(PLATFORMS, { message: 'expected facebook | tiktok | youtube' }),
  returnTo: sitePath.optional(),
});

export const chooseAccountsSchema = z.strictObject({
  externalIds: z.array(line(200)).min(1, 'choose at least one candidate').max(100),
});

export async function createConnection(deps: Deps, body: unknown, principal: string | undefined, publicUrl: string): Promise<HandlerResult> {
  const input = parseOrThrow(startConnectionSchema, body);
  const { connection, authorizeUrl } = await startConnection(deps, {
    platform: input.platform,
    returnTo: input.returnTo ?? DEFAULT_RETURN_TO,
    principal: principal ?? 'unknown',
    publicUrl,
  });
  return { status: 201, body: { id: connection.id, platform: connection.platform, status: connection.status, authorizeUrl } };
}

export async function getConnection(deps: Deps, id: string): Promise<HandlerResult> {
  const connection = await deps.connections.get(id);
  if (!connection) throw notFound('connection', id);
  return { status: 200, body: await presentConnection(deps, connection) };
}

export async function addConnectionAccounts(deps: Deps, id: string, body: unknown, principal: string | undefined): Promise<HandlerResult> {
  const input = parseOrThrow(chooseAccountsSchema, body);
  const accounts = await chooseAccounts(deps, id, input.externalIds, principal);
  return { status: 201, body: { accounts: accounts.map(presentAccount) } };
}

/** The platform's redirect back: always a 302, to `returnTo?connection=…` or with `&error=<code>`. */
export async function connectionCallback(deps: Deps, platform: string, query: Record<string, unknown>, caller: string | null): Promise<HandlerResult> {
  const text = (name: string): string | undefined => (typeof query[name] === 'string' ? query[name] : undefined);
  const known = (PLATFORMS as readonly string[]).includes(platform);
  if (!known) throw notFound('platform', platform);
  const callback: CallbackQuery = {};
  const state = text('state');
  const code = text('code');
  const error = text('error');
  if (state !== undefined) callback.state = state;
  if (code !== undefined) callback.code = code;
  if (error !== undefined) callback.error = error;
  const location = await finishConnection(deps, platform as Platform, callback, caller);
  return { status: 302, body: null, headers: { Location: location, 'Cache-Control': 'no-store' } };
}
