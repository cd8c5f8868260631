import { useSearchParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { useTargets } from '../../api/queries';
import type { Account, Connection, Platform } from '../../api/types';
import { useText } from '../../i18n/use-text';
import type { TextKey } from '../../i18n/en';
import { useCan, useMe } from '../../lib/me-context';
import { ConnectionCandidates } from './connection-candidates';

const PLATFORM_NAMES: Record<Platform, string> = { facebook: 'Facebook', tiktok: 'TikTok', youtube: 'YouTube' };
const TODO: Record<NonNullable<Account['tokenStatus']>, TextKey> = {
  valid: 'todoValid',
  expiring: 'todoExpiring',
  expired: 'todoExpired',
  invalid: 'todoExpired',
  unknown: 'todoUnknown',
};

/** Platform accounts with their token status and what to do; Connect and Reconnect run the consent flow (admin). */
export function AccountsPage() {
  const me = useMe();
  const isAdmin = useCan('admin');
  const accounts = useTargets(me);
  const api = useApi();
  const { t } = useText();
  const [search] = useSearchParams();
  const connectionId = search.get('connection');
  const failure = search.get('error');
  const connect = async (platform: Platform) => {
    const answer = await api.send<Connection>('POST', '/v1/connections', { body: { platform, returnTo: '/console/accounts' } });
    if (answer.body.authorizeUrl) window.location.assign(answer.body.authorizeUrl);
  };
  return (
    <section>
      <h1>{t('accounts')}</h1>
      {failure ? <p role="alert" className="error">{t('connectionFailed', { code: failure })}</p> : null}
      {isAdmin && connectionId && !failure ? <ConnectionCandidates id={connectionId} /> : null}
      {isAdmin ? (
        <div className="actions">
          {(['facebook', 'tiktok', 'youtube'] as const).map((p) => (
            <button key={p} type="button" onClick={() => void connect(p)}>{t('connect', { platform: PLATFORM_NAMES[p] })}</button>
          ))}
        </div>
      ) : <p>{t('readOnly')}</p>}
      {accounts.isPending ? <p role="status">{t('loading')}</p> : null}
      {accounts.error ? <p role="alert">{t('failed', { message: accounts.error.message })}</p> : null}
      <div className="table-wrap" tabIndex={0}>
        <table>
          <caption className="sr-only">{t('accounts')}</caption>
          <thead><tr><th scope="col">{t('name')}</th><th scope="col">{t('platform')}</th><th scope="col">{t('tokenStatus')}</th><th scope="col">{t('whatToDo')}</th>{isAdmin ? <th scope="col"><span className="sr-only">{t('reconnect')}</span></th> : null}</tr></thead>
          <tbody>
            {(accounts.data ?? []).map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td>{PLATFORM_NAMES[a.platform]}</td>
                <td><span className={`badge token-${a.tokenStatus ?? 'unknown'}`}>{a.tokenStatus ?? 'unknown'}</span></td>
                <td>{t(TODO[a.tokenStatus ?? 'unknown'])}</td>
                {isAdmin ? <td><button type="button" aria-label={`${t('reconnect')} ${a.name}`} onClick={() => void connect(a.platform)}>{t('reconnect')}</button></td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

