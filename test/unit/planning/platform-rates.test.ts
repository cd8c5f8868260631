import { addQuotaUnits, certainBurstCount, countsForRates, findBurstConflicts, findQuotaOverruns, quotaUnitsByDay } from '../../../src/planning/platform-rates';
import type { PlannedCall, QuotaLoad } from '../../../src/planning/platform-rates';
import { MIN_MS, START_MS } from './builders';

const call = (overrides: Partial<PlannedCall>): PlannedCall => ({ platform: 'facebook', accountId: 'fb-sct', kind: 'announce', atMs: START_MS, ...overrides });

/** One YouTube live: made at `madeAtMs`, on air from `startMs` for an hour. */
const youtubeLive = (accountId: string, startMs: number, madeAtMs = startMs - 2 * 3_600_000): PlannedCall[] => [
  { platform: 'youtube', accountId, kind: 'prepare-live', atMs: madeAtMs },
  { platform: 'youtube', accountId, kind: 'go-live', atMs: startMs },
  { platform: 'youtube', accountId, kind: 'end-live', atMs: startMs + 3_600_000 },
];

const emptyLoad = (budget = 10_000): QuotaLoad => ({ planned: new Map(), spent: new Map(), budgets: { youtube: budget } });

describe('bursts per account', () => {
  it('finds three promos of one Facebook page within a minute (the page pacing takes 2), and says how to spread them', () => {
    const own = [call({ atMs: START_MS })];
    const others = [call({ atMs: START_MS + 10_000 }), call({ atMs: START_MS + 40_000 })];
    expect(findBurstConflicts(own, others)).toEqual([
      { platform: 'facebook', accountId: 'fb-sct', count: 3, fromMs: START_MS, toMs: START_MS + 40_000, limit: 2, windowMs: MIN_MS, spreadWindows: 2, gapMs: 30_000 },
    ]);
  });

  it('leaves two promos a minute on a page, promos on other pages, and promos a minute apart alone', () => {
    expect(findBurstConflicts([call({})], [call({ atMs: START_MS + 30_000 })])).toEqual([]);
    expect(findBurstConflicts([call({})], [call({ accountId: 'fb-other' }), call({ accountId: 'fb-other2' })])).toEqual([]);
    expect(findBurstConflicts([call({})], [call({ atMs: START_MS + MIN_MS }), call({ atMs: START_MS + 2 * MIN_MS })])).toEqual([]);
  });

  it('counts TikTok promos against 6 a minute per creator, and never lives', () => {
    const burst = Array.from({ length: 7 }, (_, i) => call({ platform: 'tiktok', accountId: 'tt', atMs: START_MS + i * 1000 }));
    expect(findBurstConflicts(burst.slice(0, 1), burst.slice(1))).toMatchObject([{ platform: 'tiktok', count: 7, limit: 6, spreadWindows: 2 }]);
    expect(findBurstConflicts(burst.slice(0, 1), burst.slice(1, 6))).toEqual([]);
    const lives = Array.from({ length: 5 }, () => call({ kind: 'go-live' }));
    expect(findBurstConflicts(lives, [])).toEqual([]);
  });

  it('takes a crowded window (counted, not read) as a certain burst, adding its count and span to the own calls', () => {
    const crowd = { platform: 'tiktok' as const, accountId: 'tt', atMs: START_MS, count: 400, fromMs: START_MS - 50_000, toMs: START_MS + 20_000 };
    expect(findBurstConflicts([call({ platform: 'tiktok', accountId: 'tt' })], [], [crowd])).toEqual([
      { platform: 'tiktok', accountId: 'tt', count: 401, fromMs: START_MS - 50_000, toMs: START_MS + 20_000, limit: 6, windowMs: MIN_MS, spreadWindows: 67, gapMs: 10_000 },
    ]);
    // Only around the own call it was counted for, on its account, and only when the count proves a burst.
    expect(findBurstConflicts([call({ platform: 'tiktok', accountId: 'tt', atMs: START_MS + 1 })], [], [crowd])).toEqual([]);
    expect(findBurstConflicts([call({ platform: 'tiktok', accountId: 'tt2' })], [], [crowd])).toEqual([]);
    expect(findBurstConflicts([call({ platform: 'tiktok', accountId: 'tt' })], [], [{ ...crowd, count: certainBurstCount(6) - 1 }])).toEqual([]);
  });

  it('proves a burst from a count over twice the limit: one of the two windows either side holds more than the limit', () => {
    // The worst spread of 2·limit + 1 calls within a window either side of an instant still bursts.
    const limit = 6;
    const n = certainBurstCount(limit) - 1; // and the own call: 2·limit + 1
    const spread = Array.from({ length: n }, (_, i) => call({ platform: 'tiktok', accountId: 'tt', atMs: START_MS - MIN_MS + 1 + Math.floor((i * (2 * MIN_MS - 2)) / (n - 1)) }));
    expect(findBurstConflicts([call({ platform: 'tiktok', accountId: 'tt', kind: 'cancel-notice' })], spread)).toHaveLength(1);
  });

  it('indexes only what rate foresight counts: promos of burst-limited platforms, priced YouTube calls', () => {
    expect(countsForRates({ platform: 'tiktok', kind: 'announce' })).toBe(true);
    expect(countsForRates({ platform: 'facebook', kind: 'cancel-notice' })).toBe(true);
    expect(countsForRates({ platform: 'facebook', kind: 'go-live' })).toBe(false);
    expect(countsForRates({ platform: 'facebook', kind: 'guard' })).toBe(false);
    expect(countsForRates({ platform: 'youtube', kind: 'prepare-live' })).toBe(true);
    expect(countsForRates({ platform: 'youtube', kind: 'guard' })).toBe(true);
  });
});

