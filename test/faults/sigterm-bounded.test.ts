/**
 * Fault: SIGTERM when the stop cannot be clean. Proves src/lifecycle/shut-down.ts and the bounded
 * closes of workers/start-workers.ts and src/deps.ts: with Redis stopped, `npm start`, the API alone
 * and a worker alone each exit within LIVECUE_SHUTDOWN_GRACE_MS + 5 s (before, they hung until
 * killed: BullMQ's close and ioredis' quit wait for a Redis that never answers); with Redis up and a
 * platform call held back past the grace, the process still exits in time and the job runs again
 * on the next worker exactly once (the ledger finds the post the first try made).
 */
import { connect } from 'node:net';
import { findFreePort, startPrivateRedis } from '../../src/shared/private-redis';
import type { PrivateRedis } from '../../src/shared/private-redis';
import { registerAccounts, startTestApp, waitFor } from '../support/app';
import type { TestApp } from '../support/app';
import { killAndWait, spawnLiveCue } from '../support/processes';
import type { WorkerProcess } from '../support/processes';
import { startTestSandbox } from '../support/sandbox';
import type { Sandbox } from '../../src/sandbox/server';
import { createFacebookSessions, faultEnv, workerReady } from './support/fault-env';

const GRACE_MS = 3000;
const BOUND_MS = GRACE_MS + 5000;

/** Resolves with [exit code, ms from the signal to the exit]. */
async function terminate(p: WorkerProcess): Promise<[number | null, number]> {
  const at = Date.now();
  p.child.kill('SIGTERM');
  const code = await Promise.race([p.exited, new Promise<'hung'>((r) => setTimeout(() => { r('hung'); }, BOUND_MS + 5000))]);
  if (code === 'hung') {
    await killAndWait(p);
    throw new Error(`still running ${BOUND_MS + 5000} ms after SIGTERM:\n${p.output().slice(-3000)}`);
  }
  return [code, Date.now() - at];
}

async function processReady(p: WorkerProcess, mode: 'all' | 'api' | 'worker'): Promise<void> {
  if (mode === 'api') {
    await waitFor('the API to listen', () => {
      if (p.child.exitCode !== null) throw new Error(`exited early:\n${p.output().slice(-2000)}`);
      // The end of the start, not 'api listening': the start goes on (people bootstrap) after it.
      return p.output().includes('livecue started');
    }, 30_000, 50);
  } else await workerReady(p);
}

describe('SIGTERM while Redis is down', () => {
  let sandbox: Sandbox;
  const children: WorkerProcess[] = [];
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => killAndWait(c)));
    await sandbox.close();
  });

  for (const mode of ['all', 'api', 'worker'] as const) {
    it(`exits within the grace time + 5 s (${mode === 'all' ? 'API + workers' : `${mode} alone`})`, async () => {
      const redis: PrivateRedis = await startPrivateRedis({ port: await findFreePort() });
      try {
        const child = spawnLiveCue(mode, faultEnv(sandbox, { REDIS_URL: redis.url, PORT: '0', LIVECUE_SHUTDOWN_GRACE_MS: String(GRACE_MS) }));
        children.push(child);
        await processReady(child, mode);
        await redis.stop();
        // Let ioredis notice the closed connection and start its reconnect loop (the case that hung).
        await new Promise((r) => setTimeout(r, 1000));
        const [code, tookMs] = await terminate(child);
        expect(tookMs).toBeLessThan(BOUND_MS);
        expect(child.output()).toContain('shutting down');
        // 1 says something had to be cut off, and the log names it; 0 only after a clean close.
        expect([0, 1]).toContain(code);
        if (code === 1) expect(child.output()).toContain('shutdown abandoned what could not close in time');
      } finally {
        await redis.stop().catch(() => undefined);
      }
    }, 60_000);
  }
});

describe('SIGTERM while a platform call outlasts the grace time', () => {
  let sandbox: Sandbox;
  let api: TestApp;
  const children: WorkerProcess[] = [];
  let env: Record<string, string>;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    env = faultEnv(sandbox, { LIVECUE_SHUTDOWN_GRACE_MS: String(GRACE_MS), LIVECUE_PLATFORM_TIMEOUT_MS: '20000' });
    api = await startTestApp({ ...env, LOG_LEVEL: 'error' }, 'api');
    await registerAccounts(api);
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => killAndWait(c)));
    await api.stop();
    await sandbox.close();
  });

  it('exits in time, exits 1 (the job was handed back), and the next worker finishes it once', async () => {
    const first = spawnLiveCue('worker', env);
    children.push(first);
    await workerReady(first);
    sandbox.faults.add({ platform: 'facebook', method: 'POST', match: '/v23.0/100000000000002/', delayMs: 15_000, times: 1 });
    const [id] = await createFacebookSessions(api, 1, { startsInMs: 60_000, durationMs: 60_000, offsets: ['PT58S'], live: false });
    await waitFor('the post to reach Facebook', () => sandbox.state.facebook.posts.length === 1, 20_000);

    const [code, tookMs] = await terminate(first);
    expect(tookMs).toBeLessThan(BOUND_MS);
    expect(tookMs).toBeGreaterThanOrEqual(GRACE_MS - 200); // it gave the call its grace
    expect(code).toBe(1);
    expect(first.output()).toContain('grace time over: handing back running jobs');

    children.push(spawnLiveCue('worker', env));
    const job = await waitFor('the announce job to finish on the next worker', async () => {
      const s = await api.call('GET', `/v1/sessions/${id ?? ''}`);
      const j = s.body.jobs.find((x: any) => x.kind === 'announce');
      return j.state === 'completed' || j.state === 'failed' ? j : undefined;
    }, 40_000);
    expect(job.state).toBe('completed');
    expect(sandbox.state.facebook.posts).toHaveLength(1);
    expect(sandbox.requests.filter((r) => r.method === 'POST' && /\/(feed|photos)$/.test(r.path))).toHaveLength(1);
  }, 90_000);
});

describe('/readyz during a shutdown', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({}, 'api');
  });

  it('answers 503 from the moment the stop begins, on a connection still open', async () => {
    const { hostname, port } = new URL(app.url);
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString()));
    const closed = new Promise<void>((r) => socket.once('close', () => { r(); }));
    await new Promise<void>((r) => socket.once('connect', () => { r(); }));
    const arrived = new Promise<void>((r) => app.server?.once('request', () => { r(); }));
    // A request still uploading its body keeps the connection busy, so the stop cannot drop it.
    socket.write('POST /v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{');
    await arrived;
    const stopped = app.stop();
    socket.write('}GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n');
    await closed;
    await stopped;
    const answers = received.split(/(?=HTTP\/1\.1 )/);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 401/);
    expect(answers[1]).toMatch(/^HTTP\/1\.1 503/);
    expect(answers[1]).toContain('shutting down');
  });
});
