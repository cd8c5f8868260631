import type { Clock } from '../shared/clock';
import type { SandboxSettings } from './settings';
import type { ConsentCodes } from './consent/consent-codes';
import type { SandboxState } from './state';
import type { SandboxTokens } from './tokens';

export interface SandboxOptions {
  /** How long a TikTok publish takes to reach PUBLISH_COMPLETE (ms). */
  tiktokPublishMs: number;
  /** How long YouTube `*Starting` states take to settle (ms). */
  youtubeSettleMs: number;
  /** TikTok access / refresh token lifetimes issued on refresh (s). */
  tiktokAccessTtlS: number;
  tiktokRefreshTtlS: number;
  /** Google access token lifetime issued on refresh (s). */
  googleAccessTtlS: number;
  /** YouTube daily quota of the sandbox's one Google project, shared by all its channels (units). */
  youtubeDailyQuota: number;
}

export const defaultSandboxOptions: SandboxOptions = {
  tiktokPublishMs: 500,
  youtubeSettleMs: 300,
  tiktokAccessTtlS: 7200,
  tiktokRefreshTtlS: 15_552_000,
  googleAccessTtlS: 3599,
  youtubeDailyQuota: 10_000,
};

/** What each fake platform's routes share. */
export interface SandboxContext {
  clock: Clock;
  state: SandboxState;
  tokens: SandboxTokens;
  /** Authorization codes handed out by the consent screens. */
  consent: ConsentCodes;
  options: SandboxOptions;
  /** The world as `PUT /__sandbox/settings` set it (mutated in place). */
  settings: SandboxSettings;
  /** A fresh numeric id string (Graph-style). */
  nextNumericId(): string;
  /** The sandbox's own base URL, e.g. `http://127.0.0.1:8090`. */
  baseUrl(): string;
}
