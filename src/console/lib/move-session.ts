import type { ApiClient } from '../api/create-api-client';
import { ApiError } from '../api/api-error';
import type { Session, Suggestion } from '../api/types';

export interface MoveRequest {
  session: Session;
  startsAt: string;
  endsAt: string;
  /** undefined: keep the stage; null: no stage. */
  stageId?: string | null;
}

export type MoveOutcome =
  | { kind: 'moved'; session: Session }
  | { kind: 'conflict'; request: MoveRequest; conflicts: { sessionId: string; startsAt: string; endsAt: string }[]; suggestions: Suggestion[] }
  | { kind: 'stale' }
  | { kind: 'error'; message: string };

/**
 * Moves a session with `PATCH /v1/sessions/:id` and `If-Match: <version>` (api.md "Update"): a
 * stage conflict comes back with the conflicting sessions and the free windows, a stale version as
 * `stale`.
 */
export async function moveSession(api: ApiClient, request: MoveRequest): Promise<MoveOutcome> {
  // The API's zod schemas are a large chunk the calendar needs only once something moves.
  const { updateSessionSchema } = await import('../../api/schemas/session-schema');
  const body = updateSessionSchema.parse({
    startsAt: request.startsAt,
    endsAt: request.endsAt,
    ...(request.stageId === undefined ? {} : { stageId: request.stageId }),
  });
  try {
    const answer = await api.send<Session>('PATCH', `/v1/sessions/${encodeURIComponent(request.session.id)}`, {
      body,
      headers: { 'if-match': `"${request.session.version}"` },
    });
    return { kind: 'moved', session: answer.body };
  } catch (err) {
    if (!(err instanceof ApiError)) return { kind: 'error', message: String(err) };
    if (err.code === 'stage_conflict') {
      const conflicts = (err.body.conflicts ?? []) as { sessionId: string; startsAt: string; endsAt: string }[];
      const suggestions = (err.body.suggestions ?? []) as Suggestion[];
      return { kind: 'conflict', request, conflicts, suggestions };
    }
    if (err.code === 'version_mismatch') return { kind: 'stale' };
    return { kind: 'error', message: err.message };
  }
}
