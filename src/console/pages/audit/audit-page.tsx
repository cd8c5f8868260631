import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { useApi } from '../../api/api-context';
import { keys } from '../../api/queries';
import type { AuditEntry, Page } from '../../api/types';
import { useText } from '../../i18n/use-text';
import { useCan } from '../../lib/me-context';

const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

/** Families first (`session`: every `session.*`), then each action: what `GET /v1/audit?action=` takes. */
const ACTIONS = [
  'session', 'account', 'user', 'auth', 'token', 'job', 'campaign', 'catalog', 'connection', 'dashboard',
  'session.create', 'session.update', 'session.cancel', 'session.bulk-create', 'session.import',
  'job.retry', 'account.create', 'account.delete', 'account.connect', 'account.reconnect', 'connection.start',
  'campaign.create', 'catalog.replace', 'dashboard.action', 'user.create', 'user.update', 'user.invite', 'user.activate',
  'auth.sign-in', 'auth.sign-out', 'auth.sign-in-locked', 'token.create', 'token.revoke',
];

interface AuditFilter {
  principal: string;
  action: string;
  target: string;
}

/** The query string of one page of the log: the filters go to the API, which reads the log back for them. */
export function auditQuery(filter: AuditFilter, before: string): string {
  const q = new URLSearchParams({ limit: '200' });
  for (const name of ['principal', 'action', 'target'] as const) if (filter[name].trim() !== '') q.set(name, filter[name].trim());
  if (before) q.set('before', before);
  return q.toString();
}

/** The audit log (admin), newest first, filtered by the API by who, action and target. */
export function AuditPage() {
  const api = useApi();
  const isAdmin = useCan('admin');
  const { t } = useText();
  const [draft, setDraft] = useState<AuditFilter>({ principal: '', action: '', target: '' });
  const [filter, setFilter] = useState<AuditFilter>(draft);
  const log = useInfiniteQuery({
    queryKey: [...keys.audit, filter],
    enabled: isAdmin,
    initialPageParam: '',
    queryFn: ({ pageParam }) => api.get<Page<AuditEntry>>(`/v1/audit?${auditQuery(filter, pageParam)}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (!isAdmin) return <p>{t('readOnly')}</p>;
  const entries = (log.data?.pages ?? []).flatMap((p) => p.items);
  const apply = (e: SyntheticEvent) => {
    e.preventDefault();
    setFilter(draft);
  };
  return (
    <section>
      <h1>{t('audit')}</h1>
      <form className="inline-form" role="search" onSubmit={apply}>
        <label>{t('actor')}<input name="principal" value={draft.principal} onChange={(e) => { setDraft({ ...draft, principal: e.target.value }); }} /></label>
        <label>{t('action')}
          <select name="action" value={draft.action} onChange={(e) => { setDraft({ ...draft, action: e.target.value }); }}>
            <option value="">{t('anyAction')}</option>
            {ACTIONS.map((a) => <option key={a} value={a}>{a.includes('.') ? a : `${a}.*`}</option>)}
          </select>
        </label>
        <label>{t('target')}<input name="target" value={draft.target} onChange={(e) => { setDraft({ ...draft, target: e.target.value }); }} /></label>
        <button type="submit">{t('filter')}</button>
      </form>
      {log.error ? <p role="alert">{t('failed', { message: log.error.message })}</p> : null}
      <div className="table-wrap" tabIndex={0}>
        <table>
          <caption className="sr-only">{t('audit')}</caption>
          <thead><tr><th scope="col">{t('when')}</th><th scope="col">{t('actor')}</th><th scope="col">{t('action')}</th><th scope="col">{t('target')}</th></tr></thead>
          <tbody>
            {entries.map((e) => <tr key={e.id}><td>{text(e.at)}</td><td>{text(e.principal ?? e.actor)}</td><td>{text(e.action)}</td><td>{text(e.target)}</td></tr>)}
          </tbody>
        </table>
      </div>
      {log.isSuccess && entries.length === 0 ? <p>{t('none')}</p> : null}
      {log.hasNextPage ? <button type="button" onClick={() => void log.fetchNextPage()}>{t('loadMore')}</button> : null}
    </section>
  );
}
