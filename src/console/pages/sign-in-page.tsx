import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { useApi } from '../api/api-context';
import { ApiError } from '../api/api-error';
import { keys } from '../api/queries';
import type { Me, User } from '../api/types';
import { useText } from '../i18n/use-text';
import { LanguageSwitch } from '../layout/language-switch';
import { formText } from '../lib/form-text';

/** Email and password (api.md "People and sign-in"); the session cookie is set by the API. */
export function SignInPage() {
  const api = useApi();
  const queries = useQueryClient();
  const { t } = useText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const answer = await api.send<{ user: User; csrfToken: string }>('POST', '/v1/auth/sign-in', {
        body: { email: formText(form, 'email'), password: formText(form, 'password') },
      });
      api.setCsrfToken(answer.body.csrfToken);
      const me: Me = { user: answer.body.user, principal: `user:${answer.body.user.email}`, role: answer.body.user.role, csrfToken: answer.body.csrfToken };
      queries.setQueryData(keys.me, me);
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setError(t('tooManyTries', { seconds: 60 }));
      else if (err instanceof ApiError && err.status === 401) setError(t('wrongPassword'));
      else setError(t('failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" className="sign-in">
      <LanguageSwitch />
      <h1>{t('signInTitle')}</h1>
      <form onSubmit={(e) => void submit(e)} className="stack">
        <label>
          {t('email')}
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error ? <p role="alert" className="error">{error}</p> : null}
        <button type="submit" disabled={busy}>{t('signIn')}</button>
      </form>
    </main>
  );
}
