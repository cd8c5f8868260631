import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../../config/load-config';
import { createSystemClock } from '../../shared/clock';
import { createCipher } from '../../store/crypto';
import { createKeys } from '../../store/keys';
import { createRedis, waitForReady } from '../../store/redis';
import { resolveZaloSettings } from '../create-channels';
import { zaloWarnings } from './zalo-health';
import { getOaAccessToken } from './refresh-oa-token';
import { createZaloTokenStore } from './zalo-token-store';

const USAGE = [
  'usage: npm run zalo -- connect [<refresh token>]   (without it: read from standard input, so it stays out of the shell history)',
  '       npm run zalo -- status',
  '  (REDIS_URL, REDIS_PREFIX, LIVECUE_ENCRYPTION_KEY and the ZALO_* settings from the environment, as for the running LiveCue)',
].join('\n');

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += String(chunk);
  return text.trim();
}

/**
 * `npm run zalo -- connect`: stores the OA's refresh token (from the OA's API explorer or the
 * authorization flow, https://developers.zalo.me/docs/official-account/) encrypted, as the running
 * processes read it, then exchanges it at once so a wrong token shows now and not at the next
 * reminder (Zalo rotates it: the pasted one is used up). `status`: the OA's health, never a token.
 */
export async function runZaloCli(argv: string[], env: Record<string, string | undefined>, stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  const [command, given] = positionals;
  if (command !== 'connect' && command !== 'status') throw new Error(USAGE);
  // The stored tokens are sealed with the install's key: a made-up one would store what nobody can open.
  if (!env.LIVECUE_ENCRYPTION_KEY) throw new Error(`LIVECUE_ENCRYPTION_KEY: required, the same as the running LiveCue's\n${USAGE}`);
  // LIVECUE_TOKENS is not needed here: loaded as in sandbox mode, then the real mode for the Zalo settings.
  const loaded = loadConfig({ ...env, PLATFORM_MODE: 'sandbox' });
  const config = { ...loaded, platformMode: env.PLATFORM_MODE === 'sandbox' ? ('sandbox' as const) : ('live' as const) };
  const redis = createRedis(config, { name: 'livecue-zalo-cli' });
  const store = createZaloTokenStore(redis, createKeys(config.redisPrefix), createCipher(config.encryptionKeys));
  const clock = createSystemClock();
  try {
    await waitForReady(redis, 5000);
    const settings = resolveZaloSettings(config, config.sandboxUrl);
    if (command === 'status') {
      const warnings = zaloWarnings({ missing: typeof settings === 'string' ? settings : null, anyZaloSetting: true, tokens: await store.read(), hasSeed: config.zalo.refreshToken !== null, nowMs: clock.now() });
      return warnings.length === 0 ? 'Zalo OA: ok' : `Zalo OA:\n${warnings.map((w) => `- ${w}`).join('\n')}`;
    }
    const refreshToken = given ?? (await readStdin(stdin));
    if (!refreshToken) throw new Error(`no refresh token given\n${USAGE}`);
    await store.connect(refreshToken, clock.now());
    if (typeof settings === 'string') return `stored the OA refresh token; not tried: ${settings}`;
    let invalid: string | null = null;
    await getOaAccessToken({ settings, store, clock, owner: `zalo-cli-${randomBytes(6).toString('hex')}`, seedRefreshToken: null, onInvalid: (reason) => { invalid = reason; return Promise.resolve(); } }).catch((err: unknown) => {
      invalid ??= err instanceof Error ? err.message : String(err);
    });
    if (invalid) throw new Error(`stored the OA refresh token, but it does not work: ${String(invalid)}`);
    const { expiresAtMs } = await store.read();
    return `connected the Zalo OA: access token valid until ${new Date(expiresAtMs).toISOString()}, refreshed automatically from now on`;
  } finally {
    redis.disconnect();
  }
}

if (require.main === module) {
  runZaloCli(process.argv.slice(2), process.env).then(
    (message) => {
      process.stdout.write(`${message}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
