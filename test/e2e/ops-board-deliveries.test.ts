import type { Browser } from 'playwright-core';
import { createDeliveryId } from '../../src/store/delivery-store';
import type { Delivery } from '../../src/store/delivery-store';
import { registerAccounts, startTestApp, TEST_TOKENS } from '../support/app';
import type { TestApp } from '../support/app';
import { artifactPath, launchBrowser } from '../support/browser';

/**
 * Deliveries on the ops board: per session, its messages to people by state and each failure with
 * a masked recipient and the reason (from /v1/board, shown on /ops); never a full address.
 */
describe('messages to people on the /ops board', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp({}, 'api');
    await registerAccounts(app);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app.stop();
  });

  it('counts a session’s deliveries by state and lists the failed ones with masked recipients', async () => {
    const created = await app.call('POST', '/v1/sessions', { role: 'organizer', body: {
      title: 'Hải sản khô Chợ Cồn', startsAt: new Date(Date.now() + 2 * 3_600_000).toISOString(), durationMinutes: 60,
      targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }], host: { name: 'Chị Hoa', phone: '0905 123 456', email: 'hoa@cho.vn' },
      announceOffsets: [], reminderOffsets: ['PT1H'],
    } });
    expect(created.status).toBe(201);
    const sessionId: string = created.body.id;
    // What the worker records when it sends the reminder: one sent, one refused for good, one waiting.
    const eventKey = `${sessionId}__reminder__PT1H`;
    const nowIso = new Date().toISOString();
    const record = (channel: Delivery['channel'], to: string, state: Delivery['state'], lastError: string | null): Delivery => ({
      id: createDeliveryId(eventKey, channel, to), sessionId, event: 'session.reminder', eventKey, offset: 'PT1H', channel, to, role: 'host', locale: 'vi',
      state, attempts: state === 'pending' ? 0 : 1, lastError, sentAt: state === 'sent' ? nowIso : null, createdAt: nowIso,
    });
    await app.deps.deliveries.addMany([
      record('email', 'hoa@cho.vn', 'sent', null),
      record('zalo', '84905123456', 'failed', 'the ZNS template was rejected: check ZALO_TEMPLATE_REMINDER'),
      record('email', 'thu@cho.vn', 'pending', null),
    ]);

    const board = await app.call('GET', '/v1/board', { role: 'viewer' });
    const mine = (board.body.sessions as { id: string; deliveries: unknown }[]).find((s) => s.id === sessionId);
    expect(mine?.deliveries).toEqual({
      total: 3,
      counts: { pending: 1, sent: 1, failed: 1, skipped: 0 },
      failures: [{ channel: 'zalo', role: 'host', event: 'session.reminder', recipient: '849******56', lastError: 'the ZNS template was rejected: check ZALO_TEMPLATE_REMINDER' }],
    });
    expect(JSON.stringify(board.body)).not.toContain('hoa@cho.vn');
    expect(JSON.stringify(board.body)).not.toContain('84905123456');

    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/ops?lang=en`);
    await page.click('.token-signin summary');
    await page.fill('#token', TEST_TOKENS.viewer);
    await page.click('#token-form button[type=submit]');
    const card = page.locator(`[data-session-id="${sessionId}"]`);
    await card.locator('.deliveries').waitFor();
    expect(await card.locator('[data-delivery-state="sent"]').textContent()).toBe('1 sent');
    expect(await card.locator('[data-delivery-state="failed"]').textContent()).toBe('1 failed');
    expect(await card.locator('[data-delivery-state="pending"]').textContent()).toBe('1 pending');
    expect(await card.locator('.dlv-failures li').allTextContents()).toEqual(['zalo · host · 849******56: the ZNS template was rejected: check ZALO_TEMPLATE_REMINDER']);
    const html = await page.content();
    expect(html).not.toContain('hoa@cho.vn');
    await page.screenshot({ path: artifactPath('ops-board-deliveries.png'), fullPage: true });
    await context.close();
  }, 90_000);
});
