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
}

export function defaultSandboxSettings(): SandboxSettings {
  return { tiktok: { audited: true, creatorPrivacy: 'public', verifiedUrlPrefixes: null }, encoderLeadSeconds: 300 };
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
});
export type SandboxSettingsPatch = z.infer<typeof sandboxSettingsPatchSchema>;

/** Apply a patch in place (handlers share the one settings object). */
export function applySettingsPatch(settings: SandboxSettings, patch: SandboxSettingsPatch): void {
  const t = patch.tiktok;
  if (t?.audited !== undefined) settings.tiktok.audited = t.audited;
  if (t?.creatorPrivacy !== undefined) settings.tiktok.creatorPrivacy = t.creatorPrivacy;
  if (t?.verifiedUrlPrefixes !== undefined) settings.tiktok.verifiedUrlPrefixes = [...t.verifiedUrlPrefixes];
  if (patch.encoderLeadSeconds !== undefined) settings.encoderLeadSeconds = patch.encoderLeadSeconds;
}

/** Back to the defaults, in place. */
export function restoreSettings(settings: SandboxSettings): void {
  const fresh = defaultSandboxSettings();
  settings.tiktok = fresh.tiktok;
  settings.encoderLeadSeconds = fresh.encoderLeadSeconds;
}
