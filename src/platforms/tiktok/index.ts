export { createTiktokAdapter } from './create-tiktok-adapter';
export { classifyTiktokFailReason } from './fail-reason';
export type { FailReasonContext } from './fail-reason';
