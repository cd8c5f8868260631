import type { Role } from '../../../config/schema';
import type { Deps } from '../../deps';
import { DomainError, notFound } from '../../domain/errors';
import type { Session } from '../../domain/session';
import { cancelSession } from '../../sessions/cancel-session';
import { createSession } from '../../sessions/create-session';
import type { CreatedSession } from '../../sessions/create-session';
import { previewSession } from '../../sessions/preview-session';
import { updateSession } from '../../sessions/update-session';
import type { HandlerResult } from '../handler-result';
import type { SealAnswer } from '../idempotency';
import { presentSession } from '../present';
import { cancelSessionSchema, updateSessionSchema } from '../schemas/session-schema';
import { parseOrThrow } from '../validate';

/**
 * Who calls the write routes: they need the write permission (organizer, admin), so their answers
 * carry stream keys whole; read routes pass the caller's own role.
 */
const WRITER: Role = 'organizer';

const withEtag = (session: Session, status: number, role: Role | undefined): HandlerResult => ({
  status,
  body: presentSession(session, role),
  headers: { ETag: `"${session.version}"` },
});

/** `201` with the session and, additive to api.md's create response, the preview's warnings. */
const presentCreated = ({ session, warnings }: CreatedSession): HandlerResult => ({
  status: 201,
  // Presented once (it was twice: withEtag's body was thrown away for this one).
  body: { ...presentSession(session, WRITER), warnings },
  headers: { ETag: `"${session.version}"` },
});

/** `POST /v1/sessions`. */
export async function postSession(deps: Deps, body: unknown, principal?: string, seal?: SealAnswer): Promise<HandlerResult> {
  const created = await createSession(deps, { body, principal, seal: seal && ((c: CreatedSession) => seal(presentCreated(c))) });
  return presentCreated(created);
}

/** `GET /v1/sessions/:id`: stream keys masked unless `role` may read them (an unknown role: masked). */
export async function getSession(deps: Deps, id: string, role: Role | undefined): Promise<HandlerResult> {
  const session = await deps.sessions.get(id);
  if (!session) throw notFound('session', id);
  return withEtag(session, 200, role);
}

/** `If-Match: 3` or `"3"` or `W/"3"` → 3. */
export function parseIfMatch(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(value);
  if (!m) throw new DomainError('validation_failed', 'If-Match must be the session version, e.g. 3 or "3"', [{ path: 'If-Match', message: 'expected a version number' }]);
  return Number(m[1]);
}

/** `PATCH /v1/sessions/:id`. */
export async function patchSession(deps: Deps, id: string, body: unknown, ifMatch: string | undefined, principal?: string): Promise<HandlerResult> {
  const patch = parseOrThrow(updateSessionSchema, body);
  const expectedVersion = parseIfMatch(ifMatch);
  return withEtag(await updateSession(deps, { id, patch, expectedVersion, principal }), 200, WRITER);
}

/** `POST /v1/sessions/:id/cancel`. */
export async function postCancel(deps: Deps, id: string, body: unknown, principal?: string): Promise<HandlerResult> {
  const { notice } = parseOrThrow(cancelSessionSchema, body ?? {});
  return withEtag(await cancelSession(deps, { id, notice: notice ?? false, principal }), 200, WRITER);
}

/** `POST /v1/sessions/preview` (viewers may preview: hook URLs are shown to `role` as to a reader). */
export async function postPreview(deps: Deps, body: unknown, role: Role | undefined): Promise<HandlerResult> {
  const preview = await previewSession(deps, body);
  return { status: 200, body: { ...preview, session: presentSession(preview.session, role) } };
}
