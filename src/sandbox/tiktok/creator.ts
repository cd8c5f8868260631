import type { SandboxContext } from '../context';
import { okAnswer } from './envelope';
import type { TiktokAnswer } from './envelope';
import { SANDBOX_PERSON } from '../consent/person';

export const privacyLevels = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;

/** Every sandbox creator is a public account (api.md "Sandbox platforms"). */
export const sandboxPrivacyOptions: readonly string[] = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'];

/** `POST /v2/post/publish/creator_info/query/`. */
export function queryCreatorInfo(ctx: SandboxContext, openId: string): TiktokAnswer {
  return okAnswer(ctx.clock.now(), {
    creator_avatar_url: `${ctx.baseUrl()}/__sandbox/avatars/${encodeURIComponent(openId)}.webp`,
    creator_username: openId === SANDBOX_PERSON.tiktok.openId ? SANDBOX_PERSON.tiktok.username : openId,
    creator_nickname: openId === SANDBOX_PERSON.tiktok.openId ? SANDBOX_PERSON.tiktok.nickname : `Sandbox creator ${openId}`,
    privacy_level_options: [...sandboxPrivacyOptions],
    comment_disabled: false,
    duet_disabled: false,
    stitch_disabled: true,
    max_video_post_duration_sec: 600,
  });
}
