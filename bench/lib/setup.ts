import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createSystemClock } from '../../src/shared/clock';
import { findFreePort, startPrivateRedis } from '../../src/shared/private-redis';
import type { PrivateRedis } from '../../src/shared/private-redis';
import { startSandbox } from '../../src/sandbox/server';
import type { Sandbox } from '../../src/sandbox/server';
import { spawnLiveCue } from './proc';
import type { Child } from './proc';

export const ADMIN_TOKEN = process.env.BENCH_ADMIN_TOKEN ?? 'bench-admin-token-0001-abcdefghij';
export const PAGE_ID = '100000000000002';

/** What every figure shares: one private Redis (hz 100, AOF, noeviction), one sandbox, one key. */
export interface Bench {
  redis: PrivateRedis;
  client: Redis;
  sandbox: Sandbox;
  encryptionKey: string;
  quick: boolean;
  smoke: boolean;
  /** Environment of a LiveCue process on this bench (prefix `bench`). */
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export async function startBench(options: { quick: boolean; smoke: boolean }): Promise<Bench> {
  const redis = await startPrivateRedis({ appendonly: true });
  const client = new Redis(redis.url, { maxRetriesPerRequest: null });
  const sandbox = await startSandbox({ port: 0, clock: createSystemClock(), options: { tiktokPublishMs: 50 } });
  const encryptionKey = randomBytes(32).toString('base64');
  return {
    redis,
    client,
    sandbox,
    encryptionKey,
    ...options,
    env: (extra = {}) => ({
      PLATFORM_MODE: 'sandbox',
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'bench',
      SANDBOX_URL: sandbox.baseUrl,
      LIVECUE_TOKENS: `admin:${ADMIN_TOKEN}`,
      LIVECUE_ENCRYPTION_KEY: encryptionKey,
      LIVECUE_RATE_LIMIT_PER_MIN: '0',
      // The bench measures firing, not the quota: its peak minute's 300 YouTube lives would be
      // refused at planning on one project's default 10,000 units a day.
      YOUTUBE_DAILY_QUOTA: '100000000',
      // TikTok's rules configured as in production: unset, sandbox mode reads them from the
      // sandbox on every create and every TikTok post (an HTTP call production never makes).
      TIKTOK_AUDITED: 'true',
      TIKTOK_VERIFIED_URL_PREFIXES: 'https://cdn.cho-con.vn/promo/',
      LIVECUE_DEFAULT_IMAGE_URL: 'https://cdn.cho-con.vn/promo/bench.jpg',
      LIVECUE_BODY_LIMIT: '50mb',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      HOST: '127.0.0.1',
      ...extra,
    }),
    async close() {
      client.disconnect();
      await sandbox.close();
      await redis.stop();
    },
  };
}

/** Empty Redis and the sandbox's log between figures. */
export async function resetBench(bench: Bench): Promise<void> {
  await bench.client.flushall();
  bench.sandbox.reset();
}

export interface RunningApi {
  url: string;
  child: Child;
  stop(): Promise<void>;
}

/** A LiveCue API process (no workers) with the bench's accounts registered. */
export async function startApiProcess(bench: Bench, extra: Record<string, string> = {}): Promise<RunningApi> {
  const port = await findFreePort();
  const child = spawnLiveCue('api', bench.env({ PORT: String(port), ...extra }));
  const url = `http://127.0.0.1:${port}`;
  await waitUntil('the API to answer', async () => (await fetch(`${url}/healthz`).catch(() => null))?.ok === true, 30_000, child);
  await registerAccounts(url);
  return { url, child, stop: () => child.kill('SIGTERM') };
}

/** A LiveCue worker process; resolves once its heartbeat is in Redis. */
export async function startWorkerProcess(bench: Bench, extra: Record<string, string> = {}): Promise<Child> {
  const before = await bench.client.zcard('{bench}:workers');
  const child = spawnLiveCue('worker', bench.env(extra));
  await waitUntil('the worker heartbeat', async () => (await bench.client.zcard('{bench}:workers')) > before, 30_000, child);
  return child;
}

export async function registerAccounts(url: string): Promise<void> {
  const accounts = [
    { id: 'fb-cho-con', platform: 'facebook', name: 'Fanpage Chợ Cồn', externalId: PAGE_ID, credentials: { accessToken: `fb-page-${randomBytes(4).toString('hex')}` } },
    { id: 'tt-cho-con', platform: 'tiktok', name: 'TikTok Chợ Cồn', externalId: 'tt-open-1', credentials: { accessToken: `tt-${randomBytes(4).toString('hex')}`, refreshToken: `tt-r-${randomBytes(4).toString('hex')}`, expiresAt: new Date(Date.now() + 86_400_000).toISOString() } },
  ];
  for (const a of accounts) {
    const res = await api(url, 'POST', '/v1/accounts', a);
    if (res.status !== 201 && res.status !== 409) throw new Error(`account ${a.id}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function api(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** Session body of the benchmarks: 6 jobs (2 announces × facebook + tiktok, go-live, end-live). */
export function sixJobSession(startMs: number, title = 'Quầy Cô Lan - Đặc sản khô'): Record<string, unknown> {
  return {
    title,
    startsAt: new Date(startMs).toISOString(),
    durationMinutes: 60,
    host: { name: 'Quầy Cô Lan', phone: '0905000000' },
    products: [{ name: 'Mực rim me', price: 180000 }],
    targets: [
      { platform: 'facebook', accountId: 'fb-cho-con', live: false },
      { platform: 'tiktok', accountId: 'tt-cho-con' },
    ],
    announceOffsets: ['P1D', 'PT1H'],
    reminderOffsets: [],
  };
}

/** One Facebook promo due at `dueMs` (start one hour later); the title carries the due time. */
export function announceAt(dueMs: number): Record<string, unknown> {
  return {
    title: `Bench LCB${dueMs}X`,
    startsAt: new Date(dueMs + 3_600_000).toISOString(),
    durationMinutes: 30,
    targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }],
    announceOffsets: ['PT1H'],
    reminderOffsets: [],
  };
}

/** POST /v1/sessions/bulk in chunks; returns the ids. */
export async function bulkImport(url: string, sessions: unknown[], chunk = 5000): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < sessions.length; i += chunk) {
    const res = await api(url, 'POST', '/v1/sessions/bulk', { sessions: sessions.slice(i, i + chunk) });
    if (res.status !== 201) throw new Error(`bulk import: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    ids.push(...(res.body.created as string[]));
  }
  return ids;
}

export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, child?: Child, everyMs = 50): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (child && child.child.exitCode !== null) throw new Error(`process exited while waiting for ${what}:\n${child.output().slice(-2000)}`);
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}${child ? `:\n${child.output().slice(-2000)}` : ''}`);
    await sleep(everyMs);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function usedMemory(client: Redis): Promise<number> {
  const info = await client.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
