import { FACEBOOK_LIVE_WINDOW_MS, hasPlatformLive, hasPlatformPosts, planSession, plannedRunAtIso } from '../../../src/planning/plan-session';
import type { PlannedAction } from '../../../src/planning/plan-session';
import { DAY_MS, END_MS, FB, HOUR_MS, MIN_MS, START, START_MS, TEN_DAYS_BEFORE_MS, TT, TWO_DAYS_BEFORE_MS, YT, aDefinition, aTarget, iso } from './builders';

/** [key, runAt, staleAt, state] — the plan in a form a reader can check against the calendar. */
const rows = (actions: PlannedAction[]): [string, string, string, string][] =>
  actions.map((a) => [a.key, iso(a.runAtMs), iso(a.staleAtMs), a.state]);

const find = (actions: PlannedAction[], key: string): PlannedAction => {
  const action = actions.find((a) => a.key === key);
  if (!action) throw new Error(`no action ${key} in ${actions.map((a) => a.key).join(', ')}`);
  return action;
};

describe('planSession', () => {
  it('plans every action of a facebook + youtube + tiktok session ten days ahead, in time order', () => {
    expect(rows(planSession(aDefinition(), TEN_DAYS_BEFORE_MS))).toEqual([
      ['prepare-live__youtube__yt-sct', '2024-05-28T12:00:00.000Z', START, 'pending'],
      ['prepare-live__facebook__fb-sct', '2024-05-31T13:00:00.000Z', START, 'pending'],
      ['announce__facebook__fb-sct__P1D', '2024-06-06T12:00:00.000Z', '2024-06-06T12:30:00.000Z', 'pending'],
      ['announce__tiktok__tt-cho-con__P1D', '2024-06-06T12:00:00.000Z', '2024-06-06T12:30:00.000Z', 'pending'],
      ['announce__facebook__fb-sct__PT1H', '2024-06-07T11:00:00.000Z', '2024-06-07T11:30:00.000Z', 'pending'],
      ['announce__tiktok__tt-cho-con__PT1H', '2024-06-07T11:00:00.000Z', '2024-06-07T11:30:00.000Z', 'pending'],
      ['reminder__PT1H', '2024-06-07T11:00:00.000Z', '2024-06-07T11:15:00.000Z', 'pending'],
      ['reminder__PT10M', '2024-06-07T11:50:00.000Z', START, 'pending'],
      ['go-live', START, '2024-06-07T14:00:00.000Z', 'pending'],
      ['go-live__facebook__fb-sct', START, '2024-06-07T14:00:00.000Z', 'pending'],
      ['go-live__youtube__yt-sct', START, '2024-06-07T14:00:00.000Z', 'pending'],
      ['end-live', '2024-06-07T14:00:00.000Z', '2024-06-08T14:00:00.000Z', 'pending'],
      ['end-live__facebook__fb-sct', '2024-06-07T14:00:00.000Z', '2024-06-08T14:00:00.000Z', 'pending'],
      ['end-live__youtube__yt-sct', '2024-06-07T14:00:00.000Z', '2024-06-08T14:00:00.000Z', 'pending'],
    ]);
  });

  it('names each action by kind, platform, account and offset', () => {
    const announce = find(planSession(aDefinition(), TEN_DAYS_BEFORE_MS), 'announce__tiktok__tt-cho-con__P1D');
    expect(announce).toMatchObject({ kind: 'announce', platform: 'tiktok', accountId: 'tt-cho-con', offset: 'P1D', reason: null });
    const reminder = find(planSession(aDefinition(), TEN_DAYS_BEFORE_MS), 'reminder__PT10M');
    expect(reminder).toMatchObject({ kind: 'reminder', platform: null, accountId: null, offset: 'PT10M' });
  });

  describe('Facebook scheduled live', () => {
    it('is prepared no earlier than its window before a start ten days away', () => {
      const prepare = find(planSession(aDefinition(), TEN_DAYS_BEFORE_MS), 'prepare-live__facebook__fb-sct');
      expect(prepare.runAtMs).toBe(START_MS - FACEBOOK_LIVE_WINDOW_MS);
      expect(START_MS - prepare.runAtMs).toBeLessThan(7 * DAY_MS);
    });

    it('is prepared at once for a start two days away', () => {
      expect(find(planSession(aDefinition(), TWO_DAYS_BEFORE_MS), 'prepare-live__facebook__fb-sct').runAtMs).toBe(TWO_DAYS_BEFORE_MS);
    });

    it('is prepared at once when the start is exactly at the window edge', () => {
      const now = START_MS - FACEBOOK_LIVE_WINDOW_MS;
      expect(find(planSession(aDefinition(), now), 'prepare-live__facebook__fb-sct')).toMatchObject({ runAtMs: now, state: 'pending' });
    });
  });

  it('prepares a YouTube live at once, however far the start is', () => {
    expect(find(planSession(aDefinition(), TEN_DAYS_BEFORE_MS), 'prepare-live__youtube__yt-sct').runAtMs).toBe(TEN_DAYS_BEFORE_MS);
  });

  describe('offsets already in the past', () => {
    const now = START_MS - 3 * HOUR_MS;

    it('skips an announce whose offset has passed, naming the offset', () => {
      const announce = find(planSession(aDefinition(), now), 'announce__facebook__fb-sct__P1D');
      expect(announce.state).toBe('skipped');
      expect(announce.reason).toBe('offset P1D before the start is already in the past');
    });

    it('keeps the offsets still ahead pending', () => {
      const actions = planSession(aDefinition(), now);
      expect(find(actions, 'announce__facebook__fb-sct__PT1H').state).toBe('pending');
      expect(find(actions, 'reminder__PT1H').state).toBe('pending');
    });

    it('skips a reminder whose offset has passed, naming the offset', () => {
      const reminder = find(planSession(aDefinition(), START_MS - 30 * MIN_MS), 'reminder__PT1H');
      expect(reminder).toMatchObject({ state: 'skipped', reason: 'offset PT1H before the start is already in the past' });
    });

    it('still plans an action due exactly now', () => {
      expect(find(planSession(aDefinition(), START_MS - HOUR_MS), 'announce__tiktok__tt-cho-con__PT1H').state).toBe('pending');
    });

    it('skips a platform live that can no longer be prepared once the session has started', () => {
      const actions = planSession(aDefinition(), START_MS + MIN_MS);
      expect(find(actions, 'prepare-live__youtube__yt-sct')).toMatchObject({ state: 'skipped', reason: 'its time is already past' });
      expect(find(actions, 'go-live__youtube__yt-sct').state).toBe('pending');
      expect(find(actions, 'end-live').state).toBe('pending');
    });
  });

  describe('reminders', () => {
    it('are planned only when there are notify hooks', () => {
      const keys = planSession(aDefinition({ notify: [] }), TEN_DAYS_BEFORE_MS).map((a) => a.key);
      expect(keys.filter((k) => k.startsWith('reminder'))).toEqual([]);
    });

    it('follow the reminder offsets, not the announce offsets', () => {
      const keys = planSession(aDefinition({ reminderOffsets: ['PT30M'], announceOffsets: [] }), TEN_DAYS_BEFORE_MS).map((a) => a.key);
      expect(keys.filter((k) => k.startsWith('reminder') || k.startsWith('announce'))).toEqual(['reminder__PT30M']);
    });
  });

  describe('per platform', () => {
    it('never announces on YouTube, even when the target asks for it', () => {
      const keys = planSession(aDefinition({ targets: [aTarget('youtube', 'yt-sct', { announce: true })] }), TEN_DAYS_BEFORE_MS).map((a) => a.key);
      expect(keys.some((k) => k.startsWith('announce'))).toBe(false);
    });

    it('plans no platform live for TikTok, even with live: true (the host goes live by hand)', () => {
      const keys = planSession(aDefinition({ targets: [aTarget('tiktok', 'tt-cho-con', { live: true })] }), TEN_DAYS_BEFORE_MS).map((a) => a.key);
      expect(keys.filter((k) => k.includes('tiktok'))).toEqual(['announce__tiktok__tt-cho-con__P1D', 'announce__tiktok__tt-cho-con__PT1H']);
      expect(keys).toContain('go-live');
      expect(keys).toContain('end-live');
    });

    it('plans no live actions for a facebook target with live: false, and no posts with announce: false', () => {
      const keys = planSession(
        aDefinition({ targets: [aTarget('facebook', 'fb-sct', { live: false }), aTarget('facebook', 'fb-cho-han', { announce: false })] }),
        TEN_DAYS_BEFORE_MS,
      ).map((a) => a.key);
      expect(keys.filter((k) => k.includes('fb-sct'))).toEqual(['announce__facebook__fb-sct__P1D', 'announce__facebook__fb-sct__PT1H']);
      expect(keys.filter((k) => k.includes('fb-cho-han'))).toEqual([
        'prepare-live__facebook__fb-cho-han',
        'go-live__facebook__fb-cho-han',
        'end-live__facebook__fb-cho-han',
      ]);
    });

    it('plans for several accounts of one platform separately', () => {
      const keys = planSession(aDefinition({ targets: [FB, aTarget('facebook', 'fb-cho-han')], announceOffsets: ['P1D'] }), TEN_DAYS_BEFORE_MS).map((a) => a.key);
      expect(keys.filter((k) => k.startsWith('announce'))).toEqual(['announce__facebook__fb-cho-han__P1D', 'announce__facebook__fb-sct__P1D']);
    });
  });

  it('plans only go-live and end-live without offsets, hooks or platform lives', () => {
    const actions = planSession(aDefinition({ targets: [aTarget('tiktok', 'tt-cho-con', { announce: false })], announceOffsets: [], notify: [] }), TEN_DAYS_BEFORE_MS);
    expect(rows(actions)).toEqual([
      ['go-live', START, '2024-06-07T14:00:00.000Z', 'pending'],
      ['end-live', '2024-06-07T14:00:00.000Z', '2024-06-08T14:00:00.000Z', 'pending'],
    ]);
  });

  it('sorts by run time, then by key', () => {
    const actions = planSession(aDefinition(), TWO_DAYS_BEFORE_MS);
    const sorted = [...actions].sort((a, b) => a.runAtMs - b.runAtMs || a.key.localeCompare(b.key));
    expect(actions.map((a) => a.key)).toEqual(sorted.map((a) => a.key));
  });

  it('gives every action a distinct key', () => {
    const keys = planSession(aDefinition(), TEN_DAYS_BEFORE_MS).map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is deterministic: the same input at the same instant gives the same plan, whatever the target order', () => {
    const first = planSession(aDefinition(), TWO_DAYS_BEFORE_MS);
    expect(planSession(aDefinition(), TWO_DAYS_BEFORE_MS)).toEqual(first);
    expect(planSession(aDefinition({ targets: [TT, YT, FB] }), TWO_DAYS_BEFORE_MS)).toEqual(first);
  });

  it('does not change the definition it is given', () => {
    const def = aDefinition();
    const copy = structuredClone(def);
    planSession(def, TWO_DAYS_BEFORE_MS);
    expect(def).toEqual(copy);
  });

  it('ends every platform live at the end', () => {
    const ends = planSession(aDefinition(), TEN_DAYS_BEFORE_MS).filter((a) => a.kind === 'end-live');
    expect(ends.map((a) => a.runAtMs)).toEqual([END_MS, END_MS, END_MS]);
  });

  it('renders the run time as UTC ISO', () => {
    expect(plannedRunAtIso(find(planSession(aDefinition(), TEN_DAYS_BEFORE_MS), 'go-live'))).toBe(START);
  });
});

describe('hasPlatformLive and hasPlatformPosts', () => {
  it('give facebook both, youtube a live only, tiktok posts only', () => {
    expect([FB, YT, TT].map(hasPlatformLive)).toEqual([true, true, false]);
    expect([aTarget('tiktok', 't', { live: true })].map(hasPlatformLive)).toEqual([false]);
    expect([FB, aTarget('youtube', 'y', { announce: true }), TT].map(hasPlatformPosts)).toEqual([true, false, true]);
  });

  it('respect a target that turns them off', () => {
    expect(hasPlatformLive(aTarget('facebook', 'f', { live: false }))).toBe(false);
    expect(hasPlatformPosts(aTarget('facebook', 'f', { announce: false }))).toBe(false);
  });
});
