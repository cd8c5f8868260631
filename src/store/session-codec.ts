import type { JobRecord, SessionDefinition } from '../domain/session';
import { jobIdOf } from '../planning/action-key';

/**
 * A job record as the store keeps it in its session hash (field `j:<key>`): without `key` (the
 * field name holds it), `id` (session id + key) and null fields. A session's six records are
 * most of its Redis memory (redis_bytes_per_session); records written whole by older versions
 * read the same.
 */
export function encodeJob(record: JobRecord): string {
  const stored: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    if (name !== 'key' && name !== 'id' && value !== null) stored[name] = value;
  }
  return JSON.stringify(stored);
}

/** A stored record (JSON text, or already parsed by a script's answer) back to the whole record. */
export function decodeJob(sessionId: string, key: string, stored: string | Partial<JobRecord>): JobRecord {
  const r = typeof stored === 'string' ? (JSON.parse(stored) as Partial<JobRecord>) : stored;
  return {
    key,
    id: jobIdOf(sessionId, key),
    kind: r.kind as JobRecord['kind'],
    platform: r.platform ?? null,
    accountId: r.accountId ?? null,
    offset: r.offset ?? null,
    runAt: r.runAt ?? '',
    staleAt: r.staleAt ?? '',
    state: r.state as JobRecord['state'],
    attempts: r.attempts ?? 0,
    lastError: r.lastError ?? null,
    reason: r.reason ?? null,
    result: r.result ?? null,
    firedAt: r.firedAt ?? null,
    finishedAt: r.finishedAt ?? null,
    plannedVersion: r.plannedVersion ?? 0,
  };
}

const LISTS = ['products', 'vendorIds', 'productIds', 'imageUrls', 'announceOffsets', 'reminderOffsets', 'guardOffsets', 'notify'] as const;

/** A session definition as stored (`doc`): without null fields and empty lists, which read back as such. */
export function encodeDefinition(def: SessionDefinition): string {
  const stored: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(def)) {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    stored[name] = value;
  }
  return JSON.stringify(stored);
}

export function decodeDefinition(doc: string): SessionDefinition {
  const d = JSON.parse(doc) as Partial<SessionDefinition>;
  const def = { ...d, campaignId: d.campaignId ?? null, stageId: d.stageId ?? null } as SessionDefinition;
  for (const list of LISTS) (def as unknown as Record<string, unknown[]>)[list] = (d[list] as unknown[] | undefined) ?? [];
  return def;
}
