import { z } from 'zod';
import type { Deps } from '../../deps';
import { parseOrThrow } from '../validate';
import type { HandlerResult } from '../handler-result';

/** `GET /v1/audit` query: newest first, `before` pages back (an entry id of the previous page). */
export const listAuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  before: z.string().regex(/^\d{1,20}-\d{1,20}$/, 'an entry id from an earlier page, e.g. 1717236000000-0').optional(),
});

/** `GET /v1/audit` (admin): who created, updated, cancelled, retried; accounts created and deleted. */
export async function listAudit(deps: Deps, query: unknown): Promise<HandlerResult> {
  const q = parseOrThrow(listAuditQuery, query);
  const limit = q.limit ?? 100;
  const items = await deps.audit.list({ limit, ...(q.before ? { before: q.before } : {}) });
  const last = items[items.length - 1];
  return { status: 200, body: { items, nextCursor: items.length === limit && last ? last.id : null } };
}
