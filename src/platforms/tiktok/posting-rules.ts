/**
 * How TikTok treats LiveCue's app now: audited or not, and which URL prefixes are verified for
 * PULL_FROM_URL media. From TIKTOK_AUDITED / TIKTOK_VERIFIED_URL_PREFIXES; in sandbox mode what is
 * not configured is read from the sandbox's settings (`GET /__sandbox/settings`), which tests
 * change at run time.
 */
export interface TiktokRules {
  audited: boolean;
  /** `null`: every URL counts as verified (the lenient sandbox default). */
  verifiedUrlPrefixes: string[] | null;
}

export type TiktokRulesSource = () => Promise<TiktokRules>;

export interface TiktokRulesConfig {
  audited: boolean | null;
  verifiedUrlPrefixes: string[] | null;
}

interface SandboxSettingsAnswer {
  tiktok?: { audited?: unknown; verifiedUrlPrefixes?: unknown };
}

export function createTiktokRulesSource(config: TiktokRulesConfig, sandboxUrl: string | null, timeoutMs: number): TiktokRulesSource {
  if (sandboxUrl === null || (config.audited !== null && config.verifiedUrlPrefixes !== null)) {
    const fixed: TiktokRules = { audited: config.audited ?? false, verifiedUrlPrefixes: config.verifiedUrlPrefixes ?? [] };
    return () => Promise.resolve(fixed);
  }
  return async () => {
    const res = await fetch(`${sandboxUrl}/__sandbox/settings`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`the sandbox did not answer its settings (HTTP ${res.status})`);
    const tiktok = ((await res.json()) as SandboxSettingsAnswer).tiktok ?? {};
    const prefixes = Array.isArray(tiktok.verifiedUrlPrefixes) ? tiktok.verifiedUrlPrefixes.filter((p): p is string => typeof p === 'string') : null;
    return {
      audited: config.audited ?? tiktok.audited !== false,
      verifiedUrlPrefixes: config.verifiedUrlPrefixes ?? prefixes,
    };
  };
}

const postableImage = /\.(jpe?g|webp)$/i;

/**
 * Why TikTok would refuse this promo image, or null: photo posts take JPEG or WebP only
 * (https://developers.tiktok.com/doc/content-posting-api-media-transfer-guide, "Image
 * restrictions"), pulled from an https URL on a verified domain or prefix (same page, "Pull from
 * URL"). The format is read from the URL's path, as LiveCue does not fetch the image.
 */
export function imageProblem(url: string, rules: TiktokRules): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return 'it is not a URL';
  }
  const prefixes = rules.verifiedUrlPrefixes;
  if (prefixes !== null && !prefixes.some((prefix) => url.startsWith(prefix))) {
    return prefixes.length === 0
      ? 'no URL prefix is verified for LiveCue\'s TikTok app (TIKTOK_VERIFIED_URL_PREFIXES)'
      : `it is not on a verified URL prefix (${prefixes.join(', ')})`;
  }
  if (prefixes !== null && !url.startsWith('https://') && !prefixes.some((p) => p.startsWith('http://'))) return 'TikTok pulls images over https only';
  if (!postableImage.test(path)) return 'TikTok photo posts take JPEG or WebP images only';
  return null;
}
