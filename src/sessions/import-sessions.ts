import type { Deps } from '../deps';
import { DomainError, notFound } from '../domain/errors';
import { parseInstant } from '../planning/time';
import { createId } from '../shared/ids';
import { mapInSlices } from '../shared/work-slices';
import { auditQuietly } from '../store/audit-store';
import { createMany } from './create-many';
import type { CreateManyDeps, ItemError, ManyOptions, ManyResult } from './create-many';
import { sheetToBodies } from './import-csv';
import type { SheetRow } from './import-csv';

/** An import's result: bulk's, each refused item with its sheet row. */
export interface ImportResult extends ManyResult {
  errors: (ItemError & { row?: number | undefined })[];
}

export interface ImportRequest {
  campaignId: string;
  /** The sheet (UTF-8 CSV text). */
  sheet: string;
  atomic: boolean;
  /** Who imports (the audit entry's principal). */
  principal?: string | undefined;
  seal?: ((result: ImportResult) => ReturnType<NonNullable<ManyOptions['seal']>>) | undefined;
}

/** A pending import's claim on a fingerprint lapses after this (a crashed import frees its rows). */
const PENDING_TTL_MS = 10 * 60_000;

/**
 * `POST /v1/campaigns/:id/import` (text/csv): the sheet's rows become sessions of the campaign with
 * the answers of bulk (atomic unless `atomic=false`), each error naming its sheet row (`row 5`).
 * A row already imported (same title and start in this campaign, its session not cancelled)
 * conflicts, with or without a stage, so importing a sheet twice never doubles the schedule.
 */
export async function importSessions(deps: CreateManyDeps & Pick<Deps, 'audit'>, request: ImportRequest): Promise<ImportResult> {
  const { campaignId: id, atomic, seal } = request;
  const campaign = await deps.campaigns.get(id);
  if (!campaign) throw notFound('campaign', id);
  const rows = await sheetToBodies(request.sheet, id);
  const store = deps.campaigns;
  const describe = (i: number): string => `row ${rows[i]?.row ?? i}`;

  // Reading each row's start in its zone is ~50 µs a row: in slices, like the parse.
  const fingerprints = await mapInSlices(rows, (r) => fingerprintOf(r.body, campaign.timezone));
  const extraErrors = [...cellProblems(rows), ...repeatedRows(rows, fingerprints)];
  const refusedAlready = new Set(extraErrors.map((e) => e.index));
  const pending = `pending:${deps.clock.now()}:${createId('imp')}`;
  const claims = fingerprints.flatMap((fingerprint, index) => (fingerprint && !refusedAlready.has(index) ? [{ index, fingerprint, value: pending }] : []));
  const taken = new Map((await store.claimFingerprints(id, claims, { all: atomic, nowMs: deps.clock.now(), pendingTtlMs: PENDING_TTL_MS })).map((t) => [t.fingerprint, t.holder]));
  extraErrors.push(...(await alreadyImported(deps, claims, taken, describe)));
  const claimed = atomic && taken.size > 0 ? [] : claims.filter((c) => !taken.has(c.fingerprint));

  let result: ManyResult;
  try {
    // The answer as the client gets it (errors with their sheet rows) is what an Idempotency-Key replays.
    result = await createMany(deps, rows.map((r) => r.body), atomic, { label: describe, describe, extraErrors, ...(seal ? { seal: (a: ManyResult) => seal(withRowNumbers(a, rows)) } : {}) });
  } catch (err) {
    await store.releaseFingerprints(id, claimed.map((c) => c.fingerprint));
    throw err instanceof DomainError ? withRows(err, rows) : err;
  }
  const answer = result;
  const failed = new Set(answer.errors.map((e) => e.index));
  const createdIndexes = rows.map((_, i) => i).filter((i) => !failed.has(i));
  const sessionOf = new Map(createdIndexes.map((index, n) => [index, answer.created[n] ?? '']));
  await store.setFingerprints(id, claimed.filter((c) => sessionOf.has(c.index)).map((c) => ({ fingerprint: c.fingerprint, value: sessionOf.get(c.index) ?? '' })));
  await store.releaseFingerprints(id, claimed.filter((c) => !sessionOf.has(c.index)).map((c) => c.fingerprint));
  if (answer.created.length > 0) {
    await auditQuietly(deps, request.principal, { action: 'session.import', target: id, details: { count: answer.created.length, refused: answer.errors.length, created: answer.created.slice(0, 100) } });
  }
  return withRowNumbers(result, rows);
}

