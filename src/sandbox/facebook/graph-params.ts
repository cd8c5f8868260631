import type { Request } from 'express';

/** Query and body parameters of one Graph call, merged (body wins), as received. */
export type GraphParams = Record<string, unknown>;

/** Merge query string and body (JSON or urlencoded); Graph accepts every parameter in either. */
export function readParams(req: Request): GraphParams {
  const query = isRecord(req.query) ? req.query : {};
  const body: unknown = req.body;
  return { ...query, ...(isRecord(body) ? body : {}) };
}

/** The token from `access_token` (query, form or JSON body) or an `Authorization: Bearer|OAuth` header. */
export function readAccessToken(req: Request, params: GraphParams): string | undefined {
  const fromParams = readString(params, 'access_token');
  if (fromParams) return fromParams;
  const header = req.headers.authorization;
  const match = header ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

export function readString(params: GraphParams, key: string): string | undefined {
  const value = params[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Graph coerces `"true"`/`"false"` (and `1`/`0`) strings to booleans. */
export function readBoolean(params: GraphParams, key: string): boolean | undefined {
  const value = params[key];
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0) return false;
  return undefined;
}

/** A JSON-encoded parameter (form bodies carry objects as JSON strings); other values as they are. */
export function readJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

/**
 * A Graph time parameter as unix seconds: a number, a digit string, or an ISO-8601 / date string.
 * `null` when present but unreadable, `undefined` when absent.
 */
export function readUnixSeconds(value: unknown): number | null | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.floor(value) : null;
  if (typeof value !== 'string') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/** `limit` for listings: default 25, at most 100 (Graph's usual page size bounds). */
export function readLimit(params: GraphParams): number {
  const raw = Number(readString(params, 'limit') ?? '25');
  if (!Number.isFinite(raw) || raw <= 0) return 25;
  return Math.min(100, Math.floor(raw));
}

/**
 * Keep `id` plus the requested `fields` (comma list; `a{b}` sub-selections are read as `a`), or the
 * defaults when none were asked for. Unknown fields are ignored (loose, unlike real Graph).
 */
export function selectFields(full: Record<string, unknown>, fields: string | undefined, defaults: string[]): Record<string, unknown> {
  const wanted = fields
    ? fields
        .split(',')
        .map((f) => f.replace(/[{.(].*$/, '').trim())
        .filter((f) => f.length > 0)
    : defaults;
  const out: Record<string, unknown> = {};
  for (const key of wanted) if (full[key] !== undefined) out[key] = full[key];
  out.id = full.id;
  return out;
}

/** Graph's datetime format: `2026-11-26T07:05:00+0000`. */
export function formatGraphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
