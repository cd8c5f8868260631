import { PLATFORMS } from '../../../src/domain/platform';
import { capabilitiesOf, liveUrlOf } from '../../../src/platforms/capabilities';
import { workerPolicyOf } from '../../../src/platforms/worker-policies';

describe('platform capabilities', () => {
  it('builds the watch page of a live id where the platform has one', () => {
    expect(liveUrlOf('youtube', 'abc123')).toBe('https://www.youtube.com/watch?v=abc123');
    expect(liveUrlOf('facebook', '998877')).toBe('https://www.facebook.com/998877');
    expect(liveUrlOf('tiktok', 'x')).toBeNull();
  });

  it.each(PLATFORMS)('%s says why when it cannot post or schedule a live, and defaults to what it can do', (platform) => {
    const caps = capabilitiesOf(platform);
    expect(caps.noPostReason === null).toBe(caps.canPost);
    expect(caps.manualLiveNote === null).toBe(caps.canScheduleLive);
    if (!caps.canPost) expect(caps.defaults.announce).toBe(false);
    if (!caps.canScheduleLive) expect(caps.defaults.live).toBe(false);
    expect(caps.liveCreateAheadMs === null).toBe(caps.liveWindowNote === null);
  });

  it('keeps Facebook lives an hour inside its 7-day window and needs an image for TikTok promos', () => {
    expect(capabilitiesOf('facebook').liveCreateAheadMs).toBe(7 * 86_400_000 - 3_600_000);
    expect(capabilitiesOf('tiktok').promoNeedsImage).toBe(true);
    expect(capabilitiesOf('youtube').dailyQuota).toMatchObject({ units: 10_000, dayZone: 'America/Los_Angeles' });
  });

  it('paces TikTok posts on init and creator info, status polls on status, and nothing else', () => {
    const pacing = workerPolicyOf('tiktok').pacing;
    expect(pacing.kind).toBe('per-minute');
    if (pacing.kind !== 'per-minute') return;
    expect(pacing.endpointsOf.publishPost).toEqual(['init', 'creatorInfo']);
    expect(pacing.endpointsOf.getPostStatus).toEqual(['status']);
    expect(pacing.endpointsOf.createLive).toBeUndefined();
  });
});
