import type { Response } from 'express';

/**
 * Throttling headers of successful calls (platform-apis.md 1.7): page-token calls carry
 * `X-Business-Use-Case-Usage` for the page, user/app calls `X-App-Usage`. Percentages stay low and
 * grow slowly with the number of calls, so a client's usage parser has something real to read.
 */
export interface UsageMeter {
  sendPageUsage(res: Response, pageId: string): void;
  sendAppUsage(res: Response): void;
}

export function createUsageMeter(): UsageMeter {
  const pageCalls = new Map<string, number>();
  let appCalls = 0;
  const percent = (calls: number): number => Math.min(9, 1 + Math.floor(calls / 200));
  return {
    sendPageUsage(res, pageId) {
      const calls = (pageCalls.get(pageId) ?? 0) + 1;
      pageCalls.set(pageId, calls);
      const p = percent(calls);
      const usage = { [pageId]: [{ type: 'pages', call_count: p, total_cputime: Math.max(1, p - 1), total_time: p, estimated_time_to_regain_access: 0 }] };
      res.setHeader('X-Business-Use-Case-Usage', JSON.stringify(usage));
    },
    sendAppUsage(res) {
      appCalls += 1;
      const p = percent(appCalls);
      res.setHeader('X-App-Usage', JSON.stringify({ call_count: p, total_time: p, total_cputime: Math.max(1, p - 1) }));
    },
  };
}
