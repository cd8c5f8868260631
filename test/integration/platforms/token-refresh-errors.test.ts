import type { Platform } from '../../../src/domain/platform';
import type { Sandbox } from '../../../src/sandbox/server';
import { startTestApp, uniquePrefix, waitFor } from '../../support/app';
import type { TestApp } from '../../support/app';
import { startTestSandbox } from '../../support/sandbox';

interface Row {
  platform: Extract<Platform, 'tiktok' | 'youtube'>;
  /** The OAuth `error` the token endpoint answers. */
  error: string;
  status: number;
  jobState: 'failed' | 'completed';
  attempts: number;
  /** The failed job's `result.errorKind`. */
  errorKind?: string;
  /** The account's `tokenStatus` in GET /v1/accounts afterwards (`valid`: not flagged). */
  tokenStatus: 'invalid' | 'valid';
}

/**
 * A token refresh refused by TikTok's or Google's token endpoint, through the worker: each kind of
 * outcome of the OAuth tables (every row is in test/contract/{tiktok,youtube}.test.ts). A dead login
 * fails the job at once and flags the account with the reason; LiveCue's own app credentials being
 * refused fails the job without blaming the account; a Google outage is retried. The stored refresh
 * token is kept through all of it.
 */
describe('token refresh errors in the worker', () => {
  let sandbox: Sandbox;
  let app: TestApp;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    app = await startTestApp({ SANDBOX_URL: sandbox.baseUrl, LIVECUE_MAX_ATTEMPTS: '5' });
  });
  afterEach(() => {
    sandbox.faults.clear();
  });
  afterAll(async () => {
    await app.stop();
    await sandbox.close();
  });

  const rows: Row[] = [
    { platform: 'tiktok', error: 'invalid_grant', status: 400, jobState: 'failed', attempts: 1, errorKind: 'auth', tokenStatus: 'invalid' },
    { platform: 'tiktok', error: 'access_denied', status: 200, jobState: 'failed', attempts: 1, errorKind: 'auth', tokenStatus: 'invalid' },
    { platform: 'tiktok', error: 'invalid_client', status: 401, jobState: 'failed', attempts: 1, errorKind: 'invalid_request', tokenStatus: 'valid' },
    // A lost permission flags the account as well (it used to clear the flag: 'valid' with a reason).
    { platform: 'tiktok', error: 'invalid_scope', status: 400, jobState: 'failed', attempts: 1, errorKind: 'permission', tokenStatus: 'invalid' },
    // The token endpoint down before anything was posted: retried as usual, not held as a post in doubt.
    { platform: 'tiktok', error: 'temporarily_unavailable', status: 503, jobState: 'completed', attempts: 2, tokenStatus: 'valid' },
    { platform: 'youtube', error: 'invalid_grant', status: 400, jobState: 'failed', attempts: 1, errorKind: 'auth', tokenStatus: 'invalid' },
    { platform: 'youtube', error: 'invalid_client', status: 401, jobState: 'failed', attempts: 1, errorKind: 'invalid_request', tokenStatus: 'valid' },
    { platform: 'youtube', error: 'temporarily_unavailable', status: 503, jobState: 'completed', attempts: 2, tokenStatus: 'valid' },
  ];
  const tokenPath = { tiktok: '/v2/oauth/token/', youtube: '/token' } as const;
  const names = { tiktok: 'TikTok Cô Lan', youtube: 'YouTube Sở Công Thương' } as const;

  /** TikTok: the promo due in 1.5 s; YouTube: the live prepared at once. Either refreshes first (token expires in 1 min). */
  async function actionNeedingRefresh(row: Row, accountId: string): Promise<{ sessionId: string; kind: string }> {
    const res = await app.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: {
        title: 'Phiên live Chợ Cồn',
        startsAt: new Date(Date.now() + 3_600_000 + 1500).toISOString(),
        durationMinutes: 30,
        reminderOffsets: [],
        announceOffsets: row.platform === 'tiktok' ? ['PT1H'] : [],
        targets: [{ platform: row.platform, accountId }],
      },
    });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    return { sessionId: res.body.id, kind: row.platform === 'tiktok' ? 'announce' : 'prepare-live' };
  }

  it.each(rows)('$platform refresh answered $error (HTTP $status): the job is $jobState, the account $tokenStatus', async (row) => {
    const accountId = `${row.platform}-oauth-${uniquePrefix()}`;
    const refreshToken = `${row.platform}-r-${uniquePrefix()}`;
    const created = await app.call('POST', '/v1/accounts', {
      body: { id: accountId, platform: row.platform, name: names[row.platform], externalId: `ext-${accountId}`, credentials: { accessToken: `${row.platform}-${uniquePrefix()}`, refreshToken, expiresAt: new Date(Date.now() + 60_000).toISOString() } },
    });
    expect(created.status).toBe(201);
    sandbox.faults.add({ platform: row.platform, match: tokenPath[row.platform], status: row.status, body: { error: row.error, error_description: 'injected' }, times: 1 });

    const { sessionId, kind } = await actionNeedingRefresh(row, accountId);
    const job = await waitFor(`${kind} to finish`, async () => {
      const found = (await app.call('GET', `/v1/sessions/${sessionId}`)).body.jobs.find((j: any) => j.kind === kind && j.platform === row.platform);
      return ['completed', 'failed', 'skipped'].includes(found?.state) ? found : undefined;
    });
    expect(job).toMatchObject({ state: row.jobState, attempts: row.attempts });
    if (row.errorKind) expect(job.result).toEqual({ errorKind: row.errorKind, platformCode: row.error });

    const account = (await app.call('GET', '/v1/accounts')).body.items.find((a: any) => a.id === accountId);
    if (row.tokenStatus === 'valid') {
      expect(account).toMatchObject({ tokenStatus: 'valid', tokenStatusReason: null });
    } else {
      expect(account).toMatchObject({ tokenStatus: row.tokenStatus, tokenStatusReason: job.lastError });
      expect(account.tokenStatusReason).toContain(names[row.platform]);
    }

    // A failed refresh saves nothing, and Google sends no new refresh token back; TikTok's later
    // successful refresh rotates it (stored, never emptied).
    const stored = (await app.deps.accounts.credentials(accountId))?.refreshToken;
    if (row.platform === 'tiktok' && row.jobState === 'completed') expect(stored).toMatch(/\S/);
    if (row.platform === 'tiktok' && row.jobState === 'completed') expect(stored).not.toBe(refreshToken);
    else expect(stored).toBe(refreshToken);
  }, 30_000);
});