describe('YouTube quota days', () => {
  it('counts each call on the Pacific-time day it runs, and the channel stream once per account and day', () => {
    // 19:00 in Đà Nẵng (12:00 UTC) is 05:00 the same day in Los Angeles (PDT).
    const units = quotaUnitsByDay([...youtubeLive('yt-a', START_MS), ...youtubeLive('yt-a', START_MS + 3 * 3_600_000)]);
    expect(units.get('youtube:2024-06-07')).toBe(2 * (51 + 51 + 50) + 50);
    expect(units.get('youtube:2024-06-07|yt-a')).toBe(50);
  });

  it('puts the making of a live on the day it is made, not on the day it airs', () => {
    const units = quotaUnitsByDay(youtubeLive('yt-a', START_MS + 10 * 86_400_000, START_MS));
    expect(units.get('youtube:2024-06-07')).toBe(51 + 50);
    expect(units.get('youtube:2024-06-17')).toBe(51 + 50);
  });

  it('fits 65 lives of one channel in a day of 10,000 units and refuses the 66th, with the units it needs', () => {
    const tally = new Map<string, number>();
    for (let i = 0; i < 65; i += 1) {
      const own = youtubeLive('yt-a', START_MS + i * 60_000);
      expect(findQuotaOverruns(own, { ...emptyLoad(), planned: tally })).toEqual([]);
      addQuotaUnits(tally, own);
    }
    expect(tally.get('youtube:2024-06-07')).toBe(65 * 152 + 50);
    expect(findQuotaOverruns(youtubeLive('yt-a', START_MS + 66 * 60_000), { ...emptyLoad(), planned: tally })).toEqual([
      { platform: 'youtube', day: '2024-06-07', units: 66 * 152 + 50, budget: 10_000, ownUnits: 152, livesOver: 1 },
    ]);
  });

  it('counts what today already spent and a larger budget Google granted', () => {
    const own = youtubeLive('yt-a', START_MS);
    const spent = new Map([['youtube:2024-06-07', 9_900]]);
    expect(findQuotaOverruns(own, { ...emptyLoad(), spent })).toMatchObject([{ units: 9_900 + 152 + 50, budget: 10_000 }]);
    expect(findQuotaOverruns(own, { ...emptyLoad(20_000), spent })).toEqual([]);
  });

  it('has no quota for Facebook and TikTok', () => {
    expect(findQuotaOverruns([call({ kind: 'prepare-live' }), call({ platform: 'tiktok', accountId: 'tt' })], emptyLoad(1))).toEqual([]);
  });
});
