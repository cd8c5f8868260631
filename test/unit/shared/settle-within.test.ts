import { settleWithin } from '../../../src/shared/settle-within';

describe('settleWithin', () => {
  it('says done when the work finishes in time', async () => {
    await expect(settleWithin(Promise.resolve(1), 1000)).resolves.toBe('done');
  });

  it('says failed instead of rejecting when the work throws', async () => {
    await expect(settleWithin(Promise.reject(new Error('Connection is closed')), 1000)).resolves.toBe('failed');
  });

  it('says timeout when the work never settles', async () => {
    const never = new Promise<void>(() => undefined);
    await expect(settleWithin(never, 20)).resolves.toBe('timeout');
  });
});
