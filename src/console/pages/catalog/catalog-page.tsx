import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { catalogSchema } from '../../../api/schemas/campaign-schema';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import { keys, useCatalog } from '../../api/queries';
import type { Catalog } from '../../api/types';
import { useText } from '../../i18n/use-text';
import { useCan } from '../../lib/me-context';
import { formatVnd } from '../../../text/format';
import { CatalogImport } from './catalog-import';
import { CatalogRowEditor } from './catalog-row-editor';

/** Vendors and products of a campaign: table, add, edit, import from CSV; saved with PUT …/catalog. */
export function CatalogPage() {
  const campaignId = useParams().id ?? '';
  const catalog = useCatalog(campaignId);
  const api = useApi();
  const queries = useQueryClient();
  const canWrite = useCan('write');
  const { t } = useText();
  const [draft, setDraft] = useState<Catalog | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (catalog.data) setDraft(catalog.data);
  }, [catalog.data]);
  if (catalog.isPending || !draft) return <p role="status">{t('loading')}</p>;
  if (catalog.error) return <p role="alert">{t('failed', { message: catalog.error.message })}</p>;
  const save = async () => {
    const checked = catalogSchema.safeParse(draft);
    if (!checked.success) {
      setMessage({ ok: false, text: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    try {
      await api.send('PUT', `/v1/campaigns/${encodeURIComponent(campaignId)}/catalog`, { body: checked.data });
      setMessage({ ok: true, text: t('catalogSaved') });
      await queries.invalidateQueries({ queryKey: keys.catalog(campaignId) });
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? `${err.message} ${err.details.map((d) => `${d.path}: ${d.message}`).join('; ')}` : String(err) });
    }
  };
  const vendorName = (id: string) => draft.vendors.find((v) => v.id === id)?.name ?? id;
  return (
    <section>
      <h1>{t('catalog')}</h1>
      {message ? <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'notice' : 'error'}>{message.text}</p> : null}
      {canWrite ? <CatalogRowEditor catalog={draft} onChange={setDraft} /> : null}
      {canWrite ? <CatalogImport onLoaded={(c) => { setDraft(c); }} /> : null}
      {canWrite ? <button type="button" onClick={() => void save()}>{t('saveCatalog')}</button> : null}
      <h2>{t('vendors')} ({draft.vendors.length})</h2>
      <div className="table-wrap" tabIndex={0}>
        <table>
          <caption className="sr-only">{t('vendors')}</caption>
          <thead><tr><th scope="col">{t('id')}</th><th scope="col">{t('name')}</th><th scope="col">{t('stall')}</th><th scope="col">{t('market')}</th><th scope="col">{t('category')}</th></tr></thead>
          <tbody>{draft.vendors.map((v) => <tr key={v.id}><td>{v.id}</td><td>{v.name}</td><td>{v.stall ?? ''}</td><td>{v.market ?? ''}</td><td>{v.category ?? ''}</td></tr>)}</tbody>
        </table>
      </div>
      <h2>{t('products')} ({draft.products.length})</h2>
      <div className="table-wrap" tabIndex={0}>
        <table>
          <caption className="sr-only">{t('products')}</caption>
          <thead><tr><th scope="col">{t('id')}</th><th scope="col">{t('name')}</th><th scope="col">{t('vendor')}</th><th scope="col">{t('price')}</th></tr></thead>
          <tbody>{draft.products.map((p) => <tr key={p.id}><td>{p.id}</td><td>{p.name}</td><td>{vendorName(p.vendorId)}</td><td>{p.price === undefined ? '' : formatVnd(p.price)}{p.unit && p.unit !== 'VND' ? ` / ${p.unit}` : ''}</td></tr>)}</tbody>
        </table>
      </div>
    </section>
  );
}
