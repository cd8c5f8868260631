import { planSession } from '../../../src/planning/plan-session';
import { DEFAULT_GUARD_OFFSETS, normalizeSession } from '../../../src/planning/normalize-session';
import { isFinalGuard } from '../../../workers/processors/guard';
import { noVideoRecheckMs } from '../../../workers/processors/no-video-alert';
import { ACCOUNTS, FB, HCM, MIN_MS, START, START_MS, TT, TEN_DAYS_BEFORE_MS, YT, aDefinition, iso } from './builders';

/** The on-air guard in the plan (api.md "On-air guard"): one session-level guard per offset when a live is made. */
describe('guard actions in the plan', () => {
  const guards = (def: Parameters<typeof planSession>[0], nowMs: number) =>
    planSession(def, nowMs).filter((a) => a.kind === 'guard').map((a) => [a.key, iso(a.runAtMs), iso(a.staleAtMs), a.state]);

  it('plans a guard per offset before the start, stale at the start', () => {
    expect(guards(aDefinition({ guardOffsets: ['PT10M', 'PT3M'] }), TEN_DAYS_BEFORE_MS)).toEqual([
      ['guard__PT10M', '2024-06-07T11:50:00.000Z', START, 'pending'],
      ['guard__PT3M', '2024-06-07T11:57:00.000Z', START, 'pending'],
    ]);
  });

  it('plans none with [] or when no target makes a platform live', () => {
    expect(guards(aDefinition({ guardOffsets: [] }), TEN_DAYS_BEFORE_MS)).toEqual([]);
    expect(guards(aDefinition({ guardOffsets: ['PT10M'], targets: [TT, { ...FB, live: false }] }), TEN_DAYS_BEFORE_MS)).toEqual([]);
    expect(guards(aDefinition({ guardOffsets: ['PT10M'], targets: [YT] }), TEN_DAYS_BEFORE_MS)).toHaveLength(1);
  });

  it('skips a guard whose time has passed at planning time', () => {
    expect(guards(aDefinition({ guardOffsets: ['PT10M', 'PT3M'] }), START_MS - 5 * MIN_MS)).toEqual([
      ['guard__PT10M', '2024-06-07T11:50:00.000Z', START, 'skipped'],
      ['guard__PT3M', '2024-06-07T11:57:00.000Z', START, 'pending'],
    ]);
  });
});

describe('guardOffsets in a session body', () => {
  const input = { title: 'Chợ Cồn', startsAt: START, durationMinutes: 60, timezone: HCM, targets: [{ platform: 'facebook' as const, accountId: 'fb-sct' }] };
  const ctx = { defaultZone: HCM, accounts: ACCOUNTS, campaign: null };

  it('defaults to PT10M and PT3M, takes [] for none, keeps what it is given', () => {
    const plain = normalizeSession(input, ctx);
    expect(plain.ok && plain.definition.guardOffsets).toEqual(DEFAULT_GUARD_OFFSETS);
    expect(DEFAULT_GUARD_OFFSETS).toEqual(['PT10M', 'PT3M']);
    const none = normalizeSession({ ...input, guardOffsets: [] }, ctx);
    expect(none.ok && none.definition.guardOffsets).toEqual([]);
    const given = normalizeSession({ ...input, guardOffsets: ['PT15M', 'PT5M'] }, ctx);
    expect(given.ok && given.definition.guardOffsets).toEqual(['PT15M', 'PT5M']);
  });

  it('refuses a duration that is not one, with its path', () => {
    const bad = normalizeSession({ ...input, guardOffsets: ['ten minutes'] }, ctx);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.details.map((d) => d.path)).toEqual(['guardOffsets.0']);
    const twice = normalizeSession({ ...input, guardOffsets: ['PT10M', 'PT600S'] }, ctx);
    expect(!twice.ok && twice.details.map((d) => d.path)).toEqual(['guardOffsets.1']);
  });
});

describe('guard helpers', () => {
  it('knows the last guard before the start', () => {
    expect(isFinalGuard({ guardOffsets: ['PT10M', 'PT3M'] }, 'PT3M')).toBe(true);
    expect(isFinalGuard({ guardOffsets: ['PT10M', 'PT3M'] }, 'PT10M')).toBe(false);
    expect(isFinalGuard({ guardOffsets: [] }, 'PT3M')).toBe(false);
  });

  it('checks a go-live without video every minute for real shows, faster for short ones', () => {
    expect(noVideoRecheckMs({ startsAt: START, endsAt: iso(START_MS + 120 * MIN_MS) })).toBe(60_000);
    expect(noVideoRecheckMs({ startsAt: START, endsAt: iso(START_MS + 10 * MIN_MS) })).toBe(30_000);
    expect(noVideoRecheckMs({ startsAt: START, endsAt: iso(START_MS + 20_000) })).toBe(2000);
  });
});
