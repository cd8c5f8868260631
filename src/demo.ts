import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { run } from './main';
import { startPrivateRedis } from './shared/private-redis';
import type { PrivateRedis } from './shared/private-redis';
import { loadFixture, rowToSessionBody, weeksToShift } from './demo/fixture';

/**
 * `npm run demo`: LiveCue with sandbox platforms and (when REDIS_URL is not given) a private
 * redis-server, the Chợ Cồn month shifted by whole weeks so it starts soon, and three sessions in
 * the next minutes so posts, reminders and lives happen while you watch.
 */
async function main(): Promise<void> {
  let redis: PrivateRedis | null = null;
  const env: Record<string, string | undefined> = { ...process.env, PLATFORM_MODE: 'sandbox' };
  if (!env.REDIS_URL) {
    redis = await startPrivateRedis({ appendonly: true });
    env.REDIS_URL = redis.url;
    process.stdout.write(`private redis-server on ${redis.url} (data in ${redis.dir})\n`);
  }
  env.PORT ??= '8080';
  env.LIVECUE_RATE_LIMIT_PER_MIN ??= '0';
  const app = await run('all', env);
  const { deps } = app;
  const api = app.api?.url ?? '';
  const admin = deps.config.tokens.find((t) => t.role === 'admin')?.token ?? '';
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  const hooks = await startDemoReceiver();
  const fixture = loadFixture();
  for (const a of fixture.campaign.accounts) {
    await call('POST', '/v1/accounts', { id: a.key, platform: a.platform, name: a.name, externalId: a.externalId, credentials: { accessToken: `sandbox-${a.key}` } });
  }
  const weeks = weeksToShift(fixture, deps.clock.now() + 3_600_000);
  const bodies = fixture.rows.map((r) => ({ ...rowToSessionBody(fixture, r, weeks), reminderOffsets: ['PT1H', 'PT10M'], notify: [{ type: 'webhook', url: hooks.url, secret: 'demo-secret-123' }] }));
  const imported = await call('POST', '/v1/sessions/bulk', { sessions: bodies, atomic: false });
  const result = imported.body as { created?: string[]; errors?: unknown[] };

  const now = deps.clock.now();
  const soon = [3, 6, 9].map((minutes, i) => ({
    title: ['Demo: Quầy Cô Lan - Đặc sản khô', 'Demo: Mega Livestream thử sóng', 'Demo: Góc livestream chợ Hàn'][i],
    stageId: 'demo-stage',
    startsAt: new Date(now + minutes * 60_000).toISOString(),
    durationMinutes: 2,
    host: { name: 'Host demo', phone: '0905000000' },
    vendor: { name: 'Quầy Cô Lan', stall: 'A10', market: 'Chợ Cồn' },
    products: [{ name: 'Mực rim me', price: 180000 }, { name: 'Tôm khô loại 1', price: 450000 }],
    targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }, { platform: 'youtube', accountId: 'yt-sct' }, { platform: 'tiktok', accountId: 'tt-cho-con' }],
    announceOffsets: ['PT2M', 'PT1M'],
    reminderOffsets: ['PT1M'],
    notify: [{ type: 'webhook', url: hooks.url, secret: 'demo-secret-123' }],
  }));
  for (const body of soon) await call('POST', '/v1/sessions', body);

  process.stdout.write(
    [
      '',
      'LiveCue demo is running (sandbox platforms, nothing leaves this machine).',
      `  API              ${api}   (token: ${admin})`,
      `  sessions         curl -H 'Authorization: Bearer ${admin}' ${api}/v1/sessions?limit=5`,
      `  job stats        ${api}/v1/stats`,
      `  sandbox state    ${deps.sandboxUrl ?? ''}/__sandbox/state   (posts and lives on the fake platforms)`,
      `  Chợ Cồn month    ${result.created?.length ?? 0} sessions scheduled, shifted by ${weeks} weeks (${result.errors?.length ?? 0} refused)`,
      '  next minutes     3 demo sessions start in 3, 6 and 9 minutes: watch the webhook events below',
      '  stop             Ctrl-C',
      '',
    ].join('\n'),
  );

  const stop = (): void => {
    void (async () => {
      await app.stop();
      await hooks.close();
      await redis?.stop();
      process.exit(0);
    })();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Prints every webhook LiveCue sends during the demo. */
async function startDemoReceiver(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string; sessionId: string; data: { title?: string; text?: string } };
        process.stdout.write(`webhook ${event.type.padEnd(18)} ${event.sessionId}  ${event.data.title ?? ''}\n`);
      } catch {
        process.stdout.write('webhook (unreadable body)\n');
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => { resolve(); }));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/demo-hooks`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => { resolve(); });
    }),
  };
}

main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
