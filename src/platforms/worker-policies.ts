import type { Platform } from '../domain/platform';
import { facebookWorkerPolicy } from './facebook/worker-policy';
import { tiktokWorkerPolicy } from './tiktok/worker-policy';
import type { WorkerPolicy } from './worker-policy';
import { youtubeWorkerPolicy } from './youtube/worker-policy';

const POLICIES: Readonly<Record<Platform, WorkerPolicy>> = {
  facebook: facebookWorkerPolicy,
  tiktok: tiktokWorkerPolicy,
  youtube: youtubeWorkerPolicy,
};

/** What the worker steps do differently for this platform (pacing, in-doubt posts, follow-up). */
export function workerPolicyOf(platform: Platform): WorkerPolicy {
  return POLICIES[platform];
}
