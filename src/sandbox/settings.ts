import { z } from 'zod';

/**
 * The sandbox's world (api.md "On-air guard", `PUT /__sandbox/settings`): how TikTok sees the app
 * and its creators, and how early the simulated encoders feed their lives. The defaults are the
 * lenient world of "Sandbox shape and defaults": an audited app, public creators, every URL prefix
 * verified.
 */
export interface SandboxSettings {
  tiktok: {
    audited: boolean;
    creatorPrivacy: 'public' | 'private';
    /** `null`: every URL counts as verified. */
    verifiedUrlPrefixes: string[] | null;
  };
  /** Seconds before a live's scheduled start that its simulated encoder starts feeding. */
  encoderLeadSeconds: number;
  youtube: {
    /**
     * When YouTube's auto start takes a broadcast bound to an active stream live: `at-bind` (the
     * bind's answer says `liveStarting`), `after-answer` (the answer still says `ready`; the next
     * request finds it starting), `off` (never: a YouTube that does not auto-start on bind).
     */
    autoStart: 'at-bind' | 'after-answer' | 'off';
  };
}

export function defaultSandboxSettings(): SandboxSettings {
  return { tiktok: { audited: true, creatorPrivacy: 'public', verifiedUrlPrefixes: null }, encoderLeadSeconds: 300, youtube: { autoStart: 'at-bind' } };
}

/** `PUT /__sandbox/settings` body: any part; what is left out keeps its value. */
export const sandboxSettingsPatchSchema = z.strictObject({
  tiktok: z
    .strictObject({
      audited: z.boolean().optional(),
      creatorPrivacy: z.enum(['public', 'private']).optional(),
      verifiedUrlPrefixes: z.array(z.string().min(1).max(500)).max(50).optional(),
    })
    .optional(),
  encoderLeadSeconds: z.number().int().min(0).max(7 * 86_400).optional(),
  youtube: z.strictObject({ autoStart: z.enum(['at-bind', 'after-answer', 'off']).optional() }).optional(),
});
export type SandboxSettingsPatch = z.infer<typeof sandboxSettingsPatchSchema>;

/** Apply a patch in place (handlers share the one settings object). */
export function applySettingsPatch(settings: SandboxSettings, patch: SandboxSettingsPatch): void {
  const t = patch.tiktok;
  if (t?.audited !== undefined) settings.tiktok.audited = t.audited;
  if (t?.creatorPrivacy !== undefined) settings.tiktok.creatorPrivacy = t.creatorPrivacy;
  if (t?.verifiedUrlPrefixes !== undefined) settings.tiktok.verifiedUrlPrefixes = [...t.verifiedUrlPrefixes];
  if (patch.encoderLeadSeconds !== undefined) settings.encoderLeadSeconds = patch.encoderLeadSeconds;
  if (patch.youtube?.autoStart !== undefined) settings.youtube.autoStart = patch.youtube.autoStart;
}

/** Back to the defaults, in place. */
export function restoreSettings(settings: SandboxSettings): void {
  const fresh = defaultSandboxSettings();
  settings.tiktok = fresh.tiktok;
  settings.encoderLeadSeconds = fresh.encoderLeadSeconds;
  settings.youtube = fresh.youtube;
}
