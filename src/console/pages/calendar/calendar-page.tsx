import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Calendar } from 'react-big-calendar';
import type { Components, View } from 'react-big-calendar';
import withDragAndDrop from 'react-big-calendar/lib/addons/dragAndDrop';
import type { EventInteractionArgs } from 'react-big-calendar/lib/addons/dragAndDrop';
import 'react-big-calendar/lib/css/react-big-calendar.css';
import 'react-big-calendar/lib/addons/dragAndDrop/styles.css';
import './calendar.css';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { keys, useCampaign, useCampaignSessions } from '../../api/queries';
import type { Campaign } from '../../api/types';
import { useText } from '../../i18n/use-text';
import { useCan } from '../../lib/me-context';
import { moveSession } from '../../lib/move-session';
import type { MoveOutcome, MoveRequest } from '../../lib/move-session';
import { fromIsoDay, fromWallDate, toIsoDay, warmUpZone } from '../../lib/wall-time';
import { createSystemClock } from '../../../shared/clock';
import { formatShortStart, wallClock } from '../../../text/format';
import { NO_STAGE, toEvents, toLanes } from './calendar-events';
import type { CalendarEvent, Lane } from './calendar-events';
import { calendarLocalizer, cultureOf } from './calendar-localizer';
import { calendarMessages } from './calendar-messages';
import { ConflictPanel } from '../../components/conflict-panel';
import { PlainHeader } from './plain-header';
import { SessionEvent } from './session-event';

const DnDCalendar = withDragAndDrop<CalendarEvent, Lane>(Calendar);
const VIEWS: View[] = ['day', 'week', 'month'];
const clock = createSystemClock();
/** Stable props: new objects or functions on every render make every event and cell render again. */
const COMPONENTS: Components<CalendarEvent, Lane> = { event: SessionEvent, day: { header: PlainHeader }, week: { header: PlainHeader } };
const SCROLL_TO = new Date(1970, 0, 1, 8);
const STYLE = { minHeight: 640 };
const eventProps = (e: CalendarEvent) => ({ className: `status-${e.session.status}` });

/** The day to open: `?date=`, else today while the campaign runs, else its first day (in its zone). */
function openingDay(campaign: Campaign, asked: string | null): Date {
  const fromUrl = fromIsoDay(asked);
  if (fromUrl) return fromUrl;
  const now = wallClock(clock.nowIso(), campaign.timezone);
  const today = `${now.year}-${String(now.month).padStart(2, '0')}-${String(now.day).padStart(2, '0')}`;
  const day = today >= campaign.startsOn && today <= campaign.endsOn ? today : campaign.startsOn;
  return fromIsoDay(day) ?? new Date(now.year, now.month - 1, now.day);
}

const asView = (v: string | null): View => (v === 'day' || v === 'week' || v === 'month' ? v : 'week');

/** A campaign's sessions by day, week or month, one lane per stage; drag to move (organizers). */
export function CalendarPage() {
  const campaignId = useParams().id ?? '';
  const campaign = useCampaign(campaignId);
  const sessions = useCampaignSessions(campaignId);
  const { t } = useText();
  const zone = campaign.data?.timezone;
  useEffect(() => {
    // While the sessions are still on their way: the first zone conversion sets up the browser's
    // Intl time-zone data (~50 ms in the month's profile), off the path from their answer to the month.
    if (zone) warmUpZone(zone);
  }, [zone]);
  if (campaign.isPending || sessions.isPending) return <p role="status">{t('loading')}</p>;
  if (campaign.error) return <p role="alert">{t('failed', { message: campaign.error.message })}</p>;
  if (sessions.error) return <p role="alert">{t('failed', { message: sessions.error.message })}</p>;
  return <CampaignCalendar campaign={campaign.data} sessions={sessions.data} />;
}

