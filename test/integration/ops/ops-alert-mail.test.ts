import type { SinkMail } from '../../../src/sandbox/mail-sink';
import { startTestApp, waitFor } from '../../support/app';
import type { TestApp } from '../../support/app';

const OPS = ['truc@cho.vn', 'ops@cho.vn'];

/**
 * `LIVECUE_OPS_EMAILS`: an `ops.alert` (here: no worker has ever beaten) reaches every address over
 * a real SMTP conversation with the sandbox's sink, once per alert, also when the mail server asks
 * to try again later (451) the first time.
 */
describe('ops alerts by email', () => {
  let app: TestApp;
  const mail = async (): Promise<SinkMail[]> => (await (await fetch(`${app.sandboxUrl}/__sandbox/mail`)).json()) as SinkMail[];
  const alertMailTo = async (to: string): Promise<SinkMail[]> => (await mail()).filter((m) => m.to.includes(to) && m.subject.startsWith('[LiveCue] no_worker'));

  beforeAll(async () => {
    // A watchdog that never ticks on its own: the test runs the check, so it knows when the alert goes.
    app = await startTestApp({ LIVECUE_OPS_EMAILS: OPS.join(','), LIVECUE_WATCHDOG_EVERY_MS: '3600000' }, 'api');
  }, 60_000);
  afterAll(async () => {
    await app.stop();
  });

  it('emails the no-worker alert to every ops address, retrying a 451, and not again on the next check', async () => {
    const faults = await fetch(`${app.sandboxUrl}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ platform: 'mail', method: 'DATA', status: 451, times: 1 }) });
    expect(faults.status).toBe(201);
    const sent = await app.deps.watchdog.check(app.deps);
    expect(sent.map((a) => a.alert)).toContain('no_worker');

    const received = await waitFor('the alert mail to both ops addresses', async () => {
      const each = await Promise.all(OPS.map(alertMailTo));
      return each.every((list) => list.length === 1) ? each.map((list) => list[0]) : undefined;
    }, 20_000);
    for (const m of received) {
      expect(m?.subject).toBe('[LiveCue] no_worker: workers');
      expect(m?.text).toContain('no worker has sent a heartbeat in the last 30 s');
      expect(m?.html).toContain('<p>');
    }
    // The 451 was answered to one of the two: it was refused once, then taken.
    expect(await (await fetch(`${app.sandboxUrl}/__sandbox/faults`)).json()).toEqual([]);

    expect((await app.deps.watchdog.check(app.deps)).map((a) => a.alert)).not.toContain('no_worker');
    for (const to of OPS) expect(await alertMailTo(to)).toHaveLength(1);
  }, 60_000);
});
