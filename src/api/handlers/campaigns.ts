import { randomBytes } from 'node:crypto';
import type { Role } from '../../../config/schema';
import type { Deps } from '../../deps';
import { notFound, validationError } from '../../domain/errors';
import { computeCoverage } from '../../planning/coverage';
import { compactTiktokSettings } from '../../planning/normalize-session';
import { createId } from '../../shared/ids';
import { auditQuietly } from '../../store/audit-store';
import type { Campaign, CampaignStore, Catalog } from '../../store/campaign-store';
import type { Authed } from '../auth';
import { catalogSchema, createCampaignSchema } from '../schemas/campaign-schema';
import { parseOrThrow } from '../validate';
import type { HandlerResult } from '../handler-result';
import { campaignSessions } from '../../sessions/campaign-sessions';

const seesFeedKey = (role: Role | undefined): boolean => role === 'organizer' || role === 'admin';

/** Sessions of a campaign by status; every status is present. */
async function sessionCounts(store: CampaignStore, id: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = { total: 0, scheduled: 0, live: 0, ended: 0, cancelled: 0 };
  for (const status of await store.sessionStatuses(id)) {
    if (!(status in counts)) continue;
    counts.total = (counts.total ?? 0) + 1;
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

async function present(store: CampaignStore, c: Campaign, role: Role | undefined): Promise<Record<string, unknown>> {
  const { feedKey, ...rest } = c;
  return { ...rest, ...(seesFeedKey(role) ? { feedKey } : {}), sessionCounts: await sessionCounts(store, c.id) };
}

async function loadCampaign(deps: Deps, id: string): Promise<Campaign> {
  const campaign = await deps.campaigns.get(id);
  if (!campaign) throw notFound('campaign', id);
  return campaign;
}

/** `POST /v1/campaigns`: a new campaign with an empty catalog and a random feed key; audited as its caller. */
export async function createCampaign(deps: Deps, body: unknown, caller: Authed | undefined): Promise<HandlerResult> {
  const input = parseOrThrow(createCampaignSchema, body);
  const at = deps.clock.nowIso();
  const campaign: Campaign = {
    id: input.id ?? createId('cmp'),
    name: input.name,
    organizer: input.organizer ?? null,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    timezone: input.timezone ?? deps.config.timezone,
    imageUrl: input.imageUrl ?? null,
    ...(input.tiktok ? { tiktok: compactTiktokSettings(input.tiktok) ?? {} } : {}),
    stages: input.stages,
    promotions: input.promotions ?? [],
    notifyVendors: input.notifyVendors ?? true,
    feedKey: randomBytes(24).toString('base64url'),
    createdAt: at,
    updatedAt: at,
  };
  const store = deps.campaigns;
  if (!(await store.create(campaign))) throw validationError([{ path: 'id', message: `campaign '${campaign.id}' already exists: pick another id` }]);
  await auditQuietly(deps, caller?.principal, { action: 'campaign.create', target: campaign.id, details: { name: campaign.name, startsOn: campaign.startsOn, endsOn: campaign.endsOn } });
  return { status: 201, body: await present(store, campaign, caller?.role ?? 'organizer') };
}

export async function listCampaigns(deps: Deps, role?: Role): Promise<HandlerResult> {
  const store = deps.campaigns;
  const items = await Promise.all((await store.list()).map((c) => present(store, c, role)));
  return { status: 200, body: { items } };
}

export async function getCampaign(deps: Deps, id: string, role?: Role): Promise<HandlerResult> {
  const store = deps.campaigns;
  const campaign = await store.get(id);
  if (!campaign) throw notFound('campaign', id);
  return { status: 200, body: await present(store, campaign, role) };
}

/** `PUT /v1/campaigns/:id/catalog`: replaces vendors and products (and what sessions may name); audited. */
export async function putCatalog(deps: Deps, id: string, body: unknown, principal: string | undefined): Promise<HandlerResult> {
  const campaign = await loadCampaign(deps, id);
  const input = parseOrThrow(catalogSchema, body);
  const catalog: Catalog = { vendors: input.vendors.map(dropUndefined), products: input.products.map(dropUndefined) };
  if (!(await deps.campaigns.putCatalog(campaign, catalog, deps.clock.nowIso()))) throw notFound('campaign', id);
  await auditQuietly(deps, principal, { action: 'catalog.replace', target: id, details: { vendors: catalog.vendors.length, products: catalog.products.length } });
  return { status: 200, body: catalog };
}

/** `GET /v1/campaigns/:id/catalog` (viewer): the vendors and products sessions may name (the console's pickers). */
export async function getCatalog(deps: Deps, id: string): Promise<HandlerResult> {
  const campaign = await loadCampaign(deps, id);
  return { status: 200, body: await deps.campaigns.catalog(campaign.id) };
}

/** `GET /v1/campaigns/:id/coverage`: airtime per vendor and product of the catalog. */
export async function getCoverage(deps: Deps, id: string): Promise<HandlerResult> {
  await loadCampaign(deps, id);
  const [catalog, sessions] = await Promise.all([deps.campaigns.catalog(id), campaignSessions(deps, id)]);
  return { status: 200, body: computeCoverage(catalog, sessions) };
}

function dropUndefined<T extends object>(obj: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
