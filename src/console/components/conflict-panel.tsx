import { useSession } from '../api/queries';
import type { Suggestion } from '../api/types';
import { useText } from '../i18n/use-text';
import { formatShortStart } from '../../text/format';

interface Props {
  conflicts: readonly { sessionId: string; startsAt: string }[];
  suggestions: readonly Suggestion[];
  zone: string;
  onPick: (startsAt: string, endsAt: string) => void;
  onDismiss: () => void;
}

/** "stage conflict": who holds the stage then, and one button per suggested free window. */
export function ConflictPanel({ conflicts, suggestions, zone, onPick, onDismiss }: Props) {
  const { t, locale } = useText();
  const first = conflicts[0];
  const holder = useSession(first?.sessionId ?? '').data;
  return (
    <section className="conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t('stageConflict')}</h2>
      {first ? (
        <p>
          {t('stageConflictWith', { title: holder?.title ?? first.sessionId, time: formatShortStart(first.startsAt, zone, locale) })}
        </p>
      ) : null}
      <ul className="suggestions">
        {suggestions.map((s) => (
          <li key={s.startsAt}>
            <button type="button" onClick={() => { onPick(s.startsAt, s.endsAt); }}>
              {t('moveTo', { time: formatShortStart(s.startsAt, zone, locale) })}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={onDismiss}>{t('close')}</button>
    </section>
  );
}
