import { z } from 'zod';
import type { TikTokPost } from '../state';
import { privacyLevels } from './creator';

/** What an init call asks for, before the fake gives it an id. */
export type PostDraft = Pick<
  TikTokPost,
  'title' | 'description' | 'mediaType' | 'postMode' | 'privacyLevel' | 'photoImages'
> &
  Partial<Pick<TikTokPost, 'videoUrl' | 'photoCoverIndex' | 'disableComment' | 'autoAddMusic' | 'brandContentToggle' | 'brandOrganicToggle'>>;

export type InitCheck = { ok: true; draft: PostDraft } | { ok: false; status: number; code: string; message: string };

// The sandbox serves over plain http, so http URLs count as verified too (real TikTok wants https).
const pullUrl = z.string().refine((value) => /^https?:\/\/[^\s/]+/i.test(value), 'must be an http(s) URL');
const privacyLevel = z.enum(privacyLevels);

const photoInitSchema = z.object({
  media_type: z.literal('PHOTO'),
  post_mode: z.enum(['DIRECT_POST', 'MEDIA_UPLOAD']),
  post_info: z.object({
    title: z.string().max(90).optional(),
    description: z.string().max(4000).optional(),
    privacy_level: privacyLevel.optional(),
    disable_comment: z.boolean().optional(),
    auto_add_music: z.boolean().optional(),
    brand_content_toggle: z.boolean(),
    brand_organic_toggle: z.boolean().optional(),
  }),
  source_info: z.object({
    source: z.literal('PULL_FROM_URL'),
    photo_images: z.array(pullUrl).min(1).max(35),
    photo_cover_index: z.number().int().min(0),
  }),
});

const videoInitSchema = z.object({
  post_info: z.object({
    title: z.string().max(2200).optional(),
    privacy_level: privacyLevel,
    disable_duet: z.boolean().optional(),
    disable_comment: z.boolean().optional(),
    disable_stitch: z.boolean().optional(),
    video_cover_timestamp_ms: z.number().int().optional(),
    brand_content_toggle: z.boolean(),
    brand_organic_toggle: z.boolean().optional(),
    is_aigc: z.boolean().optional(),
  }),
  source_info: z.object({
    source: z.literal('PULL_FROM_URL', { error: 'the sandbox supports PULL_FROM_URL only' }),
    video_url: pullUrl,
  }),
});

function invalidParam(error: z.ZodError): InitCheck {
  const issue = error.issues[0];
  const where = issue ? issue.path.join('.') : 'body';
  return { ok: false, status: 400, code: 'invalid_param', message: `Invalid parameter ${where}: ${issue?.message ?? 'malformed'}` };
}

/** How TikTok sees the app and the creator at init (the sandbox's settings). */
export interface InitWorld {
  privacyOptions: readonly string[];
  audited: boolean;
  creatorPrivate: boolean;
  /** `null`: every URL is verified. */
  verifiedUrlPrefixes: readonly string[] | null;
}

function checkPrivacy(level: string | undefined, world: InitWorld): InitCheck | null {
  if (level === undefined) {
    return { ok: false, status: 400, code: 'invalid_param', message: 'post_info.privacy_level is required for DIRECT_POST' };
  }
  // Unaudited clients post SELF_ONLY from private accounts only
  // (https://developers.tiktok.com/doc/content-sharing-guidelines/, "Direct Post API").
  if (!world.audited && (level !== 'SELF_ONLY' || !world.creatorPrivate)) {
    return {
      ok: false,
      status: 403,
      code: 'unaudited_client_can_only_post_to_private_accounts',
      message: 'Please review our integration guidelines at https://developers.tiktok.com/doc/content-sharing-guidelines/',
    };
  }
  if (!world.privacyOptions.includes(level)) {
    return {
      ok: false,
      status: 403,
      code: 'privacy_level_option_mismatch',
      message: `privacy_level ${level} is not one of the creator's privacy_level_options`,
    };
  }
  return null;
}

/** PULL_FROM_URL wants URLs on a prefix or domain verified for the app (TT-MEDIA). */
function checkUrlOwnership(urls: readonly string[], world: InitWorld): InitCheck | null {
  const prefixes = world.verifiedUrlPrefixes;
  if (prefixes === null) return null;
  const unverified = urls.find((url) => !prefixes.some((prefix) => url.startsWith(prefix)));
  if (unverified === undefined) return null;
  return { ok: false, status: 403, code: 'url_ownership_unverified', message: 'Please review our URL ownership verification rules.' };
}

/** `POST /v2/post/publish/content/init/` body (TT-PHOTO). */
export function checkPhotoInit(body: unknown, world: InitWorld): InitCheck {
  const parsed = photoInitSchema.safeParse(body);
  if (!parsed.success) return invalidParam(parsed.error);
  const { post_mode: postMode, post_info: info, source_info: source } = parsed.data;
  if (postMode === 'DIRECT_POST') {
    const refused = checkPrivacy(info.privacy_level, world);
    if (refused) return refused;
  }
  const unowned = checkUrlOwnership(source.photo_images, world);
  if (unowned) return unowned;
  if (source.photo_cover_index >= source.photo_images.length) {
    return { ok: false, status: 400, code: 'invalid_param', message: 'source_info.photo_cover_index is out of range' };
  }
  const draft: PostDraft = {
    title: info.title ?? '',
    description: info.description ?? '',
    mediaType: 'PHOTO',
    postMode,
    privacyLevel: info.privacy_level ?? 'SELF_ONLY',
    photoImages: source.photo_images,
    photoCoverIndex: source.photo_cover_index,
    brandContentToggle: info.brand_content_toggle,
  };
  if (info.disable_comment !== undefined) draft.disableComment = info.disable_comment;
  if (info.auto_add_music !== undefined) draft.autoAddMusic = info.auto_add_music;
  if (info.brand_organic_toggle !== undefined) draft.brandOrganicToggle = info.brand_organic_toggle;
  return { ok: true, draft };
}

/** `POST /v2/post/publish/video/init/` body (TT-DIRECT); the caption of a video is its title. */
export function checkVideoInit(body: unknown, world: InitWorld): InitCheck {
  const parsed = videoInitSchema.safeParse(body);
  if (!parsed.success) return invalidParam(parsed.error);
  const { post_info: info, source_info: source } = parsed.data;
  const refused = checkPrivacy(info.privacy_level, world) ?? checkUrlOwnership([source.video_url], world);
  if (refused) return refused;
  const draft: PostDraft = {
    title: info.title ?? '',
    description: info.title ?? '',
    mediaType: 'VIDEO',
    postMode: 'DIRECT_POST',
    privacyLevel: info.privacy_level,
    photoImages: [],
    videoUrl: source.video_url,
    brandContentToggle: info.brand_content_toggle,
  };
  if (info.disable_comment !== undefined) draft.disableComment = info.disable_comment;
  if (info.brand_organic_toggle !== undefined) draft.brandOrganicToggle = info.brand_organic_toggle;
  return { ok: true, draft };
}
