import type { Campaign } from '../api/types';

const KEY = 'livecue.campaign';

/** The campaign the navigation points at: the one in the URL, else the last one opened, else the first. */
export function pickCampaign(campaigns: readonly Campaign[], fromUrl: string | undefined, storage: Pick<Storage, 'getItem' | 'setItem'>): Campaign | null {
  const wanted = fromUrl ?? storage.getItem(KEY) ?? undefined;
  const found = campaigns.find((c) => c.id === wanted) ?? campaigns[0] ?? null;
  if (found) storage.setItem(KEY, found.id);
  return found;
}
