import type { AccountContext, PostStatus } from '../adapter';
import type { TiktokApi } from './tiktok-api';
import { publishStatusSchema } from './wire';

/**
 * `POST /v2/post/publish/status/fetch/`: PUBLISH_COMPLETE → published (public ids once moderation
 * made the post public), FAILED → failed with the fail_reason (see `classifyTiktokFailReason`),
 * anything else (PROCESSING_DOWNLOAD, SEND_TO_USER_INBOX, …) → processing.
 */
export async function fetchPostStatus(api: TiktokApi, account: AccountContext, publishId: string): Promise<PostStatus> {
  const data = await api(
    account,
    { operation: 'getPostStatus', path: '/v2/post/publish/status/fetch/', body: { publish_id: publishId } },
    publishStatusSchema,
  );
  switch (data.status) {
    case 'PUBLISH_COMPLETE':
      return { state: 'published', publicIds: (data.publicaly_available_post_id ?? []).map(String) };
    case 'FAILED':
      return { state: 'failed', failReason: data.fail_reason ?? 'unknown' };
    default:
      return { state: 'processing' };
  }
}
