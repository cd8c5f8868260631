import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import { run } from '../../src/main';
import type { Deps, DepsOverrides } from '../../src/deps';
import type { RunningWorkers } from '../../workers/start-workers';

export const TEST_TOKENS = {
  admin: 'test-admin-token-1-aaaaaaaaaaaa',
  organizer: 'test-organizer-token-1-bbbbbbbb',
  ops: 'test-ops-token-1-cccccccccccccc',
  viewer: 'test-viewer-token-1-dddddddddd',
};

export function testRedisUrl(): string {
  const url = process.env.LIVECUE_TEST_REDIS_URL;
  if (!url) throw new Error('LIVECUE_TEST_REDIS_URL is not set: run tests through jest (global setup starts redis-server)');
  return url;
}

export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export interface TestApp {
  url: string;
  deps: Deps;
  prefix: string;
  sandboxUrl: string;
  /** fetch against the API with a role's token. */
  call(method: string, path: string, options?: { role?: keyof typeof TEST_TOKENS | null; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  workers: RunningWorkers | null;
  /** The sandbox demo admin made at start (null when users already existed under the prefix). */
  demoAdmin?: { email: string; password: string } | null;
  /** The API's HTTP server (null in worker mode). */
  server: Server | null;
  /** Stop everything; `flush: false` keeps the prefix's keys (another app shares them). */
  stop(options?: { flush?: boolean }): Promise<void>;
}

/** LiveCue in one process (API + workers + embedded sandbox) on the suite's private Redis; `overrides`: e.g. an offset clock. */
export async function startTestApp(env: Record<string, string> = {}, mode: 'all' | 'api' | 'worker' = 'all', overrides: DepsOverrides = {}): Promise<TestApp> {
  const prefix = env.REDIS_PREFIX ?? uniquePrefix();
  const started = await run(mode, {
    PLATFORM_MODE: 'sandbox',
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    PORT: '0',
    HOST: '127.0.0.1',
    LIVECUE_TOKENS: Object.entries(TEST_TOKENS).map(([role, token]) => `${role}:${token}`).join(','),
    LIVECUE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    LIVECUE_RETRY_BASE_MS: '200',
    LIVECUE_LOCK_DURATION_MS: '4000',
    LIVECUE_STALLED_INTERVAL_MS: '2000',
    LIVECUE_PLATFORM_TIMEOUT_MS: '3000',
    LIVECUE_SHUTDOWN_GRACE_MS: '3000',
    LIVECUE_RATE_LIMIT_PER_MIN: '0',
    ...env,
  }, overrides);
  const url = started.api?.url ?? '';
  const call: TestApp['call'] = async (method, path, options = {}) => {
    const role = options.role === undefined ? 'admin' : options.role;
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (role) headers.authorization = `Bearer ${TEST_TOKENS[role]}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    url,
    deps: started.deps,
    prefix,
    sandboxUrl: started.deps.sandboxUrl ?? '',
    call,
    workers: started.workers,
    demoAdmin: started.people.demoAdmin,
    server: started.api?.server ?? null,
    async stop(options = {}) {
      await started.stop();
      if (options.flush !== false) await flushPrefix(prefix);
    },
  };
}

/** Delete every key of a test's prefix (store and queues). */
export async function flushPrefix(prefix: string): Promise<void> {
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  try {
    for (const pattern of [`{${prefix}}*`, `{${prefix}-*}*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

/** Poll until `check` returns a value (not undefined/false), or fail after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Registers the three platform accounts most tests use. */
export async function registerAccounts(app: TestApp): Promise<void> {
  const accounts = [
    { id: 'fb-cho-con', platform: 'facebook', name: 'Fanpage Chợ Cồn', externalId: '100000000000002', credentials: { accessToken: `fb-page-${uniquePrefix()}` } },
    { id: 'yt-sct', platform: 'youtube', name: 'YouTube Sở Công Thương', externalId: 'UCsct', credentials: { accessToken: `yt-${uniquePrefix()}`, refreshToken: `yt-r-${uniquePrefix()}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
    { id: 'tt-cho-con', platform: 'tiktok', name: 'TikTok Chợ Cồn', externalId: 'tt-open-1', credentials: { accessToken: `tt-${uniquePrefix()}`, refreshToken: `tt-r-${uniquePrefix()}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
  ];
  for (const a of accounts) {
    const res = await app.call('POST', '/v1/accounts', { body: a });
    if (res.status !== 201) throw new Error(`account ${a.id}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/**
 * One app for a test file's `describe`: started in beforeAll (with the three platform accounts of
 * `registerAccounts` when `accounts` is set), stopped in afterAll. The answer stands for that app:
 * use it in tests and hooks (before beforeAll ran, reading it throws).
 */
export function useTestApp(options: { env?: Record<string, string>; mode?: 'all' | 'api' | 'worker'; overrides?: DepsOverrides; accounts?: boolean } = {}): TestApp {
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await startTestApp(options.env, options.mode, options.overrides);
    if (options.accounts) await registerAccounts(started);
  });
  afterAll(async () => {
    await started?.stop();
  });
  return new Proxy({} as TestApp, {
    get(_target, key) {
      if (!started) throw new Error(`useTestApp: the app starts in beforeAll; read app.${String(key)} inside a test or hook`);
      return Reflect.get(started, key) as unknown;
    },
  });
}
