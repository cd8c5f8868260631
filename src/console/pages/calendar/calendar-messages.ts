import type { Messages } from 'react-big-calendar';
import type { Translate } from '../../i18n/use-text';

/** The calendar toolbar's words from the console's catalog. */
export function calendarMessages(t: Translate): Messages {
  return {
    day: t('day'),
    week: t('week'),
    month: t('month'),
    today: t('today'),
    previous: t('previous'),
    next: t('next'),
    noEventsInRange: t('none'),
    showMore: (count: number) => t('showMore', { count }),
  };
}
