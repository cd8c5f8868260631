import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import { keys, useConnection } from '../../api/queries';
import { useText } from '../../i18n/use-text';

/** After the consent: the pages/creators/channels the person may post to, as checkboxes, and "Add accounts". */
export function ConnectionCandidates({ id }: { id: string }) {
  const connection = useConnection(id);
  const api = useApi();
  const queries = useQueryClient();
  const { t } = useText();
  const [message, setMessage] = useState<string | null>(null);
  if (connection.isPending) return <p role="status">{t('loading')}</p>;
  if (connection.error) return <p role="alert">{t('failed', { message: connection.error.message })}</p>;
  const c = connection.data;
  if (c.error) return <p role="alert" className="error">{t('connectionFailed', { code: c.error.code })}</p>;
  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const externalIds = new FormData(event.currentTarget).getAll('externalId').map(String);
    try {
      const answer = await api.send<{ accounts: unknown[] }>('POST', `/v1/connections/${encodeURIComponent(id)}/accounts`, { body: { externalIds } });
      setMessage(t('accountsAdded', { count: answer.body.accounts.length }));
      await queries.invalidateQueries({ queryKey: keys.accounts });
      await connection.refetch();
    } catch (err) {
      setMessage(t('failed', { message: err instanceof ApiError ? err.message : String(err) }));
    }
  };
  return (
    <form className="candidates stack" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>{t('chooseAccounts')}</legend>
        {c.candidates.map((cand) => (
          <label key={cand.externalId} className="check">
            <input type="checkbox" name="externalId" value={cand.externalId} defaultChecked={cand.live.eligible} />
            {cand.name}
            {cand.live.eligible ? null : <span className="help"> ({t('liveNotEligible', { reason: cand.live.reason ?? '' })})</span>}
          </label>
        ))}
      </fieldset>
      <button type="submit">{t('addAccounts')}</button>
      {message ? <p role="status" className="notice">{message}</p> : null}
    </form>
  );
}
