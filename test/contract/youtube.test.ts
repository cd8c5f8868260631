import { randomUUID } from 'node:crypto';
import type { Credentials } from '../../src/domain/account';
import type { AccountContext, LiveResult, LiveSpec, PlatformAdapter } from '../../src/platforms/adapter';
import { sandboxEndpoints } from '../../src/platforms/endpoints';
import type { AdapterDeps } from '../../src/platforms/endpoints';
import { PlatformError } from '../../src/platforms/platform-error';
import { createYoutubeAdapter } from '../../src/platforms/youtube';
import type { Sandbox } from '../../src/sandbox/server';
import { createSystemClock } from '../../src/shared/clock';
import { createTestLogger } from '../support/logger';
import { startTestSandbox } from '../support/sandbox';

let sandbox: Sandbox;
const clock = createSystemClock();

beforeAll(async () => {
  sandbox = await startTestSandbox({ youtubeSettleMs: 100 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
});

function anAdapter(overrides: Partial<AdapterDeps> = {}, baseUrl = sandbox.baseUrl): PlatformAdapter {
  return createYoutubeAdapter(sandboxEndpoints(baseUrl).youtube, { clock, logger: createTestLogger(), timeoutMs: 5000, ...overrides });
}

interface TestAccount extends AccountContext {
  saved: Credentials[];
}

const inOneHour = (): string => new Date(clock.now() + 3_600_000).toISOString();

function anAccount(credentials: Partial<Credentials> = {}): TestAccount {
  const saved: Credentials[] = [];
  const account: TestAccount = {
    accountId: `acc_${randomUUID()}`,
    externalId: 'UC-sandbox',
    name: 'Chợ Cồn Live',
    credentials: {
      accessToken: `ya29.${randomUUID()}`,
      refreshToken: `1//${randomUUID()}`,
      expiresAt: inOneHour(),
      ...credentials,
    },
    saved,
    saveCredentials: (next) => {
      saved.push(next);
      account.credentials = next;
      return Promise.resolve();
    },
  };
  return account;
}

function aLive(overrides: Partial<LiveSpec> = {}): LiveSpec {
  const marker = `\u200b\u200c${randomUUID()}`;
  return {
    title: 'Đêm nhạc acoustic — live from Chợ Cồn',
    description: `Join us live tonight. ${marker}`,
    startsAt: new Date(clock.now() + 1500).toISOString(),
    endsAt: new Date(clock.now() + 3_600_000).toISOString(),
    marker,
    ...overrides,
  };
}

async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function platformErrorOf(promise: Promise<unknown>): Promise<PlatformError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PlatformError);
  return err as PlatformError;
}

const callsTo = (method: string, path: string) => sandbox.requests.filter((r) => r.method === method && r.path === path);
const broadcastOf = (id: string) => sandbox.state.youtube.broadcasts.find((b) => b.id === id);
/** The broadcast's status once the sandbox brought its lifecycle up to now (as on every request). */
async function settledStatusOf(id: string): Promise<string> {
  const state = (await (await fetch(`${sandbox.baseUrl}/__sandbox/state`)).json()) as { youtube: { broadcasts: { id: string; lifeCycleStatus: string }[] } };
  return state.youtube.broadcasts.find((b) => b.id === id)?.lifeCycleStatus ?? 'deleted';
}
/** Quota units the sandbox's Google project counted. */
const unitsUsed = (): number => Object.values(sandbox.state.youtube.quotaUsed).reduce((a, b) => a + b, 0);

/**
 * A broadcast as LiveCue made them before auto start: bound to the channel's stream at creation,
 * enableAutoStart false (made by createLive, then changed over YouTube's API).
 */
