import { Redis } from 'ioredis';
import { createKeys } from '../../../src/store/keys';
import { createLedger } from '../../../src/store/ledger';
import { flushPrefix, testRedisUrl, uniquePrefix } from '../../support/app';

describe('ledger takeOver on a connection shared with other callers', () => {
  const prefix = uniquePrefix();
  const redis = new Redis(testRedisUrl());
  const keys = createKeys(prefix);
  const ledger = createLedger(redis, keys);
  afterAll(async () => {
    redis.disconnect();
    await flushPrefix(prefix);
  });

  it('never overwrites a done record, whatever else runs on the connection meanwhile', async () => {
    const iso = '2024-06-14T10:00:00.000Z';
    for (let i = 0; i < 50; i += 1) {
      const key = `ses_r__announce__facebook__fb__${i}`;
      await ledger.claim(key, 'dead#1', iso);
      const taking = ledger.takeOver(key, 'next#2', iso);
      // Once the taker has read the state, the first attempt records the effect and another
      // caller of the same connection ends its own transaction (UNWATCH), as the API and the
      // workers share it.
      await redis.ping();
      await Promise.all([ledger.record(key, { postId: `p-${i}` }, iso), redis.unwatch()]);
      await taking;
      await expect(ledger.get(key)).resolves.toEqual({ state: 'done', result: { postId: `p-${i}` } });
    }
  });

  it('takes over an in-doubt claim, and answers false once the effect is recorded', async () => {
    const iso = '2024-06-14T10:00:00.000Z';
    await ledger.claim('ses_t__announce__tiktok__tt__PT1H', 'dead#1', iso);
    await expect(ledger.takeOver('ses_t__announce__tiktok__tt__PT1H', 'next#2', iso)).resolves.toBe(true);
    await expect(ledger.get('ses_t__announce__tiktok__tt__PT1H')).resolves.toEqual({ state: 'in-doubt', claimedAt: iso, owner: 'next#2' });
    await ledger.record('ses_t__announce__tiktok__tt__PT1H', { postId: 'p1' }, iso);
    await expect(ledger.takeOver('ses_t__announce__tiktok__tt__PT1H', 'third#3', iso)).resolves.toBe(false);
    await expect(ledger.get('ses_t__announce__tiktok__tt__PT1H')).resolves.toEqual({ state: 'done', result: { postId: 'p1' } });
  });
});
