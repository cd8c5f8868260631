import type { Clock } from '../shared/clock';
import type { Keys } from './keys';
import type { RedisClient } from './redis';

/** What was changed: sessions (create, update, cancel, bulk, import), job retries, accounts, campaigns and catalogs, dashboard actions, people, sign-ins, personal tokens. */
export type AuditAction =
  | 'session.create'
  | 'session.update'
  | 'session.cancel'
  | 'session.bulk-create'
  | 'job.retry'
  | 'account.create'
  | 'account.delete'
  | 'account.connect'
  | 'account.reconnect'
  | 'connection.start'
  | 'campaign.create'
  | 'catalog.replace'
  | 'session.import'
  | 'dashboard.action'
  | 'user.create'
  | 'user.update'
  | 'user.invite'
  | 'user.activate'
  | 'auth.sign-in'
  | 'auth.sign-out'
  | 'auth.sign-in-locked'
  | 'token.create'
  | 'token.revoke';

/** One audit entry: who (`principal`: `user:<email>`, `token:<name>`, or `token:<role>` for a machine token) did what to which thing. */
export interface AuditEntry {
  /** Stream id, increasing: use it as the `before` cursor to page back. */
  id: string;
  at: string;
  principal: string;
  action: AuditAction;
  /** Session id, job id, account id or campaign id (bulk: the first created session; import, catalog: the campaign). */
  target: string;
  /** Small facts: a version, created ids, a count. Never credentials. */
  details: Record<string, unknown>;
}

/** What `GET /v1/audit` may filter on (every given one must match). */
export interface AuditFilter {
  /** Part of the principal, any case (`user:lan@` , `token:`). */
  principal?: string;
  /** One action (`session.cancel`) or a family (`session`: every `session.*`). */
  action?: string;
  /** Part of the target id, any case. */
  target?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Where to go on (`before`) when older entries may match; null once the log is read to its start. */
  nextCursor: string | null;
}

export interface AuditStore {
  record(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void>;
  /** Newest first; `before` is an entry id (exclusive). */
  list(options: { limit: number; before?: string }): Promise<AuditEntry[]>;
  /**
   * Newest first, only the entries matching `filter`: reads the stream back in batches from
   * `before` until `limit` entries matched or `maxScan` entries were read (so one request stays
   * bounded on a 100,000-entry log); `nextCursor` then says where the next page starts.
   */
  find(options: { limit: number; before?: string; filter: AuditFilter; maxScan?: number }): Promise<AuditPage>;
}

/** Entries one filtered request reads at most before answering with what it found and a cursor. */
export const AUDIT_MAX_SCAN = 10_000;
const SCAN_BATCH = 500;

/** Whether an entry matches every given part of a filter. */
export function matchesAudit(entry: AuditEntry, filter: AuditFilter): boolean {
  if (filter.principal && !entry.principal.toLowerCase().includes(filter.principal.toLowerCase())) return false;
  if (filter.action && entry.action !== filter.action && !entry.action.startsWith(`${filter.action}.`)) return false;
  if (filter.target && !entry.target.toLowerCase().includes(filter.target.toLowerCase())) return false;
  return true;
}

/** Entries kept (approximately: Redis trims whole stream nodes). */
export const AUDIT_MAX_ENTRIES = 100_000;

/** The audit log: a capped Redis stream under the store's base key (`{prefix}:audit`). */
export function createAuditStore(redis: RedisClient, keys: Keys, clock: Clock): AuditStore {
  return {
    async record(entry) {
      const at = clock.nowIso();
      const fields = ['at', at, 'principal', entry.principal, 'action', entry.action, 'target', entry.target, 'details', JSON.stringify(entry.details)];
      await redis.xadd(keys.audit, 'MAXLEN', '~', String(AUDIT_MAX_ENTRIES), '*', ...fields);
    },
    async list({ limit, before }) {
      const end = before ? `(${before}` : '+';
      const rows = await redis.xrevrange(keys.audit, end, '-', 'COUNT', limit);
      return rows.map(([id, flat]) => toEntry(id, flat));
    },
    async find({ limit, before, filter, maxScan = AUDIT_MAX_SCAN }) {
      const items: AuditEntry[] = [];
      let end = before ? `(${before}` : '+';
      let scanned = 0;
      let lastId: string | null = before ?? null;
      for (;;) {
        const want = Math.min(SCAN_BATCH, maxScan - scanned);
        if (want <= 0) return { items, nextCursor: lastId };
        const rows = await redis.xrevrange(keys.audit, end, '-', 'COUNT', want);
        for (const [id, flat] of rows) {
          scanned += 1;
          lastId = id;
          const entry = toEntry(id, flat);
          if (matchesAudit(entry, filter)) items.push(entry);
          if (items.length === limit) return { items, nextCursor: id };
        }
        if (rows.length < want) return { items, nextCursor: null };
        end = `(${lastId ?? ''}`;
      }
    },
  };
}

function toEntry(id: string, flat: string[]): AuditEntry {
  const m = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) m.set(flat[i] ?? '', flat[i + 1] ?? '');
  let details: Record<string, unknown> = {};
  try {
    details = JSON.parse(m.get('details') ?? '{}') as Record<string, unknown>;
  } catch {
    // a hand-edited entry: keep the rest
  }
  return { id, at: m.get('at') ?? '', principal: m.get('principal') ?? '', action: (m.get('action') ?? '') as AuditAction, target: m.get('target') ?? '', details };
}

/**
 * Records an entry without failing the request it belongs to: the change is already stored, and
 * answering 503 for it would make the client retry a change that happened. A lost entry is logged.
 */
export async function auditQuietly(
  deps: { audit: AuditStore; logger: { warn(message: string, meta?: Record<string, unknown>): unknown } },
  principal: string | undefined,
  entry: Omit<AuditEntry, 'id' | 'at' | 'principal'>,
): Promise<void> {
  try {
    await deps.audit.record({ ...entry, principal: principal ?? 'unknown' });
  } catch (err) {
    deps.logger.warn('audit entry not recorded', { component: 'audit', action: entry.action, target: entry.target, principal, error: err instanceof Error ? err.message : String(err) });
  }
}
