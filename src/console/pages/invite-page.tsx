import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { useApi } from '../api/api-context';
import { ApiError } from '../api/api-error';
import { useText } from '../i18n/use-text';
import { LanguageSwitch } from '../layout/language-switch';
import { formText } from '../lib/form-text';

/** `/console/invite#<token>`: the invited person sets a password (the token stays in the fragment, never sent to a server log). */
export function InvitePage() {
  const api = useApi();
  const { t } = useText();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = formText(form, 'password');
    if (password !== formText(form, 'confirm')) {
      setMessage({ ok: false, text: t('passwordsDiffer') });
      return;
    }
    try {
      await api.send('POST', '/v1/auth/invitation', { body: { token: window.location.hash.slice(1), password } });
      setMessage({ ok: true, text: t('invitationDone') });
      window.location.assign('/console/');
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  return (
    <main id="main" className="sign-in">
      <LanguageSwitch />
      <h1>{t('setPassword')}</h1>
      <form onSubmit={(e) => void submit(e)} className="stack">
        <label>{t('password')}<input name="password" type="password" autoComplete="new-password" minLength={10} required aria-describedby="pw-rules" /></label>
        <span id="pw-rules" className="help">{t('passwordRules')}</span>
        <label>{t('confirmPassword')}<input name="confirm" type="password" autoComplete="new-password" required /></label>
        {message ? <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'notice' : 'error'}>{message.text}</p> : null}
        <button type="submit">{t('setPassword')}</button>
      </form>
    </main>
  );
}
