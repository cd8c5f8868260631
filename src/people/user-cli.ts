import { parseArgs } from 'node:util';
import { ROLES } from '../../config/schema';
import type { Role } from '../../config/schema';
import { loadConfig } from '../../config/load-config';
import { createSystemClock } from '../shared/clock';
import { createLogger } from '../shared/logger';
import { createRedactor } from '../shared/redact';
import { createAuditStore } from '../store/audit-store';
import { createKeys } from '../store/keys';
import { createPeopleStores } from '../store/people-stores';
import { createRedis, waitForReady } from '../store/redis';
import { createUser } from './manage-users';
import { reissueInvitation } from './invitations';
import { publicBaseUrl } from './public-url';

const USAGE = 'usage: npm run user -- create --email <email> --role <viewer|organizer|ops|admin> [--name <name>]\n       npm run user -- invite --email <email>     (a new link: the old one and the password stop working)\n  (REDIS_URL, REDIS_PREFIX, LIVECUE_PUBLIC_URL from the environment)';

/**
 * `npm run user -- create …`: a user and their invitation link, printed (a link, never a password);
 * `invite`: a new link for an existing user. Returns the text to print.
 */
export async function runUserCli(argv: string[], env: Record<string, string | undefined>): Promise<string> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } } });
  const command = positionals[0];
  const email = values.email?.trim();
  if (!email || (command !== 'create' && command !== 'invite')) throw new Error(USAGE);
  // Only Redis and the public URL are needed: no tokens, no encryption key (as for npm run backup).
  const config = loadConfig({ ...env, PLATFORM_MODE: 'sandbox' });
  const redis = createRedis(config, { name: 'livecue-user-cli' });
  const keys = createKeys(config.redisPrefix);
  const logger = createLogger({ level: config.logLevel, json: config.logJson, redactor: createRedactor([]) });
  const clock = createSystemClock();
  const deps = { logger, clock, audit: createAuditStore(redis, keys, clock), people: createPeopleStores(redis, keys) };
  try {
    await waitForReady(redis, 5000);
    const baseUrl = publicBaseUrl(config, config.port);
    if (command === 'create') {
      const role = values.role as Role | undefined;
      if (!role || !ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}\n${USAGE}`);
      const created = await createUser(deps, { email, name: values.name ?? email.split('@')[0] ?? email, role }, baseUrl, 'system:cli');
      return `created ${created.user.email} (${role}, ${created.user.id}); invitation link, valid until ${created.invitation.expiresAt}:\n${created.invitation.url}`;
    }
    const user = await deps.people.users.getByEmail(email);
    if (!user) throw new Error(`no user with the email ${email}`);
    const issued = await reissueInvitation(deps, user.id, baseUrl, 'system:cli');
    return `new invitation link for ${user.email}, valid until ${issued.expiresAt}:\n${issued.url}`;
  } finally {
    redis.disconnect();
  }
}

if (require.main === module) {
  runUserCli(process.argv.slice(2), process.env).then(
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
