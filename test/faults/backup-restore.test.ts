/**
 * Data safety: a Redis lost for good, refilled from `npm run backup` (src/ops/backup.ts,
 * src/ops/backup-cli.ts). Proves the backup holds sessions, campaigns, accounts (still sealed,
 * decryptable with the same key), the ledger and the audit log, that a restore into a fresh Redis
 * and prefix brings them back, and that reconcile then restores every pending job (queues are not
 * in the backup). Also: a restore refuses a prefix that holds sessions already.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { backupToFile, restoreFromFile } from '../../src/ops/backup-cli';
import { startPrivateRedis } from '../../src/shared/private-redis';
import type { PrivateRedis } from '../../src/shared/private-redis';
import { queueOf } from '../../src/scheduling/queues';
import { registerAccounts, startTestApp, testRedisUrl, uniquePrefix } from '../support/app';

describe('backup and restore into a fresh Redis', () => {
  let dir: string;
  let fresh: PrivateRedis;
  const key = randomBytes(32).toString('base64');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livecue-backup-'));
    fresh = await startPrivateRedis({ appendonly: false });
  });
  afterAll(async () => {
    await fresh.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores sessions, campaigns, accounts, ledger and audit, then reconcile restores the queue', async () => {
    const source = await startTestApp({ LIVECUE_ENCRYPTION_KEY: key }, 'api');
    const ids: string[] = [];
    try {
      await registerAccounts(source);
      for (let i = 0; i < 3; i += 1) {
        const res = await source.call('POST', '/v1/sessions', { role: 'organizer', body: { title: `Phiên sao lưu ${i}`, startsAt: new Date(Date.now() + 86_400_000 + i * 7_200_000).toISOString(), durationMinutes: 60, stageId: 'san-khau-a', targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }, { platform: 'tiktok', accountId: 'tt-cho-con' }], announceOffsets: ['PT1H'], reminderOffsets: ['PT10M'] } });
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      }
      await source.deps.redis.hset(source.deps.keys.campaign('cho-con-2024'), { ref: JSON.stringify({ timezone: 'Asia/Ho_Chi_Minh', startsOn: '2024-06-01', endsOn: '2024-07-01', stageIds: [], vendorIds: [], productIds: [] }) });
      await source.deps.ledger.record('ses_old__announce__facebook__fb-cho-con__P1D', { postId: '100000000000002_1' }, new Date().toISOString());
      const file = join(dir, 'backup.json');
      writeFileSync(file, 'an older backup', { mode: 0o644 }); // replaced, and made private
      const count = await backupToFile({ REDIS_URL: testRedisUrl(), REDIS_PREFIX: source.prefix }, file);
      expect(count).toBeGreaterThan(5);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const text = readFileSync(file, 'utf8');
      expect((JSON.parse(text) as { contains: string[] }).contains).toEqual(expect.arrayContaining([expect.stringContaining('stream keys'), expect.stringContaining('0600')]));
      expect(text).not.toContain('fb-page-'); // credentials stay sealed

      const prefix = uniquePrefix();
      const env = { REDIS_URL: fresh.url, REDIS_PREFIX: prefix };
      const restored = await restoreFromFile(env, file);
      const pending = (await Promise.all(ids.map((id) => source.deps.sessions.get(id)))).flatMap((s) => s?.jobs.filter((j) => j.state === 'pending') ?? []);
      expect(restored.reconcile.restored).toBe(pending.length);
      await expect(restoreFromFile(env, file)).rejects.toThrow(/already holds sessions/);

      const target = await startTestApp({ ...env, LIVECUE_ENCRYPTION_KEY: key }, 'api');
      try {
        for (const id of ids) expect(await target.deps.sessions.get(id)).toEqual(await source.deps.sessions.get(id));
        for (const j of pending) expect(await target.deps.queues[queueOf(j)].getJob(j.id)).toBeDefined();
        expect(await target.deps.accounts.credentials('fb-cho-con')).toEqual(await source.deps.accounts.credentials('fb-cho-con'));
        expect((await target.call('GET', '/v1/accounts')).body.items).toHaveLength(3);
        expect(await target.deps.redis.hget(target.deps.keys.campaign('cho-con-2024'), 'ref')).toContain('Asia/Ho_Chi_Minh');
        expect(await target.deps.ledger.get('ses_old__announce__facebook__fb-cho-con__P1D')).toEqual({ state: 'done', result: { postId: '100000000000002_1' } });
        // The stage index came back too: an overlapping session is refused.
        const clash = await target.call('POST', '/v1/sessions', { role: 'organizer', body: { title: 'Trùng sân khấu', startsAt: new Date(Date.now() + 86_400_000 + 600_000).toISOString(), durationMinutes: 30, stageId: 'san-khau-a', targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }] } });
        expect(clash.status).toBe(409);
      } finally {
        await target.stop({ flush: false });
      }
    } finally {
      await source.stop();
    }
  }, 60_000);
});
