import type { TiktokPostChoice } from '../adapter';

/** Preferred privacy after PUBLIC_TO_EVERYONE, widest audience first. */
const fallbackPrivacyLevels = ['MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;

/** PUBLIC_TO_EVERYONE when offered, else the widest other option offered (the list order is not reliable). */
export function choosePrivacyLevel(options: readonly string[]): string | null {
  if (options.includes('PUBLIC_TO_EVERYONE')) return 'PUBLIC_TO_EVERYONE';
  return fallbackPrivacyLevels.find((level) => options.includes(level)) ?? null;
}

export type PrivacyDecision = { ok: true; level: string } | { ok: false; why: string };

/**
 * The privacy level a promo is posted with. TikTok wants it to be the user's choice among the
 * creator's `privacy_level_options` (https://developers.tiktok.com/doc/content-sharing-guidelines/,
 * "the privacy_level_options ... the user must choose"); an unaudited app may send SELF_ONLY only
 * (same page, "Direct Post API - Developer Guidelines"). Without a choice: the widest offered.
 */
export function decidePrivacyLevel(options: readonly string[], choice: TiktokPostChoice | undefined): PrivacyDecision {
  const offered = options.join(', ') || 'none';
  if (choice && !choice.audited) {
    return options.includes('SELF_ONLY')
      ? { ok: true, level: 'SELF_ONLY' }
      : { ok: false, why: `LiveCue's TikTok app is not audited, so it may only post SELF_ONLY, which the creator does not offer (offered: ${offered})` };
  }
  if (choice?.privacyLevel !== undefined) {
    return options.includes(choice.privacyLevel)
      ? { ok: true, level: choice.privacyLevel }
      : { ok: false, why: `the chosen privacy level ${choice.privacyLevel} is not among the creator's options (${offered}): choose one of them in the session's tiktok.privacyLevel` };
  }
  const level = choosePrivacyLevel(options);
  return level === null ? { ok: false, why: 'TikTok offers no privacy level LiveCue can post with; check the account in the TikTok app' } : { ok: true, level };
}