async function legacyLive(adapter: PlatformAdapter, account: TestAccount, spec: LiveSpec): Promise<LiveResult> {
  const live = await adapter.createLive(account, spec);
  const call = async (method: string, path: string, body?: unknown): Promise<void> => {
    const res = await fetch(`${sandbox.baseUrl}/youtube/v3/${path}`, {
      method,
      headers: { authorization: `Bearer ${account.credentials.accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  };
  await call('PUT', 'liveBroadcasts?part=contentDetails', { id: live.liveId, contentDetails: { enableAutoStart: false, enableAutoStop: true } });
  await call('POST', `liveBroadcasts/bind?id=${live.liveId}&streamId=${live.streamId ?? ''}&part=id,status`);
  return { ...live, status: 'ready' };
}

describe('YouTube adapter against the sandbox', () => {
  it('creates the channel\'s reusable stream once and a public auto-start broadcast with the marker, left unbound, with the stream\'s ingest URL', async () => {
    const spec = aLive({ title: 'x'.repeat(140) });
    const account = anAccount();
    const live = await anAdapter().createLive(account, spec);

    const broadcast = broadcastOf(live.liveId)!;
    const stream = sandbox.state.youtube.streams.find((s) => s.id === live.streamId)!;
    expect(broadcast).toMatchObject({
      lifeCycleStatus: 'created',
      boundStreamId: null,
      privacyStatus: 'public',
      selfDeclaredMadeForKids: false,
      enableAutoStart: true,
      enableAutoStop: true,
      enableMonitorStream: false,
    });
    expect(Array.from(broadcast.title)).toHaveLength(100);
    expect(broadcast.description).toContain(spec.marker);
    expect(Date.parse(broadcast.scheduledEndTime!)).toBe(Math.floor(Date.parse(spec.endsAt) / 1000) * 1000);
    expect(stream).toMatchObject({ isReusable: true, title: 'LiveCue encoder', ingestionType: 'rtmp', resolution: 'variable', frameRate: 'variable' });
    expect(live).toMatchObject({
      streamId: stream.id,
      ingestUrl: `${stream.ingestionAddress}/${stream.streamName}`,
      url: `https://www.youtube.com/watch?v=${live.liveId}`,
      status: 'created',
    });
    expect(callsTo('POST', '/youtube/v3/liveBroadcasts/bind')).toHaveLength(0);

    // The next live of the channel uses the same stream: no stream insert, 51 units (list + insert).
    const usedBefore = unitsUsed();
    const next = await anAdapter().createLive(account, aLive());
    expect(next.streamId).toBe(live.streamId);
    expect(next.ingestUrl).toBe(live.ingestUrl);
    expect(callsTo('POST', '/youtube/v3/liveStreams')).toHaveLength(1);
    expect(unitsUsed() - usedBefore).toBe(51);
  });

  it('never auto-starts an unbound broadcast, even while the encoder feeds the channel\'s stream', async () => {
    const adapter = anAdapter();
    const account = anAccount();
    const live = await adapter.createLive(account, aLive({ startsAt: new Date(clock.now() - 1000).toISOString() }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reading = await adapter.readIngest!(account, live);
    expect(reading).toMatchObject({ live: 'present', signal: 'ok' });
    expect(broadcastOf(live.liveId)).toMatchObject({ lifeCycleStatus: 'created', boundStreamId: null });
  });

  it('finds a live by the marker in its description, and nothing for an unknown marker', async () => {
    const adapter = anAdapter();
    const account = anAccount();
    const spec = aLive();
    const created = await adapter.createLive(account, spec);
    await adapter.createLive(account, aLive());

    const { unitsSpent, ...seen } = created;
    expect(unitsSpent).toBe(51 + 50);
    await expect(adapter.findLive(account, spec.marker)).resolves.toEqual(seen);
    await expect(adapter.findLive(account, 'no-such-marker')).resolves.toBeNull();
    expect(callsTo('GET', '/youtube/v3/liveBroadcasts').at(-1)?.query).toMatchObject({
      mine: 'true',
      broadcastType: 'all',
      maxResults: '50',
      part: ['id', 'snippet', 'status', 'contentDetails'],
    });
  });

  it('updates title, description and times', async () => {
    const adapter = anAdapter();
    const account = anAccount();
    const live = await adapter.createLive(account, aLive());
    const startsAt = '2030-01-02T03:04:05.000Z';
    const next = aLive({ title: 'Moved show', startsAt, endsAt: '2030-01-02T05:00:00.000Z' });
    await adapter.updateLive(account, live, next);

    expect(broadcastOf(live.liveId)).toMatchObject({ title: 'Moved show', scheduledStartTime: '2030-01-02T03:04:05Z' });
    expect(broadcastOf(live.liveId)?.description).toContain(next.marker);
  });

  it('goes live once the encoder feeds the stream (nothing bound before), ends, and deletes', async () => {
    // The encoder starts feeding at the scheduled start here (no lead time).
    await fetch(`${sandbox.baseUrl}/__sandbox/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encoderLeadSeconds: 0 }) });
    const adapter = anAdapter();
    const account = anAccount();
    const live = await adapter.createLive(account, aLive());

    const early = await platformErrorOf(adapter.goLive(account, live));
    expect(early).toMatchObject({ kind: 'unavailable', retryable: true, platformCode: 'errorStreamInactive' });
    expect(early.message).toContain('no video is arriving from the encoder yet');
    expect(broadcastOf(live.liveId)).toMatchObject({ lifeCycleStatus: 'created', boundStreamId: null });
    expect(callsTo('POST', '/youtube/v3/liveBroadcasts/bind')).toHaveLength(0);

    const started = await eventually(() => adapter.goLive(account, live));
    expect(started).toMatchObject({ liveId: live.liveId, streamId: live.streamId, ingestUrl: live.ingestUrl, status: 'liveStarting' });
    expect(broadcastOf(live.liveId)?.boundStreamId).toBe(live.streamId);
    // Retried: the bind is refused (already started) and the broadcast read says it is on air.
    const onAir = await eventually(async () => {
      const again = await adapter.goLive(account, live);
      if (again.status !== 'live') throw new Error(`still ${again.status ?? '?'}`);
      return again;
    });
    expect(onAir.status).toBe('live');
    expect(callsTo('POST', '/youtube/v3/liveBroadcasts/transition')).toHaveLength(0);

    await adapter.endLive(account, live);
    expect(broadcastOf(live.liveId)?.lifeCycleStatus).toBe('complete');
    await adapter.endLive(account, live);
    expect(callsTo('POST', '/youtube/v3/liveBroadcasts/transition')).toHaveLength(2);
    expect(broadcastOf(live.liveId)?.lifeCycleStatus).toBe('complete');
    await expect(adapter.goLive(account, live)).rejects.toMatchObject({ kind: 'conflict', retryable: false });

    await adapter.deleteLive(account, live);
    expect(sandbox.state.youtube.broadcasts).toHaveLength(0);
    expect(sandbox.state.youtube.streams).toHaveLength(1);
    await expect(adapter.deleteLive(account, live)).resolves.toBeUndefined();
  });

  it('goes live by binding the active stream, without a transition, for 51 units; ending costs 50', async () => {
    const adapter = anAdapter();
    const account = anAccount();
    // The default encoder lead: the channel's stream is fed already at the start.
    const live = await adapter.createLive(account, aLive({ startsAt: new Date(clock.now() - 1000).toISOString() }));
    sandbox.requests.length = 0;
    const before = unitsUsed();
    const started = await adapter.goLive(account, live);
    expect(unitsUsed() - before).toBe(51);
    expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /youtube/v3/liveStreams', 'POST /youtube/v3/liveBroadcasts/bind']);
    expect(started).toMatchObject({ liveId: live.liveId, streamId: live.streamId, ingestUrl: live.ingestUrl, status: 'liveStarting' });
    await eventually(async () => {
      const status = await settledStatusOf(live.liveId);
      if (status !== 'live') throw new Error(`still ${status}`);
    });
    expect(broadcastOf(live.liveId)?.actualStartTime).toBeDefined();

    sandbox.requests.length = 0;
    const beforeEnd = unitsUsed();
    await adapter.endLive(account, live);
    expect(unitsUsed() - beforeEnd).toBe(50);
    expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /youtube/v3/liveBroadcasts/transition']);
    expect(broadcastOf(live.liveId)?.lifeCycleStatus).toBe('complete');
  });

  describe('when YouTube\'s auto start is slower than the bind\'s answer, or does not come', () => {
    const setAutoStart = (autoStart: string): Promise<Response> =>
      fetch(`${sandbox.baseUrl}/__sandbox/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ youtube: { autoStart } }) });
    afterEach(async () => {
      await setAutoStart('at-bind');
    });

    it('sends the transition itself when the bind answers `ready`, and takes a start YouTube began meanwhile as done', async () => {
      expect((await setAutoStart('after-answer')).status).toBe(200);
      const adapter = anAdapter();
      const account = anAccount();
      const live = await adapter.createLive(account, aLive({ startsAt: new Date(clock.now() - 1000).toISOString() }));
      sandbox.requests.length = 0;
      const started = await adapter.goLive(account, live);
      // The bind said `ready`; by the transition YouTube was starting it (refused as redundant or invalid), then read.
      expect(sandbox.requests.map((r) => `${r.method} ${r.path}`).slice(0, 3)).toEqual(['GET /youtube/v3/liveStreams', 'POST /youtube/v3/liveBroadcasts/bind', 'POST /youtube/v3/liveBroadcasts/transition']);
      expect(['liveStarting', 'live']).toContain(started.status);
      await eventually(async () => {
        const status = await settledStatusOf(live.liveId);
        if (status !== 'live') throw new Error(`still ${status}`);
      });
    });

    it('starts the live by transition when auto start never comes, so the announced start is kept (101 units)', async () => {
      expect((await setAutoStart('off')).status).toBe(200);
      const adapter = anAdapter();
      const account = anAccount();
      const live = await adapter.createLive(account, aLive({ startsAt: new Date(clock.now() - 1000).toISOString() }));
      const before = unitsUsed();
      sandbox.requests.length = 0;
      const started = await adapter.goLive(account, live);
      expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /youtube/v3/liveStreams', 'POST /youtube/v3/liveBroadcasts/bind', 'POST /youtube/v3/liveBroadcasts/transition']);
      expect(unitsUsed() - before).toBe(101);
      expect(started.status).toBe('liveStarting');
      await eventually(async () => {
        const status = await settledStatusOf(live.liveId);
        if (status !== 'live') throw new Error(`still ${status}`);
      });
    });

    it('refuses an unknown autoStart setting with what it takes', async () => {
      const res = await setAutoStart('sometimes');
      expect(res.status).toBe(400);
    });
  });

  it('still starts a broadcast made before auto start (bound at creation, enableAutoStart false) by transition', async () => {
    const adapter = anAdapter();
    const account = anAccount();
    const live = await legacyLive(adapter, account, aLive({ startsAt: new Date(clock.now() - 1000).toISOString() }));
    expect(broadcastOf(live.liveId)).toMatchObject({ lifeCycleStatus: 'ready', boundStreamId: live.streamId, enableAutoStart: false });

    const started = await adapter.goLive(account, live);
    expect(started.status).toBe('liveStarting');
    expect(callsTo('POST', '/youtube/v3/liveBroadcasts/transition')).toHaveLength(1);
    await eventually(async () => {
      const status = await settledStatusOf(live.liveId);
      if (status !== 'live') throw new Error(`still ${status}`);
    });
    await expect(adapter.goLive(account, live)).resolves.toMatchObject({ status: 'live' });
    expect(callsTo('POST', '/youtube/v3/liveBroadcasts/transition')).toHaveLength(1);
  });

  it('leaves a broadcast that never started alone on endLive', async () => {
    const adapter = anAdapter();
    const account = anAccount();
    const live = await adapter.createLive(account, aLive({ startsAt: inOneHour(), endsAt: new Date(clock.now() + 7_200_000).toISOString() }));
    await adapter.endLive(account, live);
    expect(broadcastOf(live.liveId)).toMatchObject({ lifeCycleStatus: 'created', boundStreamId: null });
    // YouTube refused the complete (invalidTransition); the read then told it never started.
    expect(callsTo('POST', '/youtube/v3/liveBroadcasts/transition')).toHaveLength(1);
    expect(callsTo('GET', '/youtube/v3/liveBroadcasts')).toHaveLength(1);
  });

  it('treats redundantTransition as success', async () => {
    const adapter = anAdapter();
    const account = anAccount();
    const live = await legacyLive(adapter, account, aLive({ startsAt: new Date(clock.now() - 1000).toISOString() }));
    sandbox.faults.add({ platform: 'youtube', match: '/youtube/v3/liveBroadcasts/transition', status: 403, body: googleErrorBody(403, 'redundantTransition'), times: 1 });
    await expect(adapter.goLive(account, live)).resolves.toMatchObject({ liveId: live.liveId, status: 'ready' });
  });

  it('refreshes an expired access token, stores it and keeps the refresh token', async () => {
    const account = anAccount({ expiresAt: new Date(clock.now() - 60_000).toISOString() });
    const { accessToken: oldAccess, refreshToken: oldRefresh } = account.credentials;
    const callsSeenAtSave: string[][] = [];
    const save = account.saveCredentials.bind(account);
    account.saveCredentials = (next) => {
      callsSeenAtSave.push(sandbox.requests.map((r) => r.path));
      return save(next);
    };
    await anAdapter().findLive(account, 'anything');
    expect(callsSeenAtSave).toEqual([['/token']]);
    expect(callsTo('GET', '/youtube/v3/liveBroadcasts')[0]).toBeDefined();

    expect(callsTo('POST', '/token')).toHaveLength(1);
    expect(callsTo('POST', '/token')[0]?.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: oldRefresh, client_id: 'sandbox-client-id' });
    expect(account.saved).toHaveLength(1);
    const saved = account.saved[0]!;
    const issued = sandbox.tokens.list().find((t) => t.issued && t.kind === 'access');
    expect(saved.accessToken).toBe(issued?.token);
    expect(saved.accessToken).not.toBe(oldAccess);
    expect(saved.refreshToken).toBe(oldRefresh);
    expect(Date.parse(saved.expiresAt!)).toBeGreaterThan(clock.now() + 3_000_000);
  });

  it('refreshes once when no expiry is stored, so a 403 is never replayed after a refresh', async () => {
    const account = anAccount();
    delete account.credentials.expiresAt;
    await anAdapter().findLive(account, 'x');
    expect(account.saved[0]?.expiresAt).toEqual(expect.any(String));
    expect(sandbox.requests.map((r) => r.path)).toEqual(['/token', '/youtube/v3/liveBroadcasts']);
  });

  it('reports a revoked refresh token as auth, flagging the account', async () => {
    const account = anAccount({ expiresAt: new Date(clock.now() - 60_000).toISOString() });
    sandbox.tokens.check('youtube', account.credentials.refreshToken!, 'refresh');
    sandbox.tokens.setState(account.credentials.refreshToken!, 'revoked');
    const err = await platformErrorOf(anAdapter().findLive(account, 'x'));
    expect(err).toMatchObject({ kind: 'auth', platformCode: 'invalid_grant', httpStatus: 400, flagsAccount: true, retryable: false });
    expect(err.message).toContain('Chợ Cồn Live');
    expect(account.saved).toHaveLength(0);
    expect(callsTo('GET', '/youtube/v3/liveBroadcasts')).toHaveLength(0);
  });

  // Google's token endpoint `error` values (googleOauthErrorTable), then what is not in the table (by HTTP
  // status): [error (null: an HTML page), HTTP status, kind, flagsAccount, retryable].
  const oauthRows: [error: string | null, status: number, kind: PlatformError['kind'], flagsAccount: boolean, retryable: boolean][] = [
    ['invalid_grant', 400, 'auth', true, false],
    ['invalid_client', 401, 'invalid_request', false, false],
    ['unauthorized_client', 400, 'invalid_request', false, false],
    ['temporarily_unavailable', 503, 'unavailable', false, true],
    [null, 502, 'unavailable', false, true],
  ];

  it.each(oauthRows)('maps a refresh answered %p (HTTP %i) to %s without calling YouTube, keeping the stored login', async (error, status, kind, flagsAccount, retryable) => {
    sandbox.faults.add({ platform: 'youtube', match: '/token', status, body: error === null ? '<html>Bad gateway</html>' : { error, error_description: 'injected' }, times: 1 });
    const adapter = anAdapter();
    const account = anAccount({ expiresAt: new Date(clock.now() - 60_000).toISOString() });
    const { refreshToken } = account.credentials;
    const err = await platformErrorOf(adapter.findLive(account, 'x'));
    expect(err).toMatchObject({ kind, httpStatus: status, flagsAccount, retryable, operation: 'findLive', platformCode: error ?? undefined });
    expect(err.message).toContain('Chợ Cồn Live');
    expect(account.saved).toEqual([]);
    expect(callsTo('GET', '/youtube/v3/liveBroadcasts')).toHaveLength(0);
    if (!retryable) return;
    // The next attempt refreshes with the same refresh token and keeps it (Google sends none back).
    await adapter.findLive(account, 'x');
    expect(callsTo('POST', '/token').map((r) => (r.body as Record<string, unknown>).refresh_token)).toEqual([refreshToken, refreshToken]);
    expect(account.saved).toEqual([expect.objectContaining({ refreshToken })]);
  });

  it('keeps the stored refresh token when Google answers a refresh with an empty one', async () => {
    sandbox.faults.add({ platform: 'youtube', match: '/token', status: 200, body: { access_token: `ya29.${randomUUID()}`, expires_in: 3599, scope: 'https://www.googleapis.com/auth/youtube', token_type: 'Bearer', refresh_token: '' }, times: 1 });
    const account = anAccount({ expiresAt: new Date(clock.now() - 60_000).toISOString() });
    const { refreshToken } = account.credentials;
    await anAdapter().findLive(account, 'x');
    expect(account.saved).toEqual([expect.objectContaining({ refreshToken })]);
    expect(account.saved.every((c) => typeof c.refreshToken === 'string' && c.refreshToken !== '')).toBe(true);
  });

  it('reports an expired token without a refresh token as auth without calling YouTube', async () => {
    const account = anAccount({ expiresAt: new Date(clock.now() - 60_000).toISOString(), refreshToken: '' });
    await expect(anAdapter().findLive(account, 'x')).rejects.toMatchObject({ kind: 'auth' });
    expect(sandbox.requests).toHaveLength(0);
  });

  it('refreshes once on a 401 for an access token revoked early, then retries once and succeeds', async () => {
    const account = anAccount();
    const revoked = account.credentials.accessToken;
    sandbox.tokens.check('youtube', revoked);
    sandbox.tokens.setState(revoked, 'revoked');
    await expect(anAdapter().findLive(account, 'x')).resolves.toBeNull();
    expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /youtube/v3/liveBroadcasts', 'POST /token', 'GET /youtube/v3/liveBroadcasts']);
    expect(account.saved).toHaveLength(1);
    expect(account.credentials.accessToken).not.toBe(revoked);
    expect(account.credentials.refreshToken).toBeTruthy();
  });

  it('reports a 401 that outlives the refresh as auth, after one refresh and one retry only', async () => {
    sandbox.faults.add({ platform: 'youtube', match: '/youtube/v3/liveBroadcasts', status: 401, body: googleErrorBody(401, 'authError', 'global'), times: 2 });
    await expect(anAdapter().findLive(anAccount(), 'x')).rejects.toMatchObject({ kind: 'auth', platformCode: 'authError', httpStatus: 401, flagsAccount: true });
    expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /youtube/v3/liveBroadcasts', 'POST /token', 'GET /youtube/v3/liveBroadcasts']);
  });

  it('reports a 401 as auth without a refresh when LiveCue holds no refresh token', async () => {
    const account = anAccount({ refreshToken: '' });
    sandbox.tokens.check('youtube', account.credentials.accessToken);
    sandbox.tokens.setState(account.credentials.accessToken, 'revoked');
    await expect(anAdapter().findLive(account, 'x')).rejects.toMatchObject({ kind: 'auth', platformCode: 'authError', httpStatus: 401 });
    expect(sandbox.requests).toHaveLength(1);
  });

  it('does not let gaxios retry a 503 on a GET, a PUT or a token refresh', async () => {
    const adapter = anAdapter();
    const account = anAccount();
    const live = await adapter.createLive(account, aLive());
    sandbox.faults.add({ platform: 'youtube', status: 503, body: googleErrorBody(503, 'backendError'), times: 3 });
    await expect(adapter.findLive(account, 'x')).rejects.toMatchObject({ kind: 'unavailable', retryable: true });
    await expect(adapter.updateLive(account, live, aLive())).rejects.toMatchObject({ kind: 'unavailable' });
    const expired = anAccount({ expiresAt: new Date(clock.now() - 1000).toISOString() });
    await expect(adapter.findLive(expired, 'x')).rejects.toMatchObject({ kind: 'unavailable', httpStatus: 503 });
    expect(callsTo('GET', '/youtube/v3/liveBroadcasts')).toHaveLength(1);
    expect(callsTo('PUT', '/youtube/v3/liveBroadcasts')).toHaveLength(1);
    expect(callsTo('POST', '/token')).toHaveLength(1);
  });

  it('reports a slow answer as timeout and an unreachable host as unavailable', async () => {
    sandbox.faults.add({ platform: 'youtube', match: '/youtube/v3/liveBroadcasts', delayMs: 2000, times: 1 });
    await expect(anAdapter({ timeoutMs: 300 }).findLive(anAccount(), 'x')).rejects.toMatchObject({ kind: 'timeout', retryable: true });
    await expect(anAdapter({}, 'http://127.0.0.1:1').findLive(anAccount(), 'x')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(callsTo('GET', '/youtube/v3/liveBroadcasts')).toHaveLength(1);
  });

  it('has no post API', async () => {
    const adapter = anAdapter();
    expect(adapter).toMatchObject({ platform: 'youtube', canPost: false, canScheduleLive: true });
    await expect(adapter.publishPost(anAccount(), { text: 't', title: 't', marker: 'm', imageUrls: [] })).rejects.toMatchObject({ kind: 'invalid_request' });
    await expect(adapter.findPost(anAccount(), 'm')).rejects.toMatchObject({ kind: 'invalid_request' });
    await expect(adapter.getPostStatus(anAccount(), 'p')).rejects.toMatchObject({ kind: 'invalid_request' });
  });
});

