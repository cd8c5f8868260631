import type { WorkerPolicy } from '../worker-policy';

/**
 * Graph reports its throttling in the X-App-Usage / X-Business-Use-Case-Usage headers
 * (https://developers.facebook.com/docs/graph-api/overview/rate-limiting): LiveCue slows down from
 * 75 % (2 calls a minute per page) and pauses 10 minutes from a reading at or above 95 %.
 * A post is visible to `findPost` as soon as it is made, so an in-doubt post is looked up, then made.
 */
export const facebookWorkerPolicy: WorkerPolicy = {
  pacing: { kind: 'usage-headers', slowPercent: 75, stopPercent: 95, slowPerMinute: 2, stopWaitMs: 10 * 60_000 },
  inDoubtPost: null,
  followUpPublish: null,
  notesUsage: true,
};
