import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { keys } from '../../api/queries';
import type { AuditEntry, Page } from '../../api/types';
import { useText } from '../../i18n/use-text';
import { useCan } from '../../lib/me-context';

const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

/** The audit log (admin), newest first, filtered by who, action and target. */
export function AuditPage() {
  const api = useApi();
  const isAdmin = useCan('admin');
  const { t } = useText();
  const [who, setWho] = useState('');
  const [action, setAction] = useState('');
  const [target, setTarget] = useState('');
  const log = useInfiniteQuery({
    queryKey: keys.audit,
    enabled: isAdmin,
    initialPageParam: '',
    queryFn: ({ pageParam }) => api.get<Page<AuditEntry>>(`/v1/audit?limit=200${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (!isAdmin) return <p>{t('readOnly')}</p>;
  const entries = (log.data?.pages ?? []).flatMap((p) => p.items).filter((e) =>
    text(e.principal ?? e.actor).toLowerCase().includes(who.toLowerCase()) && text(e.action).includes(action) && text(e.target).includes(target));
  return (
    <section>
      <h1>{t('audit')}</h1>
      <form className="inline-form" role="search" onSubmit={(e) => { e.preventDefault(); }}>
        <label>{t('actor')}<input value={who} onChange={(e) => { setWho(e.target.value); }} /></label>
        <label>{t('action')}<input value={action} onChange={(e) => { setAction(e.target.value); }} /></label>
        <label>{t('target')}<input value={target} onChange={(e) => { setTarget(e.target.value); }} /></label>
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
      {log.hasNextPage ? <button type="button" onClick={() => void log.fetchNextPage()}>{t('loadMore')}</button> : null}
    </section>
  );
}
