import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import { keys, useCampaign } from '../../api/queries';
import { useText } from '../../i18n/use-text';
import { useCan } from '../../lib/me-context';
import { ImportErrors } from './import-errors';
import { templateCsv, toRowErrors } from './row-errors';
import type { RowError } from './row-errors';

type Result = { kind: 'imported'; count: number } | { kind: 'errors'; rows: RowError[] } | null;

/** Upload the organizers' sheet: every row error before anything is saved, then "imported N sessions". */
export function ImportPage() {
  const campaignId = useParams().id ?? '';
  const campaign = useCampaign(campaignId);
  const api = useApi();
  const queries = useQueryClient();
  const canWrite = useCan('write');
  const { t } = useText();
  const [result, setResult] = useState<Result>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get('sheet');
    if (!(file instanceof File) || file.size === 0) {
      setResult({ kind: 'errors', rows: [{ row: null, column: '', message: t('chooseFile') }] });
      return;
    }
    setBusy(true);
    try {
      const answer = await api.send<{ created: string[] }>('POST', `/v1/campaigns/${encodeURIComponent(campaignId)}/import`, { raw: { text: await file.text(), contentType: 'text/csv; charset=utf-8' } });
      setResult({ kind: 'imported', count: answer.body.created.length });
      await queries.invalidateQueries({ queryKey: keys.sessions(campaignId) });
    } catch (err) {
      setResult({ kind: 'errors', rows: err instanceof ApiError ? toRowErrors(err) : [{ row: null, column: '', message: String(err) }] });
    } finally {
      setBusy(false);
    }
  };
  if (!canWrite) return <p>{t('readOnly')}</p>;
  const template = templateCsv(campaign.data?.stages[0]?.id ?? 'mega-stage', campaign.data?.startsOn ?? '2024-06-07');
  return (
    <section className="import">
      <h1>{t('import')}{campaign.data ? `: ${campaign.data.name}` : ''}</h1>
      <p id="import-help">{t('importHelp')}</p>
      <p><a href={`data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${template}`)}`} download="livecue-template.csv">{t('downloadTemplate')}</a></p>
      <form onSubmit={(e) => void submit(e)} className="stack">
        <label>{t('csvFile')}<input type="file" name="sheet" accept=".csv,text/csv" aria-describedby="import-help" /></label>
        <button type="submit" disabled={busy}>{t('import')}</button>
      </form>
      {result?.kind === 'imported' ? (
        <p role="status" className="notice">{t('imported', { count: result.count })} <Link to={`/campaigns/${encodeURIComponent(campaignId)}/calendar`}>{t('openCalendar')}</Link></p>
      ) : null}
      {result?.kind === 'errors' ? <ImportErrors rows={result.rows} /> : null}
    </section>
  );
}
