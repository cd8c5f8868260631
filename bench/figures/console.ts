import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../src/console-build/ensure-console-built';
import { accountBodies, campaignBody, catalogBody, loadFixture, shiftCsv, shiftDate, weeksToShift } from '../../src/demo/fixture';
import { figure } from '../lib/figure';
import type { Figure } from '../lib/figure';
import type { Bench } from '../lib/setup';
import { ADMIN_TOKEN, api, resetBench, startApiProcess } from '../lib/setup';

/** Goals of issue #14: first-load JavaScript ≤ 250 KB gzipped, the Chợ Cồn month on screen ≤ 1 s. */
const FIRST_LOAD_GOAL_BYTES = 250 * 1024;
const MONTH_RENDER_GOAL_MS = 1000;
/**
 * BENCH_CONSOLE_PROFILE=<dir>: the first month load also writes a CPU profile (month.cpuprofile,
 * opens in Chromium's DevTools), the page's resource and mark timeline (month-timeline.json) and
 * what it showed (month.png).
 */
const PROFILE_DIR = process.env.BENCH_CONSOLE_PROFILE;

/** JavaScript one page load fetched: bytes as served, gzipped (level 6, as a gzip-serving proxy sends them), and the files. */
export interface LoadedJs {
  gzipped: number;
  raw: number;
  files: string[];
}

/**
 * Counts every script response the page receives from now on — the entry, its modulepreloads and
 * any chunk a lazy route imports — as the browser fetched it, not a list read from index.html.
 * The returned function waits for the bodies and sums them.
 */
function countScripts(page: Page): () => Promise<LoadedJs> {
  const bodies: Promise<{ name: string; body: Buffer }>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    bodies.push(response.body().then((body) => ({ name: new URL(response.url()).pathname.split('/').pop() ?? '', body })));
  });
  return async () => {
    const all = await Promise.all(bodies);
    return {
      gzipped: all.reduce((n, b) => n + gzipSync(b.body).length, 0),
      raw: all.reduce((n, b) => n + b.body.length, 0),
      files: all.map((b) => b.name),
    };
  };
}

const launch = (): Promise<Browser> => chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});

/**
 * The console's figures, both measured in Debian's chromium against the real API:
 * - first-load JS: every script a fresh browser fetches to show `/console` signed out (the sign-in
 *   page, where everyone lands) until the network is idle — the notes add the calendar's month
 *   view signed in (the organizer's landing page) for comparison;
 * - the time from navigation start to the Chợ Cồn month (142 sessions, imported from
 *   test/fixtures/cho-con-2024) drawn in the month view — the median of 3 cold loads.
 * `raw` holds the goal.
 */
export async function consoleFigures(bench: Bench): Promise<Record<string, Figure>> {
  await ensureConsoleBuilt({ env: process.env, log: (line) => process.stderr.write(`bench: ${line}\n`) });
  await resetBench(bench);
  const running = await startApiProcess(bench);
  const browser = await launch();
  try {
    const fixture = loadFixture();
    for (const account of accountBodies(fixture)) await api(running.url, 'POST', '/v1/accounts', account);
    const weeks = weeksToShift(fixture, Date.now() + 86_400_000);
    const campaignId = `cho-con-w${weeks}`;
    await api(running.url, 'POST', '/v1/campaigns', campaignBody(fixture, weeks, campaignId));
    await api(running.url, 'PUT', `/v1/campaigns/${campaignId}/catalog`, catalogBody(fixture));
    const imported = await fetch(`${running.url}/v1/campaigns/${campaignId}/import?atomic=false`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv' },
      body: shiftCsv(fixture.sessionsCsv, weeks, fixture.campaign.timezone),
    });
    const created = ((await imported.json()) as { created?: string[] }).created?.length ?? 0;
    const signIn = await signInPageJs(browser, `${running.url}/console`);
    const month = `${running.url}/console/campaigns/${campaignId}/calendar?view=month&date=${shiftDate(fixture.campaign.startsOn, weeks)}`;
    const renders = await timeMonthRenders(browser, month, 3);
    const times = renders.map((r) => r.ms);
    const median = [...times].sort((a, b) => a - b)[1] ?? NaN;
    const calendarJs = renders[0]?.js;
    return {
      console_first_load_js_gzip_kb: figure(signIn.gzipped / 1024, FIRST_LOAD_GOAL_BYTES / 1024, 'KB (raw = goal)', {
        page: 'sign-in (/console, signed out)',
        files: signIn.files.join(' '),
        uncompressedKb: Math.round(signIn.raw / 1024),
        calendarMonthSignedInGzipKb: calendarJs ? Math.round(calendarJs.gzipped / 1024) : NaN,
      }),
      console_month_render_ms: figure(median, MONTH_RENDER_GOAL_MS, 'ms (raw = goal)', {
        sessions: created,
        runs: times.map((t) => Math.round(t)).join(' '),
        afterSessionsArrived: renders.map((r) => Math.round(r.afterDataMs)).join(' '),
      }),
    };
  } finally {
    await browser.close();
    await running.stop();
  }
}

/** A fresh context (no cache, no cookie): what the browser fetched to show the sign-in page. */
async function signInPageJs(browser: Browser, url: string): Promise<LoadedJs> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  try {
    const page = await context.newPage();
    const scripts = countScripts(page);
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.locator('input[type="password"]').waitFor({ timeout: 30_000 });
    return await scripts();
  } finally {
    await context.close();
  }
}

interface MonthRender {
  /** Navigation start to the frame after the first session is drawn. */
  ms: number;
  /** The part of it after the sessions' answer arrived (the render itself). */
  afterDataMs: number;
  js: LoadedJs;
}

/** Each run: a fresh browser context (no cache), signed in by the machine token, until the month shows its sessions. */
async function timeMonthRenders(browser: Browser, url: string, runs: number): Promise<MonthRender[]> {
  const out: MonthRender[] = [];
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, extraHTTPHeaders: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    try {
      const page = await context.newPage();
      const scripts = countScripts(page);
      const profiling = PROFILE_DIR !== undefined && i === 0 ? await context.newCDPSession(page) : null;
      if (profiling) {
        await profiling.send('Profiler.enable');
        await profiling.send('Profiler.setSamplingInterval', { interval: 200 });
        await profiling.send('Profiler.start');
      }
      await page.goto(url);
      await page.locator('.rbc-month-view .rbc-event').first().waitFor({ timeout: 30_000 });
      // Also when the sessions' answer had arrived: what is left after it is the page's own work.
      const [ms, dataAt] = await page.evaluate(() => new Promise<[number, number]>((resolve) => requestAnimationFrame(() => {
        const sessions = performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/sessions?')) as PerformanceResourceTiming[];
        resolve([performance.now(), Math.max(0, ...sessions.map((e) => e.responseEnd))]);
      })));
      if (profiling && PROFILE_DIR) {
        const { profile } = await profiling.send('Profiler.stop');
        mkdirSync(PROFILE_DIR, { recursive: true });
        writeFileSync(join(PROFILE_DIR, 'month.cpuprofile'), JSON.stringify(profile));
        const timeline = await page.evaluate(() => performance.getEntries().map((e) => ({ name: e.name, type: e.entryType, start: Math.round(e.startTime), end: Math.round(e.startTime + e.duration) })));
        writeFileSync(join(PROFILE_DIR, 'month-timeline.json'), JSON.stringify(timeline, null, 1));
        await page.screenshot({ path: join(PROFILE_DIR, 'month.png') });
      }
      out.push({ ms, afterDataMs: ms - dataAt, js: await scripts() });
    } finally {
      await context.close();
    }
  }
  return out;
}
