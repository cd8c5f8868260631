import type { Deps } from '../deps';
import type { User } from './user';
import type { IssuedInvitation } from './invitations';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Mails a person their invitation link when SMTP is configured (api.md "People and sign-in"), in
 * Vietnamese and English. The admin is shown the link either way, so a mail that does not leave is
 * logged (without the link: it is a one-time secret) and does not fail the request.
 */
export async function mailInvitation(deps: Pick<Deps, 'channels' | 'logger'>, user: Pick<User, 'id' | 'email' | 'name'>, invitation: IssuedInvitation): Promise<'mailed' | 'not_configured' | 'failed'> {
  const email = deps.channels.email;
  if (!email) return 'not_configured';
  const until = invitation.expiresAt.replace('T', ' ').slice(0, 16);
  const text = [
    `Chào ${user.name},`,
    '',
    'Bạn được mời dùng LiveCue, công cụ lên lịch livestream của phiên chợ. Mở liên kết này để đặt mật khẩu:',
    invitation.url,
    `Liên kết dùng được một lần, đến ${until} UTC.`,
    '',
    `Hello ${user.name}, you are invited to LiveCue. Open the link above to set your password (one use, until ${until} UTC).`,
  ].join('\n');
  const html = `<p>Chào ${escapeHtml(user.name)},</p><p>Bạn được mời dùng LiveCue. <a href="${escapeHtml(invitation.url)}">Đặt mật khẩu</a> (một lần, đến ${until} UTC).</p><p lang="en">Hello ${escapeHtml(user.name)}, you are invited to LiveCue: <a href="${escapeHtml(invitation.url)}">set your password</a> (one use, until ${until} UTC).</p>`;
  try {
    await email.send(user.email, { subject: 'Lời mời dùng LiveCue / Your LiveCue invitation', text, html, trackingId: `invite-${user.id}-${invitation.expiresAt}` });
    return 'mailed';
  } catch (err: unknown) {
    deps.logger.warn('invitation not mailed', { component: 'people', userId: user.id, error: err instanceof Error ? err.message : String(err) });
    return 'failed';
  }
}
