import type { Deps } from '../deps';
import { DomainError, validationError } from '../domain/errors';
import type { ErrorDetail } from '../domain/errors';
import type { SessionDefinition } from '../domain/session';
import { fitsCampaignDays, normalizeSession } from '../planning/normalize-session';
import type { CampaignRef, SessionInput } from '../planning/normalize-session';
import type { Platform } from '../domain/platform';
import { createSessionSchema } from '../api/schemas/session-schema';
import { issuesToDetails } from '../api/validate';
import { checkHookUrl } from '../notify/check-hook-url';
import { HookRefusedError } from '../notify/hook-refused-error';
import type { AccountWithCredentials } from '../store/account-store';

/** Lookups a batch of session bodies is checked against, loaded once per request. */
export interface SessionRefs {
  accounts: ReadonlyMap<string, Platform>;
  campaigns: ReadonlyMap<string, CampaignRef | null>;
  /** The named accounts with credentials (for preflight warnings), when loaded by id. */
  accountDetails?: ReadonlyMap<string, AccountWithCredentials>;
}

/**
 * Campaigns and accounts a request's sessions refer to, read concurrently (one round trip). With
 * `accountIds` only those accounts are read (a single create); without, every account's platform.
 */
export async function loadRefs(deps: Pick<Deps, 'accounts' | 'campaigns'>, campaignIds: Iterable<string>, accountIds?: Iterable<string>): Promise<SessionRefs> {
  const ids = [...new Set(campaignIds)];
  const [refs, accounts] = await Promise.all([
    Promise.all(ids.map((id) => deps.campaigns.ref(id))),
    accountIds ? deps.accounts.getMany(accountIds) : null,
  ]);
  const campaigns = new Map<string, CampaignRef | null>(ids.map((id, i) => [id, refs[i] ?? null]));
  if (!accounts) return { accounts: await deps.accounts.platforms(), campaigns };
  return { accounts: new Map([...accounts].map(([id, a]) => [id, a.account.platform])), campaigns, accountDetails: accounts };
}

/** The account ids a raw session body names in `targets`, read before validation (unknown shapes: none). */
export function targetAccountIds(body: unknown): string[] {
  const targets = (body as { targets?: unknown } | null)?.targets;
  if (!Array.isArray(targets)) return [];
  return targets.flatMap((t) => {
    const id = (t as { accountId?: unknown } | null)?.accountId;
    return typeof id === 'string' ? [id] : [];
  });
}

export type CheckedSession = { ok: true; definition: SessionDefinition } | { ok: false; error: DomainError };

/**
 * A create body → a checked definition: schema, time normalization, references, then the rules
 * with their own codes (starts_in_past, outside_campaign). `prefix` prefixes detail paths (bulk).
 */
export function checkSessionBody(body: unknown, refs: SessionRefs, deps: Pick<Deps, 'config' | 'clock'>, prefix = ''): CheckedSession {
  const parsed = createSessionSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: validationError(issuesToDetails(parsed.error.issues, prefix)) };
  return checkSessionInput(parsed.data, refs, deps, prefix);
}

export function checkSessionInput(input: SessionInput, refs: SessionRefs, deps: Pick<Deps, 'config' | 'clock'>, prefix = '', requireFuture = true): CheckedSession {
  const campaign = input.campaignId ? refs.campaigns.get(input.campaignId) ?? null : null;
  const normalized = normalizeSession(input, { defaultZone: deps.config.timezone, accounts: refs.accounts, campaign });
  if (!normalized.ok) return { ok: false, error: validationError(prefixed(normalized.details, prefix)) };
  const def = normalized.definition;
  const startMs = Date.parse(def.startsAt);
  if (requireFuture && startMs <= deps.clock.now()) {
    return { ok: false, error: new DomainError('starts_in_past', `${prefix ? `${prefix}: ` : ''}the session starts at ${def.startsAt}, which is not in the future`, prefixed([{ path: 'startsAt', message: 'must be in the future' }], prefix)) };
  }
  // The days are the campaign's, so they are read in the campaign's zone, not the session's.
  if (normalized.campaignDays && !fitsCampaignDays(startMs, Date.parse(def.endsAt), campaign?.timezone ?? def.timezone, normalized.campaignDays)) {
    return {
      ok: false,
      error: new DomainError('outside_campaign', `the session must start and end between ${normalized.campaignDays.first} and ${normalized.campaignDays.last} (campaign '${def.campaignId ?? ''}')`, prefixed([{ path: 'startsAt', message: 'outside the campaign days' }], prefix)),
    };
  }
  return { ok: true, definition: def };
}

function prefixed(details: ErrorDetail[], prefix: string): ErrorDetail[] {
  return prefix ? details.map((d) => ({ ...d, path: d.path ? `${prefix}.${d.path}` : prefix })) : details;
}

/** No DNS at request time: literal addresses and metadata names are checked here, resolved ones at delivery. */
const noResolve = (): Promise<[]> => Promise.resolve([]);

/**
 * SSRF guard at the door: a hook URL on a link-local or cloud-metadata address (169.254.169.254,
 * metadata.google.internal, fe80::/10, …) is refused with `validation_failed` on `notify.N.url`,
 * unless LIVECUE_ALLOW_LINK_LOCAL_HOOKS. Delivery checks again after DNS (src/notify).
 */
export async function checkHookUrls(def: Pick<SessionDefinition, 'notify'>, deps: Pick<Deps, 'config'>, prefix = ''): Promise<DomainError | null> {
  const details: ErrorDetail[] = [];
  for (const [i, hook] of def.notify.entries()) {
    if (hook.type !== 'webhook') continue;
    try {
      await checkHookUrl(hook.url, { allowLinkLocal: deps.config.allowLinkLocalHooks, resolve: noResolve });
    } catch (err) {
      if (!(err instanceof HookRefusedError)) throw err;
      details.push({ path: `notify.${i}.url`, message: err.message });
    }
  }
  return details.length > 0 ? validationError(prefixed(details, prefix)) : null;
}
