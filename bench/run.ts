/**
 * `npm run bench` — every figure for LiveCue and for raw BullMQ/Redis doing the same work, in the
 * same run, on a private redis-server (hz 100, AOF everysec, noeviction) this script starts.
 *   --quick   smaller sizes (under 3 minutes)      --smoke   tiny sizes; asserts only that every figure was produced
 *   --only a,b  run only these groups (startup, api, import, firing, peak, crash, city, scaling, console, youtube)
 * LiveCue runs compiled (dist/, built first when stale), as `npm start` does.
 * Prints a table and writes bench/results/latest.json: { "<figure>": { livecue, raw, ratio, unit }, … }.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { apiCreate } from './figures/api-create';
import { importAndMemory } from './figures/import-memory';
import { firing } from './figures/firing';
import { crashRecovery } from './figures/crash';
import { cityImport } from './figures/city';
import { scaling } from './figures/scaling';
import { consoleFigures } from './figures/console';
import { startup } from './figures/startup';
import { peakMinute } from './figures/peak-minute';
import { youtubeQuota } from './figures/youtube-quota';
import type { Figure } from './lib/figure';
import { ensureBuilt, ROOT } from './lib/proc';
import { startBench } from './lib/setup';
import type { Bench } from './lib/setup';

const GROUPS: Record<string, (b: Bench) => Promise<Record<string, Figure>>> = {
  startup,
  api: apiCreate,
  import: importAndMemory,
  firing,
  peak: peakMinute,
  crash: crashRecovery,
  city: cityImport,
  scaling,
  console: consoleFigures,
  youtube: youtubeQuota,
};
/** Figures every complete run must produce (bench:smoke checks them). */
export const REQUIRED = [
  'api_create_sessions_per_s', 'api_create_p50_ms_at_half_rate', 'api_create_p99_ms_at_half_rate', 'import_jobs_per_s', 'dispatch_jobs_per_s',
  'lateness_p99_ms_steady', 'lateness_p99_ms_burst', 'redis_bytes_per_session', 'crash_recovery_s', 'city_import_s', 'startup_ms_to_healthz', 'lateness_p99_ms_peak_minute',
  'console_first_load_js_gzip_kb', 'console_month_render_ms',
  'youtube_units_per_live',
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const smoke = process.argv.includes('--smoke');
  const only = arg('--only')?.split(',') ?? Object.keys(GROUPS).filter((g) => g !== 'scaling' || !(quick || smoke));
  ensureBuilt();
  const bench = await startBench({ quick: quick || smoke, smoke });
  const results: Record<string, Figure> = {};
  const failed: string[] = [];
  const t0 = performance.now();
  try {
    for (const group of only) {
      const run = GROUPS[group];
      if (!run) throw new Error(`unknown group ${group} (${Object.keys(GROUPS).join(', ')})`);
      const g0 = performance.now();
      process.stderr.write(`bench: ${group}…\n`);
      // A group that fails (a missing browser, a stuck process) is reported after the table; the
      // figures of a 12-minute run are not thrown away with it.
      try {
        Object.assign(results, await run(bench));
        process.stderr.write(`bench: ${group} done in ${((performance.now() - g0) / 1000).toFixed(1)} s\n`);
      } catch (err) {
        failed.push(`${group}: ${err instanceof Error ? err.message : String(err)}`);
        process.stderr.write(`bench: ${group} FAILED: ${failed.at(-1) ?? ''}\n`);
      }
    }
  } finally {
    await bench.close();
  }
  printTable(results);
  const out = join(ROOT, 'bench', 'results', smoke ? 'smoke.json' : 'latest.json');
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  process.stdout.write(`\n${machine}; ${((performance.now() - t0) / 1000).toFixed(0)} s; written to ${out}\n`);
  if (failed.length > 0) throw new Error(`bench: ${failed.length} group(s) failed:\n  ${failed.join('\n  ')}`);
  if (smoke) {
    const missing = REQUIRED.filter((f) => !Number.isFinite(results[f]?.livecue) || !Number.isFinite(results[f]?.raw));
    if (missing.length > 0) throw new Error(`bench smoke: figures not produced: ${missing.join(', ')}`);
    process.stdout.write('bench smoke: every figure produced\n');
  }
}

function printTable(results: Record<string, Figure>): void {
  const rows = Object.entries(results).map(([name, f]) => [name, String(f.livecue), String(f.raw), String(f.ratio), f.unit]);
  const head = ['figure', 'livecue', 'raw', 'ratio', 'unit'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i > 0 && i < 4 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  process.stdout.write(`\n${line(head)}\n|${widths.map((w, i) => (i > 0 && i < 4 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
  for (const [name, f] of Object.entries(results)) if (f.notes) process.stdout.write(`  ${name}: ${JSON.stringify(f.notes)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