function googleErrorBody(code: number, reason: string, domain = 'youtube.liveBroadcast'): unknown {
  return { error: { code, message: 'x', errors: [{ reason, domain, message: 'x' }] } };
}

describe('YouTube error table through the sandbox', () => {
  const rows: [reason: string, status: number, kind: PlatformError['kind']][] = [
    ['quotaExceeded', 403, 'quota_exhausted'],
    ['rateLimitExceeded', 403, 'rate_limited'],
    ['userRateLimitExceeded', 403, 'rate_limited'],
    ['userRequestsExceedRateLimit', 403, 'rate_limited'],
    ['liveStreamingNotEnabled', 403, 'permission'],
    ['insufficientLivePermissions', 403, 'permission'],
    ['liveBroadcastBindingNotAllowed', 403, 'conflict'],
    ['invalidTransition', 403, 'conflict'],
    ['redundantTransition', 403, 'conflict'],
    ['errorStreamInactive', 403, 'unavailable'],
    ['liveBroadcastNotFound', 404, 'not_found'],
    ['liveStreamNotFound', 404, 'not_found'],
    ['idRequired', 400, 'invalid_request'],
    ['statusRequired', 400, 'invalid_request'],
    ['titleRequired', 400, 'invalid_request'],
    ['scheduledStartTimeRequired', 400, 'invalid_request'],
    ['invalidScheduledStartTime', 400, 'invalid_request'],
    ['invalidTitle', 400, 'invalid_request'],
    ['invalidDescription', 400, 'invalid_request'],
    ['invalidValue', 400, 'invalid_request'],
    ['backendError', 500, 'unavailable'],
    ['internalError', 503, 'unavailable'],
    ['dailyLimitExceeded', 403, 'quota_exhausted'],
    ['userBroadcastsExceedLimit', 403, 'conflict'],
    ['concurrentBroadcastsExceedLimit', 403, 'rate_limited'],
    ['liveBroadcastDeletionNotAllowed', 403, 'conflict'],
    ['livePermissionBlocked', 403, 'permission'],
    ['errorExecutingTransition', 403, 'unavailable'],
    ['someReasonNewToLiveCue', 403, 'unknown'],
  ];

  it.each(rows)('%s (HTTP %d) → %s, with one request only', async (reason, status, kind) => {
    sandbox.faults.add({ platform: 'youtube', match: '/youtube/v3/liveBroadcasts', status, body: googleErrorBody(status, reason), times: 1 });
    const err = await platformErrorOf(anAdapter().findLive(anAccount(), 'x'));
    expect(err).toMatchObject({ platform: 'youtube', operation: 'findLive', kind, platformCode: reason, httpStatus: status });
    expect(err.message).toContain('Chợ Cồn Live');
    if (kind === 'rate_limited') expect(err.retryAfterMs).toBe(60_000);
    expect(err.flagsAccount).toBe(kind === 'permission');
    expect(sandbox.requests).toHaveLength(1);
  });

  it('uses Retry-After for a rate limit when YouTube sends one', async () => {
    sandbox.faults.add({ platform: 'youtube', match: '/youtube/v3/liveBroadcasts', status: 429, headers: { 'Retry-After': '7' }, body: googleErrorBody(429, 'rateLimitExceeded', 'usageLimits'), times: 1 });
    await expect(anAdapter().findLive(anAccount(), 'x')).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000 });
  });
});

