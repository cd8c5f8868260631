/**
 * Security probe finding 13 (smaller): a 10,000-row CSV import held the event loop for seconds
 * (worst /healthz wait 3.4 s on the shared machine), so every other request waited. The import now
 * parses, checks, plans, encodes and schedules in slices of a few milliseconds (src/shared/work-slices.ts).
 *
 * Real parts: the API over HTTP on the suite's Redis; a sheet in the Chợ Cồn fixture's shape
 * (six stages, local times in the campaign's zone, hosts, one or two platforms a row), 10,000 rows.
 * The bound is relative to this machine at this moment: the worst /healthz wait while this process
 * does sliced CPU work for a few seconds before the import (on a loaded 2-core box a busy process
 * waits for a core), three times over, plus a fixed allowance for the import's steps that cannot
 * be sliced (garbage collection, one addBulk build, the store write's 27 MB on its way to Redis).
 * Measured on the shared 2-core machine (load 6–13): worst 218–487 ms with the fix in 8 runs
 * (one more, at load 13, reached 1,259 ms and was not reproduced); 1,257 and 2,311 ms without it.
 */
import { useTestApp } from '../../support/app';

const ROWS = 10_000;
/** The import's own allowance over the baseline (see above). */
const ALLOWANCE_MS = 700;
/** The baseline counts this many times (a loaded machine's waits grow with the work asked of it). */
const BASELINE_FACTOR = 3;
/** How long /healthz is polled before the import for the baseline. */
const BASELINE_MS = 3_000;

const STAGES = [
  { id: 'mega-stage', name: 'Sân khấu Mega Livestream - chợ Cồn' },
  { id: 'booth-cho-con', name: 'Quầy tư vấn livestream - chợ Cồn' },
  { id: 'cho-han-corner', name: 'Góc livestream chợ Hàn' },
  { id: 'cho-bac-my-an-corner', name: 'Góc livestream chợ Bắc Mỹ An' },
  { id: 'cho-hoa-khanh-corner', name: 'Góc livestream chợ Hòa Khánh' },
  { id: 'cho-dong-da-corner', name: 'Góc livestream chợ Đống Đa' },
];
/** Half-hour sessions every 30 minutes from 08:00 to 22:00 local: 28 a stage a day. */
const SLOTS_A_DAY = 28;

/** Row `i` of the sheet: the fixture's columns; stage, day and slot so that no two rows of a stage overlap. */
function sheetRow(i: number, firstDay: Date): string {
  const stage = STAGES[i % STAGES.length] ?? STAGES[0];
  const n = Math.floor(i / STAGES.length);
  const day = new Date(firstDay.getTime() + Math.floor(n / SLOTS_A_DAY) * 86_400_000).toISOString().slice(0, 10);
  const minutes = 8 * 60 + (n % SLOTS_A_DAY) * 30;
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const targets = stage?.id === 'mega-stage' ? 'facebook:fb-cho-con;youtube:yt-sct' : 'facebook:fb-cho-con';
  return `"Phiên ${i + 1} - ${stage?.name ?? ''}",${stage?.id ?? ''},${day}T${time},30,Quầy ${(n % 30) + 1},${targets}`;
}

/** CPU work in slices of `sliceMs` with a turn of the event loop between them, until `untilMs` (performance.now()). */
async function workInSlices(untilMs: number, sliceMs: number): Promise<void> {
  while (performance.now() < untilMs) {
    const sliceEnd = performance.now() + sliceMs;
    while (performance.now() < sliceEnd) {
      // busy, like a slice of the import
    }
    await new Promise<void>((resolve) => {
      setImmediate(resolve);
    });
  }
}

/** Polls /healthz one request at a time until `done()`; the wait of each answer. */
async function pollHealthz(url: string, done: () => boolean): Promise<number[]> {
  const waits: number[] = [];
  while (!done()) {
    const t0 = performance.now();
    const res = await fetch(`${url}/healthz`);
    await res.text();
    if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
    waits.push(performance.now() - t0);
  }
  return waits;
}

describe('a 10,000-row import does not block the event loop', () => {
  // A month of the mega stage's YouTube lives at this density is past one project's default
  // 10,000 units a day (refused at planning, 422 quota_exceeded): this market asked Google for more.
  const app = useTestApp({ env: { LIVECUE_BODY_LIMIT: '4mb', YOUTUBE_DAILY_QUOTA: '100000000' }, mode: 'api', accounts: true });

  it(`answers /healthz within ${BASELINE_FACTOR} × the busy baseline + ${ALLOWANCE_MS} ms while the import runs`, async () => {
    const dayOf = (offsetDays: number): Date => new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + offsetDays * 86_400_000);
    const campaignId = `big-${Date.now().toString(36)}`;
    const days = Math.ceil(ROWS / STAGES.length / SLOTS_A_DAY);
    const created = await app.call('POST', '/v1/campaigns', {
      role: 'organizer',
      body: { id: campaignId, name: 'Chợ Livestream - mười nghìn phiên', timezone: 'Asia/Ho_Chi_Minh', startsOn: dayOf(1).toISOString().slice(0, 10), endsOn: dayOf(days + 3).toISOString().slice(0, 10), stages: STAGES },
    });
    expect(created.status).toBe(201);
    const sheet = ['title,stageId,startsAt,durationMinutes,host,targets', ...Array.from({ length: ROWS }, (_, i) => sheetRow(i, dayOf(2)))].join('\n');

    // The baseline: /healthz while this process does sliced CPU work (8 ms slices, as the import's)
    // for a few seconds. On a loaded machine a busy process waits for a core: that wait is the box's, not the import's.
    const baselineUntil = performance.now() + BASELINE_MS;
    const [baseline] = await Promise.all([pollHealthz(app.url, () => performance.now() > baselineUntil), workInSlices(baselineUntil, 8)]);
    const baselineWorst = Math.max(...baseline);

    let done = false;
    const started = performance.now();
    const imported = app.call('POST', `/v1/campaigns/${campaignId}/import`, { role: 'organizer', body: sheet, headers: { 'content-type': 'text/csv' } }).finally(() => {
      done = true;
    });
    const during = await pollHealthz(app.url, () => done);
    const answer = await imported;
    expect(answer.status).toBe(201);
    expect(answer.body.created).toHaveLength(ROWS);

    const worst = Math.max(...during);
    const bound = BASELINE_FACTOR * baselineWorst + ALLOWANCE_MS;
    process.stdout.write(`import of ${ROWS} rows: ${Math.round(performance.now() - started)} ms; /healthz worst under sliced work ${Math.round(baselineWorst)} ms (${baseline.length} answers); during the import ${during.length} answers, worst ${Math.round(worst)} ms (bound ${Math.round(bound)} ms)\n`);
    // Polled all along (the import took seconds), not once at the end.
    expect(during.length).toBeGreaterThan(20);
    expect(worst).toBeLessThan(bound);
  }, 300_000);
});
