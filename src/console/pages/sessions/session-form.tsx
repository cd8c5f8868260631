import type { ErrorDetail } from '../../api/api-error';
import type { Account, Campaign, Catalog } from '../../api/types';
import { useText } from '../../i18n/use-text';
import { formatVnd } from '../../../text/format';
import type { SessionDraft } from './session-draft';

interface Props {
  draft: SessionDraft;
  campaign: Campaign;
  catalog: Catalog | undefined;
  accounts: readonly Account[];
  errors: readonly ErrorDetail[];
  onChange: (draft: SessionDraft) => void;
}

const toggle = (list: readonly string[], id: string, on: boolean): string[] => (on ? [...list, id] : list.filter((x) => x !== id));

/** Every create field with a label and help; products and vendors from the catalog, targets from the accounts. */
export function SessionForm({ draft, campaign, catalog, accounts, errors, onChange }: Props) {
  const { t } = useText();
  const set = <K extends keyof SessionDraft>(key: K, value: SessionDraft[K]) => { onChange({ ...draft, [key]: value }); };
  const errorOf = (path: string) => errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`)).map((e) => e.message).join('; ');
  const field = (path: string) => {
    const message = errorOf(path);
    return message ? { 'aria-invalid': true, 'aria-describedby': `err-${path}` } : {};
  };
  const note = (path: string) => {
    const message = errorOf(path);
    return message ? <span id={`err-${path}`} className="field-error">{message}</span> : null;
  };
  return (
    <div className="stack">
      <label>{t('title')}<input value={draft.title} onChange={(e) => { set('title', e.target.value); }} required maxLength={200} {...field('title')} />{note('title')}</label>
      <label>{t('description')}<textarea value={draft.description} onChange={(e) => { set('description', e.target.value); }} rows={3} /></label>
      <label>{t('startsAt')}
        <input type="datetime-local" value={draft.startsAtLocal} onChange={(e) => { set('startsAtLocal', e.target.value); }} aria-describedby="starts-help" required {...field('startsAt')} />
        <span id="starts-help" className="help">{t('startsAtHelp', { zone: campaign.timezone })}</span>{note('startsAt')}
      </label>
      <label>{t('duration')}<input type="number" min={1} max={1440} value={draft.durationMinutes} onChange={(e) => { set('durationMinutes', e.target.value); }} required {...field('durationMinutes')} />{note('durationMinutes')}</label>
      <label>{t('stage')}
        <select value={draft.stageId} onChange={(e) => { set('stageId', e.target.value); }} {...field('stageId')}>
          <option value="">{t('noStage')}</option>
          {campaign.stages.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>{note('stageId')}
      </label>
      <label>{t('hostName')}<input value={draft.hostName} onChange={(e) => { set('hostName', e.target.value); }} maxLength={120} /></label>
      <fieldset>
        <legend>{t('targets')}</legend>
        <p className="help">{t('targetsHelp')}</p>
        {accounts.map((a) => (
          <label key={a.id} className="check"><input type="checkbox" checked={draft.accountIds.includes(a.id)} onChange={(e) => { set('accountIds', toggle(draft.accountIds, a.id, e.target.checked)); }} />{a.name} ({a.platform})</label>
        ))}
        {note('targets')}
      </fieldset>
      <fieldset className="scroll-list">
        <legend>{t('vendors')}</legend>
        {(catalog?.vendors ?? []).map((v) => (
          <label key={v.id} className="check"><input type="checkbox" checked={draft.vendorIds.includes(v.id)} onChange={(e) => { set('vendorIds', toggle(draft.vendorIds, v.id, e.target.checked)); }} />{v.name}{v.stall ? ` · ${v.stall}` : ''}</label>
        ))}
      </fieldset>
      <fieldset className="scroll-list">
        <legend>{t('products')}</legend>
        {(catalog?.products ?? []).filter((p) => draft.vendorIds.length === 0 || draft.vendorIds.includes(p.vendorId)).map((p) => (
          <label key={p.id} className="check"><input type="checkbox" checked={draft.productIds.includes(p.id)} onChange={(e) => { set('productIds', toggle(draft.productIds, p.id, e.target.checked)); }} />{p.name}{p.price === undefined ? '' : ` · ${formatVnd(p.price)}`}</label>
        ))}
      </fieldset>
      <label>{t('postLanguage')}
        <select value={draft.locale} onChange={(e) => { set('locale', e.target.value === 'en' ? 'en' : 'vi'); }}>
          <option value="vi">Tiếng Việt</option>
          <option value="en">English</option>
        </select>
      </label>
      <label>{t('announceOffsets')}<input value={draft.announceOffsets} onChange={(e) => { set('announceOffsets', e.target.value); }} aria-describedby="offsets-help" {...field('announceOffsets')} />
        <span id="offsets-help" className="help">{t('announceOffsetsHelp')}</span>{note('announceOffsets')}
      </label>
    </div>
  );
}
