import { createHash } from 'node:crypto';
import type { Keys } from './keys';
import type { RedisClient } from './redis';

/** Who a message is for: the host, a catalog vendor, a `notify` entry, or a confirmed subscriber. */
export type RecipientRole = 'host' | 'vendor' | 'notify' | 'subscriber';
export type DeliveryState = 'pending' | 'sent' | 'failed' | 'skipped';

/**
 * One message to one person for one event (at most once: the id is derived from the event and the
 * address). `to` is the full address: it never leaves the store unmasked.
 */
export interface Delivery {
  id: string;
  sessionId: string;
  /** `session.reminder`, `session.cue`, … */
  event: string;
  /** The action that raised it (`<session>__reminder__PT1H`): with `to`, what makes it unique. */
  eventKey: string;
  offset: string | null;
  channel: 'email' | 'zalo';
  to: string;
  role: RecipientRole;
  locale: 'vi' | 'en';
  subscriberId?: string;
  /** Where to send instead when Zalo refuses for good. */
  fallbackEmail?: string;
  /** The Zalo delivery this email stands in for. */
  fallbackOf?: string;
  state: DeliveryState;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

export function createDeliveryId(eventKey: string, channel: string, to: string): string {
  return `dlv_${createHash('sha256').update(`${eventKey}|${channel}|${to}`).digest('hex').slice(0, 24)}`;
}

export interface DeliveryStore {
  /** Adds the deliveries not already known (same id: kept as it is). Returns the new ones. */
  addMany(deliveries: Delivery[]): Promise<Delivery[]>;
  get(sessionId: string, id: string): Promise<Delivery | null>;
  update(sessionId: string, id: string, patch: Partial<Pick<Delivery, 'state' | 'attempts' | 'lastError' | 'sentAt'>>): Promise<void>;
  list(sessionId: string): Promise<Delivery[]>;
  /** The deliveries of many sessions in one round trip (the board). */
  listMany(sessionIds: readonly string[]): Promise<Map<string, Delivery[]>>;
  /**
   * Forgets the full addresses of these deliveries (contact deletion): `to` becomes the given masked
   * form and the fallback email goes; state and history stay. Unknown ids are ignored.
   */
  forgetAddresses(sessionId: string, masked: ReadonlyMap<string, string>): Promise<number>;
  remove(sessionId: string): Promise<void>;
}

export function createDeliveryStore(redis: RedisClient, keys: Keys): DeliveryStore {
  const key = (sessionId: string): string => `${keys.base}:dlv:${sessionId}`;
  const get = async (sessionId: string, id: string): Promise<Delivery | null> => {
    const raw = await redis.hget(key(sessionId), id);
    return raw ? (JSON.parse(raw) as Delivery) : null;
  };
  return {
    async addMany(deliveries) {
      const added: Delivery[] = [];
      for (const d of deliveries) {
        if ((await redis.hsetnx(key(d.sessionId), d.id, JSON.stringify(d))) === 1) added.push(d);
      }
      return added;
    },
    get,
    async update(sessionId, id, patch) {
      const current = await get(sessionId, id);
      if (!current) return;
      await redis.hset(key(sessionId), id, JSON.stringify({ ...current, ...patch }));
    },
    async list(sessionId) {
      const all = Object.values(await redis.hgetall(key(sessionId))).map((raw) => JSON.parse(raw) as Delivery);
      return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    async listMany(sessionIds) {
      const out = new Map<string, Delivery[]>();
      if (sessionIds.length === 0) return out;
      const pipeline = redis.pipeline();
      for (const id of sessionIds) pipeline.hgetall(key(id));
      const answers = (await pipeline.exec()) ?? [];
      sessionIds.forEach((id, i) => {
        const [err, hash] = answers[i] ?? [null, {}];
        if (err) throw err;
        out.set(id, Object.values(hash as Record<string, string>).map((raw) => JSON.parse(raw) as Delivery));
      });
      return out;
    },
    async forgetAddresses(sessionId, masked) {
      let changed = 0;
      for (const [id, to] of masked) {
        const current = await get(sessionId, id);
        if (!current) continue;
        const { fallbackEmail: _dropped, ...rest } = current;
        await redis.hset(key(sessionId), id, JSON.stringify({ ...rest, to }));
        changed += 1;
      }
      return changed;
    },
    async remove(sessionId) {
      await redis.del(key(sessionId));
    },
  };
}