/** A bulk result with each refused item's sheet row. */
function withRowNumbers(result: ManyResult, rows: SheetRow[]): ImportResult {
  return { ...result, errors: result.errors.map((e) => ({ ...e, row: rows[e.index]?.row })) };
}

/** `<title>|<start instant>`: what makes two rows the same session; null when the row cannot say. */
function fingerprintOf(body: Record<string, unknown>, campaignZone: string): string | null {
  if (typeof body.title !== 'string' || typeof body.startsAt !== 'string') return null;
  const zone = typeof body.timezone === 'string' ? body.timezone : campaignZone;
  const start = parseInstant(body.startsAt, zone);
  return start.ok ? `${body.title.trim().toLowerCase()}|${start.ms}` : null;
}

function cellProblems(rows: SheetRow[]): ItemError[] {
  return rows.flatMap((r, index) =>
    r.problems.length === 0 ? [] : [{ index, error: { code: 'validation_failed', message: `row ${r.row}: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, details: r.problems.map((p) => ({ path: `row ${r.row}.${p.path}`, message: p.message })) } }],
  );
}

/** A row repeating an earlier row of the same sheet (same title and start). */
function repeatedRows(rows: SheetRow[], fingerprints: (string | null)[]): ItemError[] {
  const first = new Map<string, number>();
  const out: ItemError[] = [];
  fingerprints.forEach((fp, index) => {
    if (fp === null) return;
    const earlier = first.get(fp);
    if (earlier === undefined) first.set(fp, index);
    else out.push({ index, error: { code: 'stage_conflict', message: `row ${rows[index]?.row ?? index} repeats row ${rows[earlier]?.row ?? earlier} (same title and start): remove one of them`, conflicts: [] } });
  });
  return out;
}

async function alreadyImported(deps: Pick<Deps, 'sessions'>, claims: { index: number; fingerprint: string }[], taken: Map<string, string>, describe: (i: number) => string): Promise<ItemError[]> {
  const hit = claims.filter((c) => taken.has(c.fingerprint));
  const holders = hit.map((c) => taken.get(c.fingerprint) ?? '');
  const sessions = await deps.sessions.getMany(holders.filter((h) => !h.startsWith('pending:')));
  const byId = new Map(sessions.flatMap((s) => (s ? [[s.id, s] as const] : [])));
  return hit.map((c, n) => {
    const holder = holders[n] ?? '';
    const s = byId.get(holder);
    return {
      index: c.index,
      error: {
        code: 'stage_conflict',
        message: s
          ? `${describe(c.index)} was already imported as session ${s.id} (same title and start): remove it from the sheet, or cancel that session first`
          : `${describe(c.index)} is being imported by another request right now`,
        conflicts: s ? [{ sessionId: s.id, startsAt: s.startsAt, endsAt: s.endsAt }] : [],
      },
    };
  });
}

/** The bulk error with each item's sheet row next to its index. */
function withRows(err: DomainError, rows: SheetRow[]): DomainError {
  const rowOf = (index: unknown): number | undefined => (typeof index === 'number' ? rows[index]?.row : undefined);
  const mark = (list: unknown): unknown =>
    Array.isArray(list) ? list.map((e: unknown) => (e && typeof e === 'object' && 'index' in e ? { ...e, row: rowOf(e.index) } : e)) : list;
  const extra: Record<string, unknown> = { ...err.extra };
  if ('errors' in extra) extra.errors = mark(extra.errors);
  if ('conflicts' in extra) extra.conflicts = mark(extra.conflicts);
  const message = err.message.replace(/item\(s\)/g, 'row(s)');
  return new DomainError(err.code, message, err.details, extra);
}
