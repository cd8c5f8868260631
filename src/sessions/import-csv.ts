import { CsvError, parse } from 'csv-parse';
import type { Options as CsvOptions } from 'csv-parse';
import { validationError } from '../domain/errors';
import type { ErrorDetail } from '../domain/errors';
import { createWorkSlices } from '../shared/work-slices';
import type { WorkSlices } from '../shared/work-slices';

/** One data row of a sheet: its row number as the spreadsheet shows it (the header is row 1). */
export interface SheetRow {
  row: number;
  body: Record<string, unknown>;
  /** Cells that cannot become their field (paths relative to the row). */
  problems: ErrorDetail[];
}

type Cell = (body: Record<string | symbol, unknown>, value: string, problems: ErrorDetail[]) => void;

const list = (value: string): string[] => value.split(';').map((s) => s.trim()).filter((s) => s !== '');
const setText = (field: string): Cell => (body, value) => {
  body[field] = value;
};
const setList = (field: string): Cell => (body, value) => {
  body[field] = list(value);
};

/** Columns a sheet may have, named like the create fields, and how a cell becomes a field. */
const COLUMNS: Record<string, Cell> = {
  title: setText('title'),
  description: setText('description'),
  startsAt: setText('startsAt'),
  endsAt: setText('endsAt'),
  durationMinutes: (body, value, problems) => {
    if (/^\d+$/.test(value)) body.durationMinutes = Number(value);
    else {
      // Stands in so the rest of the row is still checked; the row is refused for the cell.
      body.durationMinutes = 1;
      problems.push({ path: 'durationMinutes', message: `"${value}" is not a whole number of minutes (e.g. 60)` });
    }
  },
  timezone: setText('timezone'),
  stageId: setText('stageId'),
  locale: setText('locale'),
  host: (body, value) => {
    body.host = { ...(body.host as object | undefined), name: value };
  },
  hostPhone: (body, value) => {
    body.host = { ...(body.host as object | undefined), phone: value };
  },
  vendorIds: setList('vendorIds'),
  productIds: setList('productIds'),
  imageUrls: setList('imageUrls'),
  announceOffsets: setList('announceOffsets'),
  reminderOffsets: setList('reminderOffsets'),
  guardOffsets: setList('guardOffsets'),
  // Webhook hooks: `url` or `url|secret` entries; a `notifySecret` cell is the secret of entries without one.
  notify: (body, value) => {
    body.notify = list(value).map((entry) => {
      const bar = entry.lastIndexOf('|');
      return bar < 0 ? { type: 'webhook', url: entry } : { type: 'webhook', url: entry.slice(0, bar).trim(), secret: entry.slice(bar + 1).trim() };
    });
  },
  notifySecret: (body, value) => {
    body[NOTIFY_SECRET] = value;
  },
  targets: (body, value) => {
    body.targets = list(value).map((t) => {
      const at = t.indexOf(':');
      return at < 0 ? { platform: t, accountId: '' } : { platform: t.slice(0, at).trim().toLowerCase(), accountId: t.slice(at + 1).trim() };
    });
  },
};

/** The cell reader of a column the sheet may have: own keys only (`__proto__`, `toString` are not columns). */
function columnCell(column: string): Cell | undefined {
  return Object.hasOwn(COLUMNS, column) ? COLUMNS[column] : undefined;
}

const REQUIRED = ['title', 'startsAt', 'targets'];
/** Where a row keeps its `notifySecret` cell until the row is complete (not a create field). */
const NOTIFY_SECRET = Symbol('notifySecret');

/** The row's shared hook secret goes to every hook that has none of its own. */
function applyNotifySecret(body: Record<string | symbol, unknown>): void {
  const secret = body[NOTIFY_SECRET] as string | undefined;
  delete body[NOTIFY_SECRET];
  if (secret === undefined || !Array.isArray(body.notify)) return;
  for (const hook of body.notify as { secret?: string }[]) hook.secret ??= secret;
}

/**
 * A CSV sheet (header row, then one session a row) → create bodies in `campaignId`. A UTF-8 BOM,
 * CRLF, quoted fields (with commas, quotes and line breaks) are fine; an empty cell leaves the field
 * out; `;` separates list items; `targets` is `facebook:acc_1;youtube:acc_2`; `host` the host's
 * name; `notify` lists hook URLs (`url|secret`, or with one `notifySecret` for the row). A sheet that cannot be read at all (bad quotes, unknown or missing columns, a row with more
 * cells than the header) is `validation_failed` naming the row. A big sheet is read in slices of a
 * few milliseconds (other requests are answered meanwhile).
 */
