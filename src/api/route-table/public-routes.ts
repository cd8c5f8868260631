import { z } from 'zod';
import type { ApiRoute, RouteDoc } from '../routes';
import { subscribeSchema } from '../handlers/public-subscriptions';

/** The operations of the public's side of reminders; src/api/public-routes.ts has one Express handler for each. */
export type PublicOperation = 'getCampaignPage' | 'createSubscription' | 'getConfirmPage' | 'confirmSubscription' | 'getUnsubscribePage' | 'unsubscribe';

/**
 * A public route (no sign-in): documented like the table's routes, but mounted by
 * `mountPublicRoutes` (its own body parsers take HTML forms and RFC 8058's one-click POST, and a
 * form gets a page back where a JSON caller gets JSON).
 */
export interface PublicRoute {
  method: ApiRoute['method'];
  path: string;
  role: null;
  operationId: PublicOperation;
  doc: RouteDoc & { operationId: PublicOperation };
}

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const html = { 'text/html': { schema: z.string().meta({ description: 'A phone-first page, Vietnamese unless `lang=en`' }) } };
const lang = z.enum(['vi', 'en']).optional().meta({ description: 'Language of the page (default vi)' });
const tokenQuery = z.strictObject({ token: z.string().min(1).max(200).meta({ description: 'The token of the link in the message' }), lang });
const tokenBody = z.strictObject({ token: z.string().min(1).max(200) });
const formNote = 'The same fields as an HTML form (`application/x-www-form-urlencoded`) answer with a page instead of JSON.';

function route(method: PublicRoute['method'], path: string, doc: PublicRoute['doc']): PublicRoute {
  return { method, path, role: null, operationId: doc.operationId, doc };
}

/** api.md "Reminders that reach people": the public page, subscribing with double opt-in, unsubscribing. */
export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  route('get', '/c/:campaignId', {
    operationId: 'getCampaignPage', tag: 'Reminders', summary: "A campaign's public page: coming sessions with a Remind me form per session and vendor, and the calendar feed link",
    params: z.strictObject({ campaignId: z.string().min(1).max(200).meta({ description: 'Id of the campaign', example: 'cho-con-thang-12' }) }),
    query: z.strictObject({ lang }),
    answers: { 200: { description: 'The page (HTML)', content: html } },
    errors: ['not_found', 'unavailable'],
  }),
  route('post', '/v1/public/campaigns/:id/subscriptions', {
    operationId: 'createSubscription', tag: 'Reminders', summary: 'Ask for reminders of a session or a vendor (double opt-in: a confirmation message is sent first)',
    description: `The same 202 whether or not this person already asked (no address enumeration). Limited per address and per client address (429 rate_limited). ${formNote}`,
    params: z.strictObject({ id: z.string().min(1).max(200).meta({ description: 'Id of the campaign', example: 'cho-con-thang-12' }) }),
    body: { schema: subscribeSchema },
    answers: { 202: { description: 'A confirmation message is on its way', content: json(z.object({ status: z.literal('pending_confirmation') })) } },
    errors: ['not_found', 'rate_limited', 'unavailable'],
  }),
  route('get', '/v1/public/subscriptions/confirm', {
    operationId: 'getConfirmPage', tag: 'Reminders', summary: 'The page of the confirmation link: its button confirms (a GET never does, so link scanners confirm nothing)',
    query: tokenQuery,
    answers: { 200: { description: 'The page (HTML)', content: html } },
  }),
  route('post', '/v1/public/subscriptions/confirm', {
    operationId: 'confirmSubscription', tag: 'Reminders', summary: 'Confirm a subscription (the token works once)',
    description: formNote,
    body: { schema: tokenBody },
    answers: { 200: { description: 'Confirmed: reminders will come', content: json(z.object({ status: z.literal('confirmed') })) } },
    errors: ['invalid_token', 'unavailable'],
  }),
  route('get', '/v1/public/unsubscribe', {
    operationId: 'getUnsubscribePage', tag: 'Reminders', summary: 'The page of the unsubscribe link: its button unsubscribes',
    query: tokenQuery,
    answers: { 200: { description: 'The page (HTML)', content: html } },
  }),
  route('post', '/v1/public/unsubscribe', {
    operationId: 'unsubscribe', tag: 'Reminders', summary: 'Unsubscribe: the contact is deleted (one click, RFC 8058)',
    description: `The token in the body or in the query (\`?token=\`, as in List-Unsubscribe: mail clients POST \`List-Unsubscribe=One-Click\` to that URL). ${formNote}`,
    query: z.strictObject({ token: z.string().min(1).max(200).optional() }),
    body: { schema: tokenBody.partial(), required: false },
    answers: { 200: { description: 'Unsubscribed', content: json(z.object({ status: z.literal('unsubscribed') })) } },
    errors: ['invalid_token', 'unavailable'],
  }),
];
