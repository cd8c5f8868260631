import type { Deps } from '../deps';
import type { Account } from '../domain/account';
import type { Candidate, CandidateGrant, Connection } from '../domain/connection';
import { DomainError, notFound, validationError } from '../domain/errors';
import type { Platform } from '../domain/platform';
import { createId } from '../shared/ids';
import { auditQuietly } from '../store/audit-store';

/** Candidates may be chosen this long after the consent came back. */
export const CHOOSE_WITHIN_MS = 60 * 60_000;

/**
 * Turn chosen candidates into accounts: a new one for each new page/creator/channel, and for one
 * already registered (same platform and externalId) the new credentials with its flag cleared
 * (a reconnect), keeping its id. A connection is used once.
 */
export async function chooseAccounts(deps: Deps, id: string, externalIds: string[], principal: string | undefined): Promise<Account[]> {
  const connection = await usableConnection(deps, id);
  const grants = await deps.connections.grants(id);
  const chosen = pickGrants(grants, externalIds);
  if (!(await deps.connections.claim(id))) throw usedUp();
  const ids: string[] = [];
  try {
    const existing = await accountsByExternalId(deps, connection.platform);
    for (const grant of chosen) ids.push(await saveGrant(deps, connection, grant, existing.get(grant.candidate.externalId), principal));
  } catch (err) {
    await deps.connections.release(id);
    throw err;
  }
  await deps.connections.finish(id);
  const accounts = await Promise.all(ids.map((accountId) => deps.accounts.get(accountId)));
  return accounts.filter((a): a is Account => a !== null);
}

async function usableConnection(deps: Deps, id: string): Promise<Connection> {
  const connection = await deps.connections.get(id);
  if (!connection) throw notFound('connection', id);
  if (connection.status === 'done') throw usedUp();
  if (connection.status !== 'authorized') {
    throw new DomainError('invalid_state', `connection '${id}' is ${connection.status}${connection.error ? ` (${connection.error.message})` : ''}: ${connection.status === 'pending' ? 'finish the consent on the platform first' : 'start a new connection'}`);
  }
  if (Date.parse(connection.updatedAt) + CHOOSE_WITHIN_MS <= deps.clock.now()) {
    throw new DomainError('invalid_token', `connection '${id}' expired (candidates are kept ${CHOOSE_WITHIN_MS / 60_000} minutes): click Connect again`);
  }
  return connection;
}

const usedUp = (): DomainError => new DomainError('invalid_token', 'this connection was already used to add accounts: click Connect again to add more');

function pickGrants(grants: CandidateGrant[], externalIds: string[]): CandidateGrant[] {
  const byId = new Map(grants.map((g) => [g.candidate.externalId, g]));
  const unknown = externalIds.map((e, i) => ({ e, i })).filter(({ e }) => !byId.has(e));
  if (unknown.length > 0) {
    throw validationError(unknown.map(({ e, i }) => ({ path: `externalIds.${i}`, message: `'${e}' is not one of this connection's candidates` })));
  }
  return [...new Set(externalIds)].map((e) => byId.get(e)).filter((g): g is CandidateGrant => g !== undefined);
}

/** Accounts of one platform by externalId (for candidates' `accountId` and reconnects). */
export async function accountsByExternalId(deps: Deps, platform: Platform): Promise<Map<string, Account>> {
  const out = new Map<string, Account>();
  for (const account of await deps.accounts.list()) if (account.platform === platform) out.set(account.externalId, account);
  return out;
}

async function saveGrant(deps: Deps, connection: Connection, grant: CandidateGrant, existing: Account | undefined, principal: string | undefined): Promise<string> {
  const { candidate, credentials } = grant;
  if (existing) {
    await deps.accounts.replaceCredentials(existing.id, credentials, candidate.name);
    await auditQuietly(deps, principal, { action: 'account.reconnect', target: existing.id, details: { platform: connection.platform, connectionId: connection.id } });
    return existing.id;
  }
  const id = createId('acc');
  const created = await deps.accounts.create({ id, platform: connection.platform, name: candidate.name, externalId: candidate.externalId, credentials });
  if (!created) throw new Error(`account id ${id} collided`);
  await auditQuietly(deps, principal, { action: 'account.connect', target: id, details: { platform: connection.platform, name: candidate.name, connectionId: connection.id } });
  return id;
}

/** A connection as GET /v1/connections/:id shows it: candidates with the account each already is. */
export async function presentConnection(deps: Deps, connection: Connection): Promise<Record<string, unknown>> {
  const existing = connection.candidates.length > 0 ? await accountsByExternalId(deps, connection.platform) : new Map<string, Account>();
  return {
    id: connection.id,
    platform: connection.platform,
    status: connection.status,
    error: connection.error,
    candidates: connection.candidates.map((c: Candidate) => ({ ...c, accountId: existing.get(c.externalId)?.id ?? null })),
    createdAt: connection.createdAt,
    updatedAt: connection.updatedAt,
  };
}
