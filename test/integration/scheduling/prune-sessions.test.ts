import { pruneSessions } from '../../../src/store/prune-sessions';
import { useTestApp } from '../../support/app';

describe('retention of past sessions', () => {
  const app = useTestApp({ mode: 'api', accounts: true });

  it('removes sessions cancelled or ended before the cutoff with their indexes, and keeps the rest', async () => {
    const body = (title: string, hours: number) => ({
      title,
      stageId: 'retention-stage',
      startsAt: new Date(Date.now() + hours * 3_600_000).toISOString(),
      durationMinutes: 60,
      targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }],
    });
    const old = (await app.call('POST', '/v1/sessions', { role: 'organizer', body: body('Phiên cũ', 2) })).body;
    const kept = (await app.call('POST', '/v1/sessions', { role: 'organizer', body: body('Phiên còn', 5) })).body;
    await app.call('POST', `/v1/sessions/${old.id}/cancel`, { role: 'organizer' });
    const { deps } = app;
    await deps.redis.hset(deps.keys.ledger(old.jobs[0].id), { state: 'done', result: '{}' });

    // Ten days later, keeping seven: the cancelled one goes, the scheduled one stays.
    const report = await pruneSessions(deps, Date.now() + 10 * 86_400_000, 7 * 86_400_000);

    expect(report.removed).toBe(1);
    expect((await app.call('GET', `/v1/sessions/${old.id}`)).status).toBe(404);
    expect((await app.call('GET', `/v1/sessions/${kept.id}`)).status).toBe(200);
    expect(await deps.redis.zscore(deps.keys.sessionsByStart, old.id)).toBeNull();
    expect(await deps.redis.exists(deps.keys.ledger(old.jobs[0].id))).toBe(0);
    const listed = (await app.call('GET', '/v1/sessions?stageId=retention-stage')).body.items.map((s: any) => s.id);
    expect(listed).toEqual([kept.id]);
  });
});
