import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { keys, useCampaign, useCatalog, useSession, useTargets } from '../../api/queries';
import type { Account, Campaign, Catalog, Session } from '../../api/types';
import { ConflictPanel } from '../../components/conflict-panel';
import { useText } from '../../i18n/use-text';
import { useCan, useMe } from '../../lib/me-context';
import { toLocalInput } from '../../lib/wall-time';
import { draftOf, emptyDraft, toSessionBody } from './session-draft';
import type { SessionDraft } from './session-draft';
import { SessionForm } from './session-form';
import { SessionPreview } from './session-preview';
import { saveSession } from './save-session';
import type { SaveOutcome } from './save-session';
import { useSessionPreview } from './use-session-preview';

/** `/sessions/new?campaignId=` (or `&from=<id>` to duplicate) and `/sessions/:id/edit`. */
export function SessionEditorPage() {
  const { t } = useText();
  const sessionId = useParams().id;
  const [search] = useSearchParams();
  const sourceId = sessionId ?? search.get('from');
  const source = useSession(sourceId ?? '');
  const campaignId = search.get('campaignId') ?? source.data?.campaignId ?? '';
  if (!useCan('write')) return <p>{t('readOnly')}</p>;
  if (sourceId && source.isPending) return <p role="status">{t('loading')}</p>;
  if (sourceId && source.error) return <p role="alert">{t('failed', { message: source.error.message })}</p>;
  if (!campaignId) return <p role="alert">{t('noCampaign')}</p>;
  return <EditorLoader campaignId={campaignId} source={source.data ?? null} editing={sessionId !== undefined} />;
}

function EditorLoader({ campaignId, source, editing }: { campaignId: string; source: Session | null; editing: boolean }) {
  const { t } = useText();
  const me = useMe();
  const campaign = useCampaign(campaignId);
  const catalog = useCatalog(campaignId);
  const accounts = useTargets(me);
  if (campaign.isPending || accounts.isPending) return <p role="status">{t('loading')}</p>;
  if (campaign.error) return <p role="alert">{t('failed', { message: campaign.error.message })}</p>;
  if (accounts.error) return <p role="alert">{t('failed', { message: accounts.error.message })}</p>;
  return <Editor campaign={campaign.data} catalog={catalog.data} accounts={accounts.data} source={source} editing={editing} />;
}

interface EditorProps {
  campaign: Campaign;
  catalog: Catalog | undefined;
  accounts: Account[];
  source: Session | null;
  editing: boolean;
}

function Editor({ campaign, catalog, accounts, source, editing }: EditorProps) {
  const { t } = useText();
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<SessionDraft>(() => (source ? draftOf(source) : emptyDraft(campaign)));
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const checked = useMemo(() => toSessionBody(draft, campaign, accounts), [draft, campaign, accounts]);
  const preview = useSessionPreview(checked.ok ? checked.body : null);
  const errors = outcome?.kind === 'invalid' ? outcome.details : [];

  const save = async (next: SessionDraft) => {
    const body = toSessionBody(next, campaign, accounts);
    if (!body.ok) {
      setOutcome({ kind: 'invalid', message: t('fixFields'), details: body.details });
      return;
    }
    setBusy(true);
    const result = await saveSession(api, body.body, editing ? source : null, idempotencyKey);
    setBusy(false);
    setOutcome(result);
    if (result.kind !== 'saved') return;
    setIdempotencyKey(crypto.randomUUID());
    queries.setQueryData(keys.session(result.session.id), result.session);
    await queries.invalidateQueries({ queryKey: keys.sessions(campaign.id) });
    void navigate(`/sessions/${encodeURIComponent(result.session.id)}?saved=1`);
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void save(draft);
  };
  return (
    <section className="editor">
      <h1>{editing ? `${t('edit')}: ${source?.title ?? ''}` : t('newSession')}</h1>
      <div className="editor-grid">
        <form onSubmit={submit} noValidate>
          <SessionForm draft={draft} campaign={campaign} catalog={catalog} accounts={accounts} errors={errors} onChange={(d) => { setDraft(d); }} />
          {outcome?.kind === 'invalid' ? (
            <div role="alert" className="error">
              <p>{outcome.message}</p>
              {outcome.details.length > 0 ? <ul>{outcome.details.map((d) => <li key={`${d.path}-${d.message}`}><code>{d.path}</code>: {d.message}</li>)}</ul> : null}
            </div>
          ) : null}
          {outcome?.kind === 'conflict' ? (
            <ConflictPanel conflicts={outcome.conflicts} suggestions={outcome.suggestions} zone={campaign.timezone}
              onPick={(startsAt) => {
                const next = { ...draft, startsAtLocal: toLocalInput(startsAt, campaign.timezone) };
                setDraft(next);
                void save(next);
              }}
              onDismiss={() => { setOutcome(null); }} />
          ) : null}
          <button type="submit" disabled={busy}>{busy ? t('saving') : t('save')}</button>
        </form>
        <SessionPreview state={preview} catalog={catalog} />
      </div>
    </section>
  );
}
