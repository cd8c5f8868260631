/**
 * `npm start` runs the compiled JavaScript: in sandbox mode on the suite's private Redis it answers
 * /healthz, no process it starts has tsx in its arguments, and SIGTERM to the node process stops
 * it cleanly. Linux only: the process tree is read from /proc.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findFreePort } from '../../../src/shared/private-redis';
import { testRedisUrl, uniquePrefix, waitFor } from '../../support/app';

const ROOT = join(__dirname, '..', '..', '..');
const BUILD_TIMEOUT_MS = 300_000;

/** Every process below `pid`, with its argv, from /proc. */
function descendantsOf(pid: number): { pid: number; argv: string[] }[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so split after the ")".
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const found: { pid: number; argv: string[] }[] = [];
  const visit = (parent: number): void => {
    for (const [child, ppid] of parentOf) {
      if (ppid !== parent) continue;
      try {
        found.push({ pid: child, argv: readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').filter(Boolean) });
      } catch {
        continue;
      }
      visit(child);
    }
  };
  visit(pid);
  return found;
}

describe('npm start (compiled)', () => {
  const prefix = uniquePrefix();

  beforeAll(() => {
    // A fresh clone builds on its first `npm start`; build here so the start below is timed alone.
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: BUILD_TIMEOUT_MS });
    if (built.status !== 0) throw new Error(`build failed:\n${built.stdout}\n${built.stderr}`);
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    const redis = new Redis(testRedisUrl());
    const keys = await redis.keys(`{${prefix}}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('answers /healthz from dist/ with no tsx in any process argv, and stops on SIGTERM', async () => {
    const port = await findFreePort();
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PLATFORM_MODE: 'sandbox',
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        PORT: String(port),
        HOST: '127.0.0.1',
        LIVECUE_TOKENS: `admin:${randomBytes(12).toString('hex')}`,
        LIVECUE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        LIVECUE_SHUTDOWN_GRACE_MS: '3000',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (d: Buffer) => (output += d.toString()));
    npm.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => { resolve(code); }));
    try {
      await waitFor('/healthz 200', async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status === 200, 60_000);
      const tree = descendantsOf(npm.pid!);
      expect(tree.filter((p) => p.argv.some((a) => a.includes('tsx')))).toEqual([]);
      const service = tree.filter((p) => p.argv.includes('dist/src/main.js'));
      expect(service.map((p) => p.argv.slice(-2))).toEqual([['dist/src/main.js', 'all']]);
      process.kill(service[0]!.pid, 'SIGTERM');
      expect(await exited).toBe(0);
    } catch (err) {
      for (const p of descendantsOf(npm.pid!)) process.kill(p.pid, 'SIGKILL');
      npm.kill('SIGKILL');
      throw new Error(`${String(err)}\n--- npm start output:\n${output.slice(-3000)}`, { cause: err });
    }
  }, 90_000);
});
