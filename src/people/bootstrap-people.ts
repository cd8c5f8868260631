import type { Deps } from '../deps';
import { createId } from '../shared/ids';
import { auditQuietly } from '../store/audit-store';
import { hashPassword } from './hash-password';
import { newInvitation } from './invitations';
import { createSecret } from './secrets';

/** The demo admin of sandbox mode and `npm run demo` (api.md "People and sign-in"). */
export const DEMO_ADMIN_EMAIL = 'admin@livecue.local';

export interface Bootstrapped {
  /** Made now (sandbox, no user yet): print the password once, never log it. */
  demoAdmin: { email: string; password: string } | null;
  /** LIVECUE_ADMIN_EMAIL invited now: the link (logged once: a link, not a password). */
  invitedAdmin: { email: string; url: string } | null;
}

/**
 * At start, when no user exists: invite LIVECUE_ADMIN_EMAIL as admin, and in sandbox mode make the
 * demo admin active with a random password. Two processes starting together cannot make two: the
 * email index is claimed atomically, and the loser skips.
 */
export async function bootstrapPeople(deps: Deps, baseUrl: string): Promise<Bootstrapped> {
  const out: Bootstrapped = { demoAdmin: null, invitedAdmin: null };
  if ((await deps.people.users.count()) > 0) return out;
  const adminEmail = deps.config.adminEmail;
  if (adminEmail) {
    const { stored, issued } = newInvitation(deps, baseUrl);
    const user = { id: createId('usr'), email: adminEmail, name: 'Admin', role: 'admin' as const, status: 'invited' as const, createdAt: deps.clock.nowIso(), lastSignInAt: null };
    if (await deps.people.users.create({ user, invitation: stored })) {
      deps.logger.info('first admin invited (LIVECUE_ADMIN_EMAIL): open the link to set a password', { component: 'people', email: adminEmail, invitationUrl: issued.url, expiresAt: issued.expiresAt });
      await auditQuietly(deps, 'system:start', { action: 'user.create', target: user.id, details: { email: adminEmail, role: 'admin' } });
      out.invitedAdmin = { email: adminEmail, url: issued.url };
    }
  }
  if (deps.config.platformMode === 'sandbox' && adminEmail?.toLowerCase() !== DEMO_ADMIN_EMAIL) out.demoAdmin = await makeDemoAdmin(deps, baseUrl);
  return out;
}

async function makeDemoAdmin(deps: Deps, baseUrl: string): Promise<{ email: string; password: string } | null> {
  const password = createSecret().slice(0, 20);
  const { stored } = newInvitation(deps, baseUrl);
  const user = { id: createId('usr'), email: DEMO_ADMIN_EMAIL, name: 'Demo admin', role: 'admin' as const, status: 'invited' as const, createdAt: deps.clock.nowIso(), lastSignInAt: null };
  if (!(await deps.people.users.create({ user, invitation: stored }))) return null;
  await deps.people.users.acceptInvitation(stored.secretHash, user.id, await hashPassword(password), deps.clock.now());
  return { email: DEMO_ADMIN_EMAIL, password };
}
