import { randomBytes } from 'node:crypto';
import { TEST_TOKENS, testRedisUrl, uniquePrefix, waitFor } from '../../support/app';
import type { TestApp } from '../../support/app';
import { killAndWait, spawnLiveCue } from '../../support/processes';
import type { WorkerProcess } from '../../support/processes';
import type { Sandbox } from '../../../src/sandbox/server';

/**
 * The fault suite runs short by default (CI, `npm test`, `npm run test:faults`): fewer sessions and
 * fewer kills. `npm run test:faults:long` (FAULTS_LONG=1) runs the long form.
 */
export const LONG = process.env.FAULTS_LONG === '1';
export const pick = <T>(short: T, long: T): T => (LONG ? long : short);

/** Environment of LiveCue child processes (and in-process apps) of one fault test. */
export function faultEnv(sandbox: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PLATFORM_MODE: 'sandbox',
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: uniquePrefix(),
    SANDBOX_URL: sandbox.baseUrl,
    LIVECUE_TOKENS: Object.entries(TEST_TOKENS).map(([r, t]) => `${r}:${t}`).join(','),
    LIVECUE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LIVECUE_LOCK_DURATION_MS: '3000',
    LIVECUE_STALLED_INTERVAL_MS: '1000',
    LIVECUE_PLATFORM_TIMEOUT_MS: '2000',
    LIVECUE_RETRY_BASE_MS: '200',
    LIVECUE_RATE_LIMIT_PER_MIN: '0',
    LIVECUE_WORKER_CONCURRENCY: '20',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    ...extra,
  };
}

/** Resolves once a spawned worker logged that its BullMQ workers run. */
export async function workerReady(p: WorkerProcess, timeoutMs = 30_000): Promise<void> {
  await waitFor('the worker process to start its workers', () => {
    if (p.child.exitCode !== null) throw new Error(`worker exited early:\n${p.output().slice(-2000)}`);
    return p.output().includes('workers started');
  }, timeoutMs, 50);
}

/** Facebook-only sessions (a live and `offsets.length` promos each), `startsInMs` from now, staggered. */
export async function createFacebookSessions(api: TestApp, count: number, options: { startsInMs: number; durationMs: number; offsets: string[]; live?: boolean; staggerMs?: number }): Promise<string[]> {
  const ids: string[] = [];
  const base = Date.now() + options.startsInMs;
  for (let i = 0; i < count; i += 1) {
    const startMs = base + i * (options.staggerMs ?? 400);
    const res = await api.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: {
        title: `Phiên thử lỗi ${i} - Quầy hải sản khô`,
        startsAt: new Date(startMs).toISOString(),
        endsAt: new Date(startMs + options.durationMs).toISOString(),
        targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: options.live ?? true }],
        announceOffsets: options.offsets,
        reminderOffsets: [],
      },
    });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    ids.push(res.body.id as string);
  }
  return ids;
}

/** Sessions as the API shows them, once every job is finished (completed, failed, skipped, cancelled). */
export async function waitAllFinished(api: TestApp, ids: string[], timeoutMs: number): Promise<any[]> {
  let open: string[] = [];
  try {
    return await waitFor('every job of every session to finish', async () => {
      const sessions = await Promise.all(ids.map(async (id) => (await api.call('GET', `/v1/sessions/${id}`)).body));
      open = sessions.flatMap((s) => s.jobs).filter((j: any) => j.state === 'pending' || j.state === 'running').map((j: any) => `${j.id} ${j.state} attempts=${j.attempts} ${j.lastError ?? ''}`);
      return open.length === 0 ? sessions : undefined;
    }, timeoutMs, 250);
  } catch (err) {
    const queueStates = await Promise.all(open.map(async (line) => {
      const id = line.split(' ')[0] ?? '';
      for (const q of Object.values(api.deps.queues)) {
        const job = await q.getJob(id);
        if (job) return `${id}: bullmq ${await job.getState()} attemptsMade=${job.attemptsMade} stalled=${String(job.stalledCounter)} ${job.failedReason ?? ''}`;
      }
      return `${id}: no BullMQ job`;
    }));
    throw new Error(`${(err as Error).message}\nstill open:\n${open.join('\n')}\nin BullMQ:\n${queueStates.join('\n')}`, { cause: err });
  }
}

