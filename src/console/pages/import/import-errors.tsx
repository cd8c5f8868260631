import { useText } from '../../i18n/use-text';
import type { RowError } from './row-errors';

/** The sheet's problems: row number, column and what to fix. */
export function ImportErrors({ rows }: { rows: readonly RowError[] }) {
  const { t } = useText();
  return (
    <section role="alert" aria-labelledby="row-errors-title">
      <h2 id="row-errors-title">{t('rowErrors')}</h2>
      <div className="table-wrap" tabIndex={0}>
        <table className="row-errors">
          <thead><tr><th scope="col">{t('row')}</th><th scope="col">{t('column')}</th><th scope="col">{t('whatToFix')}</th></tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.row ?? 'sheet'}-${r.column}-${i}`}><td>{r.row ?? '—'}</td><td>{r.column}</td><td>{r.message}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
