import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context';
import { keys } from '../../api/queries';
import type { Job, SessionStatus } from '../../api/types';
import { useText } from '../../i18n/use-text';
import { useCan } from '../../lib/me-context';
import { statusKey } from '../../lib/status-text';
import { formatShortStart } from '../../../text/format';

interface BoardSession {
  id: string;
  title: string;
  status: SessionStatus;
  startsAt: string;
  endsAt: string;
  timezone: string;
  stageId: string | null;
  jobs: (Job & { errorKind: string | null })[];
}

interface Board {
  timezone: string;
  stages: string[];
  sessions: BoardSession[];
  failures: { errorKind: string; platform: string | null; count: number; jobIds: string[]; example: string | null }[];
}

/** Today's board (6 h back, 24 h ahead) by stage with each job's state, failures grouped by kind with retry (ops). */
export function BoardPage() {
  const api = useApi();
  const queries = useQueryClient();
  const canRetry = useCan('operate');
  const { t, locale } = useText();
  const board = useQuery({ queryKey: keys.board, queryFn: () => api.get<Board>('/v1/board'), refetchInterval: 5_000 });
  const retry = async (errorKind: string) => {
    await api.send('POST', '/v1/jobs/retry', { body: { errorKind } });
    await queries.invalidateQueries({ queryKey: keys.board });
  };
  if (board.isPending) return <p role="status">{t('loading')}</p>;
  if (board.error) return <p role="alert">{t('failed', { message: board.error.message })}</p>;
  const lanes = [...board.data.stages, null];
  return (
    <section className="board">
      <h1>{t('board')}</h1>
      <p className="help">{t('boardWindow')}</p>
      <section aria-labelledby="failures-title">
        <h2 id="failures-title">{t('failuresByKind')}</h2>
        {board.data.failures.length === 0 ? <p>{t('noFailures')}</p> : (
          <ul className="failures">
            {board.data.failures.map((f) => (
              <li key={f.errorKind} className="failure-group">
                <strong>{f.errorKind}</strong> ({f.count}) <span className="help">{f.example ?? ''}</span>{' '}
                {canRetry ? <button type="button" onClick={() => void retry(f.errorKind)}>{t('retryAll', { count: f.count })} <span className="sr-only">{f.errorKind}</span></button> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {lanes.map((lane) => {
        const sessions = board.data.sessions.filter((s) => s.stageId === lane);
        if (sessions.length === 0) return null;
        return (
          <section key={lane ?? '__none'} className="lane" aria-label={lane ?? t('noStage')}>
            <h2>{lane ?? t('noStage')}</h2>
            {sessions.map((s) => (
              <article key={s.id} className={`board-session status-${s.status}`}>
                <h3><Link to={`/sessions/${encodeURIComponent(s.id)}`}>{s.title}</Link></h3>
                <p>{formatShortStart(s.startsAt, s.timezone, locale)} · {t(statusKey(s.status))}</p>
                <ul className="badges">
                  {s.jobs.map((j) => <li key={j.id} className={`badge state-${j.state}`} data-job-id={j.id}>{j.kind} {j.platform ?? ''} {j.state}</li>)}
                </ul>
              </article>
            ))}
          </section>
        );
      })}
    </section>
  );
}