/** Ledger entries of the app's prefix (on the app's own Redis): effect key → hash. */
export async function readLedger(api: Pick<TestApp, 'deps' | 'prefix'>): Promise<Map<string, Record<string, string>>> {
  const redis = api.deps.redis;
  const out = new Map<string, Record<string, string>>();
  const base = `{${api.prefix}}:ledger:`;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${base}*`, 'COUNT', 1000);
    cursor = next;
    for (const k of keys) out.set(k.slice(base.length), await redis.hgetall(k));
  } while (cursor !== '0');
  return out;
}

/** BullMQ queues without an error listener print every reconnect attempt: the test expects them. */
export function quietQueues(api: TestApp): void {
  for (const q of Object.values(api.deps.queues)) q.on('error', () => undefined);
}

/**
 * Exactly once, checked three ways: every job completed; the sandbox holds one post per announce
 * job and one live per session, with no duplicate platform calls; and the ledger records exactly
 * those ids.
 */
export async function expectExactlyOnce(api: TestApp, sandbox: Sandbox, sessions: any[]): Promise<void> {
  const jobs = sessions.flatMap((s) => s.jobs);
  // The default on-air guards of a live session due seconds ahead are skipped at planning (their T-10/T-3 offsets are past).
  const pastGuard = (j: any): boolean => j.kind === 'guard' && j.state === 'skipped' && /already in the past/.test(j.reason ?? '');
  expect(jobs.filter((j: any) => j.state !== 'completed' && !pastGuard(j)).map((j: any) => `${j.id}: ${j.state} ${j.lastError ?? j.reason ?? ''}`)).toEqual([]);
  const announces = jobs.filter((j: any) => j.kind === 'announce');
  const prepares = jobs.filter((j: any) => j.kind === 'prepare-live');
  expect(sandbox.state.facebook.posts).toHaveLength(announces.length);
  expect(sandbox.requests.filter((r) => r.method === 'POST' && /\/(feed|photos)$/.test(r.path))).toHaveLength(announces.length);
  expect(sandbox.state.facebook.lives).toHaveLength(prepares.length);
  expect(sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/live_videos'))).toHaveLength(prepares.length);
  const ledger = await readLedger(api);
  const postIds = announces.map((j: any) => JSON.parse(ledger.get(j.id)?.result ?? '{}').postId as string);
  expect(announces.map((j: any) => ledger.get(j.id)?.state)).toEqual(announces.map(() => 'done'));
  expect([...postIds].sort()).toEqual(sandbox.state.facebook.posts.map((p) => p.id).sort());
  const liveIds = prepares.map((j: any) => JSON.parse(ledger.get(j.id)?.result ?? '{}').liveId as string);
  expect([...liveIds].sort()).toEqual(sandbox.state.facebook.lives.map((l) => l.id).sort());
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The SIGKILL-mid-call scenario: a first worker runs until the platform has the effect (its answer
 * held back by a sandbox fault), is SIGKILLed, and a second worker takes over. Resolves with the
 * session's announce job once it is final.
 */
export async function killMidCallAndRecover(options: {
  api: TestApp;
  env: Record<string, string>;
  children: WorkerProcess[];
  sessionId: string;
  what: string;
  reached: () => boolean;
  finishWithinMs: number;
}): Promise<any> {
  const first = spawnLiveCue('worker', options.env);
  options.children.push(first);
  await waitFor(options.what, options.reached, 20_000);
  await killAndWait(first, 'SIGKILL');
  options.children.push(spawnLiveCue('worker', options.env));
  return waitFor(
    'the announce job to finish on the second worker',
    async () => {
      const s = await options.api.call('GET', `/v1/sessions/${options.sessionId}`);
      const job = s.body.jobs.find((j: any) => j.kind === 'announce');
      return job.state === 'completed' || job.state === 'failed' ? job : undefined;
    },
    options.finishWithinMs,
  );
}
