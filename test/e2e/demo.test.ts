import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { flushPrefix, testRedisUrl, uniquePrefix, waitFor } from '../support/app';

const root = join(__dirname, '..', '..');

describe('npm run demo', () => {
  let child: ChildProcess | null = null;
  let output = '';
  const prefix = uniquePrefix();

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await flushPrefix(prefix);
  }, 30_000);

  it('loads the campaign through the API and posts something within its first minute', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'demo.ts')], {
      cwd: root,
      env: { ...process.env, REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO_SOON_MINUTES: '0.4' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

    const [, api, token] = await waitFor('the demo to print its API URL', () => /API\s+(http:\/\/\S+)\s+\(token: (\S+)\)/.exec(output) ?? undefined, 60_000, 200);
    expect(output).toMatch(/accounts\s+4 connected through the sandbox's consent screens \((acc_\w+, ){3}acc_\w+\)/);
    expect(output).toMatch(/connect\s+http:\/\/127\.0\.0\.1:\d+\/v23\.0\/dialog\/oauth\?client_id=sandbox-app&/);
    expect(output).toMatch(/Chợ Cồn month\s+142 sessions imported from sessions.csv, shifted by \d+ weeks \(0 refused\)/);
    const feed = /calendar feed\s+(\S+)/.exec(output)?.[1] ?? '';
    const ics = await (await fetch(feed)).text();
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(142);
    const [, email, password] = /demo admin\s+(\S+)\s+password: (\S+)/.exec(output) ?? [];
    expect(email).toBe('admin@livecue.local');
    const signedIn = await fetch(`${api}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(signedIn.status).toBe(200);

    const get = async (path: string): Promise<any> => (await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
    const posted = await waitFor('a promo post on Facebook from the demo session', async () => {
      const list = await get('/v1/sessions?limit=5');
      const demo = list.items.find((s: { title: string }) => s.title.startsWith('Demo:'));
      const facebook = demo?.targets.find((t: { platform: string }) => t.platform === 'facebook');
      return facebook?.postIds.length > 0 ? demo : undefined;
    }, 60_000, 500);
    expect(posted.jobs.find((j: { kind: string; platform: string }) => j.kind === 'announce' && j.platform === 'facebook').state).toBe('completed');
  }, 120_000);
});
