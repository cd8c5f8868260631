import type { CreateSessionInput } from '../../../api/schemas/session-schema';
import type { ApiClient } from '../../api/create-api-client';
import { ApiError } from '../../api/api-error';
import type { ErrorDetail } from '../../api/api-error';
import type { Session, Suggestion } from '../../api/types';

export type SaveOutcome =
  | { kind: 'saved'; session: Session }
  | { kind: 'conflict'; conflicts: { sessionId: string; startsAt: string; endsAt: string }[]; suggestions: Suggestion[] }
  | { kind: 'invalid'; message: string; details: ErrorDetail[] };

/**
 * Creates (`POST /v1/sessions` with an Idempotency-Key, so a retried click makes one session) or
 * updates (`PATCH` with `If-Match`) a session.
 */
export async function saveSession(api: ApiClient, body: CreateSessionInput, existing: Session | null, idempotencyKey: string): Promise<SaveOutcome> {
  try {
    const answer = existing
      ? await api.send<Session>('PATCH', `/v1/sessions/${encodeURIComponent(existing.id)}`, { body, headers: { 'if-match': `"${existing.version}"` } })
      : await api.send<Session>('POST', '/v1/sessions', { body, headers: { 'idempotency-key': idempotencyKey } });
    return { kind: 'saved', session: answer.body };
  } catch (err) {
    if (!(err instanceof ApiError)) return { kind: 'invalid', message: String(err), details: [] };
    if (err.code === 'stage_conflict') {
      return {
        kind: 'conflict',
        conflicts: (err.body.conflicts ?? []) as { sessionId: string; startsAt: string; endsAt: string }[],
        suggestions: (err.body.suggestions ?? []) as Suggestion[],
      };
    }
    return { kind: 'invalid', message: err.message, details: err.details };
  }
}
