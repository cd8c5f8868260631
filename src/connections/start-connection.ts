import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps';
import type { Connection } from '../domain/connection';
import { DomainError } from '../domain/errors';
import type { Platform } from '../domain/platform';
import { createId } from '../shared/ids';
import { auditQuietly } from '../store/audit-store';
import { capabilitiesOf } from '../platforms/capabilities';

/** A `state` is good this long after the flow starts (api.md "Connecting accounts"). */
export const STATE_TTL_MS = 10 * 60_000;

export interface StartInput {
  platform: Platform;
  returnTo: string;
  /** Who asks: the state is bound to them. */
  principal: string;
  /** `<LIVECUE_PUBLIC_URL>` as this request sees it. */
  publicUrl: string;
}

/** The redirect URI registered with each platform's app. */
export function redirectUriOf(publicUrl: string, platform: Platform): string {
  return `${publicUrl.replace(/\/+$/, '')}/v1/connections/callback/${platform}`;
}

/** A pending connection with a fresh single-use state, and the consent screen's URL. */
export async function startConnection(deps: Deps, input: StartInput): Promise<{ connection: Connection; authorizeUrl: string }> {
  const connector = deps.connectors[input.platform];
  if (!connector) {
    throw new DomainError('not_configured', `LiveCue has no ${input.platform} app credentials: set ${capabilitiesOf(input.platform).connect.appCredentialVariables} (see the README, "Connecting accounts")`);
  }
  const now = deps.clock.nowIso();
  const state = randomBytes(32).toString('base64url');
  const redirectUri = redirectUriOf(input.publicUrl, input.platform);
  const connection: Connection = {
    id: createId('con'),
    platform: input.platform,
    status: 'pending',
    principal: input.principal,
    returnTo: input.returnTo,
    redirectUri,
    error: null,
    candidates: [],
    createdAt: now,
    updatedAt: now,
  };
  await deps.connections.create(connection, state, { connectionId: connection.id, principal: input.principal, expiresAtMs: deps.clock.now() + STATE_TTL_MS });
  await auditQuietly(deps, input.principal, { action: 'connection.start', target: connection.id, details: { platform: input.platform } });
  return { connection, authorizeUrl: connector.authorizeUrl({ state, redirectUri }) };
}
