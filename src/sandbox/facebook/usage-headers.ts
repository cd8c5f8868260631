import type { Response } from 'express';
import { z } from 'zod';
import type { SandboxContext } from '../context';

/**
 * Throttling headers of successful calls (https://developers.facebook.com/docs/graph-api/overview/rate-limiting): page-token calls carry
 * `X-Business-Use-Case-Usage` for the page, user/app calls `X-App-Usage`. Percentages stay low and
 * grow slowly with the number of calls, so a client's usage parser has something real to read;
 * a page whose usage a test has set (`state.facebook.usage`) reports exactly that instead.
 */
export interface UsageMeter {
  sendPageUsage(res: Response, pageId: string): void;
  sendAppUsage(res: Response): void;
}

/**
 * `POST /__sandbox/facebook/usage` body: what the page reports from now on. Percentages may pass
 * 100 (Graph reports overuse that way); `estimatedTimeToRegainAccess` is in minutes, as in Graph.
 */
export const pageUsageSchema = z.strictObject({
  pageId: z.string().regex(/^\d+$/),
  callCount: z.number().min(0).max(1000).default(0),
  totalTime: z.number().min(0).max(1000).default(0),
  totalCputime: z.number().min(0).max(1000).default(0),
  estimatedTimeToRegainAccess: z.number().int().min(0).max(1440).default(0),
});

export function createUsageMeter(ctx: SandboxContext): UsageMeter {
  const pageCalls = new Map<string, number>();
  let appCalls = 0;
  const percent = (calls: number): number => Math.min(9, 1 + Math.floor(calls / 200));
  return {
    sendPageUsage(res, pageId) {
      const calls = (pageCalls.get(pageId) ?? 0) + 1;
      pageCalls.set(pageId, calls);
      const p = percent(calls);
      const set = ctx.state.facebook.usage[pageId];
      const entry = set
        ? { type: 'pages', call_count: set.callCount, total_cputime: set.totalCputime, total_time: set.totalTime, estimated_time_to_regain_access: set.estimatedTimeToRegainAccess }
        : { type: 'pages', call_count: p, total_cputime: Math.max(1, p - 1), total_time: p, estimated_time_to_regain_access: 0 };
      res.setHeader('X-Business-Use-Case-Usage', JSON.stringify({ [pageId]: [entry] }));
    },
    sendAppUsage(res) {
      appCalls += 1;
      const p = percent(appCalls);
      res.setHeader('X-App-Usage', JSON.stringify({ call_count: p, total_time: p, total_cputime: Math.max(1, p - 1) }));
    },
  };
}
