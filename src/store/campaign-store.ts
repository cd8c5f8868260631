import type { TiktokPostSettings } from '../domain/session';
import type { CampaignRef } from '../planning/normalize-session';
import { sealOnce, unsealStored } from './crypto';
import type { Cipher } from './crypto';
import type { Keys } from './keys';
import type { RedisClient } from './redis';

/** A stage of a campaign: a place that holds one session at a time. */
export interface Stage {
  id: string;
  name: string;
}

/** A promotion window of a campaign (days inclusive, in the campaign zone). */
export interface Promotion {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

/** A campaign as stored: its days (inclusive, `YYYY-MM-DD` in `timezone`), stages and promotions. */
export interface Campaign {
  id: string;
  name: string;
  organizer: string | null;
  startsOn: string;
  endsOn: string;
  timezone: string;
  imageUrl: string | null;
  /** Defaults for the TikTok promos of its sessions (a target's own settings win). */
  tiktok?: TiktokPostSettings;
  stages: Stage[];
  promotions: Promotion[];
  /** Vendors get the reminders of their sessions (absent in campaigns stored before: true). */
  notifyVendors?: boolean;
  /** Secret of the calendar feed URL; shown to organizers and admins only; sealed at rest (plain here). */
  feedKey: string;
  createdAt: string;
  updatedAt: string;
}

/** A vendor of the catalog. */
export interface CatalogVendor {
  id: string;
  name: string;
  stall?: string;
  market?: string;
  marketId?: string;
  category?: string;
  /** `84905123456`. */
  phone?: string;
  email?: string;
}

/** A product of the catalog; `price` in VND unless `unit` says otherwise. */
export interface CatalogProduct {
  id: string;
  vendorId: string;
  name: string;
  price?: number;
  unit?: string;
}

/** The vendors and products sessions of a campaign may name by id. */
export interface Catalog {
  vendors: CatalogVendor[];
  products: CatalogProduct[];
}

/** An import fingerprint to reserve: `fingerprint` → the value to keep (a session id or a pending mark). */
export interface FingerprintClaim {
  fingerprint: string;
  value: string;
}

/** A recurrence series: which sessions it made. */
export interface SeriesRecord {
  id: string;
  campaignId: string | null;
  rule: unknown;
  sessionIds: string[];
  createdAt: string;
}

/** Campaigns (feed keys sealed with the cipher at rest), their catalogs, import fingerprints and recurrence series in Redis. */
export interface CampaignStore {
  /** false when the id is taken. */
  create(campaign: Campaign): Promise<boolean>;
  get(id: string): Promise<Campaign | null>;
  list(): Promise<Campaign[]>;
  catalog(id: string): Promise<Catalog>;
  /** Replaces the catalog (and the validation `ref`); false when the campaign does not exist. */
  putCatalog(campaign: Campaign, catalog: Catalog, updatedAt: string): Promise<boolean>;
  /** Status of every session of the campaign (ids from the campaign index). */
  sessionStatuses(id: string): Promise<string[]>;
  /**
   * Reserves import fingerprints atomically. A fingerprint is taken while it points to a session
   * that is not cancelled, or to a pending mark younger than `pendingTtlMs`. `all`: reserve every
   * claim or none. Returns the taken ones with what holds them.
   */
  claimFingerprints(id: string, claims: FingerprintClaim[], options: { all: boolean; nowMs: number; pendingTtlMs: number }): Promise<{ fingerprint: string; holder: string }[]>;
  setFingerprints(id: string, entries: FingerprintClaim[]): Promise<void>;
  releaseFingerprints(id: string, fingerprints: string[]): Promise<void>;
  saveSeries(series: SeriesRecord): Promise<void>;
  getSeries(id: string): Promise<SeriesRecord | null>;
  /** The campaign facts session validation checks against (its days, stages, catalog ids); null when unknown. */
  ref(id: string): Promise<CampaignRef | null>;
}

/** The campaign facts session validation reads (`ref` below). */
function refOf(campaign: Campaign, catalog: Catalog): string {
  return JSON.stringify({
    timezone: campaign.timezone,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    stageIds: campaign.stages.map((s) => s.id),
    vendorIds: catalog.vendors.map((v) => v.id),
    productIds: catalog.products.map((p) => p.id),
  });
}

const CREATE_LUA = `
if redis.call('HEXISTS', KEYS[1], 'doc') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'doc', ARGV[1], 'ref', ARGV[2], 'catalog', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
return 1
`;

const PUT_CATALOG_LUA = `
if redis.call('HEXISTS', KEYS[1], 'doc') == 0 then return 0 end
redis.call('HSET', KEYS[1], 'doc', ARGV[1], 'ref', ARGV[2], 'catalog', ARGV[3])
return 1
`;

/**
 * KEYS[1] fingerprint hash; ARGV[1] session key base, ARGV[2] JSON claims, ARGV[3] all (1/0),
 * ARGV[4] now ms, ARGV[5] pending ttl ms. Pending marks are `pending:<ms>:<token>`.
 */
const CLAIM_LUA = `
local claims = cjson.decode(ARGV[2])
local now = tonumber(ARGV[4])
local ttl = tonumber(ARGV[5])
local taken = {}
local free = {}
for _, c in ipairs(claims) do
  local holder = redis.call('HGET', KEYS[1], c.fingerprint)
  local busy = false
  if holder then
    local pendingAt = string.match(holder, '^pending:(%d+):')
    if pendingAt then
      busy = now - tonumber(pendingAt) < ttl
    else
      local status = redis.call('HGET', ARGV[1] .. holder, 'status')
      busy = status ~= false and status ~= 'cancelled'
    end
  end
  if busy then table.insert(taken, { fingerprint = c.fingerprint, holder = holder }) else table.insert(free, c) end
end
if ARGV[3] == '1' and #taken > 0 then return cjson.encode(taken) end
for _, c in ipairs(free) do redis.call('HSET', KEYS[1], c.fingerprint, c.value) end
return cjson.encode(taken)
`;

export function createCampaignStore(redis: RedisClient, keys: Keys, cipher: Cipher): CampaignStore {
  // Feed keys stored before sealing read as they are, and are sealed by the next write.
  const parseCampaign = (raw: string | null): Campaign | null => {
    if (!raw) return null;
    const c = JSON.parse(raw) as Campaign;
    return { ...c, feedKey: unsealStored(cipher, c.feedKey) };
  };
  const docOf = (campaign: Campaign): string => JSON.stringify({ ...campaign, feedKey: sealOnce(cipher, campaign.feedKey) });
  return {
    async create(campaign) {
      const catalog: Catalog = { vendors: [], products: [] };
      const done = await redis.eval(CREATE_LUA, 2, keys.campaign(campaign.id), keys.campaigns, docOf(campaign), refOf(campaign, catalog), JSON.stringify(catalog), Date.parse(campaign.createdAt), campaign.id);
      return done === 1;
    },

    async get(id) {
      return parseCampaign(await redis.hget(keys.campaign(id), 'doc'));
    },

    async list() {
      const ids = await redis.zrange(keys.campaigns, 0, -1);
      if (ids.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hget(keys.campaign(id), 'doc');
      const results = (await pipeline.exec()) ?? [];
      return results.map(([, raw]) => parseCampaign(raw as string | null)).filter((c): c is Campaign => c !== null);
    },

    async catalog(id) {
      const raw = await redis.hget(keys.campaign(id), 'catalog');
      return raw ? (JSON.parse(raw) as Catalog) : { vendors: [], products: [] };
    },

    async putCatalog(campaign, catalog, updatedAt) {
      const done = await redis.eval(PUT_CATALOG_LUA, 1, keys.campaign(campaign.id), docOf({ ...campaign, updatedAt }), refOf(campaign, catalog), JSON.stringify(catalog));
      return done === 1;
    },

    async sessionStatuses(id) {
      const ids = await redis.zrange(keys.sessionsByCampaign(id), 0, -1);
      if (ids.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const sid of ids) pipeline.hget(keys.session(sid), 'status');
      const results = (await pipeline.exec()) ?? [];
      return results.map(([, status]) => (typeof status === 'string' ? status : ''));
    },

    async claimFingerprints(id, claims, { all, nowMs, pendingTtlMs }) {
      if (claims.length === 0) return [];
      const raw = await redis.eval(CLAIM_LUA, 1, keys.campaignImports(id), `${keys.base}:s:`, JSON.stringify(claims), all ? '1' : '0', nowMs, pendingTtlMs);
      const taken = JSON.parse(String(raw)) as { fingerprint: string; holder: string }[] | Record<string, never>;
      return Array.isArray(taken) ? taken : [];
    },

    async setFingerprints(id, entries) {
      if (entries.length === 0) return;
      await redis.hset(keys.campaignImports(id), Object.fromEntries(entries.map((e) => [e.fingerprint, e.value])));
    },

    async releaseFingerprints(id, fingerprints) {
      if (fingerprints.length === 0) return;
      await redis.hdel(keys.campaignImports(id), ...fingerprints);
    },

    async saveSeries(series) {
      await redis.set(keys.series(series.id), JSON.stringify(series));
    },

    async getSeries(id) {
      const raw = await redis.get(keys.series(id));
      return raw ? (JSON.parse(raw) as SeriesRecord) : null;
    },
    async ref(id) {
      const raw = await redis.hget(keys.campaign(id), 'ref');
      if (!raw) return null;
      const r = JSON.parse(raw) as { timezone: string; startsOn: string; endsOn: string; stageIds: string[]; vendorIds: string[]; productIds: string[] };
      return { id, timezone: r.timezone, startsOn: r.startsOn, endsOn: r.endsOn, stageIds: new Set(r.stageIds), vendorIds: new Set(r.vendorIds), productIds: new Set(r.productIds) };
    },
  };
}
