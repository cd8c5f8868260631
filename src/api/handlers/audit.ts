import { z } from 'zod';
import type { Deps } from '../../deps';
import { parseOrThrow } from '../validate';
import type { HandlerResult } from '../handler-result';

const filterText = z.string().trim().min(1).max(200);

/**
 * `GET /v1/audit` query: newest first, `before` pages back (an entry id of the previous page).
 * Filters, all optional, every given one must match: `principal` (part of it, any case),
 * `action` (one action, or a family such as `session` for every `session.*`), `target` (part of
 * the id, any case).
 */
export const listAuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  before: z.string().regex(/^\d{1,20}-\d{1,20}$/, 'an entry id from an earlier page, e.g. 1717236000000-0').optional(),
  principal: filterText.optional(),
  action: z.string().trim().regex(/^[a-z-]+(\.[a-z-]+)?$/, 'an action such as session.cancel, or a family such as session').optional(),
  target: filterText.optional(),
});

/** `GET /v1/audit` (admin): who created, updated, cancelled, retried; accounts created and deleted. */
export async function listAudit(deps: Deps, query: unknown): Promise<HandlerResult> {
  const q = parseOrThrow(listAuditQuery, query);
  const limit = q.limit ?? 100;
  if (q.principal !== undefined || q.action !== undefined || q.target !== undefined) {
    // Filtered: read back until `limit` matches or AUDIT_MAX_SCAN entries; the cursor goes on from there.
    const page = await deps.audit.find({
      limit,
      ...(q.before ? { before: q.before } : {}),
      filter: { ...(q.principal ? { principal: q.principal } : {}), ...(q.action ? { action: q.action } : {}), ...(q.target ? { target: q.target } : {}) },
    });
    return { status: 200, body: page };
  }
  const items = await deps.audit.list({ limit, ...(q.before ? { before: q.before } : {}) });
  const last = items[items.length - 1];
  return { status: 200, body: { items, nextCursor: items.length === limit && last ? last.id : null } };
}
