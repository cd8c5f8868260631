import { registerAccounts, startTestApp, waitFor } from '../support/app';
import type { TestApp } from '../support/app';
import { killAndWait, spawnLiveCue } from '../support/processes';
import type { WorkerProcess } from '../support/processes';
import { startTestSandbox } from '../support/sandbox';
import type { Sandbox } from '../../src/sandbox/server';
import { faultEnv, workerReady } from './support/fault-env';

const HOST_PHONE = '84905123456';
const HOST_EMAIL = 'hoa@cho.vn';
const REMINDER_TEMPLATE = '100001';

interface DeliveryView {
  channel: string;
  offset: string | null;
  state: string;
  attempts: number;
  lastError: string | null;
}

/**
 * A worker SIGKILLed in the middle of sending a reminder on Zalo and by email (both messages have
 * reached the platform, their answers are held back): the second worker finds the ledger claim of
 * the dead attempt and does not send again, so each person has the message exactly once; the next
 * reminder goes out once on each channel from the second worker.
 */
describe('a worker killed while sending a message', () => {
  let sandbox: Sandbox;
  let api: TestApp;
  let env: Record<string, string>;
  const children: WorkerProcess[] = [];

  const zaloReminders = (): number => sandbox.state.zalo.messages.filter((m) => m.phone === HOST_PHONE && m.templateId === REMINDER_TEMPLATE).length;
  const znsCalls = (): number => sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/message/template' && (r.body as { phone?: string } | null)?.phone === HOST_PHONE).length;
  const mailReminders = (): number => sandbox.mail.mail.filter((m) => m.to.includes(HOST_EMAIL) && m.subject.startsWith('Nhắc lịch')).length;
  const deliveries = async (sessionId: string): Promise<DeliveryView[]> => (await api.call('GET', `/v1/sessions/${sessionId}/deliveries`, { role: 'organizer' })).body.items as DeliveryView[];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    env = faultEnv(sandbox);
    api = await startTestApp(env, 'api');
    await registerAccounts(api);
  }, 60_000);
  afterAll(async () => {
    for (const c of children) await killAndWait(c);
    await api.stop();
    await sandbox.close();
  });

  it('sends each reminder exactly once on Zalo and by email when the worker dies mid-send', async () => {
    // The first reminder fires ~15 s from now, the second ~75 s: room for a slow start and the kill.
    const startMs = Date.now() + 90_000;
    const created = await api.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: {
        title: 'Quầy Cô Lan - Đặc sản khô',
        startsAt: new Date(startMs).toISOString(),
        durationMinutes: 30,
        targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }],
        host: { name: 'Chị Hoa', phone: '0905 123 456', email: HOST_EMAIL },
        announceOffsets: [],
        reminderOffsets: ['PT75S', 'PT15S'],
      },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    // Zalo and the SMTP sink take the first message at once and hold their answers back 30 s.
    sandbox.faults.add({ platform: 'zalo', method: 'POST', match: '/message/template', delayMs: 30_000, times: 1 });
    sandbox.faults.add({ platform: 'mail', method: 'DATA', delayMs: 30_000, times: 1 });

    const first = spawnLiveCue('worker', env);
    children.push(first);
    await workerReady(first, 60_000);
    await waitFor('the first reminder to reach Zalo and the SMTP sink', () => zaloReminders() === 1 && mailReminders() === 1, 40_000);
    await killAndWait(first, 'SIGKILL');
    const second = spawnLiveCue('worker', env);
    children.push(second);
    await workerReady(second, 60_000);

    const firstRound = await waitFor('the first reminder deliveries to end on the second worker', async () => {
      const items = (await deliveries(id)).filter((d) => d.offset === 'PT75S');
      return items.length === 2 && items.every((d) => d.state !== 'pending') ? items : undefined;
    }, 60_000, 250);
    // The dead attempt may have arrived (it did): recorded as such, and not sent again.
    for (const d of firstRound) {
      expect(d.state).toBe('failed');
      expect(d.lastError).toContain('not sent again');
    }
    expect(zaloReminders()).toBe(1);
    expect(mailReminders()).toBe(1);

    const secondRound = await waitFor('the second reminder to be sent', async () => {
      const items = (await deliveries(id)).filter((d) => d.offset === 'PT15S');
      return items.length === 2 && items.every((d) => d.state !== 'pending') ? items : undefined;
    }, 90_000, 250);
    expect(secondRound.map((d) => [d.channel, d.state, d.attempts]).sort()).toEqual([['email', 'sent', 1], ['zalo', 'sent', 1]]);
    expect(zaloReminders()).toBe(2);
    expect(znsCalls()).toBe(2);
    expect(mailReminders()).toBe(2);
  }, 240_000);
});
