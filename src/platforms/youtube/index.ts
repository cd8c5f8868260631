export { createYoutubeAdapter } from './create-youtube-adapter';
export { classifyYoutubeError } from './classify-youtube-error';
export { msUntilQuotaReset, quotaZone } from './quota-reset';
export { youtubeDailyQuota, youtubeUnitsPerOperation, youtubeUnitsPerSession } from './quota-cost';
export type { YoutubeOperation } from './quota-cost';
