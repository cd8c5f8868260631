import type { Catalog } from '../../api/types';
import { useText } from '../../i18n/use-text';
import { JobsTable } from './jobs-table';
import { postTexts } from './post-texts';
import type { PreviewState } from './use-session-preview';

/** The live preview beside the form: post text per platform, the planned jobs and the warnings. */
export function SessionPreview({ state, catalog }: { state: PreviewState; catalog: Catalog | undefined }) {
  const { t } = useText();
  if (state.kind === 'idle') return null;
  if (state.kind === 'invalid') {
    return (
      <section className="preview" aria-labelledby="preview-title">
        <h2 id="preview-title">{t('preview')}</h2>
        <p className="error">{state.message}</p>
      </section>
    );
  }
  const { session, warnings, conflicts } = state.preview;
  const locale = session.locale ?? 'vi';
  return (
    <section className="preview" aria-labelledby="preview-title" aria-live="polite">
      <h2 id="preview-title">{t('preview')}</h2>
      {conflicts.length > 0 ? <p className="error">{t('stageConflict')}</p> : null}
      <h3>{t('previewWarnings')}</h3>
      {warnings.length === 0 ? <p>{t('noWarnings')}</p> : (
        <ul className="warnings">{warnings.map((w, i) => <li key={`${w.code}-${i}`}><code>{w.code}</code> {w.message}</li>)}</ul>
      )}
      <h3>{t('previewPosts')}</h3>
      {postTexts(session, catalog, locale).map((p) => (
        <figure key={p.platform} className="post-text">
          <figcaption>{p.platform} · {p.kind}</figcaption>
          <pre>{p.text}</pre>
        </figure>
      ))}
      <h3>{t('previewJobs')}</h3>
      <JobsTable jobs={session.jobs} zone={session.timezone} />
    </section>
  );
}
