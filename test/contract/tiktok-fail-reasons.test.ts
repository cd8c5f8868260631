import type { AccountContext } from '../../src/platforms/adapter';
import { sandboxEndpoints } from '../../src/platforms/endpoints';
import { classifyTiktokFailReason, createTiktokAdapter } from '../../src/platforms/tiktok';
import { tiktokFailReasonTable } from '../../src/platforms/tiktok/fail-reason';
import type { Sandbox } from '../../src/sandbox/server';
import { createSystemClock } from '../../src/shared/clock';
import { createTestLogger } from '../support/logger';
import { startTestSandbox } from '../support/sandbox';

/** Every row of the fail_reason table, read from a status/fetch answer through the sandbox. */
describe('TikTok fail_reason table through the sandbox', () => {
  const clock = createSystemClock();
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });
  const account: AccountContext = { accountId: 'tt', name: 'TikTok Chợ Cồn', externalId: 'tt-1', credentials: { accessToken: 'tt-fail-reasons' }, saveCredentials: () => Promise.resolve() };

  it.each(Object.entries(tiktokFailReasonTable).map(([reason, row]) => [reason, row.kind]))('%s → %s', async (reason, kind) => {
    sandbox.faults.add({ platform: 'tiktok', match: '/v2/post/publish/status/fetch/', status: 200, times: 1, body: { data: { status: 'FAILED', fail_reason: reason, publicaly_available_post_id: [] }, error: { code: 'ok', message: '', log_id: 'l' } } });
    const adapter = createTiktokAdapter(sandboxEndpoints(sandbox.baseUrl).tiktok, { clock, logger: createTestLogger(), timeoutMs: 5000 });
    const status = await adapter.getPostStatus(account, 'p_pub_url~v2.1');
    expect(status).toEqual({ state: 'failed', failReason: reason });
    const err = classifyTiktokFailReason(status.failReason ?? '', { accountName: account.name, operation: 'getPostStatus', nowMs: clock.now() });
    expect({ kind: err.kind, platformCode: err.platformCode }).toEqual({ kind, platformCode: reason });
    expect(err.message).toContain("'TikTok Chợ Cồn'");
  });
});
