import { z } from 'zod';
import type { ApiRoute } from '../routes';
import { listTargets } from '../handlers/accounts';
import { listDeliveries } from '../handlers/deliveries';
import { countSubscribers } from '../handlers/public-subscriptions';
import { idParam } from '../openapi/define-route';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const items = z.object({ items: z.array(z.record(z.string(), z.unknown())) });

/** The reminders' JSON routes (deliveries, subscriber counts) and the console's target picker (api.md). */
export const reminderRoutes: ApiRoute[] = [
  {
    method: 'get', path: '/v1/sessions/:id/deliveries', role: 'organizer',
    handle: ({ deps, id }) => listDeliveries(deps, id),
    doc: {
      operationId: 'listSessionDeliveries', tag: 'Sessions',
      summary: 'The reminder deliveries of a session (email, Zalo) and how each went',
      params: idParam('session', 'ses_k3j9x0a1b2c3'),
      answers: { 200: { description: 'The deliveries', content: json(items) } },
      errors: ['not_found', 'unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/campaigns/:id/subscribers', role: 'organizer',
    handle: ({ deps, id }) => countSubscribers(deps, id),
    doc: {
      operationId: 'countCampaignSubscribers', tag: 'Campaigns',
      summary: 'How many people subscribed to the reminders of a campaign',
      params: idParam('campaign', 'cmp_k3j9x0a1b2c3'),
      answers: { 200: { description: 'The counts', content: json(z.record(z.string(), z.unknown())) } },
      errors: ['not_found', 'unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/targets', role: 'viewer',
    handle: ({ deps }) => listTargets(deps),
    doc: {
      operationId: 'listTargets', tag: 'Accounts',
      summary: 'The accounts a session may target (no secrets), for the console',
      answers: { 200: { description: 'The targets', content: json(items) } },
      errors: ['unavailable'],
    },
  },
];
