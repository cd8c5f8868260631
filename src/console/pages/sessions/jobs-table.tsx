import type { Job } from '../../api/types';
import { useText } from '../../i18n/use-text';
import { formatShortStart } from '../../../text/format';

/** A session's jobs: kind, platform, when, state (in words), attempts, last error. */
export function JobsTable({ jobs, zone }: { jobs: readonly Job[]; zone: string }) {
  const { t, locale } = useText();
  return (
    <div className="table-wrap" tabIndex={0}>
      <table>
        <caption className="sr-only">{t('jobs')}</caption>
        <thead>
          <tr><th scope="col">{t('kind')}</th><th scope="col">{t('platform')}</th><th scope="col">{t('runAt')}</th><th scope="col">{t('state')}</th><th scope="col">{t('attempts')}</th><th scope="col">{t('lastError')}</th></tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id} data-job-id={j.id}>
              <td>{j.kind}</td>
              <td>{j.platform ?? '—'}</td>
              <td>{formatShortStart(j.runAt, zone, locale)}</td>
              <td><span className={`badge state-${j.state}`}>{j.state}</span></td>
              <td>{j.attempts}</td>
              <td>{j.lastError ?? j.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
