/**
 * `sessions.getPlans` on real Redis: the status and job records a full read gives, the
 * targets when asked for, for hundreds of sessions at once, with missing sessions as null in
 * their places.
 */
import { useTestApp } from '../../support/app';

describe('session store: getPlans', () => {
  const app = useTestApp({ mode: 'api', accounts: true });

  const body = (i: number) => ({
    title: `Quầy ${i}`,
    startsAt: new Date(Date.now() + 2 * 86_400_000 + i * 60_000).toISOString(),
    durationMinutes: 60,
    targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: true }],
    announceOffsets: ['P1D', 'PT1H'],
    reminderOffsets: [],
  });

  it('gives each session its status and jobs as get does, in the order asked, null for none', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await app.call('POST', '/v1/sessions', { body: body(i) });
      expect(res.status).toBe(201);
      ids.push(res.body.id as string);
    }
    const cancelled = await app.call('POST', `/v1/sessions/${ids[1]}/cancel`, { body: {} });
    expect(cancelled.status).toBe(200);

    const asked = [ids[2]!, 'ses_missing', ids[0]!, ids[1]!];
    const plans = await app.deps.sessions.getPlans(asked);
    const full = await app.deps.sessions.getMany(asked);
    expect(plans.map((p) => p?.id ?? null)).toEqual([ids[2], null, ids[0], ids[1]]);
    plans.forEach((plan, i) => {
      const session = full[i];
      if (!session) {
        expect(plan).toBeNull();
        return;
      }
      expect(plan?.status).toBe(session.status);
      const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1);
      expect([...(plan?.jobs ?? [])].sort(byKey)).toEqual([...session.jobs].sort(byKey));
    });
    expect(plans[3]?.status).toBe('cancelled');

    // The targets come from the definition, parsed when asked for.
    expect(plans[0]?.targets).toEqual(full[0]?.targets);
    expect(plans[0]?.targets[0]).toMatchObject({ platform: 'facebook', accountId: 'fb-cho-con', live: true });
  });

  it('reads hundreds of sessions at once, in the order asked', async () => {
    const ids = (await app.deps.sessions.listIds({ fromMs: 0, toMs: Infinity, limit: 10_000 })).map((x) => x.id);
    const many = Array.from({ length: 450 }, (_, i) => (i % 3 === 1 ? `ses_none_${i}` : ids[i % ids.length]!));
    const plans = await app.deps.sessions.getPlans(many);
    expect(plans).toHaveLength(450);
    plans.forEach((p, i) => {
      expect(p?.id ?? null).toBe(i % 3 === 1 ? null : many[i]);
    });
  });
});
