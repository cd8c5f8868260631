import type { Session, Stage } from '../../api/types';
import { toWallDate } from '../../lib/wall-time';

/** The lane of sessions without a stage. */
export const NO_STAGE = '__none';

export interface CalendarEvent {
  id: string;
  title: string;
  start: Date;
  end: Date;
  resourceId: string;
  session: Session;
}

export interface Lane {
  id: string;
  title: string;
}

/** One lane per stage of the campaign, plus one for sessions without a stage (or with an unknown one). */
export function toLanes(stages: readonly Stage[], noStageTitle: string): Lane[] {
  return [...stages.map((s) => ({ id: s.id, title: s.name })), { id: NO_STAGE, title: noStageTitle }];
}

export function toEvents(sessions: readonly Session[], zone: string, stages: readonly Stage[]): CalendarEvent[] {
  const known = new Set(stages.map((s) => s.id));
  return sessions.map((s) => ({
    id: s.id,
    title: s.title,
    start: toWallDate(s.startsAt, zone),
    end: toWallDate(s.endsAt, zone),
    resourceId: s.stageId && known.has(s.stageId) ? s.stageId : NO_STAGE,
    session: s,
  }));
}

/** Whether a session needs attention: a job failed for good. */
export function hasWarning(session: Session): boolean {
  return session.jobs.some((j) => j.state === 'failed');
}
