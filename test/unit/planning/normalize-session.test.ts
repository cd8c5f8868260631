import type { ErrorDetail } from '../../../src/domain/errors';
import type { SessionDefinition } from '../../../src/domain/session';
import { DEFAULT_ANNOUNCE_OFFSETS, DEFAULT_REMINDER_OFFSETS, fitsCampaignDays, normalizeSession } from '../../../src/planning/normalize-session';
import type { NormalizeResult } from '../../../src/planning/normalize-session';
import { END, HCM, START, aCampaign, aNormalizeContext, anInput, ms } from './builders';

function definitionOf(result: NormalizeResult): SessionDefinition {
  if (!result.ok) throw new Error(`expected a definition, got ${JSON.stringify(result.details)}`);
  return result.definition;
}

function detailsOf(result: NormalizeResult): ErrorDetail[] {
  if (result.ok) throw new Error('expected problems, got a definition');
  return result.details;
}

const pathsOf = (result: NormalizeResult): string[] => detailsOf(result).map((d) => d.path);

describe('normalizeSession', () => {
  describe('defaults', () => {
    const def = definitionOf(normalizeSession(anInput(), aNormalizeContext()));

    it('reads local wall times in the default zone and stores UTC instants', () => {
      expect(def).toMatchObject({ startsAt: START, endsAt: END, timezone: HCM });
    });

    it('announces a day and an hour ahead and reminds an hour and ten minutes ahead', () => {
      expect(def.announceOffsets).toEqual(['P1D', 'PT1H']);
      expect(def.reminderOffsets).toEqual(['PT1H', 'PT10M']);
      expect(DEFAULT_ANNOUNCE_OFFSETS).toEqual(['P1D', 'PT1H']);
      expect(DEFAULT_REMINDER_OFFSETS).toEqual(['PT1H', 'PT10M']);
    });

    it('writes in Vietnamese', () => {
      expect(def.locale).toBe('vi');
    });

    it('announces on facebook and tiktok, not youtube; goes live on facebook and youtube, not tiktok', () => {
      expect(def.targets).toEqual([
        { platform: 'facebook', accountId: 'fb-sct', announce: true, live: true },
        { platform: 'youtube', accountId: 'yt-sct', announce: false, live: true },
        { platform: 'tiktok', accountId: 'tt-cho-con', announce: true, live: false },
      ]);
    });

    it('fills empty lists and nulls for what was left out', () => {
      expect(def).toMatchObject({ campaignId: null, stageId: null, products: [], vendorIds: [], productIds: [], imageUrls: [], notify: [] });
      expect('description' in def).toBe(false);
      expect('host' in def).toBe(false);
      expect('text' in def).toBe(false);
    });
  });

  it('keeps what the organizer chose over the defaults', () => {
    const def = definitionOf(
      normalizeSession(
        anInput({
          targets: [
            { platform: 'facebook', accountId: 'fb-sct', announce: false, live: false },
            { platform: 'tiktok', accountId: 'tt-cho-con', live: true },
          ],
          announceOffsets: [],
          reminderOffsets: ['pt30m'],
          locale: 'en',
          timezone: 'Europe/Berlin',
        }),
        aNormalizeContext(),
      ),
    );
    expect(def.targets).toEqual([
      { platform: 'facebook', accountId: 'fb-sct', announce: false, live: false },
      { platform: 'tiktok', accountId: 'tt-cho-con', announce: true, live: true },
    ]);
    expect(def).toMatchObject({ announceOffsets: [], reminderOffsets: ['PT30M'], locale: 'en', timezone: 'Europe/Berlin', startsAt: '2024-06-07T17:00:00.000Z' });
  });

  it('copies the optional details without undefined fields', () => {
    const def = definitionOf(
      normalizeSession(
        anInput({
          description: 'Đặc sản chợ Cồn',
          host: { name: 'Chị Lan', phone: undefined },
          vendor: { name: 'Cô Ba Mực Khô', stall: 'B12', market: undefined },
          products: [{ name: 'Tré', price: undefined, url: 'https://shop.example.test/tre' }],
          text: { announce: 'Xem {title} lúc {start}', live: undefined },
          notify: [{ type: 'webhook', url: 'https://hooks.example.test/h', secret: 's3cret' }],
        }),
        aNormalizeContext(),
      ),
    );
    expect(def).toMatchObject({
      description: 'Đặc sản chợ Cồn',
      host: { name: 'Chị Lan' },
      vendor: { name: 'Cô Ba Mực Khô', stall: 'B12' },
      products: [{ name: 'Tré', url: 'https://shop.example.test/tre' }],
      text: { announce: 'Xem {title} lúc {start}' },
      notify: [{ type: 'webhook', url: 'https://hooks.example.test/h', secret: 's3cret' }],
    });
    expect(Object.keys(def.vendor ?? {})).toEqual(['name', 'stall']);
    expect(Object.keys(def.products[0] ?? {})).toEqual(['name', 'url']);
    expect(Object.keys(def.text ?? {})).toEqual(['announce']);
  });

  describe('times', () => {
    it('accepts instants with an offset', () => {
      const def = definitionOf(normalizeSession(anInput({ startsAt: '2024-06-07T19:00:00+07:00', endsAt: '2024-06-07T14:00:00Z' }), aNormalizeContext()));
      expect(def).toMatchObject({ startsAt: START, endsAt: END });
    });

    it('computes the end from durationMinutes', () => {
      const def = definitionOf(normalizeSession(anInput({ endsAt: undefined, durationMinutes: 90 }), aNormalizeContext()));
      expect(def.endsAt).toBe('2024-06-07T13:30:00.000Z');
    });

    it('wants exactly one of endsAt and durationMinutes', () => {
      expect(detailsOf(normalizeSession(anInput({ endsAt: undefined }), aNormalizeContext()))).toEqual([
        { path: 'endsAt', message: 'give exactly one of endsAt and durationMinutes' },
      ]);
      expect(detailsOf(normalizeSession(anInput({ durationMinutes: 120 }), aNormalizeContext()))).toEqual([
        { path: 'durationMinutes', message: 'give exactly one of endsAt and durationMinutes' },
      ]);
    });

    it('wants the end after the start', () => {
      expect(detailsOf(normalizeSession(anInput({ endsAt: '2024-06-07T19:00' }), aNormalizeContext()))).toEqual([{ path: 'endsAt', message: 'must be after startsAt' }]);
      expect(pathsOf(normalizeSession(anInput({ endsAt: '2024-06-07T18:00' }), aNormalizeContext()))).toEqual(['endsAt']);
    });

    it('allows 24 hours and no more', () => {
      expect(normalizeSession(anInput({ endsAt: '2024-06-08T19:00' }), aNormalizeContext()).ok).toBe(true);
      expect(normalizeSession(anInput({ endsAt: undefined, durationMinutes: 1440 }), aNormalizeContext()).ok).toBe(true);
      expect(detailsOf(normalizeSession(anInput({ endsAt: '2024-06-08T19:01' }), aNormalizeContext()))).toEqual([
        { path: 'endsAt', message: 'a session lasts at most 24 hours' },
      ]);
    });

    it('refuses a wall time skipped by daylight saving time, on its field', () => {
      const details = detailsOf(normalizeSession(anInput({ timezone: 'Europe/Berlin', startsAt: '2024-03-31T02:30', endsAt: '2024-03-31T04:00' }), aNormalizeContext()));
      expect(details).toEqual([{ path: 'startsAt', message: '2024-03-31T02:30 does not exist in Europe/Berlin (clocks skip it for daylight saving time)' }]);
    });

    it('refuses an unknown zone', () => {
      expect(detailsOf(normalizeSession(anInput({ timezone: 'Asia/Da_Nang' }), aNormalizeContext()))).toEqual([
        { path: 'timezone', message: 'unknown IANA time zone "Asia/Da_Nang" (e.g. Asia/Ho_Chi_Minh)' },
      ]);
    });

    it('still reports a malformed start and end when the zone is unknown', () => {
      expect(pathsOf(normalizeSession(anInput({ timezone: 'Asia/Da_Nang', startsAt: 'tomorrow 19h', endsAt: 'later' }), aNormalizeContext()))).toEqual([
        'timezone',
        'startsAt',
        'endsAt',
      ]);
    });

    it('refuses a malformed start', () => {
      expect(pathsOf(normalizeSession(anInput({ startsAt: '07/06/2024 19:00' }), aNormalizeContext()))).toEqual(['startsAt']);
    });
  });

  describe('targets', () => {
    it('refuses an unknown account, on its path', () => {
      const result = normalizeSession(anInput({ targets: [{ platform: 'facebook', accountId: 'fb-sct' }, { platform: 'tiktok', accountId: 'tt-nobody' }] }), aNormalizeContext());
      expect(detailsOf(result)).toEqual([{ path: 'targets.1.accountId', message: "no registered account 'tt-nobody' (POST /v1/accounts first)" }]);
    });

    it('refuses an account of another platform', () => {
      const result = normalizeSession(anInput({ targets: [{ platform: 'youtube', accountId: 'fb-sct' }] }), aNormalizeContext());
      expect(detailsOf(result)).toEqual([{ path: 'targets.0.accountId', message: "account 'fb-sct' is a facebook account, not youtube" }]);
    });

    it('refuses the same account twice', () => {
      const result = normalizeSession(
        anInput({ targets: [{ platform: 'facebook', accountId: 'fb-sct' }, { platform: 'facebook', accountId: 'fb-cho-han' }, { platform: 'facebook', accountId: 'fb-sct', live: false }] }),
        aNormalizeContext(),
      );
      expect(detailsOf(result)).toEqual([{ path: 'targets.2', message: "account 'fb-sct' is targeted twice" }]);
    });

    it('allows several accounts of one platform', () => {
      const result = normalizeSession(anInput({ targets: [{ platform: 'facebook', accountId: 'fb-sct' }, { platform: 'facebook', accountId: 'fb-cho-han' }] }), aNormalizeContext());
      expect(definitionOf(result).targets.map((t) => t.accountId)).toEqual(['fb-sct', 'fb-cho-han']);
    });

    it('refuses announce: true on youtube, and allows announce: false', () => {
      expect(pathsOf(normalizeSession(anInput({ targets: [{ platform: 'youtube', accountId: 'yt-sct', announce: true }] }), aNormalizeContext()))).toEqual([
        'targets.0.announce',
      ]);
      expect(normalizeSession(anInput({ targets: [{ platform: 'youtube', accountId: 'yt-sct', announce: false }] }), aNormalizeContext()).ok).toBe(true);
    });
  });

  describe('offsets', () => {
    it('normalizes offsets to upper case', () => {
      expect(definitionOf(normalizeSession(anInput({ announceOffsets: ['p1d', 'pt1h30m'] }), aNormalizeContext())).announceOffsets).toEqual(['P1D', 'PT1H30M']);
    });

    it('refuses a bad offset on its path', () => {
      expect(pathsOf(normalizeSession(anInput({ announceOffsets: ['P1D', 'P1M'], reminderOffsets: ['PT0M'] }), aNormalizeContext()))).toEqual([
        'announceOffsets.1',
        'reminderOffsets.0',
      ]);
    });

    it('refuses the same offset twice, however it is written (one post per offset)', () => {
      for (const offsets of [['PT1H', 'pt1h'], ['PT1H', 'PT60M'], ['P1D', 'PT24H']]) {
        const details = detailsOf(normalizeSession(anInput({ announceOffsets: offsets }), aNormalizeContext()));
        expect(details.map((d) => d.path)).toEqual(['announceOffsets.1']);
        expect(details[0]?.message).toMatch(/^duplicate offset/);
      }
    });
  });

  describe('campaign', () => {
    const withCampaign = aNormalizeContext({ campaign: aCampaign() });

    it('accepts a stage and catalog ids of the campaign, and says its days', () => {
      const result = normalizeSession(
        anInput({ campaignId: 'cmp_cho-livestream', stageId: 'mega-stage', vendorIds: ['ven_co-ba'], productIds: ['prd_muc-rim', 'prd_cha-bo'] }),
        withCampaign,
      );
      expect(result.ok && result.campaignDays).toEqual({ first: '2024-06-07', last: '2024-07-07' });
      expect(definitionOf(result)).toMatchObject({ campaignId: 'cmp_cho-livestream', stageId: 'mega-stage', vendorIds: ['ven_co-ba'], productIds: ['prd_muc-rim', 'prd_cha-bo'] });
    });

    it('has no campaign days without a campaign', () => {
      const result = normalizeSession(anInput({ stageId: 'any-stage' }), aNormalizeContext());
      expect(result.ok && result.campaignDays).toBeNull();
      expect(definitionOf(result).stageId).toBe('any-stage');
    });

    it('reads wall times in the campaign zone when the session names none', () => {
      const ctx = aNormalizeContext({ defaultZone: 'UTC', campaign: aCampaign({ timezone: HCM }) });
      expect(definitionOf(normalizeSession(anInput({ campaignId: 'cmp_cho-livestream' }), ctx)).timezone).toBe(HCM);
    });

    it('refuses a campaign that does not exist', () => {
      expect(detailsOf(normalizeSession(anInput({ campaignId: 'cmp_nowhere' }), aNormalizeContext()))).toEqual([
        { path: 'campaignId', message: "campaign 'cmp_nowhere' does not exist" },
      ]);
    });

    it('refuses a stage that is not one of the campaign stages, listing them', () => {
      expect(detailsOf(normalizeSession(anInput({ campaignId: 'cmp_cho-livestream', stageId: 'rooftop' }), withCampaign))).toEqual([
        { path: 'stageId', message: "stage 'rooftop' is not one of campaign 'cmp_cho-livestream' stages (mega-stage, booth-1)" },
      ]);
    });

    it('refuses catalog ids without a campaign', () => {
      expect(detailsOf(normalizeSession(anInput({ vendorIds: ['ven_co-ba'], productIds: ['prd_tre'] }), aNormalizeContext()))).toEqual([
        { path: 'vendorIds', message: "vendorIds name a campaign's catalog: give campaignId" },
        { path: 'productIds', message: "productIds name a campaign's catalog: give campaignId" },
      ]);
    });

    it('refuses catalog ids the campaign does not have, each on its path', () => {
      const result = normalizeSession(anInput({ campaignId: 'cmp_cho-livestream', vendorIds: ['ven_co-ba', 'ven_ghost'], productIds: ['prd_tre'] }), withCampaign);
      expect(detailsOf(result)).toEqual([
        { path: 'vendorIds.1', message: "'ven_ghost' is not in campaign 'cmp_cho-livestream' catalog" },
        { path: 'productIds.0', message: "'prd_tre' is not in campaign 'cmp_cho-livestream' catalog" },
      ]);
    });
  });

  it('reports every problem at once, each with its path', () => {
    const result = normalizeSession(
      anInput({
        campaignId: 'cmp_cho-livestream',
        stageId: 'rooftop',
        endsAt: '2024-06-07T18:00',
        vendorIds: ['ven_ghost'],
        targets: [
          { platform: 'facebook', accountId: 'fb-sct' },
          { platform: 'tiktok', accountId: 'fb-cho-han' },
          { platform: 'youtube', accountId: 'yt-sct', announce: true },
          { platform: 'facebook', accountId: 'fb-sct' },
          { platform: 'tiktok', accountId: 'tt-ghost' },
        ],
        announceOffsets: ['P1W'],
        reminderOffsets: ['PT10M', 'PT10M'],
      }),
      aNormalizeContext({ campaign: aCampaign() }),
    );
    expect(pathsOf(result)).toEqual([
      'endsAt',
      'stageId',
      'vendorIds.0',
      'targets.1.accountId',
      'targets.2.announce',
      'targets.3',
      'targets.4.accountId',
      'announceOffsets.0',
      'reminderOffsets.1',
    ]);
  });

  it('is pure: the same input gives the same definition', () => {
    const input = anInput({ campaignId: 'cmp_cho-livestream', stageId: 'mega-stage' });
    const ctx = aNormalizeContext({ campaign: aCampaign() });
    expect(normalizeSession(input, ctx)).toEqual(normalizeSession(input, ctx));
  });
});

