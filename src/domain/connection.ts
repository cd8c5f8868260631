import type { Credentials } from './account';
import type { Platform } from './platform';

export const CONNECTION_STATUSES = ['pending', 'authorized', 'failed', 'done'] as const;
/** pending (consent not back yet) → authorized (candidates read) → done (accounts chosen); or failed. */
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/**
 * Why a connection failed, as the callback's `error=` and the connection's `error.code`:
 * `access_denied` (the person said no), `invalid_state` (replayed, expired or foreign state),
 * `invalid_grant` (the platform refused the code), `missing_permission` (a scope was not granted),
 * `no_pages` / `no_channel` (nothing to post to), `platform_unavailable` (the platform did not answer).
 */
export type ConnectionErrorCode =
  | 'access_denied'
  | 'invalid_state'
  | 'invalid_grant'
  | 'missing_permission'
  | 'no_pages'
  | 'no_channel'
  | 'platform_unavailable';

export interface ConnectionError {
  code: ConnectionErrorCode;
  /** Says what the person should do next. */
  message: string;
}

/** Something the person may post to: a Facebook Page, a TikTok creator, a YouTube channel. */
export interface Candidate {
  externalId: string;
  name: string;
  kind: 'page' | 'creator' | 'channel';
  pictureUrl?: string;
  live: { eligible: boolean; reason?: string };
  /** The creator's allowed `privacy_level` values, read at connect time (TikTok only). */
  privacyLevelOptions?: string[];
}

/** A candidate with the credentials LiveCue stores when it becomes an account (never shown). */
export interface CandidateGrant {
  candidate: Candidate;
  credentials: Credentials;
}

/** One consent flow, as stored. */
export interface Connection {
  id: string;
  platform: Platform;
  status: ConnectionStatus;
  /** Who started it (the auth layer's principal, e.g. `user:<email>` or `admin:1a2b3c4d`). */
  principal: string;
  /** A path on this site the browser returns to. */
  returnTo: string;
  redirectUri: string;
  error: ConnectionError | null;
  candidates: Candidate[];
  createdAt: string;
  updatedAt: string;
}
