/**
 * Fault: the clock jumps forward (NTP step, a VM resumed after a pause) while work is queued: jobs
 * BullMQ fires on time are, by LiveCue's clock, late. Proves the stale-window check of
 * workers/process-action.ts (skip, with a reason, what is past its staleAt; src/planning/stale-windows.ts)
 * together with the ledger: each overdue action is either done (late, but before it is pointless)
 * or visibly skipped as stale, never both and never twice. Without the stale check the promos
 * due after the start would be posted late (a completed job past its staleAt); without the ledger
 * a skipped-then-retried action could post.
 */
import { randomBytes } from 'node:crypto';
import { run } from '../../src/main';
import { createOffsetClock, createSystemClock } from '../../src/shared/clock';
import { registerAccounts, TEST_TOKENS, testRedisUrl, uniquePrefix, flushPrefix } from '../support/app';
import type { TestApp } from '../support/app';
import { startTestSandbox } from '../support/sandbox';
import type { Sandbox } from '../../src/sandbox/server';
import { createFacebookSessions, pick, readLedger, waitAllFinished } from './support/fault-env';

describe('a clock jump with work queued', () => {
  let sandbox: Sandbox;
  let offsetMs = 0;
  let app: Awaited<ReturnType<typeof run>>;
  let api: TestApp;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    const clock = createOffsetClock(createSystemClock(), () => offsetMs);
    app = await run('all', {
      PLATFORM_MODE: 'sandbox', REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, SANDBOX_URL: sandbox.baseUrl, PORT: '0', HOST: '127.0.0.1',
      LIVECUE_TOKENS: Object.entries(TEST_TOKENS).map(([r, t]) => `${r}:${t}`).join(','), LIVECUE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'error', LIVECUE_RATE_LIMIT_PER_MIN: '0', LIVECUE_RETRY_BASE_MS: '200', LIVECUE_SHUTDOWN_GRACE_MS: '3000',
    }, { clock });
    api = { url: app.api?.url ?? '', deps: app.deps, prefix, sandboxUrl: sandbox.baseUrl, workers: app.workers, server: app.api?.server ?? null, stop: () => Promise.resolve(), call: async (method, path, options = {}) => {
      const headers: Record<string, string> = { authorization: `Bearer ${TEST_TOKENS[options.role ?? 'admin']}` };
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${app.api?.url ?? ''}${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
      return { status: res.status, body: await res.json().catch(() => null), headers: res.headers };
    } };
    await registerAccounts(api);
  });
  afterAll(async () => {
    await app.stop();
    await flushPrefix(prefix);
    await sandbox.close();
  });

  it('does each overdue action or skips it as stale, never both', async () => {
    const count = pick(3, 8);
    // Promos due 4, 8 and 12 s from now; the session starts in 14 s (by the clock before the jump).
    const ids = await createFacebookSessions(api, count, { startsInMs: 14_000, durationMs: 5000, offsets: ['PT10S', 'PT6S', 'PT2S'], live: false, staggerMs: 0 });
    // The clock jumps 7 s ahead: the 4 s promo fires at "11 s" (late, still before the start: done);
    // the 8 s and 12 s ones fire at "15 s" and "19 s", after the start: stale, skipped.
    offsetMs = 7000;
    const sessions = await waitAllFinished(api, ids, 40_000);
    const announces = sessions.flatMap((s) => s.jobs).filter((j: any) => j.kind === 'announce');
    const ledger = await readLedger(api);
    const done = announces.filter((j: any) => j.state === 'completed');
    const skipped = announces.filter((j: any) => j.state === 'skipped');
    expect(done.length + skipped.length).toBe(announces.length);
    expect(done.length).toBeGreaterThanOrEqual(count);
    expect(skipped.length).toBeGreaterThanOrEqual(count);
    for (const j of skipped) {
      expect(j.reason).toMatch(/^stale/);
      expect(ledger.has(j.id)).toBe(false);
    }
    for (const j of done) expect(ledger.get(j.id)?.state).toBe('done');
    const postIds = done.map((j: any) => JSON.parse(ledger.get(j.id)?.result ?? '{}').postId);
    expect(sandbox.state.facebook.posts.map((p) => p.id).sort()).toEqual([...postIds].sort());
  }, 90_000);
});
