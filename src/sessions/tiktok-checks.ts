import type { Deps } from '../deps';
import { validationError } from '../domain/errors';
import type { ErrorDetail } from '../domain/errors';
import { effectiveTiktokSettings, promoImageUrls } from '../domain/session';
import type { SessionDefinition, TiktokPostSettings } from '../domain/session';
import type { PostingOptions } from '../platforms/adapter';
import { imageProblem } from '../platforms/tiktok/posting-rules';
import type { TiktokRules } from '../platforms/tiktok/posting-rules';
import type { AccountWithCredentials } from '../store/account-store';
import type { Warning } from './preview-warnings';
import type { Platform } from '../domain/platform';
import { capabilitiesOf } from '../platforms/capabilities';

/** Targets whose posts take TikTok's privacy and disclosure settings (the capability record says which). */
const takesTiktokSettings = (platform: Platform): boolean => capabilitiesOf(platform).postSettings === 'tiktok';

/** What the TikTok checks read: the campaign, the creator's options (cached), the app's rules. */
export type TiktokCheckDeps = Pick<Deps, 'campaigns' | 'redis' | 'keys' | 'adapters' | 'accounts' | 'logger' | 'tiktokRules' | 'config' | 'sandboxUrl'>;

/** creator_info answers are kept this long: a creator rarely changes privacy mid-evening. */
const postingOptionsTtlS = 3600;

/** The campaign facts TikTok promos use: its defaults and its image. */
export interface TiktokCampaignFacts {
  tiktok?: TiktokPostSettings;
  imageUrl: string | null;
}

export async function loadTiktokCampaignFacts(deps: TiktokCheckDeps, def: SessionDefinition): Promise<TiktokCampaignFacts | null> {
  if (!def.campaignId || !def.targets.some((t) => takesTiktokSettings(t.platform))) return null;
  const campaign = await deps.campaigns.get(def.campaignId);
  return campaign ? { imageUrl: campaign.imageUrl, ...(campaign.tiktok ? { tiktok: campaign.tiktok } : {}) } : null;
}

/**
 * A TikTok target's privacy level (its own or the campaign's) must be one the creator offers
 * (`creator_info.privacy_level_options`, cached an hour): else `validation_failed` naming the
 * options. When creator_info cannot be read now (outage, dead token), the post itself checks it.
 */
export async function checkTiktokChoices(deps: TiktokCheckDeps, def: SessionDefinition, facts: TiktokCampaignFacts | null, accounts: ReadonlyMap<string, AccountWithCredentials> | undefined): Promise<void> {
  const details: ErrorDetail[] = [];
  for (const [i, target] of def.targets.entries()) {
    const level = takesTiktokSettings(target.platform) && target.announce ? effectiveTiktokSettings(target, facts?.tiktok).privacyLevel : undefined;
    const found = accounts?.get(target.accountId);
    if (level === undefined || !found?.credentials) continue;
    const options = await postingOptionsOf(deps, found);
    if (options && !options.privacyLevelOptions.includes(level)) {
      const from = target.tiktok?.privacyLevel === undefined ? ' (the campaign\'s default)' : '';
      details.push({ path: `targets.${i}.tiktok.privacyLevel`, message: `${level}${from} is not offered by the TikTok creator '${found.account.name}': choose one of ${options.privacyLevelOptions.join(', ')}` });
    }
  }
  if (details.length > 0) throw validationError(details);
}

async function postingOptionsOf(deps: TiktokCheckDeps, found: AccountWithCredentials): Promise<PostingOptions | null> {
  const key = deps.keys.postingOptions(found.account.id);
  const cached = await deps.redis.get(key);
  if (cached) return JSON.parse(cached) as PostingOptions;
  const adapter = deps.adapters.tiktok;
  if (!adapter.readPostingOptions || !found.credentials) return null;
  const { account, credentials } = found;
  try {
    // Saves are based on the version read (the same compare-and-set as workers/context.ts).
    let basedOn = found.credentialsVersion;
    const saveCredentials = async (next: typeof credentials): Promise<void> => {
      basedOn = await deps.accounts.saveCredentials(account.id, next, basedOn);
    };
    const options = await adapter.readPostingOptions({ accountId: account.id, externalId: account.externalId, name: account.name, credentials, saveCredentials });
    await deps.redis.set(key, JSON.stringify(options), 'EX', postingOptionsTtlS);
    return options;
  } catch (err) {
    deps.logger.warn('tiktok creator_info not read for a preflight check', { component: 'api', accountId: account.id, error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

/** The preview warnings of TikTok's posting rules (codes are contract: api.md "On-air guard"). */
export async function tiktokWarnings(deps: TiktokCheckDeps, def: SessionDefinition, facts: TiktokCampaignFacts | null): Promise<Warning[]> {
  const promoted = def.targets.flatMap((t, i) => (takesTiktokSettings(t.platform) && t.announce && def.announceOffsets.length > 0 ? [i] : []));
  const first = promoted[0];
  if (first === undefined) return [];
  const rules = await readRules(deps);
  if (!rules) return [];
  const out: Warning[] = [];
  if (!rules.audited) {
    out.push({ code: 'tiktok_unaudited', path: `targets.${first}`, message: 'LiveCue\'s TikTok app is not audited by TikTok yet: its promos are posted SELF_ONLY (visible only to the creator) and only from private accounts, until the app passes TikTok\'s audit (then set TIKTOK_AUDITED=true)' });
  }
  const fallback = deps.config.defaultImageUrl ?? (deps.sandboxUrl ? `${deps.sandboxUrl}/__sandbox/promo.jpg` : null);
  for (const url of promoImageUrls(def.imageUrls, facts?.imageUrl ?? null, fallback)) {
    const problem = imageProblem(url, rules);
    if (problem) out.push({ code: 'tiktok_image_unverified', path: 'imageUrls', message: `TikTok will refuse the promo image ${url}: ${problem}` });
  }
  return out;
}

async function readRules(deps: TiktokCheckDeps): Promise<TiktokRules | null> {
  try {
    return await deps.tiktokRules();
  } catch (err) {
    deps.logger.warn('tiktok posting rules not read', { component: 'api', error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}
