import express from 'express';
import type { ApiRoute } from '../routes';
import { withIdempotency } from '../idempotency';
import { getCalendar } from '../handlers/campaign-calendar';
import { postImport } from '../handlers/campaign-import';
import { createCampaign, getCampaign, getCatalog, getCoverage, listCampaigns, putCatalog } from '../handlers/campaigns';
import { z } from 'zod';
import { calendarQuery, catalogSchema, createCampaignSchema, importCampaignQuery } from '../schemas/campaign-schema';
import { idParam } from '../openapi/define-route';
import { CampaignListSchema, CampaignSchema, CatalogSchema, CoverageSchema } from '../openapi/campaign-responses';
import { BulkResultSchema } from '../openapi/responses';

const CreateCampaignBody = createCampaignSchema.meta({
  id: 'CreateCampaignRequest',
  description: 'Days are inclusive, in the campaign zone (default from config). Stage and promotion ids are unique; a session in the campaign names one of its stages and must start and end inside its days. Promotions running on a session day are named in its announcement text.',
});
const CatalogBody = catalogSchema.meta({
  id: 'CatalogRequest',
  description: 'Replaces the previous catalog. Ids are unique; every product names a vendor of this catalog.',
});
const CsvBody = z.string().meta({
  description: 'A header row, then one session a row. Columns are named like the create fields (title, description, startsAt, endsAt, durationMinutes, timezone, stageId, locale, host, hostPhone, vendorIds, productIds, imageUrls, targets, announceOffsets, reminderOffsets, guardOffsets); lists are separated by `;`, `targets` as `facebook:acc_1;youtube:acc_2`, `host` is the host name; times are read in the campaign zone; an empty cell leaves the field out. A UTF-8 BOM, CRLF line ends and quoted cells (commas, `""` quotes, line breaks) are fine. An unknown or missing column is `validation_failed` on `columns.<name>`.',
  example: 'title,stageId,startsAt,durationMinutes,host,vendorIds,targets\nQuầy Cô Lan,booth-cho-con,2024-06-07T10:00,60,Cô Lan,v001,facebook:fb-cho-con;tiktok:tt-cho-con\n',
});

const campaignId = idParam('campaign', 'danang-livestream-2024');
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

/** Campaign routes as planned by api.md "Campaigns". */
const tag = 'Campaigns';
export const campaignRoutes: ApiRoute[] = [
  {
    method: 'post', path: '/v1/campaigns', role: 'organizer',
    handle: ({ deps, req, auth }) => createCampaign(deps, req.body, auth),
    doc: {
      operationId: 'createCampaign', tag,
      summary: 'Create a campaign with its stages and promotions',
      body: { schema: CreateCampaignBody },
      answers: { 201: { description: 'The campaign with its `feedKey`', content: json(CampaignSchema) } },
      errors: ['unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/campaigns', role: 'viewer',
    handle: ({ deps, auth }) => listCampaigns(deps, auth?.role),
    doc: {
      operationId: 'listCampaigns', tag,
      summary: 'List campaigns with their session counts',
      answers: { 200: { description: 'Every campaign', content: json(CampaignListSchema) } },
      errors: ['unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/campaigns/:id', role: 'viewer',
    handle: ({ deps, id, auth }) => getCampaign(deps, id, auth?.role),
    doc: {
      operationId: 'getCampaign', tag,
      summary: 'Read a campaign with its session counts',
      params: campaignId,
      answers: { 200: { description: 'The campaign (`feedKey` only for organizer and admin tokens)', content: json(CampaignSchema) } },
      errors: ['not_found', 'unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/campaigns/:id/catalog', role: 'viewer',
    handle: ({ deps, id }) => getCatalog(deps, id),
    doc: {
      operationId: 'getCampaignCatalog', tag,
      summary: 'Read the vendors and products sessions may name by id',
      params: campaignId,
      answers: { 200: { description: 'The catalog', content: json(CatalogSchema) } },
      errors: ['not_found', 'unavailable'],
    },
  },
  {
    method: 'put', path: '/v1/campaigns/:id/catalog', role: 'organizer',
    handle: ({ deps, req, id, auth }) => putCatalog(deps, id, req.body, auth?.principal),
    doc: {
      operationId: 'putCampaignCatalog', tag,
      summary: 'Replace the vendors and products sessions may name by id',
      params: campaignId,
      body: { schema: CatalogBody },
      answers: { 200: { description: 'The new catalog', content: json(CatalogSchema) } },
      errors: ['not_found', 'unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/campaigns/:id/coverage', role: 'viewer',
    handle: ({ deps, id }) => getCoverage(deps, id),
    doc: {
      operationId: 'getCampaignCoverage', tag,
      summary: 'How often each vendor and product has been featured',
      params: campaignId,
      answers: { 200: { description: 'Airtime per vendor and product', content: json(CoverageSchema) } },
      errors: ['not_found', 'unavailable'],
    },
  },
  {
    method: 'post', path: '/v1/campaigns/:id/import', role: 'organizer',
    // text/csv: mounted before the JSON-only body rules, with its own text parser (limit LIVECUE_BODY_LIMIT); any other Content-Type is 415.
    stage: 'before-json',
    parsers: (deps) => [express.text({ type: ['text/csv', 'application/csv', 'text/comma-separated-values'], limit: deps.config.bodyLimit, defaultCharset: 'utf-8' })],
    handle: (c) => withIdempotency(c.deps, c.req, c.res, (seal) => postImport(c.deps, c.id, typeof c.req.body === 'string' ? c.req.body : undefined, c.req.get('content-type'), c.req.query, c.auth?.principal, seal)),
    doc: {
      operationId: 'importCampaignSessions', tag,
      summary: 'Create the sessions of a CSV sheet in the campaign (the same answers as bulk)',
      description: 'Atomic unless `atomic=false`: any failure creates nothing (400 `validation_failed`, or 409 `stage_conflict` when the only failures are conflicts). Every error names the sheet row as a spreadsheet numbers it (the header is row 1): `details[].path` starts with `row 5` (`row 5.startsAt`), messages say `row 5`, and each entry of `errors` / `conflicts` carries `row` next to its 0-based `index`. Overlaps with existing bookings and between rows of the sheet are all reported at once. A row already imported into this campaign (same title and start, its session not cancelled) is a conflict, with or without a stage: importing a sheet twice never doubles the schedule.',
      params: campaignId,
      query: importCampaignQuery,
      body: { schema: CsvBody, mediaType: 'text/csv' },
      answers: {
        201: { description: 'Atomic: every row became a session', content: json(BulkResultSchema) },
        200: { description: 'Not atomic: the created sessions and the failing rows', content: json(BulkResultSchema) },
      },
      errors: ['not_found', 'stage_conflict', 'unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/campaigns/:id/calendar.ics', role: null,
    // Read by calendar apps: the feed key in the URL, not a bearer token; the body is text/calendar.
    kind: 'raw',
    handle: ({ deps, req, id }) => getCalendar(deps, id, req.query),
    doc: {
      operationId: 'getCampaignCalendar', tag,
      summary: "iCalendar feed of the campaign's sessions, for calendar apps",
      description: 'Authorized by the `key` query parameter (the campaign `feedKey`), not by a bearer token. An unknown campaign or a missing or wrong key is 404.',
      params: campaignId,
      query: calendarQuery,
      answers: { 200: { description: 'The feed', content: { 'text/calendar': { schema: z.string() } } } },
      errors: ['not_found', 'rate_limited', 'unavailable', 'internal'],
    },
  },
];
