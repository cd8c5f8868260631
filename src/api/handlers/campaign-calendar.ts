import { neutralizeFormula } from '../../shared/neutralize-formula';
import { isSameSecret } from '../../shared/same-secret';
import ical, { ICalEventStatus } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import type { Deps } from '../../deps';
import { DomainError } from '../../domain/errors';
import type { Session } from '../../domain/session';
import { targetKey } from '../../domain/session';
import { liveUrlOf } from '../../platforms/capabilities';
import type { Campaign, Catalog } from '../../store/campaign-store';
import { calendarQuery } from '../schemas/campaign-schema';
import { campaignSessions } from '../../sessions/campaign-sessions';
import type { HandlerResult } from '../handler-result';

const PLATFORM_NAMES = { facebook: 'Facebook', tiktok: 'TikTok', youtube: 'YouTube' } as const;


/**
 * `GET /v1/campaigns/:id/calendar.ics?key=<feedKey>[&vendorId=]`: the campaign's sessions as an
 * iCalendar feed in the campaign's zone; no bearer token. An unknown campaign, a missing or wrong
 * key and an unknown vendor are all `404` (the feed's existence is not revealed).
 */
export async function getCalendar(deps: Deps, id: string, query: unknown): Promise<HandlerResult> {
  const gone = new DomainError('not_found', 'no such calendar: check the link (the key is the campaign feedKey)');
  const parsed = calendarQuery.safeParse(query);
  if (!parsed.success) throw gone;
  const store = deps.campaigns;
  const campaign = await store.get(id);
  if (!campaign || !isSameSecret(parsed.data.key, campaign.feedKey)) throw gone;
  const catalog = await store.catalog(id);
  const vendorId = parsed.data.vendorId;
  if (vendorId !== undefined && !catalog.vendors.some((v) => v.id === vendorId)) throw gone;
  const sessions = (await campaignSessions(deps, id)).filter((s) => vendorId === undefined || features(s, vendorId, catalog));
  return {
    status: 200,
    body: buildCalendar(campaign, catalog, sessions, vendorId),
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, max-age=300' },
  };
}

function features(s: Session, vendorId: string, catalog: Catalog): boolean {
  if (s.vendorIds.includes(vendorId)) return true;
  return catalog.products.some((p) => p.vendorId === vendorId && s.productIds.includes(p.id));
}

/** The feed text: one VEVENT per session (cancelled ones marked CANCELLED so calendars drop them). */
export function buildCalendar(campaign: Campaign, catalog: Catalog, sessions: readonly Session[], vendorId?: string): string {
  const vendor = vendorId ? catalog.vendors.find((v) => v.id === vendorId) : undefined;
  const calendar = ical({
    name: vendor ? `${campaign.name} – ${vendor.name}` : campaign.name,
    // A VTIMEZONE block for the zone (calendars without the tz database need it to read DTSTART;TZID=…).
    timezone: { name: campaign.timezone, generator: getVtimezoneComponent },
    prodId: { company: 'LiveCue', product: 'campaign-calendar', language: 'VI' },
  });
  const stageName = new Map(campaign.stages.map((s) => [s.id, s.name]));
  const vendorName = new Map(catalog.vendors.map((v) => [v.id, v.name]));
  for (const s of sessions) {
    const links = liveLinks(s);
    calendar.createEvent({
      id: `${s.id}@livecue`,
      start: new Date(s.startsAt),
      end: new Date(s.endsAt),
      timezone: campaign.timezone,
      // Exported text: a title like `=HYPERLINK(…)` must not run as a formula where the feed is opened.
      summary: neutralizeFormula(s.title),
      description: neutralizeFormula(describe(s, links, vendorName)),
      ...(s.stageId ? { location: neutralizeFormula(stageName.get(s.stageId) ?? s.stageId) } : {}),
      ...(links[0] ? { url: links[0].url } : {}),
      status: s.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      sequence: s.version,
      lastModified: new Date(s.updatedAt || s.createdAt),
    });
  }
  return calendar.toString();
}

/** Watch links of a session's lives: the platform's URL when known, else one built from the live id. */
function liveLinks(s: Session): { platform: string; url: string }[] {
  return s.targets.flatMap((t) => {
    const live = s.runtime[targetKey(t.platform, t.accountId)]?.liveId ?? null;
    const prepared = s.jobs.find((j) => j.kind === 'prepare-live' && j.platform === t.platform && j.accountId === t.accountId);
    const known = typeof prepared?.result?.url === 'string' ? prepared.result.url : null;
    const built = live === null ? null : liveUrlOf(t.platform, live);
    const url = known ?? built;
    return url ? [{ platform: PLATFORM_NAMES[t.platform], url }] : [];
  });
}

function describe(s: Session, links: { platform: string; url: string }[], vendorName: ReadonlyMap<string, string>): string {
  const platforms = [...new Set(s.targets.map((t) => PLATFORM_NAMES[t.platform]))];
  const vendors = s.vendorIds.map((v) => vendorName.get(v) ?? v);
  return [
    s.description ?? '',
    `Nền tảng / Platforms: ${platforms.join(', ')}`,
    vendors.length > 0 ? `Gian hàng / Vendors: ${vendors.join(', ')}` : '',
    s.host ? `Host: ${s.host.name}` : '',
    ...links.map((l) => `${l.platform}: ${l.url}`),
  ].filter((line) => line !== '').join('\n');
}
