import type { Deps } from '../deps';
import type { Connection, ConnectionError } from '../domain/connection';
import type { Platform } from '../domain/platform';
import { capabilitiesOf } from '../platforms/capabilities';
import type { ConnectionState } from '../store/connection-store';
import { ConnectionFailure } from './connection-failure';

/** Where the browser goes when the state names no connection. */
export const DEFAULT_RETURN_TO = '/console/accounts';

/** What the platform put on the callback URL. */
export interface CallbackQuery {
  state?: string;
  code?: string;
  error?: string;
}

/**
 * The callback: check the state (known, unused, not expired, started by this caller), then turn
 * the platform's answer into candidates or a failure. Resolves to the path the browser goes to.
 * `caller` is the principal of this request (a browser session or a token), null when it has none.
 */
export async function finishConnection(deps: Deps, platform: Platform, query: CallbackQuery, caller: string | null): Promise<string> {
  const binding = query.state ? await deps.connections.peekState(query.state) : null;
  const connection = binding ? await deps.connections.get(binding.connectionId) : null;
  if (!query.state || !binding || !connection || connection.platform !== platform) return returnPath(DEFAULT_RETURN_TO, null, 'invalid_state');
  if (binding.expiresAtMs <= deps.clock.now()) {
    await deps.connections.consumeState(query.state);
    return returnPath(connection.returnTo, connection.id, 'invalid_state');
  }
  if (isForeignCaller(binding, caller)) return returnPath(connection.returnTo, connection.id, 'invalid_state');
  if (!(await deps.connections.consumeState(query.state))) return returnPath(connection.returnTo, connection.id, 'invalid_state');

  const failed = await exchangeOrFail(deps, connection, query);
  if (failed) {
    await deps.connections.fail(connection.id, failed);
    return returnPath(connection.returnTo, connection.id, failed.code);
  }
  return returnPath(connection.returnTo, connection.id, null);
}

/**
 * A flow started in a browser session (`user:…`) finishes only in that session; one started with
 * a token may come back without credentials (the browser that consented holds no bearer token),
 * but never with another principal's.
 */
export function isForeignCaller(binding: Pick<ConnectionState, 'principal'>, caller: string | null): boolean {
  if (caller !== null) return caller !== binding.principal;
  return binding.principal.startsWith('user:');
}

async function exchangeOrFail(deps: Deps, connection: Connection, query: CallbackQuery): Promise<ConnectionError | null> {
  const name = platformName(connection.platform);
  if (query.error) {
    if (query.error === 'access_denied') return { code: 'access_denied', message: `the consent was declined on ${name}: click Connect ${name} again and choose Allow` };
    return { code: 'invalid_grant', message: `${name} answered '${query.error}' instead of a sign-in code: click Connect ${name} again` };
  }
  if (!query.code) return { code: 'invalid_grant', message: `${name} sent no sign-in code: click Connect ${name} again` };
  const connector = deps.connectors[connection.platform];
  if (!connector) return { code: 'platform_unavailable', message: `LiveCue lost its ${name} app credentials since the flow started: ask the admin to configure them` };
  try {
    const grants = await connector.exchange({ code: query.code, redirectUri: connection.redirectUri });
    await deps.connections.authorize(connection.id, grants);
    return null;
  } catch (err) {
    if (err instanceof ConnectionFailure) return err.toError();
    deps.logger.error('connection exchange failed', { component: 'connections', platform: connection.platform, connectionId: connection.id, error: err instanceof Error ? err.message : String(err) });
    return { code: 'platform_unavailable', message: `reading the ${name} accounts failed on our side (it has been logged): click Connect ${name} again` };
  }
}

function platformName(platform: Platform): string {
  return capabilitiesOf(platform).displayName;
}

/** `returnTo?connection=con_…` (or `…&error=<code>`), keeping a query returnTo already has. */
export function returnPath(returnTo: string, connectionId: string | null, error: string | null): string {
  const params = new URLSearchParams();
  if (connectionId) params.set('connection', connectionId);
  if (error) params.set('error', error);
  return `${returnTo}${returnTo.includes('?') ? '&' : '?'}${params.toString()}`;
}
