import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadDemoConfig } from '../config/entry-config';
import { run } from './main';
import { ensureConsoleBuilt } from './console-build/ensure-console-built';
import { startPrivateRedis } from './shared/private-redis';
import type { PrivateRedis } from './shared/private-redis';
import { campaignBody, catalogBody, loadFixture, shiftCsv, weeksToShift } from './demo/fixture';
import { connectDemoAccounts, retargetCsv } from './demo/connect-accounts';

/**
 * `npm run demo`: LiveCue with sandbox platforms and (when REDIS_URL is not given) a private
 * redis-server, the Chợ Cồn campaign shifted by whole weeks so it starts soon (created, catalog put,
 * sessions.csv imported through the API), and sessions in the next minutes (DEMO_SOON_MINUTES,
 * default `3,6,9`) so posts, reminders and lives happen while you watch. PORT=0 takes a free port.
 */
async function main(source: Record<string, string | undefined>): Promise<void> {
  const { soonMinutes } = loadDemoConfig(source);
  let redis: PrivateRedis | null = null;
  const env: Record<string, string | undefined> = { ...source, PLATFORM_MODE: 'sandbox' };
  if (!env.REDIS_URL) {
    redis = await startPrivateRedis({ appendonly: true });
    env.REDIS_URL = redis.url;
    process.stdout.write(`private redis-server on ${redis.url} (data in ${redis.dir})\n`);
  }
  env.PORT ??= '8080';
  env.LIVECUE_RATE_LIMIT_PER_MIN ??= '0';
  await ensureConsoleBuilt({ env: process.env, log: (line) => process.stdout.write(`${line}\n`) });
  const app = await run('all', env);
  const { deps } = app;
  const api = app.api?.url ?? '';
  const admin = deps.config.tokens.find((t) => t.role === 'admin')?.token ?? '';
  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, 'content-type': contentType },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  const hooks = await startDemoReceiver();
  const fixture = loadFixture();
  const accountIds = await connectDemoAccounts(call, fixture);
  const accountOf = (key: string): string => accountIds.get(key) ?? key;
  const weeks = weeksToShift(fixture, deps.clock.now() + 3_600_000);
  const campaignId = `${fixture.campaign.id}-w${weeks}`;
  const created = await call('POST', '/v1/campaigns', campaignBody(fixture, weeks, campaignId));
  const feedKey = (created.body as { feedKey?: string }).feedKey ?? '';
  await call('PUT', `/v1/campaigns/${campaignId}/catalog`, catalogBody(fixture));
  const imported = await call('POST', `/v1/campaigns/${campaignId}/import?atomic=false`, retargetCsv(shiftCsv(fixture.sessionsCsv, weeks, fixture.campaign.timezone), accountIds), 'text/csv');
  const result = imported.body as { created?: string[]; errors?: unknown[]; error?: { message: string } };

  for (const [i, minutes] of soonMinutes.entries()) await call('POST', '/v1/sessions', soonSession(deps.clock.now(), minutes, i, hooks.url, accountOf));
  const calendar = `${api}/v1/campaigns/${campaignId}/calendar.ics?key=${feedKey}`;
  const connectLink = (await call('POST', '/v1/connections', { platform: 'facebook' })).body as { id?: string; authorizeUrl?: string };

  process.stdout.write(
    [
      '',
      'LiveCue demo is running (sandbox platforms, nothing leaves this machine).',
      `  API              ${api}   (token: ${admin})`,
      `  accounts         ${accountIds.size} connected through the sandbox's consent screens (${[...accountIds.values()].join(', ')})`,
      `  connect          ${connectLink.authorizeUrl ?? ''}`,
      `                   (the sandbox's Facebook consent screen, valid 10 minutes: Allow, then GET ${api}/v1/connections/${connectLink.id ?? ''} lists the pages)`,
      `  sessions         curl -H 'Authorization: Bearer ${admin}' ${api}/v1/sessions?limit=5`,
      `  console          ${api}/console/campaigns/${campaignId}/calendar?view=month   (sign in as the demo admin)`,
      app.people.demoAdmin
        ? `  demo admin       ${app.people.demoAdmin.email}   password: ${app.people.demoAdmin.password}   (the console, the ops board and the job dashboard)`
        : '  demo admin       already made in this Redis (its password was printed when it was made)',
      `  ops board        ${api}/ops   (sign in with the demo admin, or the token in the token field)`,
      `  job dashboard    ${api}/admin/queues`,
      `  job stats        ${api}/v1/stats`,
      `  sandbox state    ${deps.sandboxUrl ?? ''}/__sandbox/state   (posts, lives and Zalo messages on the fake platforms)`,
      `  sandbox mail     ${deps.sandboxUrl ?? ''}/__sandbox/mail   (the emails LiveCue sent: reminders, invitations)`,
      `  campaign         ${api}/v1/campaigns/${campaignId}   coverage: ${api}/v1/campaigns/${campaignId}/coverage`,
      `  calendar feed    ${calendar}`,
      `  Chợ Cồn month    ${result.created?.length ?? 0} sessions imported from sessions.csv, shifted by ${weeks} weeks (${result.errors?.length ?? 0} refused${result.error ? `: ${result.error.message}` : ''})`,
      `  next minutes     ${soonMinutes.length} demo sessions start in ${soonMinutes.join(', ')} minutes: watch the webhook events below`,
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

const SOON_TITLES = ['Demo: Quầy Cô Lan - Đặc sản khô', 'Demo: Mega Livestream thử sóng', 'Demo: Góc livestream chợ Hàn'];

/**
 * A session starting `minutes` from now on the demo stage (outside the campaign, whose days start
 * later): promos before it (at 2 and 1 minutes, or halfway for a start under 3 minutes), a reminder,
 * the lives, and the webhooks to the demo receiver.
 */
function soonSession(nowMs: number, minutes: number, i: number, hookUrl: string, accountOf: (key: string) => string): Record<string, unknown> {
  const half = Math.max(1, Math.round((minutes * 60) / 2));
  return {
    title: SOON_TITLES[i % SOON_TITLES.length] ?? 'Demo',
    stageId: 'demo-stage',
    startsAt: new Date(nowMs + minutes * 60_000).toISOString(),
    durationMinutes: 2,
    host: { name: 'Host demo', phone: '0905000000' },
    vendor: { name: 'Quầy Cô Lan', stall: 'A10', market: 'Chợ Cồn' },
    products: [{ name: 'Mực rim me', price: 180000 }, { name: 'Tôm khô loại 1', price: 450000 }],
    targets: [{ platform: 'facebook', accountId: accountOf('fb-cho-con') }, { platform: 'youtube', accountId: accountOf('yt-sct') }, { platform: 'tiktok', accountId: accountOf('tt-cho-con') }],
    announceOffsets: minutes >= 3 ? ['PT2M', 'PT1M'] : [`PT${half}S`],
    reminderOffsets: minutes >= 3 ? ['PT1M'] : [`PT${Math.max(1, Math.round(half / 2))}S`],
    notify: [{ type: 'webhook', url: hookUrl, secret: 'demo-secret-123' }],
  };
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

main(process.env).catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
