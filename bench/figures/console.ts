import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ensureConsoleBuilt } from '../../src/console-build/ensure-console-built';
import { consoleDistDir } from '../../src/console-build/console-dir';
import { accountBodies, campaignBody, catalogBody, loadFixture, shiftCsv, shiftDate, weeksToShift } from '../../src/demo/fixture';
import { figure } from '../lib/figure';
import type { Figure } from '../lib/figure';
import type { Bench } from '../lib/setup';
import { ADMIN_TOKEN, api, resetBench, startApiProcess } from '../lib/setup';

/** Goals of issue #14: first-load JavaScript ≤ 250 KB gzipped, the Chợ Cồn month on screen ≤ 1 s. */
const FIRST_LOAD_GOAL_BYTES = 250 * 1024;
const MONTH_RENDER_GOAL_MS = 1000;

/** Gzipped bytes of every script the console's index.html loads before anything else (entry + modulepreloads). */
export function firstLoadJsBytes(dir = consoleDistDir()): { gzipped: number; raw: number; files: number } {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/console\/([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  let gzipped = 0;
  let raw = 0;
  for (const src of srcs) {
    const body = readFileSync(join(dir, src));
    raw += body.length;
    gzipped += gzipSync(body).length;
  }
  return { gzipped, raw, files: srcs.length };
}

/**
 * The console's figures: first-load JS (built files, gzip), and the time from navigation start to
 * the Chợ Cồn month (142 sessions, imported from test/fixtures/cho-con-2024) drawn in the month
 * view in Debian's chromium — the median of 3 cold loads. `raw` holds the goal.
 */
export async function consoleFigures(bench: Bench): Promise<Record<string, Figure>> {
  await ensureConsoleBuilt({ log: (line) => process.stderr.write(`bench: ${line}\n`) });
  const js = firstLoadJsBytes();
  await resetBench(bench);
  const running = await startApiProcess(bench);
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
    const month = `${running.url}/console/campaigns/${campaignId}/calendar?view=month&date=${shiftDate(fixture.campaign.startsOn, weeks)}`;
    const times = await timeMonthRenders(month, 3);
    const median = [...times].sort((a, b) => a - b)[1] ?? NaN;
    return {
      console_first_load_js_gzip_kb: figure(js.gzipped / 1024, FIRST_LOAD_GOAL_BYTES / 1024, 'KB (raw = goal)', { files: js.files, uncompressedKb: Math.round(js.raw / 1024) }),
      console_month_render_ms: figure(median, MONTH_RENDER_GOAL_MS, 'ms (raw = goal)', { sessions: created, runs: times.map((t) => Math.round(t)).join(' ') }),
    };
  } finally {
    await running.stop();
  }
}

/** Each run: a fresh browser context (no cache), signed in by the machine token, until the month shows its sessions. */
async function timeMonthRenders(url: string, runs: number): Promise<number[]> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const out: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, extraHTTPHeaders: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      const page = await context.newPage();
      await page.goto(url);
      await page.locator('.rbc-month-view .rbc-event').first().waitFor({ timeout: 30_000 });
      out.push(await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => { resolve(performance.now()); }))));
      await context.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}
