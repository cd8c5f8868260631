import type { SandboxContext } from '../context';
import { okAnswer } from './envelope';
import type { TiktokAnswer } from './envelope';
import { SANDBOX_PERSON } from '../consent/person';

export const privacyLevels = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;

/** A public creator's options (the sandbox default, api.md "Sandbox shape and defaults"). */
export const sandboxPrivacyOptions: readonly string[] = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'];
/** A private account offers no public option: its followers, or only the creator. */
export const privateCreatorPrivacyOptions: readonly string[] = ['FOLLOWER_OF_CREATOR', 'SELF_ONLY'];

/** The creators' privacy options in the sandbox's world now (`PUT /__sandbox/settings`). */
export function privacyOptionsOf(ctx: SandboxContext): readonly string[] {
  return ctx.settings.tiktok.creatorPrivacy === 'private' ? privateCreatorPrivacyOptions : sandboxPrivacyOptions;
}

/** `POST /v2/post/publish/creator_info/query/`. */
export function queryCreatorInfo(ctx: SandboxContext, openId: string): TiktokAnswer {
  return okAnswer(ctx.clock.now(), {
    creator_avatar_url: `${ctx.baseUrl()}/__sandbox/avatars/${encodeURIComponent(openId)}.webp`,
    creator_username: openId === SANDBOX_PERSON.tiktok.openId ? SANDBOX_PERSON.tiktok.username : openId,
    creator_nickname: openId === SANDBOX_PERSON.tiktok.openId ? SANDBOX_PERSON.tiktok.nickname : `Sandbox creator ${openId}`,
    privacy_level_options: [...privacyOptionsOf(ctx)],
    comment_disabled: false,
    duet_disabled: false,
    stitch_disabled: true,
    max_video_post_duration_sec: 600,
  });
}
