import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { keys } from '../../api/queries';
import type { CoverageRow } from '../../api/types';
import { useText } from '../../i18n/use-text';
import { useCan } from '../../lib/me-context';

interface Coverage {
  vendors: CoverageRow[];
  products: CoverageRow[];
}

const noAirtimeFirst = (rows: readonly CoverageRow[]): CoverageRow[] => [...rows].sort((a, b) => a.sessions - b.sessions || a.minutes - b.minutes || a.name.localeCompare(b.name));

/** How often each vendor and product is featured; the ones without airtime first, with a "plan a session" shortcut. */
export function CoveragePage() {
  const campaignId = useParams().id ?? '';
  const api = useApi();
  const canWrite = useCan('write');
  const { t } = useText();
  const coverage = useQuery({ queryKey: keys.coverage(campaignId), queryFn: () => api.get<Coverage>(`/v1/campaigns/${encodeURIComponent(campaignId)}/coverage`) });
  if (coverage.isPending) return <p role="status">{t('loading')}</p>;
  if (coverage.error) return <p role="alert">{t('failed', { message: coverage.error.message })}</p>;
  const table = (title: string, rows: CoverageRow[]) => (
    <section aria-label={title}>
      <h2>{title}</h2>
      <div className="table-wrap" tabIndex={0}>
        <table>
          <thead><tr><th scope="col">{t('name')}</th><th scope="col">{t('sessions')}</th><th scope="col">{t('minutes')}</th><th scope="col">{t('done')}</th>{canWrite ? <th scope="col"><span className="sr-only">{t('planSession')}</span></th> : null}</tr></thead>
          <tbody>
            {noAirtimeFirst(rows).map((r) => (
              <tr key={r.id} className={r.sessions === 0 ? 'no-airtime' : undefined}>
                <td>{r.name}{r.sessions === 0 ? <span className="badge"> {t('noAirtime')}</span> : null}</td>
                <td>{r.sessions}</td><td>{r.minutes}</td><td>{r.done}</td>
                {canWrite ? <td><Link to={`/sessions/new?campaignId=${encodeURIComponent(campaignId)}`}>{t('planSession')} <span className="sr-only">{r.name}</span></Link></td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
  return (
    <section>
      <h1>{t('coverage')}</h1>
      {table(t('vendors'), coverage.data.vendors)}
      {table(t('products'), coverage.data.products)}
    </section>
  );
}