describe('fitsCampaignDays', () => {
  const days = { first: '2024-06-07', last: '2024-07-07' };

  it('accepts a session inside the days', () => {
    expect(fitsCampaignDays(ms(START), ms(END), HCM, days)).toBe(true);
  });

  it('accepts a session starting at midnight of the first day in the campaign zone', () => {
    expect(fitsCampaignDays(ms('2024-06-07T00:00:00+07:00'), ms('2024-06-07T02:00:00+07:00'), HCM, days)).toBe(true);
  });

  it('refuses a session starting a minute before the first day in the campaign zone', () => {
    expect(fitsCampaignDays(ms('2024-06-06T23:59:00+07:00'), ms('2024-06-07T02:00:00+07:00'), HCM, days)).toBe(false);
  });

  it('accepts a session ending exactly at midnight after the last day (the end is exclusive)', () => {
    expect(fitsCampaignDays(ms('2024-07-07T22:00:00+07:00'), ms('2024-07-08T00:00:00+07:00'), HCM, days)).toBe(true);
  });

  it('refuses a session running a minute past the last day', () => {
    expect(fitsCampaignDays(ms('2024-07-07T22:00:00+07:00'), ms('2024-07-08T00:01:00+07:00'), HCM, days)).toBe(false);
  });

  it('judges the days in the zone it is given, not in UTC', () => {
    const start = ms('2024-06-06T18:00:00Z');
    const end = ms('2024-06-06T19:00:00Z');
    expect(fitsCampaignDays(start, end, HCM, days)).toBe(true);
    expect(fitsCampaignDays(start, end, 'UTC', days)).toBe(false);
  });
});
