import type { AccountContext, PostContent, PostResult } from '../adapter';
import { PlatformError, beforeEffect } from '../platform-error';
import type { TiktokApi } from './tiktok-api';
import { decidePrivacyLevel } from './privacy-choice';
import { creatorInfoSchema, publishInitSchema } from './wire';

export const maxTitleUnits = 90;
export const maxDescriptionUnits = 4000;
export const maxPhotoImages = 35;
export { choosePrivacyLevel } from './privacy-choice';

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

/**
 * `POST /v2/post/publish/content/init/` body of a direct photo post
 * (https://developers.tiktok.com/doc/content-posting-api-reference-photo-post). The content
 * disclosure (`brand_organic_toggle` "your brand", `brand_content_toggle` "branded content") and
 * comments are the organizer's to set, never switched on by LiveCue
 * (https://developers.tiktok.com/doc/content-sharing-guidelines/).
 */
export function buildPhotoPostBody(content: PostContent, privacyLevel: string, creatorCommentsOff = false): object {
  const choice = content.tiktok;
  return {
    media_type: 'PHOTO',
    post_mode: 'DIRECT_POST',
    post_info: {
      title: truncateUtf16(content.title, maxTitleUnits),
      description: fitDescription(content.text, content.marker),
      privacy_level: privacyLevel,
      disable_comment: creatorCommentsOff || (choice?.disableComment ?? false),
      auto_add_music: true,
      brand_content_toggle: choice?.brandContent ?? false,
      brand_organic_toggle: choice?.brandOrganic ?? false,
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
  const decision = decidePrivacyLevel(creator.privacy_level_options, content.tiktok);
  if (!decision.ok) {
    throw new PlatformError({ platform: 'tiktok', operation, kind: 'invalid_request', platformCode: 'privacy_level_option_mismatch', message: `TikTok promo of '${account.name}': ${decision.why}` });
  }
  const commentsOff = creator.comment_disabled ?? false;
  const post = (level: string) => api(account, { operation, path: '/v2/post/publish/content/init/', body: buildPhotoPostBody(content, level, commentsOff) }, publishInitSchema);
  let privacyLevel = decision.level;
  let init;
  try {
    init = await post(privacyLevel);
  } catch (err) {
    // TikTok says the app is unaudited although LiveCue was told otherwise: once more as SELF_ONLY
    // (the refusal posted nothing). A second refusal says to make the account private.
    if (!isUnauditedRefusal(err) || privacyLevel === 'SELF_ONLY' || !creator.privacy_level_options.includes('SELF_ONLY')) throw explainUrlRefusal(err, content, account);
    privacyLevel = 'SELF_ONLY';
    init = await post(privacyLevel).catch((again: unknown) => { throw explainUrlRefusal(again, content, account); });
  }
  return { postId: init.publish_id, details: { privacyLevel, status: 'PROCESSING_DOWNLOAD' } };
}

function isUnauditedRefusal(err: unknown): boolean {
  return err instanceof PlatformError && err.platformCode === 'unaudited_client_can_only_post_to_private_accounts';
}

/** `url_ownership_unverified` names the image URLs, so the organizer knows what to move or verify. */
function explainUrlRefusal(err: unknown, content: PostContent, account: AccountContext): unknown {
  if (!(err instanceof PlatformError) || err.platformCode !== 'url_ownership_unverified') return err;
  const urls = content.imageUrls.slice(0, maxPhotoImages).join(', ');
  return new PlatformError({
    ...err.init,
    message: `TikTok refused the promo of '${account.name}': the image URL ${urls} is not on a domain or URL prefix verified for LiveCue's TikTok app (verify it in the TikTok developer portal and list it in TIKTOK_VERIFIED_URL_PREFIXES, or use an image hosted there)`,
  });
}
