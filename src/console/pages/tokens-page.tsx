import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { useApi } from '../api/api-context';
import { ApiError } from '../api/api-error';
import { keys } from '../api/queries';
import type { Page, PersonalToken } from '../api/types';
import { useText } from '../i18n/use-text';
import { formText } from '../lib/form-text';

/** My personal API tokens: create (the secret is shown once, kept nowhere), list, revoke. */
export function TokensPage() {
  const api = useApi();
  const queries = useQueryClient();
  const { t } = useText();
  const tokens = useQuery({ queryKey: keys.tokens, queryFn: async () => (await api.get<Page<PersonalToken>>('/v1/me/tokens')).items });
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = formText(new FormData(event.currentTarget), 'name');
    try {
      const answer = await api.send<PersonalToken>('POST', '/v1/me/tokens', { body: { name } });
      setSecret(answer.body.token ?? null);
      setError(null);
      await queries.invalidateQueries({ queryKey: keys.tokens });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const revoke = async (id: string) => {
    await api.send('DELETE', `/v1/me/tokens/${encodeURIComponent(id)}`).catch((err: unknown) => { setError(String(err)); });
    await queries.invalidateQueries({ queryKey: keys.tokens });
  };
  return (
    <section>
      <h1>{t('myTokens')}</h1>
      <form onSubmit={(e) => void create(e)} className="inline-form">
        <label>{t('tokenName')}<input name="name" required maxLength={100} /></label>
        <button type="submit">{t('createToken')}</button>
      </form>
      {secret ? <div role="status" className="notice"><p>{t('tokenShownOnce')}</p><input readOnly aria-label={t('tokenName')} value={secret} className="link-box" /></div> : null}
      {error ? <p role="alert" className="error">{error}</p> : null}
      <div className="table-wrap" tabIndex={0}>
        <table>
          <caption className="sr-only">{t('myTokens')}</caption>
          <thead><tr><th scope="col">{t('name')}</th><th scope="col">{t('role')}</th><th scope="col">{t('expiresAt')}</th><th scope="col">{t('lastUsed')}</th><th scope="col"><span className="sr-only">{t('revoke')}</span></th></tr></thead>
          <tbody>
            {(tokens.data ?? []).map((tok) => (
              <tr key={tok.id}><td>{tok.name}</td><td>{tok.role}</td><td>{tok.expiresAt ?? '—'}</td><td>{tok.lastUsedAt ?? '—'}</td>
                <td><button type="button" onClick={() => void revoke(tok.id)}>{t('revoke')} <span className="sr-only">{tok.name}</span></button></td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
