import type { Platform } from '../../../src/domain/platform';
import type { JobRecord, SessionDefinition, SessionTarget } from '../../../src/domain/session';
import type { CancelContext, MergeContext } from '../../../src/planning/merge-plan';
import type { CampaignRef, NormalizeContext, SessionInput } from '../../../src/planning/normalize-session';

export const HCM = 'Asia/Ho_Chi_Minh';
export const MIN_MS = 60_000;
export const HOUR_MS = 60 * MIN_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Epoch ms of an ISO instant (fixed instants only: tests never read the clock). */
export const ms = (iso: string): number => Date.parse(iso);
export const iso = (epochMs: number): string => new Date(epochMs).toISOString();

/** The Chợ Cồn evening session: Friday 07/06/2024, 19:00–21:00 in Đà Nẵng (12:00–14:00 UTC). */
export const START = '2024-06-07T12:00:00.000Z';
export const END = '2024-06-07T14:00:00.000Z';
export const START_MS = ms(START);
export const END_MS = ms(END);
/** Ten days before the start: outside Facebook's scheduled-live window. */
export const TEN_DAYS_BEFORE_MS = START_MS - 10 * DAY_MS;
/** Two days before the start: inside Facebook's scheduled-live window. */
export const TWO_DAYS_BEFORE_MS = START_MS - 2 * DAY_MS;

export function aTarget(platform: Platform, accountId: string, overrides: Partial<SessionTarget> = {}): SessionTarget {
  return {
    platform,
    accountId,
    announce: platform !== 'youtube',
    live: platform !== 'tiktok',
    ...overrides,
  };
}

export const FB = aTarget('facebook', 'fb-sct');
export const YT = aTarget('youtube', 'yt-sct');
export const TT = aTarget('tiktok', 'tt-cho-con');

/** A normalized session definition with the three platforms and one webhook, with overrides. */
export function aDefinition(overrides: Partial<SessionDefinition> = {}): SessionDefinition {
  return {
    title: 'Chợ Cồn đêm: đặc sản Đà Nẵng',
    startsAt: START,
    endsAt: END,
    timezone: HCM,
    campaignId: null,
    stageId: 'main-stage',
    products: [{ name: 'Mực rim me', price: 180000 }],
    vendorIds: [],
    productIds: [],
    imageUrls: [],
    targets: [FB, YT, TT],
    announceOffsets: ['P1D', 'PT1H'],
    reminderOffsets: ['PT1H', 'PT10M'],
    // No on-air guard unless a test asks for one (plan-session.test.ts plans it explicitly).
    guardOffsets: [],
    notify: [{ type: 'webhook', url: 'https://hooks.example.test/livecue', secret: 'hook-secret-1' }],
    locale: 'vi',
    ...overrides,
  };
}

/** A stored job record of session `ses_chocon`, pending, planned for version 1, with overrides. */
export function aJob(key: string, overrides: Partial<JobRecord> = {}): JobRecord {
  const [kind, platform, accountId] = key.split('__');
  const isTargeted = platform === 'facebook' || platform === 'tiktok' || platform === 'youtube';
  return {
    key,
    id: `ses_chocon__${key}`,
    kind: kind as JobRecord['kind'],
    platform: isTargeted ? platform : null,
    accountId: isTargeted ? (accountId ?? null) : null,
    offset: null,
    runAt: START,
    staleAt: END,
    state: 'pending',
    attempts: 0,
    lastError: null,
    reason: null,
    result: null,
    firedAt: null,
    finishedAt: null,
    plannedVersion: 1,
    ...overrides,
  };
}

export function aMergeContext(overrides: Partial<MergeContext> = {}): MergeContext {
  return {
    sessionId: 'ses_chocon',
    version: 2,
    nowMs: TWO_DAYS_BEFORE_MS,
    startMs: START_MS,
    endMs: END_MS,
    liveDetailsChanged: false,
    createdLives: new Set<string>(),
    targets: [FB, YT, TT],
    ...overrides,
  };
}

export function aCancelContext(overrides: Partial<CancelContext> = {}): CancelContext {
  return {
    sessionId: 'ses_chocon',
    version: 2,
    nowMs: TWO_DAYS_BEFORE_MS,
    startMs: START_MS,
    endMs: END_MS,
    notice: false,
    hasHooks: false,
    createdLives: new Set<string>(),
    targets: [FB, YT, TT],
    ...overrides,
  };
}

/** A create body as the schema leaves it: local wall times in Đà Nẵng, defaults left out. */
export function anInput(overrides: Partial<SessionInput> = {}): SessionInput {
  return {
    title: 'Chợ Cồn đêm: đặc sản Đà Nẵng',
    startsAt: '2024-06-07T19:00',
    endsAt: '2024-06-07T21:00',
    targets: [
      { platform: 'facebook', accountId: 'fb-sct' },
      { platform: 'youtube', accountId: 'yt-sct' },
      { platform: 'tiktok', accountId: 'tt-cho-con' },
    ],
    ...overrides,
  };
}

/** The Chợ Livestream campaign: 7 June – 7 July 2024 in Đà Nẵng, with overrides. */
export function aCampaign(overrides: Partial<CampaignRef> = {}): CampaignRef {
  return {
    id: 'cmp_cho-livestream',
    timezone: HCM,
    startsOn: '2024-06-07',
    endsOn: '2024-07-07',
    stageIds: new Set(['mega-stage', 'booth-1']),
    vendorIds: new Set(['ven_co-ba', 'ven_chu-tu']),
    productIds: new Set(['prd_muc-rim', 'prd_cha-bo']),
    ...overrides,
  };
}

export const ACCOUNTS: ReadonlyMap<string, Platform> = new Map<string, Platform>([
  ['fb-sct', 'facebook'],
  ['fb-cho-han', 'facebook'],
  ['yt-sct', 'youtube'],
  ['tt-cho-con', 'tiktok'],
]);

export function aNormalizeContext(overrides: Partial<NormalizeContext> = {}): NormalizeContext {
  return { defaultZone: HCM, accounts: ACCOUNTS, campaign: null, ...overrides };
}
