import type { Role } from '../../../config/schema';
import type { Deps } from '../../deps';
import { validationError } from '../../domain/errors';
import type { Session } from '../../domain/session';
import { parseInstant } from '../../planning/time';
import { listSessionsQuery } from '../schemas/session-schema';
import { parseOrThrow } from '../validate';
import { presentSession } from '../present';
import type { HandlerResult } from '../handler-result';

interface Cursor {
  s: number;
  i: string;
}

const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

function decodeCursor(value: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof c.s === 'number' && typeof c.i === 'string') return { s: c.s, i: c.i };
  } catch {
    // fall through
  }
  throw validationError([{ path: 'cursor', message: 'not a cursor this API returned (use nextCursor as given)' }]);
}

/**
 * `GET /v1/sessions`: ordered by start, filtered, one page at a time with an opaque cursor; stream
 * keys masked unless `role` may read them.
 */
export async function listSessions(deps: Deps, query: unknown, role: Role | undefined): Promise<HandlerResult> {
  const q = parseOrThrow(listSessionsQuery, query);
  const limit = q.limit ?? 50;
  const instant = (value: string | undefined, path: string): number | undefined => {
    if (value === undefined) return undefined;
    const parsed = parseInstant(value, deps.config.timezone);
    if (!parsed.ok) throw validationError([{ path, message: parsed.message }]);
    return parsed.ms;
  };
  const fromMs = instant(q.from, 'from') ?? -Infinity;
  const toMs = instant(q.to, 'to') ?? Infinity;
  let cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const items: Session[] = [];
  let exhausted = false;
  while (items.length < limit && !exhausted) {
    const page = await deps.sessions.listIds({
      fromMs: cursor ? cursor.s : fromMs,
      toMs,
      limit: Math.max(limit * 2, 50),
      ...(q.campaignId ? { campaignId: q.campaignId } : {}),
      ...(cursor ? { afterId: cursor.i } : {}),
    });
    if (page.length < Math.max(limit * 2, 50)) exhausted = true;
    const sessions = await deps.sessions.getMany(page.map((p) => p.id));
    for (let i = 0; i < page.length; i += 1) {
      const meta = page[i];
      if (!meta) continue;
      cursor = { s: meta.startMs, i: meta.id };
      const s = sessions[i];
      if (!s || (q.stageId && s.stageId !== q.stageId) || (q.status && s.status !== q.status)) continue;
      items.push(s);
      if (items.length >= limit) break;
    }
    if (page.length === 0) exhausted = true;
  }
  const more = items.length >= limit && cursor !== null;
  return { status: 200, body: { items: items.map((s) => presentSession(s, role)), nextCursor: more && cursor ? encodeCursor(cursor) : null } };
}
