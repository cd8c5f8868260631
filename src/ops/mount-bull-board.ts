import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';
import { parseJobId } from '../planning/action-key';
import { maskStreamKeys } from '../shared/mask-stream-keys';
import { QUEUE_NAMES } from '../scheduling/queues';
import type { QueueName, Queues } from '../scheduling/queues';

/** Where the job dashboard lives (api.md "Jobs and queues"). */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

const DESCRIPTIONS: Record<QueueName, string> = {
  facebook: 'Facebook Page actions: scheduled lives, promo posts, go-live / end-live',
  tiktok: 'TikTok promo photo posts (the LIVE itself is started by hand)',
  youtube: 'YouTube broadcasts: create, start, end',
  notify: 'Session-level jobs (reminders, host cue) and webhook deliveries',
  maintenance: 'Reconcile (queues vs. store) and upkeep',
};

/**
 * The job name shown for a job: `<kind> · <platform> · <account> · <offset> — <session>` read from its
 * deterministic id `<sessionId>__<kind>__<platform>__<account>__<offset>` (data is `{s: sessionId}`).
 */
export function describeJob(job: { id?: string | undefined; name?: string }): string {
  const parsed = parseJobId(job.id ?? '');
  if (!parsed) return job.name ?? '';
  const parts = parsed.key.split('__');
  return `${parts.join(' · ')} — ${parsed.sessionId}`;
}

function adapterFor(name: QueueName, queue: Queue, readOnlyMode: boolean): BullMQAdapter {
  const adapter = new BullMQAdapter(queue, { readOnlyMode, allowRetries: !readOnlyMode, description: DESCRIPTIONS[name], displayName: name });
  adapter.setFormatter('name', (job: { id?: string; name?: string }) => describeJob(job));
  // Viewers read the dashboard: stream keys in a job's data or return value are shown masked.
  adapter.setFormatter('data', (data: unknown) => {
    const s = typeof data === 'object' && data !== null ? (data as { s?: unknown }).s : undefined;
    return maskStreamKeys(typeof s === 'string' ? { sessionId: s, ...(data as Record<string, unknown>) } : data);
  });
  adapter.setFormatter('returnValue', (value: unknown) => maskStreamKeys(value));
  return adapter;
}

function createBoard(queues: Queues, readOnlyMode: boolean): RequestHandler {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => adapterFor(name, queues[name], readOnlyMode)),
    // @bull-board/express pins its own copy of @bull-board/api's types; the runtime contract is the same.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: {
      uiConfig: {
        boardTitle: readOnlyMode ? 'LiveCue jobs (read-only)' : 'LiveCue jobs',
        miscLinks: [{ text: 'Schedule board', url: '/ops' }],
      },
    },
  });
  const router = serverAdapter.getRouter() as RequestHandler & { disable?: (setting: string) => unknown };
  // bull-board's adapter is an Express app of its own: it would announce itself in X-Powered-By.
  router.disable?.('x-powered-by');
  return router;
}

/**
 * Two bull-board instances on the same path over the five queues: a full one for ops and admin,
 * a read-only one (bull-board's readOnlyMode: no retry, clean, pause, add…) for viewers and
 * organizers. `pick` chooses by the signed-in role; auth runs before it.
 */
export function createQueueDashboards(queues: Queues): { full: RequestHandler; readOnly: RequestHandler } {
  return { full: createBoard(queues, false), readOnly: createBoard(queues, true) };
}
