import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import { keys } from '../../api/queries';
import type { Page, Role, User } from '../../api/types';
import { useText } from '../../i18n/use-text';
import { useCan } from '../../lib/me-context';
import { formText } from '../../lib/form-text';

const ROLES: Role[] = ['viewer', 'organizer', 'ops', 'admin'];

/** People (admin): invite by email with a role, change roles, disable, send a new invitation link. */
export function PeoplePage() {
  const api = useApi();
  const queries = useQueryClient();
  const isAdmin = useCan('admin');
  const { t } = useText();
  const users = useQuery({ queryKey: keys.users, enabled: isAdmin, queryFn: async () => (await api.get<Page<User>>('/v1/users')).items });
  const [message, setMessage] = useState<{ ok: boolean; text: string; link?: string } | null>(null);
  const act = async (run: () => Promise<{ text: string; link?: string }>) => {
    try {
      const done = await run();
      setMessage({ ok: true, ...done });
      await queries.invalidateQueries({ queryKey: keys.users });
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  const invite = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { email: formText(form, 'email'), name: formText(form, 'name'), role: formText(form, 'role') };
    void act(async () => {
      const answer = await api.send<{ invitation: { url: string } }>('POST', '/v1/users', { body });
      return { text: t('invitationLink', { email: body.email }), link: answer.body.invitation.url };
    });
  };
  const patch = (user: User, body: Record<string, string>) => act(async () => {
    await api.send('PATCH', `/v1/users/${encodeURIComponent(user.id)}`, { body });
    return { text: `${user.email}: ${Object.values(body).join(', ')}` };
  });
  const relink = (user: User) => act(async () => {
    const answer = await api.send<{ url: string }>('POST', `/v1/users/${encodeURIComponent(user.id)}/invitation`);
    return { text: t('invitationLink', { email: user.email }), link: answer.body.url };
  });
  if (!isAdmin) return <p>{t('readOnly')}</p>;
  return (
    <section>
      <h1>{t('people')}</h1>
      <form onSubmit={invite} className="inline-form" aria-labelledby="invite-title">
        <h2 id="invite-title">{t('invitePerson')}</h2>
        <label>{t('email')}<input name="email" type="email" required /></label>
        <label>{t('name')}<input name="name" required /></label>
        <label>{t('role')}<select name="role" defaultValue="organizer">{ROLES.map((r) => <option key={r} value={r}>{r}</option>)}</select></label>
        <button type="submit">{t('invite')}</button>
      </form>
      {message ? (
        <div role={message.ok ? 'status' : 'alert'} className={message.ok ? 'notice' : 'error'}>
          <p>{message.text}</p>
          {message.link ? <p><input readOnly aria-label={t('newLink')} value={message.link} className="link-box" /></p> : null}
        </div>
      ) : null}
      <div className="table-wrap" tabIndex={0}>
        <table>
          <caption className="sr-only">{t('people')}</caption>
          <thead><tr><th scope="col">{t('name')}</th><th scope="col">{t('email')}</th><th scope="col">{t('role')}</th><th scope="col">{t('status')}</th><th scope="col">{t('lastSignIn')}</th><th scope="col"><span className="sr-only">{t('action')}</span></th></tr></thead>
          <tbody>
            {(users.data ?? []).map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <select aria-label={`${t('role')} ${u.email}`} value={u.role} onChange={(e) => void patch(u, { role: e.target.value })}>
                    {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                  </select>
                </td>
                <td>{u.status}</td>
                <td>{u.lastSignInAt ?? '—'}</td>
                <td className="actions">
                  {u.status === 'disabled'
                    ? <button type="button" onClick={() => void patch(u, { status: 'active' })}>{t('enable')} <span className="sr-only">{u.email}</span></button>
                    : <button type="button" onClick={() => void patch(u, { status: 'disabled' })}>{t('disable')} <span className="sr-only">{u.email}</span></button>}
                  <button type="button" onClick={() => void relink(u)}>{t('newLink')} <span className="sr-only">{u.email}</span></button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
