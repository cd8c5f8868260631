import { createHash, randomBytes } from 'node:crypto';
import type { Keys } from './keys';
import type { RedisClient } from './redis';

/**
 * A person who asked for reminders of a session or a vendor (double opt-in: nothing but the
 * confirmation is sent while `pending`). `consent` keeps when they agreed and to what wording.
 */
export interface Subscription {
  id: string;
  campaignId: string;
  sessionId: string | null;
  vendorId: string | null;
  channel: 'email' | 'zalo';
  /** The email address, or the phone as `84…`. */
  address: string;
  locale: 'vi' | 'en';
  state: 'pending' | 'confirmed';
  consent: { at: string; wording: string };
  unsubscribeToken: string;
  createdAt: string;
  confirmedAt: string | null;
}

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');
const newToken = (): string => randomBytes(24).toString('base64url');

export interface SubscribeInput {
  campaignId: string;
  sessionId: string | null;
  vendorId: string | null;
  channel: 'email' | 'zalo';
  address: string;
  locale: 'vi' | 'en';
  consentWording: string;
  nowIso: string;
}

export interface SubscriptionStore {
  /** A new pending subscription and its confirmation token, or null when this address already asked. */
  subscribe(input: SubscribeInput): Promise<{ subscription: Subscription; confirmToken: string } | null>;
  get(id: string): Promise<Subscription | null>;
  /** Confirms by token (single use); null for an unknown or used token. */
  confirm(token: string, nowIso: string): Promise<Subscription | null>;
  /** Deletes the subscription and its contact; answers what was deleted, null for an unknown token. */
  unsubscribe(token: string): Promise<Subscription | null>;
  listOfCampaign(campaignId: string): Promise<Subscription[]>;
  /** Deletes every subscription of a campaign (retention). */
  removeCampaign(campaignId: string): Promise<number>;
}

export function createSubscriptionStore(redis: RedisClient, keys: Keys): SubscriptionStore {
  const subKey = (id: string): string => `${keys.base}:sub:${id}`;
  const tokenKey = (token: string): string => `${keys.base}:sub-token:${hashOf(token)}`;
  const listKey = (campaignId: string): string => `${keys.base}:subs:${campaignId}`;
  const addrKey = (s: Pick<Subscription, 'campaignId' | 'sessionId' | 'vendorId' | 'channel' | 'address'>): string =>
    `${keys.base}:sub-addr:${s.campaignId}:${hashOf(`${s.sessionId ?? ''}|${s.vendorId ?? ''}|${s.channel}|${s.address}`)}`;
  const get = async (id: string): Promise<Subscription | null> => {
    const raw = await redis.get(subKey(id));
    return raw ? (JSON.parse(raw) as Subscription) : null;
  };
  const remove = async (s: Subscription): Promise<void> => {
    await redis.multi().del(subKey(s.id), addrKey(s), tokenKey(s.unsubscribeToken)).srem(listKey(s.campaignId), s.id).exec();
  };
  return {
    async subscribe(input) {
      const id = `sub_${randomBytes(9).toString('hex')}`;
      const base = { campaignId: input.campaignId, sessionId: input.sessionId, vendorId: input.vendorId, channel: input.channel, address: input.address };
      if ((await redis.set(addrKey(base), id, 'NX')) !== 'OK') return null;
      const confirmToken = newToken();
      const subscription: Subscription = { id, ...base, locale: input.locale, state: 'pending', consent: { at: input.nowIso, wording: input.consentWording }, unsubscribeToken: newToken(), createdAt: input.nowIso, confirmedAt: null };
      await redis
        .multi()
        .set(subKey(id), JSON.stringify(subscription))
        .set(tokenKey(confirmToken), `confirm:${id}`)
        .set(tokenKey(subscription.unsubscribeToken), `unsubscribe:${id}`)
        .sadd(listKey(input.campaignId), id)
        .exec();
      return { subscription, confirmToken };
    },
    get,
    async confirm(token, nowIso) {
      // GETDEL: the confirmation link works once.
      const ref = await redis.getdel(tokenKey(token));
      if (!ref?.startsWith('confirm:')) return null;
      const s = await get(ref.slice('confirm:'.length));
      if (!s) return null;
      const confirmed: Subscription = { ...s, state: 'confirmed', confirmedAt: nowIso };
      await redis.set(subKey(s.id), JSON.stringify(confirmed));
      return confirmed;
    },
    async unsubscribe(token) {
      const ref = await redis.get(tokenKey(token));
      if (!ref?.startsWith('unsubscribe:')) return null;
      const s = await get(ref.slice('unsubscribe:'.length));
      if (!s) return null;
      await remove(s);
      return s;
    },
    async listOfCampaign(campaignId) {
      const ids = await redis.smembers(listKey(campaignId));
      const all = await Promise.all(ids.map(get));
      return all.filter((s): s is Subscription => s !== null);
    },
    async removeCampaign(campaignId) {
      const all = await this.listOfCampaign(campaignId);
      for (const s of all) await remove(s);
      await redis.del(listKey(campaignId));
      return all.length;
    },
  };
}
