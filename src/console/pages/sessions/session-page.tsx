import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import { keys, useSession } from '../../api/queries';
import type { Session } from '../../api/types';
import { useText } from '../../i18n/use-text';
import { useCan } from '../../lib/me-context';
import { statusKey } from '../../lib/status-text';
import { toIsoDay, toWallDate } from '../../lib/wall-time';
import { formatShortStart } from '../../../text/format';
import { JobsTable } from './jobs-table';

/** One session with its jobs; organizers edit, duplicate and cancel it (with or without a notice post). */
export function SessionPage() {
  const id = useParams().id ?? '';
  const session = useSession(id);
  const { t } = useText();
  if (session.isPending) return <p role="status">{t('loading')}</p>;
  if (session.error) return <p role="alert">{t('failed', { message: session.error.message })}</p>;
  return <SessionDetails session={session.data} />;
}

function SessionDetails({ session }: { session: Session }) {
  const { t, locale } = useText();
  const api = useApi();
  const queries = useQueryClient();
  const canWrite = useCan('write');
  const [search] = useSearchParams();
  const [message, setMessage] = useState<string | null>(search.get('saved') ? t('sessionSaved') : null);
  const cancel = async (notice: boolean) => {
    if (!window.confirm(t('confirmCancel', { title: session.title }))) return;
    try {
      const answer = await api.send<Session>('POST', `/v1/sessions/${encodeURIComponent(session.id)}/cancel`, { body: { notice } });
      queries.setQueryData(keys.session(session.id), answer.body);
      if (session.campaignId) await queries.invalidateQueries({ queryKey: keys.sessions(session.campaignId) });
      setMessage(t('sessionCancelled'));
    } catch (err) {
      setMessage(t('failed', { message: err instanceof ApiError ? err.message : String(err) }));
    }
  };
  const day = toIsoDay(toWallDate(session.startsAt, session.timezone));
  const editable = canWrite && session.status === 'scheduled';
  return (
    <article className="session" data-session-id={session.id}>
      <h1>{session.title}</h1>
      {message ? <p role="status" className="notice">{message}</p> : null}
      <dl className="facts">
        <dt>{t('status')}</dt><dd className={`status-text status-${session.status}`}>{t(statusKey(session.status))}</dd>
        <dt>{t('startsAt')}</dt><dd>{formatShortStart(session.startsAt, session.timezone, locale)} – {formatShortStart(session.endsAt, session.timezone, locale)}</dd>
        <dt>{t('stage')}</dt><dd>{session.stageId ?? t('noStage')}</dd>
        <dt>{t('targets')}</dt><dd>{session.targets.map((x) => `${x.platform}:${x.accountId}`).join(', ')}</dd>
        {session.host ? (<><dt>{t('hostName')}</dt><dd>{session.host.name}</dd></>) : null}
      </dl>
      <div className="actions">
        {session.campaignId ? <Link to={`/campaigns/${encodeURIComponent(session.campaignId)}/calendar?date=${day}&view=day`}>{t('openCalendar')}</Link> : null}
        {editable ? <Link className="button" to={`/sessions/${encodeURIComponent(session.id)}/edit`}>{t('edit')}</Link> : null}
        {canWrite && session.campaignId ? <Link className="button" to={`/sessions/new?campaignId=${encodeURIComponent(session.campaignId)}&from=${encodeURIComponent(session.id)}`}>{t('duplicate')}</Link> : null}
        {editable ? <button type="button" onClick={() => void cancel(true)}>{t('cancelWithNotice')}</button> : null}
        {editable ? <button type="button" onClick={() => void cancel(false)}>{t('cancelWithoutNotice')}</button> : null}
      </div>
      <h2>{t('jobs')}</h2>
      <JobsTable jobs={session.jobs} zone={session.timezone} />
    </article>
  );
}
