import type { Keys } from './keys';
import type { RedisClient } from './redis';

/**
 * The effects ledger (invariant 2): before a platform call the worker claims the effect, after
 * success it records the platform's id. A retry, a duplicate job or a second worker finds the
 * record and does not post again; a claim without a record means an earlier attempt died between
 * the call and the record, so the caller asks the platform before posting again.
 */
export type ClaimResult =
  | { state: 'claimed' }
  | { state: 'done'; result: Record<string, unknown> }
  | { state: 'in-doubt'; claimedAt: string; owner: string };

export interface Ledger {
  claim(effectKey: string, owner: string, nowIso: string): Promise<ClaimResult>;
  record(effectKey: string, result: Record<string, unknown>, nowIso: string): Promise<void>;
  /** Take over an in-doubt claim (its owner died); false when it was recorded meanwhile. */
  takeOver(effectKey: string, owner: string, nowIso: string): Promise<boolean>;
  /** The call surely had no effect (the platform refused it): a later attempt may call again. */
  release(effectKey: string): Promise<void>;
  get(effectKey: string): Promise<ClaimResult | null>;
}

const claimLua = `
local h = redis.call('HGETALL', KEYS[1])
if #h == 0 then
  redis.call('HSET', KEYS[1], 'state', 'claimed', 'owner', ARGV[1], 'claimedAt', ARGV[2])
  return cjson.encode({ state = 'claimed' })
end
local m = {}
for i = 1, #h, 2 do m[h[i]] = h[i + 1] end
if m.state == 'done' then return cjson.encode({ state = 'done', result = m.result }) end
return cjson.encode({ state = 'in-doubt', claimedAt = m.claimedAt or '', owner = m.owner or '' })
`;

/** Take over an in-doubt claim unless it was recorded meanwhile: one script, so nothing slips between. */
const takeOverLua = `
if redis.call('HGET', KEYS[1], 'state') == 'done' then return 0 end
redis.call('HSET', KEYS[1], 'state', 'claimed', 'owner', ARGV[1], 'claimedAt', ARGV[2])
return 1
`;

interface LedgerScripts {
  livecueLedgerClaim(key: string, owner: string, now: string): Promise<string>;
  livecueLedgerTakeOver(key: string, owner: string, now: string): Promise<number>;
}

export function createLedger(redis: RedisClient, keys: Keys): Ledger {
  redis.defineCommand('livecueLedgerClaim', { numberOfKeys: 1, lua: claimLua });
  redis.defineCommand('livecueLedgerTakeOver', { numberOfKeys: 1, lua: takeOverLua });
  const scripts = redis as unknown as LedgerScripts;
  const parse = (raw: string): ClaimResult => {
    const out = JSON.parse(raw) as { state: ClaimResult['state']; result?: string; claimedAt?: string; owner?: string };
    if (out.state === 'done') return { state: 'done', result: JSON.parse(out.result ?? '{}') as Record<string, unknown> };
    if (out.state === 'in-doubt') return { state: 'in-doubt', claimedAt: out.claimedAt ?? '', owner: out.owner ?? '' };
    return { state: 'claimed' };
  };
  return {
    async claim(effectKey, owner, nowIso) {
      return parse(await scripts.livecueLedgerClaim(keys.ledger(effectKey), owner, nowIso));
    },
    async record(effectKey, result, nowIso) {
      await redis.hset(keys.ledger(effectKey), { state: 'done', result: JSON.stringify(result), doneAt: nowIso });
    },
    async takeOver(effectKey, owner, nowIso) {
      return (await scripts.livecueLedgerTakeOver(keys.ledger(effectKey), owner, nowIso)) === 1;
    },
    async release(effectKey) {
      await redis.del(keys.ledger(effectKey));
    },
    async get(effectKey) {
      const h = await redis.hgetall(keys.ledger(effectKey));
      if (!h.state) return null;
      if (h.state === 'done') return { state: 'done', result: JSON.parse(h.result ?? '{}') as Record<string, unknown> };
      return { state: 'in-doubt', claimedAt: h.claimedAt ?? '', owner: h.owner ?? '' };
    },
  };
}
