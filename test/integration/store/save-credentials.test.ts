import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createAccountStore, StaleCredentialsError } from '../../../src/store/account-store';
import { createCipher } from '../../../src/store/crypto';
import { createKeys } from '../../../src/store/keys';
import { createManualClock } from '../../../src/shared/clock';
import { flushPrefix, testRedisUrl, uniquePrefix } from '../../support/app';

describe('saving credentials on a connection shared with other callers', () => {
  const prefix = uniquePrefix();
  const redis = new Redis(testRedisUrl());
  const accounts = createAccountStore(redis, createKeys(prefix), createCipher([randomBytes(32)]), createManualClock(Date.parse('2024-06-14T10:00:00Z')));
  afterAll(async () => {
    redis.disconnect();
    await flushPrefix(prefix);
  });

  const register = async (id: string): Promise<number> => {
    await accounts.create({ id, platform: 'tiktok', name: id, externalId: `open-${id}`, credentials: { accessToken: 'a0', refreshToken: 'r0' } });
    const read = (await accounts.getMany([id])).get(id);
    if (!read) throw new Error(`account ${id} was not created`);
    return read.credentialsVersion;
  };

  it('never replaces a rotated refresh token by one from older credentials', async () => {
    const version = await register('tt-rotate');
    // Ten refreshes that all read the same credentials race; transactions of others run between.
    const saves = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        Promise.all([accounts.saveCredentials('tt-rotate', { accessToken: `a${i + 1}`, refreshToken: `r${i + 1}` }, version), redis.multi().ping().exec(), redis.unwatch()]),
      ),
    );
    const won = saves.flatMap((s, i) => (s.status === 'fulfilled' ? [i + 1] : []));
    expect(won).toHaveLength(1);
    expect(saves.filter((s) => s.status === 'rejected').every((s) => s.reason instanceof StaleCredentialsError)).toBe(true);
    await expect(accounts.credentials('tt-rotate')).resolves.toMatchObject({ refreshToken: `r${won[0]}`, accessToken: `a${won[0]}` });

    // A late save from the credentials read before the rotation is refused too.
    await expect(accounts.saveCredentials('tt-rotate', { accessToken: 'late', refreshToken: 'r-late' }, version)).rejects.toBeInstanceOf(StaleCredentialsError);
    await expect(accounts.credentials('tt-rotate')).resolves.toMatchObject({ refreshToken: `r${won[0]}` });
  });

  it('merges concurrent access-token saves without losing the refresh token or a rotation', async () => {
    const version = await register('tt-merge');
    const [rotatedTo] = await Promise.all([
      accounts.saveCredentials('tt-merge', { accessToken: 'a-rot', refreshToken: 'r-rot' }, version),
      ...Array.from({ length: 3 }, (_, i) => accounts.saveCredentials('tt-merge', { accessToken: `a-only-${i}` }, version)),
    ]);
    expect(rotatedTo).toBe(version + 1);
    await expect(accounts.credentials('tt-merge')).resolves.toMatchObject({ refreshToken: 'r-rot' });
    // Based on the rotation's version, the next rotation is accepted.
    await expect(accounts.saveCredentials('tt-merge', { accessToken: 'a-next', refreshToken: 'r-next' }, rotatedTo)).resolves.toBe(version + 2);
    await expect(accounts.credentials('tt-merge')).resolves.toEqual({ accessToken: 'a-next', refreshToken: 'r-next' });
  });
});
