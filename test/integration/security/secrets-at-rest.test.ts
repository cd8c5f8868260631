/**
 * Security probe finding 8: webhook secrets (in the session hash) and calendar feed keys (in the
 * campaign hash) are sealed at rest like platform credentials, and so is every backup of them;
 * deliveries are still signed with the plain secret, the feed still opens with the plain key, and
 * values stored before sealing (plain) still work — no migration.
 */
import { createEvent } from '../../../src/notify';
import { takeBackup } from '../../../src/ops/backup';
import { emitEvent } from '../../../src/scheduling/emit-event';
import { isSealed } from '../../../src/store/crypto';
import { registerAccounts, startTestApp, waitFor } from '../../support/app';
import type { TestApp } from '../../support/app';
import { startReceiver } from '../../support/webhook-receiver';
import { aSession } from '../api/builders';

const SECRET = 'whsec-probe-plain-8f2k9x';

describe('secrets at rest (probe finding 8)', () => {
  let app: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  /** The session made to look written before sealing (its plain secret is expected in a backup). */
  let legacyId = '';

  beforeAll(async () => {
    app = await startTestApp({}, 'all');
    await registerAccounts(app);
    receiver = await startReceiver(SECRET);
  });
  afterAll(async () => {
    await receiver.close();
    await app.stop();
  });

  const rawDoc = async (key: string): Promise<string> => (await app.deps.redis.hget(key, 'doc')) ?? '';
  const day = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

  async function createSessionWithHook(): Promise<string> {
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession({ notify: [{ type: 'webhook', url: receiver.url, secret: SECRET }] }) });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  /** One event to the session's first hook, delivered by the running worker; its signature as the receiver checked it. */
  async function deliverTo(sessionId: string, stableKey: string): Promise<boolean> {
    const event = createEvent({ type: 'session.reminder', sessionId, data: { probe: stableKey }, occurredAt: new Date().toISOString(), stableKey });
    await emitEvent({ redis: app.deps.redis, keys: app.deps.keys, notifyQueue: app.deps.queues.notify, retryBaseMs: 200 }, event, ['s0']);
    const got = await waitFor(`delivery of ${stableKey}`, () => receiver.events.find((e) => e.body.id === event.id));
    return got.valid;
  }

  it('keeps a webhook secret sealed in the session hash and signs deliveries with the plain secret', async () => {
    const id = await createSessionWithHook();
    const doc = await rawDoc(app.deps.keys.session(id));
    expect(doc).not.toContain(SECRET);
    const stored = JSON.parse(doc) as { notify: { secret: string }[] };
    expect(stored.notify.map((h) => isSealed(h.secret))).toEqual([true]);
    expect(await deliverTo(id, `${id}__sealed`)).toBe(true);

    // An update that leaves the hooks alone writes the sealed secret back as it is (not sealed twice).
    expect((await app.call('PATCH', `/v1/sessions/${id}`, { role: 'organizer', body: { title: 'Phiên đổi tên' } })).status).toBe(200);
    expect(await rawDoc(app.deps.keys.session(id))).toContain(stored.notify[0]?.secret ?? 'missing');
    expect(await deliverTo(id, `${id}__after-update`)).toBe(true);
  });

  it('still signs with a secret stored before sealing (plain in the hash)', async () => {
    const id = await createSessionWithHook();
    legacyId = id;
    const key = app.deps.keys.session(id);
    const legacy = JSON.parse(await rawDoc(key)) as { notify: { secret: string }[] };
    for (const h of legacy.notify) h.secret = SECRET;
    await app.deps.redis.hset(key, 'doc', JSON.stringify(legacy));
    expect(await deliverTo(id, `${id}__legacy`)).toBe(true);
  });

  it('keeps a campaign feed key sealed, serves the feed with the plain key, and reads a plain legacy key', async () => {
    const campaignId = `seal-${Date.now().toString(36)}`;
    const created = await app.call('POST', '/v1/campaigns', { role: 'organizer', body: { id: campaignId, name: 'Niêm phong', startsOn: day(1), endsOn: day(30), stages: [{ id: 'san-a', name: 'Sân A' }] } });
    expect(created.status).toBe(201);
    const feedKey = created.body.feedKey as string;
    const doc = await rawDoc(app.deps.keys.campaign(campaignId));
    expect(doc).not.toContain(feedKey);
    expect(isSealed((JSON.parse(doc) as { feedKey: string }).feedKey)).toBe(true);
    expect((await app.call('GET', `/v1/campaigns/${campaignId}`, { role: 'organizer' })).body.feedKey).toBe(feedKey);
    expect((await app.call('GET', `/v1/campaigns/${campaignId}/calendar.ics?key=${feedKey}`, { role: null })).status).toBe(200);
    expect((await app.call('GET', `/v1/campaigns/${campaignId}/calendar.ics?key=${encodeURIComponent((JSON.parse(doc) as { feedKey: string }).feedKey)}`, { role: null })).status).toBe(404);

    // Catalog replace rewrites the doc: the key stays sealed.
    expect((await app.call('PUT', `/v1/campaigns/${campaignId}/catalog`, { role: 'organizer', body: { vendors: [], products: [] } })).status).toBe(200);
    expect(await rawDoc(app.deps.keys.campaign(campaignId))).not.toContain(feedKey);

    await app.deps.redis.hset(app.deps.keys.campaign(campaignId), 'doc', JSON.stringify({ ...(JSON.parse(doc) as object), feedKey: 'legacy-plain-feed-key-123' }));
    expect((await app.call('GET', `/v1/campaigns/${campaignId}/calendar.ics?key=legacy-plain-feed-key-123`, { role: null })).status).toBe(200);
  });

  it('carries secrets and feed keys sealed into a backup', async () => {
    await createSessionWithHook();
    const campaignId = `bk-${Date.now().toString(36)}`;
    const created = await app.call('POST', '/v1/campaigns', { role: 'organizer', body: { id: campaignId, name: 'Sao lưu', startsOn: day(1), endsOn: day(30), stages: [{ id: 'san-b', name: 'Sân B' }] } });
    expect(created.status).toBe(201);
    const backup = await takeBackup(app.deps.redis, app.prefix, new Date().toISOString());
    const text = JSON.stringify(backup.keys.filter((k) => k.key !== `s:${legacyId}`));
    expect(text).toContain(campaignId);
    expect(text).toContain('hooks/livecue');
    expect(text).not.toContain(created.body.feedKey as string);
    expect(text).not.toContain(SECRET);
  });
});
