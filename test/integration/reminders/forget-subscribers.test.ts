import { DateTime } from 'luxon';
import { forgetEndedCampaignSubscribers } from '../../../src/channels/forget-subscribers';
import { subscribersExpireAtMs } from '../../../src/planning/subscriber-retention';
import { JOB_NAMES } from '../../../src/scheduling/job-catalog';
import { createManualClock } from '../../../src/shared/clock';
import type { ManualClock } from '../../../src/shared/clock';
import { createDeliveryId } from '../../../src/store/delivery-store';
import type { Delivery } from '../../../src/store/delivery-store';
import { registerAccounts, startTestApp, waitFor } from '../../support/app';
import type { TestApp } from '../../support/app';

const ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Subscriber contacts are deleted 30 days after the campaign ends (a daily maintenance job, on the
 * app's Clock) and at once on unsubscribe; delivery records keep their history with the address
 * masked. The host's contact is not a subscriber's and stays.
 */
describe('deleting subscriber contacts', () => {
  let app: TestApp;
  let clock: ManualClock;
  const today = DateTime.now().setZone(ZONE);

  const subscribe = async (campaignId: string, sessionId: string, contact: Record<string, string>): Promise<void> => {
    const res = await app.call('POST', `/v1/public/campaigns/${campaignId}/subscriptions`, { role: null, body: { sessionId, consent: true, ...contact } });
    expect(res.status).toBe(202);
  };
  const makeCampaign = async (id: string, endsOn: DateTime): Promise<string> => {
    const campaign = await app.call('POST', '/v1/campaigns', { role: 'organizer', body: { id, name: `Chợ ${id}`, startsOn: today.toISODate(), endsOn: endsOn.toISODate(), stages: [{ id: `${id}-main`, name: 'Sân khấu chính' }] } });
    expect(campaign.status).toBe(201);
    const session = await app.call('POST', '/v1/sessions', { role: 'organizer', body: {
      title: 'Đặc sản Chợ Cồn', startsAt: today.plus({ hours: 3 }).toISO(), durationMinutes: 30, campaignId: id, stageId: `${id}-main`,
      targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }], host: { name: 'Chị Hoa', email: 'hoa@cho.vn' },
      announceOffsets: [], reminderOffsets: ['PT1H'],
    } });
    expect([session.status, session.body.error?.code]).toEqual([201, undefined]);
    return session.body.id as string;
  };
  /** The record a worker writes when it reminds a subscriber (or the host) of the session. */
  const recordDelivery = async (sessionId: string, to: string, role: Delivery['role'], subscriberId?: string): Promise<string> => {
    const eventKey = `${sessionId}__reminder__PT1H`;
    const channel = to.includes('@') ? 'email' : 'zalo';
    const id = createDeliveryId(eventKey, channel, to);
    await app.deps.deliveries.addMany([{ id, sessionId, event: 'session.reminder', eventKey, offset: 'PT1H', channel, to, role, locale: 'vi', ...(subscriberId ? { subscriberId } : {}), state: 'sent', attempts: 1, lastError: null, sentAt: clock.nowIso(), createdAt: clock.nowIso() }]);
    return id;
  };
  const subscriberOf = async (campaignId: string, address: string) => (await app.deps.subscriptions.listOfCampaign(campaignId)).find((s) => s.address === address);

  beforeAll(async () => {
    clock = createManualClock(Date.now());
    app = await startTestApp({}, 'all', { clock });
    await registerAccounts(app);
  }, 60_000);
  afterAll(async () => {
    await app.stop();
  });

  it('deletes a campaign’s subscribers 30 days after its last day, not a moment before', async () => {
    const endsOn = today.plus({ days: 1 });
    const sessionId = await makeCampaign('cho-het-han', endsOn);
    const laterSession = await makeCampaign('cho-con-dai', today.plus({ days: 20 }));
    await subscribe('cho-het-han', sessionId, { email: 'an@khach.vn' });
    await subscribe('cho-het-han', sessionId, { phone: '0912 345 678' });
    await subscribe('cho-con-dai', laterSession, { email: 'an@khach.vn' });
    const an = await subscriberOf('cho-het-han', 'an@khach.vn');
    const toAn = await recordDelivery(sessionId, 'an@khach.vn', 'subscriber', an?.id);
    const toHost = await recordDelivery(sessionId, 'hoa@cho.vn', 'host');

    const expiresAt = subscribersExpireAtMs({ endsOn: endsOn.toISODate() ?? '', timezone: ZONE });
    expect(expiresAt).toBe(endsOn.plus({ days: 31 }).startOf('day').toMillis());
    clock.set(expiresAt - 1);
    expect(await forgetEndedCampaignSubscribers(app.deps, clock.now())).toEqual({ campaigns: [], subscriptions: 0, deliveries: 0 });
    expect(await app.deps.subscriptions.listOfCampaign('cho-het-han')).toHaveLength(2);

    // The daily job, through the maintenance queue, on the app's clock.
    clock.set(expiresAt);
    const job = await app.deps.queues.maintenance.add(JOB_NAMES.forgetSubscribers, {});
    const report = await waitFor('the forget-subscribers job', async () => {
      const done = await app.deps.queues.maintenance.getJob(job.id ?? '');
      if (done?.failedReason) throw new Error(done.failedReason);
      return done?.finishedOn ? (done.returnvalue as unknown) : undefined;
    });
    expect(report).toEqual({ campaigns: ['cho-het-han'], subscriptions: 2, deliveries: 1 });
    expect(await app.deps.subscriptions.listOfCampaign('cho-het-han')).toEqual([]);
    expect((await app.call('GET', '/v1/campaigns/cho-het-han/subscribers', { role: 'organizer' })).body.sessions[sessionId]).toBeUndefined();
    expect((await app.deps.deliveries.get(sessionId, toAn))?.to).toBe('a***@khach.vn');
    expect((await app.deps.deliveries.get(sessionId, toAn))?.state).toBe('sent');
    expect((await app.deps.deliveries.get(sessionId, toHost))?.to).toBe('hoa@cho.vn');
    // Still running (ends in 20 days): its subscriber stays.
    expect((await app.deps.subscriptions.listOfCampaign('cho-con-dai')).map((s) => s.address)).toEqual(['an@khach.vn']);
    // The address index went too: asking again is a new subscription, not a silent duplicate.
    await subscribe('cho-het-han', sessionId, { email: 'an@khach.vn' });
    expect(await app.deps.subscriptions.listOfCampaign('cho-het-han')).toHaveLength(1);
    clock.set(Date.now());
  });

  it('forgets the address in delivery records at once on unsubscribe', async () => {
    const sessionId = await makeCampaign('cho-huy', today.plus({ days: 2 }));
    await subscribe('cho-huy', sessionId, { phone: '0912 345 679' });
    const sub = await subscriberOf('cho-huy', '84912345679');
    expect(sub).toBeDefined();
    const toSub = await recordDelivery(sessionId, '84912345679', 'subscriber', sub?.id);
    const res = await fetch(`${app.url}/v1/public/unsubscribe?token=${sub?.unsubscribeToken ?? ''}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect(await app.deps.subscriptions.listOfCampaign('cho-huy')).toEqual([]);
    expect((await app.deps.deliveries.get(sessionId, toSub))?.to).toBe('849******79');
  });
});
