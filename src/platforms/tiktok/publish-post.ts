import type { AccountContext, PostContent, PostResult } from '../adapter';
import { PlatformError, beforeEffect } from '../platform-error';
import type { TiktokApi } from './tiktok-api';
import { creatorInfoSchema, publishInitSchema } from './wire';

export const maxTitleUnits = 90;
export const maxDescriptionUnits = 4000;
export const maxPhotoImages = 35;
/** Preferred privacy after PUBLIC_TO_EVERYONE, widest audience first. */
const fallbackPrivacyLevels = ['MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;

/** PUBLIC_TO_EVERYONE when offered, else the widest other option offered (the list order is not reliable). */
export function choosePrivacyLevel(options: readonly string[]): string | null {
  if (options.includes('PUBLIC_TO_EVERYONE')) return 'PUBLIC_TO_EVERYONE';
  return fallbackPrivacyLevels.find((level) => options.includes(level)) ?? null;
}

/** Cut to `maxUnits` UTF-16 code units without splitting a surrogate pair; marks the cut with `…`. */
export function truncateUtf16(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  let end = maxUnits - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** The description, cut before the marker when too long so the marker (used by findPost) survives. */
export function fitDescription(text: string, marker: string): string {
  if (text.length <= maxDescriptionUnits) return text;
  const at = marker === '' ? -1 : text.lastIndexOf(marker);
  if (at < 0 || text.length - at >= maxDescriptionUnits) return truncateUtf16(text, maxDescriptionUnits);
  const tail = text.slice(at);
  return `${truncateUtf16(text.slice(0, at), maxDescriptionUnits - tail.length)}${tail}`;
}

/** `POST /v2/post/publish/content/init/` body of a direct photo post (TT-PHOTO). */
export function buildPhotoPostBody(content: PostContent, privacyLevel: string): object {
  return {
    media_type: 'PHOTO',
    post_mode: 'DIRECT_POST',
    post_info: {
      title: truncateUtf16(content.title, maxTitleUnits),
      description: fitDescription(content.text, content.marker),
      privacy_level: privacyLevel,
      disable_comment: false,
      auto_add_music: true,
      brand_content_toggle: false,
      brand_organic_toggle: true,
    },
    source_info: {
      source: 'PULL_FROM_URL',
      photo_images: content.imageUrls.slice(0, maxPhotoImages),
      photo_cover_index: 0,
    },
  };
}

const operation = 'publishPost';

/**
 * A promo photo post: creator_info first (TikTok requires it before direct posting, and it gives
 * the privacy options), then content/init. Never retried here: a lost answer is reconciled by
 * `findPost` or the status fetch (https://developers.tiktok.com/doc/content-posting-api-reference-get-video-status).
 */
export async function publishPhotoPost(api: TiktokApi, account: AccountContext, content: PostContent): Promise<PostResult> {
  if (content.imageUrls.length === 0) {
    throw new PlatformError({
      platform: 'tiktok',
      operation,
      kind: 'invalid_request',
      message: `a TikTok promo needs an image: add one to the session or campaign of '${account.name}' (or set LIVECUE_DEFAULT_IMAGE_URL)`,
    });
  }
  // creator_info (and the token refresh it may need) posts nothing: its failures are not in doubt.
  const creator = await beforeEffect(() => api(account, { operation, path: '/v2/post/publish/creator_info/query/' }, creatorInfoSchema));
  const privacyLevel = choosePrivacyLevel(creator.privacy_level_options);
  if (privacyLevel === null) {
    throw new PlatformError({
      platform: 'tiktok',
      operation,
      kind: 'permission',
      message: `TikTok offers no privacy level LiveCue can post with for '${account.name}'; check the account in the TikTok app`,
    });
  }
  const body = buildPhotoPostBody(content, privacyLevel);
  const init = await api(account, { operation, path: '/v2/post/publish/content/init/', body }, publishInitSchema);
  return { postId: init.publish_id, details: { privacyLevel, status: 'PROCESSING_DOWNLOAD' } };
}
