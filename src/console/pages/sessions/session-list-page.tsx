import { Link, useParams } from 'react-router';
import { useCampaignSessions } from '../../api/queries';
import { useText } from '../../i18n/use-text';
import { useCan } from '../../lib/me-context';
import { statusKey } from '../../lib/status-text';
import { formatShortStart } from '../../../text/format';

/** The campaign's sessions in start order. */
export function SessionListPage() {
  const campaignId = useParams().id ?? '';
  const sessions = useCampaignSessions(campaignId);
  const canWrite = useCan('write');
  const { t, locale } = useText();
  if (sessions.isPending) return <p role="status">{t('loading')}</p>;
  if (sessions.error) return <p role="alert">{t('failed', { message: sessions.error.message })}</p>;
  return (
    <section>
      <div className="page-head">
        <h1>{t('sessions')}</h1>
        {canWrite ? <Link className="button" to={`/sessions/new?campaignId=${encodeURIComponent(campaignId)}`}>{t('newSession')}</Link> : null}
      </div>
      <div className="table-wrap" tabIndex={0}>
        <table>
          <caption className="sr-only">{t('sessionList')}</caption>
          <thead><tr><th scope="col">{t('title')}</th><th scope="col">{t('startsAt')}</th><th scope="col">{t('stage')}</th><th scope="col">{t('status')}</th></tr></thead>
          <tbody>
            {sessions.data.map((s) => (
              <tr key={s.id}>
                <td><Link to={`/sessions/${encodeURIComponent(s.id)}`}>{s.title}</Link></td>
                <td>{formatShortStart(s.startsAt, s.timezone, locale)}</td>
                <td>{s.stageId ?? t('noStage')}</td>
                <td>{t(statusKey(s.status))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