describe('fake YouTube wire format', () => {
  const api = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const { token = `ya29.${randomUUID()}`, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token !== null) headers.set('Authorization', `Bearer ${token}`);
    if (rest.body !== undefined) headers.set('Content-Type', 'application/json');
    return fetch(`${sandbox.baseUrl}${path}`, { ...rest, headers });
  };

  it('wants a Bearer token and answers 401 authError in Google\'s shape', async () => {
    const res = await api('/youtube/v3/liveBroadcasts?part=id&mine=true', { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      error: {
        code: 401,
        message: expect.any(String),
        errors: [{ message: expect.any(String), domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }],
        status: 'UNAUTHENTICATED',
      },
    });
  });

  it('takes part as a comma list or repeated keys, returns only those parts, and wants one', async () => {
    const token = `ya29.${randomUUID()}`;
    const body = JSON.stringify({ snippet: { title: 'T', scheduledStartTime: inOneHour() }, status: { privacyStatus: 'unlisted' } });
    const created = (await (await api('/youtube/v3/liveBroadcasts?part=id,snippet&part=status', { method: 'POST', body, token })).json()) as Record<string, unknown>;
    expect(created).toMatchObject({ kind: 'youtube#liveBroadcast', snippet: { title: 'T' }, status: { lifeCycleStatus: 'created', privacyStatus: 'unlisted' } });
    expect(created).not.toHaveProperty('contentDetails');

    const missing = await api('/youtube/v3/liveBroadcasts?mine=true', { token });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { errors: [{ reason: 'required', location: 'part' }] } });
    const untitled = await api('/youtube/v3/liveBroadcasts?part=snippet', { method: 'POST', body: JSON.stringify({ snippet: {} }), token });
    expect(await untitled.json()).toMatchObject({ error: { code: 400, errors: [{ reason: 'titleRequired' }] } });

    const deleted = await api(`/youtube/v3/liveBroadcasts?id=${String(created.id)}`, { method: 'DELETE', token });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    const again = await api(`/youtube/v3/liveBroadcasts?id=${String(created.id)}`, { method: 'DELETE', token });
    expect(await again.json()).toMatchObject({ error: { code: 404, errors: [{ reason: 'liveBroadcastNotFound' }] } });
  });

  it('refuses a transition to live without video (errorStreamInactive) and complete before live (invalidTransition)', async () => {
    const adapter = anAdapter();
    const account = anAccount();
    const live = await legacyLive(adapter, account, aLive({ startsAt: inOneHour(), endsAt: new Date(clock.now() + 7_200_000).toISOString() }));
    const transition = (status: string) =>
      api(`/youtube/v3/liveBroadcasts/transition?id=${live.liveId}&broadcastStatus=${status}&part=status`, { method: 'POST', token: account.credentials.accessToken });
    expect(await (await transition('live')).json()).toMatchObject({ error: { code: 403, errors: [{ reason: 'errorStreamInactive' }] } });
    expect(await (await transition('complete')).json()).toMatchObject({ error: { code: 403, errors: [{ reason: 'invalidTransition' }] } });
    expect(await (await transition('testing')).json()).toMatchObject({ error: { code: 403, errors: [{ reason: 'invalidTransition' }] } });
  });

  it('issues Google-shaped tokens on refresh and invalid_grant for a revoked refresh token', async () => {
    const form = (refreshToken: string) =>
      fetch(`${sandbox.baseUrl}/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'c', client_secret: 's' }),
      });
    const ok = await form('1//fresh');
    expect(await ok.json()).toEqual({ access_token: expect.any(String), expires_in: 3599, scope: expect.any(String), token_type: 'Bearer' });
    sandbox.tokens.setState('1//fresh', 'revoked');
    const refused = await form('1//fresh');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });
});

describe('YouTube daily quota', () => {
  let small: Sandbox;
  beforeAll(async () => {
    small = await startTestSandbox({ youtubeSettleMs: 100, youtubeDailyQuota: 100 });
  });
  afterAll(async () => {
    await small.close();
  });

  it('answers quotaExceeded past the daily quota; the adapter waits until Pacific midnight', async () => {
    const adapter = anAdapter({}, small.baseUrl);
    const err = await platformErrorOf(adapter.createLive(anAccount(), aLive()));
    expect(err).toMatchObject({ kind: 'quota_exhausted', platformCode: 'quotaExceeded', httpStatus: 403, retryable: true });
    expect(err.retryAfterMs).toBeGreaterThan(0);
    expect(err.retryAfterMs).toBeLessThanOrEqual(25 * 3_600_000);
    expect(small.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /youtube/v3/liveStreams',
      'POST /youtube/v3/liveStreams',
      'POST /youtube/v3/liveBroadcasts',
    ]);
    // The list and the stream fit (51 of 100); the broadcast insert (50) does not.
    expect(Object.values(small.state.youtube.quotaUsed)).toEqual([51]);
  });

  it('counts the quota per Google project: a second channel of the project finds it spent', async () => {
    small.reset();
    const adapter = anAdapter({}, small.baseUrl);
    await platformErrorOf(adapter.createLive(anAccount(), aLive()));
    small.requests.length = 0;
    const other = await platformErrorOf(adapter.createLive(anAccount(), aLive()));
    expect(other).toMatchObject({ kind: 'quota_exhausted', platformCode: 'quotaExceeded' });
    expect(small.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /youtube/v3/liveStreams', 'POST /youtube/v3/liveBroadcasts']);
    expect(Object.keys(small.state.youtube.quotaUsed)).toEqual([expect.stringMatching(/^sandbox-project\//)]);
  });
});