function CampaignCalendar({ campaign, sessions }: { campaign: Campaign; sessions: NonNullable<ReturnType<typeof useCampaignSessions>['data']> }) {
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const { t, locale } = useText();
  const canWrite = useCan('write');
  const [search, setSearch] = useSearchParams();
  const [outcome, setOutcome] = useState<MoveOutcome | null>(null);
  const zone = campaign.timezone;
  const askedDate = search.get('date');
  const date = useMemo(() => openingDay(campaign, askedDate), [campaign, askedDate]);
  const view = asView(search.get('view'));
  const events = useMemo(() => toEvents(sessions, zone, campaign.stages), [sessions, zone, campaign.stages]);
  const lanes = useMemo(() => toLanes(campaign.stages, t('noStage')), [campaign.stages, t]);
  const messages = useMemo(() => calendarMessages(t), [t]);
  const draggable = useCallback((e: CalendarEvent) => canWrite && e.session.status === 'scheduled', [canWrite]);
  const open = useCallback((e: CalendarEvent) => { void navigate(`/sessions/${encodeURIComponent(e.id)}`); }, [navigate]);

  const show = (next: { date?: Date; view?: View }) => {
    const q = new URLSearchParams(search);
    q.set('date', toIsoDay(next.date ?? date));
    q.set('view', next.view ?? view);
    setSearch(q);
  };
  const run = useCallback(async (request: MoveRequest) => {
    const result = await moveSession(api, request);
    setOutcome(result);
    if (result.kind !== 'conflict') await queries.invalidateQueries({ queryKey: keys.sessions(campaign.id) });
  }, [api, queries, campaign.id]);
  const onDrop = ({ event, start, end, resourceId }: EventInteractionArgs<CalendarEvent>) => {
    const lane = resourceId === undefined ? undefined : String(resourceId);
    const stageId = lane === undefined || lane === event.resourceId ? undefined : lane === NO_STAGE ? null : lane;
    void run({ session: event.session, startsAt: fromWallDate(new Date(start), zone), endsAt: fromWallDate(new Date(end), zone), ...(stageId === undefined ? {} : { stageId }) });
  };

  return (
    <section className="calendar-page">
      <div className="page-head">
        <h1>{t('calendar')}: {campaign.name}</h1>
        {canWrite ? <Link className="button" to={`/sessions/new?campaignId=${encodeURIComponent(campaign.id)}`}>{t('newSession')}</Link> : null}
      </div>
      <MoveMessage outcome={outcome} zone={zone} locale={locale} onPick={(startsAt, endsAt) => {
        if (outcome?.kind === 'conflict') void run({ ...outcome.request, startsAt, endsAt });
      }} onDismiss={() => { setOutcome(null); }} />
      <DnDCalendar
        localizer={calendarLocalizer}
        culture={cultureOf(locale)}
        events={events}
        date={date}
        view={view}
        views={VIEWS}
        onNavigate={(d) => { show({ date: d }); }}
        onView={(v) => { show({ view: v }); }}
        resources={view === 'month' ? undefined : lanes}
        resourceIdAccessor="id"
        resourceTitleAccessor="title"
        resourceAccessor="resourceId"
        components={COMPONENTS}
        eventPropGetter={eventProps}
        onSelectEvent={open}
        draggableAccessor={draggable}
        resizable={false}
        onEventDrop={canWrite ? onDrop : undefined}
        messages={messages}
        step={15}
        timeslots={4}
        scrollToTime={SCROLL_TO}
        popup
        style={STYLE}
      />
    </section>
  );
}

interface MoveMessageProps {
  outcome: MoveOutcome | null;
  zone: string;
  locale: 'vi' | 'en';
  onPick: (startsAt: string, endsAt: string) => void;
  onDismiss: () => void;
}

function MoveMessage({ outcome, zone, locale, onPick, onDismiss }: MoveMessageProps) {
  const { t } = useText();
  if (!outcome) return null;
  switch (outcome.kind) {
    case 'conflict':
      return <ConflictPanel conflicts={outcome.conflicts} suggestions={outcome.suggestions} zone={zone} onPick={onPick} onDismiss={onDismiss} />;
    case 'stale':
      return <p role="alert" className="notice">{t('staleVersion')}</p>;
    case 'moved':
      return <p role="status" className="notice">{t('moved', { title: outcome.session.title, time: formatShortStart(outcome.session.startsAt, zone, locale) })}</p>;
    case 'error':
      return <p role="alert" className="error">{t('failed', { message: outcome.message })}</p>;
  }
}
