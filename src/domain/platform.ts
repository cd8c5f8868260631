/** The platforms LiveCue speaks to. A closed union: switches over it are exhaustive. */
export const PLATFORMS = ['facebook', 'tiktok', 'youtube'] as const;
export type Platform = (typeof PLATFORMS)[number];

export function isPlatform(value: string): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value);
}
