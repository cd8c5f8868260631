import { DateTime } from 'luxon';
import { startTestApp, uniquePrefix, waitFor } from '../../support/app';
import type { TestApp } from '../../support/app';

/** YouTube's quota is one budget per Google Cloud project and Pacific day (api.md, issue #16). */
const BUDGET = 10_000;
const quotaToday = (): string => DateTime.now().setZone('America/Los_Angeles').toISODate() ?? '';

async function registerChannels(app: TestApp, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = `yt-q${i}`;
    const res = await app.call('POST', '/v1/accounts', {
      body: { id, platform: 'youtube', name: `YouTube Chợ ${i}`, externalId: `UCq${i}`, credentials: { accessToken: `yt-${uniquePrefix()}`, refreshToken: `yt-r-${uniquePrefix()}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
    });
    if (res.status !== 201) throw new Error(`account ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    ids.push(id);
  }
  return ids;
}

const aLive = (title: string, accountId: string, startMs: number, durationMs: number): Record<string, unknown> => ({
  title,
  startsAt: new Date(startMs).toISOString(),
  endsAt: new Date(startMs + durationMs).toISOString(),
  targets: [{ platform: 'youtube', accountId }],
  announceOffsets: [],
  reminderOffsets: [],
});

describe('a market day planned past the YouTube quota of one project', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('runs the 80-live day as far as the quota goes: the lives that fit go live and end on time, the others are refused at planning with what to do', async () => {
    const channels = await registerChannels(app, 8);
    // Ten rounds of lives, one per channel in each round: a channel never has two lives at once.
    const baseMs = Date.now() + 15_000;
    const items = Array.from({ length: 80 }, (_, i) => aLive(`Gian hàng ${i}`, channels[i % 8]!, baseMs + Math.floor(i / 8) * 3000, 2000));
    const bulk = await app.call('POST', '/v1/sessions/bulk', { role: 'organizer', body: { atomic: false, sessions: items } });
    expect(bulk.status).toBe(200);

    // Made, started and ended today: 51 + 51 + 50 units a live (bound at the start, YouTube's auto
    // start takes it live), plus each channel's stream (50) once.
    const fit = Math.floor((BUDGET - 8 * 50) / 152);
    expect(bulk.body.created).toHaveLength(fit);
    expect(bulk.body.errors).toHaveLength(80 - fit);
    for (const [n, e] of (bulk.body.errors as any[]).entries()) {
      expect(e).toMatchObject({ index: fit + n, error: { code: 'quota_exceeded' } });
      expect(e.error.details[0].path).toBe(`${fit + n}.targets.0`);
      expect(e.error.message).toContain(`quota day ${quotaToday()}`);
      expect(e.error.message).toContain('ask Google for a quota increase');
      expect(e.error.message).toContain('YOUTUBE_DAILY_QUOTA');
      expect(e.error.message).toContain('move some lives to another day');
      expect(e.error.message).toContain('another Google Cloud project');
    }
    // An atomic request of the same day is refused whole, with the same code (422).
    const atomic = await app.call('POST', '/v1/sessions/bulk', { role: 'organizer', body: { sessions: items.slice(0, 1) } });
    expect(atomic.status).toBe(422);
    expect(atomic.body.error.code).toBe('quota_exceeded');
    const single = await app.call('POST', '/v1/sessions', { role: 'organizer', body: items[79] });
    expect(single.status).toBe(422);
    expect(single.body.error).toMatchObject({ code: 'quota_exceeded', details: [{ path: 'targets.0' }] });

    const ended = await waitFor('every accepted live to end', async () => {
      const all = await Promise.all(bulk.body.created.map(async (id: string) => (await app.call('GET', `/v1/sessions/${id}`, { role: 'viewer' })).body));
      return all.every((s: any) => s.status === 'ended') ? all : undefined;
    }, 120_000, 500);
    for (const s of ended) {
      const end = s.jobs.find((j: any) => j.kind === 'end-live' && j.platform === 'youtube');
      const go = s.jobs.find((j: any) => j.kind === 'go-live' && j.platform === 'youtube');
      expect({ go: go.state, end: end.state, lastError: end.lastError }).toEqual({ go: 'completed', end: 'completed', lastError: null });
      // On time on a loaded 2-core box: within 15 s of the planned end.
      expect(Date.parse(end.finishedAt) - Date.parse(s.endsAt)).toBeLessThan(15_000);
    }

    const state = await (await fetch(`${app.sandboxUrl}/__sandbox/state`)).json();
    expect(state.youtube.broadcasts).toHaveLength(fit);
    expect(state.youtube.broadcasts.map((b: any) => b.lifeCycleStatus)).toEqual(Array.from({ length: fit }, () => 'complete'));
    // One reusable stream per channel, never one per live (the sandbox may adopt the tokens into one channel).
    expect(state.youtube.streams.length).toBeGreaterThanOrEqual(1);
    expect(state.youtube.streams.length).toBeLessThanOrEqual(8);
    expect(state.youtube.streams.every((st: any) => st.isReusable === true)).toBe(true);
    // What the sandbox's Google project counted (the platform's side of the ledger).
    const units = Object.values(state.youtube.quotaUsed as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(units).toBeLessThanOrEqual(BUDGET);
    expect(units / fit).toBeLessThanOrEqual(152 + (8 * 50) / fit);
  }, 180_000);
});

describe('ending a live is never starved by creating the next one', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('ends the live that is on air while a new broadcast waits, when lookups have eaten the rest of the quota', async () => {
    const [channel] = await registerChannels(app, 1);
    const startMs = Date.now() + 8000;
    const onAir = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aLive('Phiên đang phát', channel!, startMs, 3000) });
    expect(onAir.status).toBe(201);
    await waitFor('the first live to be made', async () => {
      const s = (await app.call('GET', `/v1/sessions/${onAir.body.id}`)).body;
      return s.jobs.find((j: any) => j.kind === 'prepare-live').state === 'completed';
    });
    const day = quotaToday();
    const reservedKey = app.deps.keys.quotaReserved('youtube', day);
    expect(await app.deps.redis.hgetall(reservedKey)).toEqual({ [`${onAir.body.id}|${channel}|goLive`]: '51', [`${onAir.body.id}|${channel}|endLive`]: '50' });

    // The next session is planned while there is room; then unplanned lookups spend all but the reserved units.
    await app.deps.queues.youtube.pause();
    const next = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aLive('Phiên sau', channel!, Date.now() + 2 * 86_400_000, 60_000) });
    expect(next.status).toBe(201);
    await app.deps.redis.set(app.deps.keys.quotaSpent('youtube', day), String(BUDGET - 101 - 10));
    await app.deps.queues.youtube.resume();

    const waiting = await waitFor('the new broadcast to wait for the quota', async () => {
      const j = (await app.call('GET', `/v1/sessions/${next.body.id}`)).body.jobs.find((x: any) => x.kind === 'prepare-live');
      return j.lastError?.includes('kept for ending') ? j : undefined;
    });
    expect(waiting).toMatchObject({ state: 'pending', attempts: 0 });

    const ended = await waitFor('the live on air to end', async () => {
      const s = (await app.call('GET', `/v1/sessions/${onAir.body.id}`)).body;
      return s.status === 'ended' ? s : undefined;
    }, 30_000);
    const end = ended.jobs.find((j: any) => j.kind === 'end-live' && j.platform === 'youtube');
    expect(end).toMatchObject({ state: 'completed', lastError: null });
    expect(Date.parse(end.finishedAt) - Date.parse(ended.endsAt)).toBeLessThan(15_000);
    expect(Number(await app.deps.redis.get(app.deps.keys.quotaSpent('youtube', day)))).toBe(BUDGET - 10);
    expect(await app.deps.redis.hgetall(reservedKey)).toEqual({});
    const state = await (await fetch(`${app.sandboxUrl}/__sandbox/state`)).json();
    expect(state.youtube.broadcasts.map((b: any) => b.title)).toEqual(['Phiên đang phát']);
  }, 60_000);
});
