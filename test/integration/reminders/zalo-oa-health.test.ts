import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { runZaloCli } from '../../../src/channels/zalo/zalo-cli';
import type { Sandbox } from '../../../src/sandbox/server';
import { startTestApp, testRedisUrl, uniquePrefix } from '../../support/app';
import type { TestApp } from '../../support/app';
import { startTestSandbox } from '../../support/sandbox';

/**
 * The Zalo OA's token health: `npm run zalo -- connect` stores a pasted refresh token and exchanges
 * it at once (the sandbox's OA endpoint rotates it); `/readyz` warns when Zalo refused the OA, and
 * `status` says the same; neither ever prints a token.
 */
describe('the Zalo OA connection and its health', () => {
  let sandbox: Sandbox;
  let app: TestApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    env = { PLATFORM_MODE: 'sandbox', SANDBOX_URL: sandbox.baseUrl, REDIS_URL: testRedisUrl(), REDIS_PREFIX: uniquePrefix(), LIVECUE_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
    app = await startTestApp(env, 'api');
  }, 60_000);
  afterAll(async () => {
    await app.stop();
    await sandbox.close();
  });

  const zaloWarningsOf = async (): Promise<string[]> => ((await app.call('GET', '/readyz', { role: null })).body.warnings as string[]).filter((w) => w.includes('Zalo'));

  it('connects a pasted refresh token from standard input, and /readyz has no Zalo warning', async () => {
    const out = await runZaloCli(['connect'], env, Readable.from(['zrt-pasted-by-a-person\n']));
    expect(out).toMatch(/^connected the Zalo OA: access token valid until \d{4}-/);
    const exchange = sandbox.requests.filter((r) => r.path === '/v4/oa/access_token');
    expect(exchange.map((r) => (r.body as { refresh_token?: string }).refresh_token)).toEqual(['zrt-pasted-by-a-person']);
    const stored = await app.deps.channels.zaloTokens.read();
    expect(stored.refreshToken).toMatch(/^zrt-(?!pasted)/);
    expect(stored.refreshIssuedAtMs).not.toBeNull();
    expect(await zaloWarningsOf()).toEqual([]);
    expect(await runZaloCli(['status'], env)).toBe('Zalo OA: ok');
  });

  it('refuses a used refresh token, and /readyz and status warn until the OA is connected again', async () => {
    // The pasted token was used up by the exchange: Zalo answers -14014.
    await expect(runZaloCli(['connect', 'zrt-pasted-by-a-person'], env)).rejects.toThrow('stored the OA refresh token, but it does not work: Zalo refused the OA refresh token (error -14014)');
    const warnings = await zaloWarningsOf();
    expect(warnings).toEqual([expect.stringContaining('Zalo OA token is invalid: Zalo refused the OA refresh token (error -14014)')]);
    expect((await app.call('GET', '/readyz', { role: null })).status).not.toBe(500);
    const status = await runZaloCli(['status'], env);
    expect(status).toContain('-14014');
    expect(`${warnings.join('')}${status}`).not.toMatch(/zrt-|zoa-/);
    await runZaloCli(['connect', 'zrt-a-fresh-one'], env);
    expect(await zaloWarningsOf()).toEqual([]);
  });

  it('wants the install’s encryption key', async () => {
    await expect(runZaloCli(['connect', 'zrt-x'], { ...env, LIVECUE_ENCRYPTION_KEY: '' })).rejects.toThrow('LIVECUE_ENCRYPTION_KEY: required');
  });
});
