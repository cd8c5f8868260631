import { memo } from 'react';
import type { EventProps } from 'react-big-calendar';
import { useText } from '../../i18n/use-text';
import { statusKey } from '../../lib/status-text';
import type { CalendarEvent } from './calendar-events';
import { hasWarning } from './calendar-events';

const PLATFORM_MARK = { facebook: 'FB', tiktok: 'TT', youtube: 'YT' } as const;

/** A session on the calendar: its title, status in words (not only colour), platforms and a warning mark. */
export const SessionEvent = memo(function SessionEvent({ event }: EventProps<CalendarEvent>) {
  const { t } = useText();
  const s = event.session;
  const platforms = [...new Set(s.targets.map((x) => x.platform))];
  return (
    <span className="event" data-session-id={s.id}>
      <span className="event-title">{s.title}</span>{' '}
      <span className="event-meta">
        {hasWarning(s) ? <span className="warn" title={t('warningMark')} aria-label={t('warningMark')}>⚠</span> : null}
        <span className="event-status">{t(statusKey(s.status))}</span>{' '}
        {platforms.map((p) => (
          <abbr key={p} title={p} className={`plat plat-${p}`}>{PLATFORM_MARK[p]}</abbr>
        ))}
      </span>
    </span>
  );
});
