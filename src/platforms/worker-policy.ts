import type { AccountContext } from './adapter';

/** The adapter calls a worker paces (the names of `PlatformAdapter`'s methods). */
export type PacedOperation = 'publishPost' | 'getPostStatus' | 'createLive' | 'goLive' | 'endLive' | 'updateLive' | 'deleteLive' | 'readIngest';

/**
 * How LiveCue keeps under a platform's limits before a call. The worker's rate gate reads the
 * kind; an operation a policy does not name is not paced.
 */
export type PacingPolicy =
  /** Token buckets per access token and endpoint, refilled per minute. */
  | { kind: 'per-minute'; limitsPerMinute: Readonly<Record<string, number>>; endpointsOf: Partial<Record<PacedOperation, readonly string[]>> }
  /** Throttling as the platform reports it in answers: slow down from `slowPercent`, stop from `stopPercent`. */
  | { kind: 'usage-headers'; slowPercent: number; stopPercent: number; slowPerMinute: number; stopWaitMs: number }
  /** One daily budget for the whole project; `resetNote` says when it comes back. */
  | {
      kind: 'daily-quota';
      budget: number;
      unitsOf: Partial<Record<PacedOperation, number>>;
      dayOf: (nowMs: number) => string;
      msUntilReset: (nowMs: number) => number;
      resetNote: string;
    };

/**
 * How to treat an in-doubt effect the platform shows no trace of. Without it, the call is made
 * again at once (Facebook: a post is visible as soon as it is made). With it, the claim is kept
 * for `graceMs` (re-checked every `recheckMs`), and after that `onUnverified()` is thrown instead
 * of calling again.
 */
export interface InDoubtPolicy {
  graceMs: number;
  recheckMs: number;
  onUnverified: () => Error;
}

/** A publish the platform finishes later (TikTok): how the worker follows it up. */
export interface PublishFollowUp {
  /** Is the recorded result already final? (Then nothing is polled.) */
  isSettled: (result: Record<string, unknown>) => boolean;
  /** How long one job run polls before handing the job back, and the pause between two polls. */
  pollWindowMs: number;
  pollEveryMs: number;
  /** Delay before the next run polls again while the platform is still processing. */
  recheckMs: number;
  /** After this long processing, the job completes with status `processing`. */
  giveUpMs: number;
  /** The platform's failure reason as an error (classified from its code). */
  classifyFailure: (reason: string, account: AccountContext, nowMs: number) => Error;
}

/** What the worker steps do differently per platform; each adapter folder exports its own. */
export interface WorkerPolicy {
  pacing: PacingPolicy;
  /** In-doubt promo posts; null: post again at once when the platform shows no trace. */
  inDoubtPost: ((account: AccountContext) => InDoubtPolicy) | null;
  /** Follow-up after a publish the platform finishes later; null: a publish answer is final. */
  followUpPublish: PublishFollowUp | null;
  /** Answers carry a usage reading (`details.usagePercent`) worth remembering for pacing. */
  notesUsage: boolean;
}