export async function sheetToBodies(text: string, campaignId: string): Promise<SheetRow[]> {
  const slices = createWorkSlices();
  const records = await readRecords(text, slices);
  const headerRecord = records[0];
  if (!headerRecord) throw validationError([{ path: 'row 1', message: 'the sheet is empty: give a header row and one row per session' }], 'the sheet is empty');
  const header = headerRecord.cells.map((h) => h.trim());
  checkHeader(header);
  const details: ErrorDetail[] = [];
  const rows: SheetRow[] = [];
  for (const { row, cells } of records.slice(1)) {
    await slices.turn();
    if (cells.length > header.length) {
      details.push({ path: `row ${row}`, message: `row ${row} has ${cells.length} cells but the header names ${header.length} columns: quote cells that contain commas` });
      continue;
    }
    const body: Record<string | symbol, unknown> = { campaignId };
    const problems: ErrorDetail[] = [];
    header.forEach((column, i) => {
      const value = (cells[i] ?? '').trim();
      if (value !== '') columnCell(column)?.(body, value, problems);
    });
    applyNotifySecret(body);
    rows.push({ row, body, problems });
  }
  if (details.length > 0) throw validationError(details, `${details.length} row(s) cannot be read; nothing was created (first: ${details[0]?.message ?? ''})`);
  if (rows.length === 0) throw validationError([{ path: 'row 2', message: 'the sheet has a header but no rows' }], 'the sheet has no rows: nothing to import');
  return rows;
}

// relax_quotes: a quote inside an unquoted cell (`Tivi 32" Sony`) is read as a quote, as
// spreadsheets write it; an unclosed quote of a quoted cell is still a row error.
const CSV_OPTIONS: CsvOptions = { bom: true, info: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true };
/** Bytes of the sheet handed to the parser at a time (a few milliseconds of parsing). */
const PARSE_CHUNK_BYTES = 16 * 1024;

async function readRecords(text: string, slices: WorkSlices): Promise<{ row: number; cells: string[] }[]> {
  try {
    const parsed = await parseInSlices(text, slices);
    return parsed.map(({ info, record }) => {
      const newlines = record.reduce((n, cell) => n + (cell.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
      return { row: info.lines - newlines, cells: record };
    });
  } catch (err) {
    // Every reading problem is a CsvError (codes `CSV_…`, and `INVALID_OPENING_QUOTE` without the prefix).
    if (!(err instanceof CsvError)) throw err;
    const line = 'lines' in err && typeof err.lines === 'number' ? err.lines : 0;
    throw validationError([{ path: `row ${line}`, message: `the sheet cannot be read at row ${line}: ${err.message} (a quote inside a quoted cell is written twice: "")` }], `the sheet cannot be read at row ${line}`);
  }
}

/**
 * csv-parse's stream parser fed the sheet's UTF-8 bytes a chunk at a time, with event-loop turns
 * between chunks (its sync API reads a 10,000-row sheet in one blocking call). The records and
 * errors are the sync API's: the parser keeps its state (quotes, line count, a character split
 * across chunks) from one chunk to the next.
 */
async function parseInSlices(text: string, slices: WorkSlices): Promise<{ info: { lines: number }; record: string[] }[]> {
  const parser = parse(CSV_OPTIONS);
  const records: { info: { lines: number }; record: string[] }[] = [];
  parser.on('data', (r: { info: { lines: number }; record: string[] }) => records.push(r));
  const finished = new Promise<void>((resolve, reject) => {
    parser.once('end', resolve);
    parser.once('error', reject);
  });
  // The error is awaited below; until then it must not count as an unhandled rejection.
  finished.catch(() => undefined);
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length && !parser.destroyed; at += PARSE_CHUNK_BYTES) {
    // Wait until the parser took the chunk in (its records read), so chunks never pile up unparsed.
    await new Promise<void>((resolve) => parser.write(bytes.subarray(at, at + PARSE_CHUNK_BYTES), () => {
      resolve();
    }));
    await slices.turn();
  }
  if (!parser.destroyed) parser.end();
  await finished;
  return records;
}

function checkHeader(header: string[]): void {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  header.forEach((column, i) => {
    if (column === 'campaignId') details.push({ path: `columns.${column}`, message: 'the campaign comes from the URL: remove this column' });
    else if (!columnCell(column)) details.push({ path: `columns.${column || String(i + 1)}`, message: `unknown column '${column}' (known: ${Object.keys(COLUMNS).join(', ')})` });
    if (seen.has(column)) details.push({ path: `columns.${column}`, message: `column '${column}' appears twice` });
    seen.add(column);
  });
  for (const column of REQUIRED) if (!seen.has(column)) details.push({ path: `columns.${column}`, message: `missing column '${column}'` });
  if (!seen.has('durationMinutes') && !seen.has('endsAt')) details.push({ path: 'columns.durationMinutes', message: "missing column 'durationMinutes' (or 'endsAt')" });
  if (details.length > 0) throw validationError(details, `the header row is wrong; nothing was created: ${details.map((d) => d.message).join('; ')}`);
}
