/**
 * Profiling aid: the quick city (3,600 sessions) through postBulk in this process, e.g.
 *   BENCH_ADMIN_TOKEN=profile-admin-token node --cpu-prof --import tsx bench/profile-import.ts
 * MEMO_ZONE=1 memoizes luxon's IANAZone.isValidZone to show what that costs.
 */
import { randomBytes } from 'node:crypto';
import { run } from '../src/main';
import { postBulk } from '../src/api/handlers/bulk';
import { startPrivateRedis } from '../src/shared/private-redis';
import { citySessions } from './figures/city';

async function main(): Promise<void> {
  if (process.env.MEMO_ZONE === '1') {
    const { IANAZone } = await import('luxon');
    const original = IANAZone.isValidZone.bind(IANAZone);
    const seen = new Map<string, boolean>();
    IANAZone.isValidZone = (zone: string): boolean => {
      let v = seen.get(zone);
      if (v === undefined) seen.set(zone, (v = original(zone)));
      return v;
    };
  }
  const redis = await startPrivateRedis();
  const app = await run('api', { PLATFORM_MODE: 'sandbox', REDIS_URL: redis.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', LIVECUE_TOKENS: 'admin:profile-admin-token-0123456789', LIVECUE_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
  const firstDay = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 2 * 86_400_000;
  const sessions = citySessions(1, firstDay);
  const { registerAccounts } = await import('./lib/setup');
  await registerAccounts(app.api?.url ?? '');
  const t0 = performance.now();
  for (let i = 0; i < sessions.length; i += 1200) await postBulk(app.deps, { sessions: sessions.slice(i, i + 1200) });
  process.stdout.write(`imported ${sessions.length} in ${(performance.now() - t0).toFixed(0)} ms\n`);
  await app.stop();
  await redis.stop();
}
void main();
