// The single-API entry point: `googleapis`' root module loads every Google API (~1.5 s).
// `googleAuth.OAuth2` is google-auth-library's OAuth2Client in the copy googleapis pins (10.5.0);
// the top-level copy (10.9.1) has incompatible private members for `youtube({ auth })`.
import { auth as googleAuth, youtube } from 'googleapis/build/src/apis/youtube';
import type { youtube_v3 } from 'googleapis/build/src/apis/youtube';
import type { Credentials } from '../../domain/account';
import type { AccountContext } from '../adapter';
import type { AdapterDeps, PlatformEndpoints } from '../endpoints';
import { PlatformError } from '../platform-error';
import { mergeGoogleTokens } from './merge-google-tokens';

/** One adapter call's YouTube client, with the account's OAuth credentials. */
export interface YoutubeSession {
  youtube: youtube_v3.Youtube;
  /**
   * Refresh the access token when it is expired or about to (5 min), and store the new one before
   * any API call uses it. Throws `PlatformError` auth when it is expired and there is no refresh token.
   */
  refreshIfDue(operation: string): Promise<void>;
  /** Refresh now (the account-health check), saving the new credentials; false without a refresh token. */
  forceRefresh(): Promise<boolean>;
  /** Wait for credential saves still running; the failure of one, if any. */
  settleSaves(): Promise<Error | null>;
}

/** Expiry used when the account stored none: refresh first, so `expiry_date` is always known. */
const unknownExpiryMs = 1;

export function openYoutubeSession(
  config: PlatformEndpoints['youtube'],
  deps: AdapterDeps,
  account: AccountContext,
): YoutubeSession {
  const auth = new googleAuth.OAuth2({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    endpoints: { oauth2TokenUrl: config.tokenUrl },
    // Every call (token refresh and API) goes through this transporter. Node's own fetch: gaxios
    // would otherwise `import('node-fetch')` dynamically, which fails inside jest's VM.
    transporterOptions: { timeout: deps.timeoutMs, fetchImplementation: fetch },
  });
  // Adapters never retry (the worker decides, workers/backoff.ts): gaxios would replay GET/PUT/DELETE on 5xx/429 and every token
  // refresh, so the sandbox and YouTube would see repeated calls.
  auth.transporter.interceptors.request.add({
    resolved: (options) => {
      options.retry = false;
      options.retryConfig = { retry: 0, noResponseRetries: 0 };
      return Promise.resolve(options);
    },
  });
  const { credentials } = account;
  const hasRefreshToken = credentials.refreshToken !== undefined && credentials.refreshToken !== '';
  const expiryMs = credentials.expiresAt === undefined ? NaN : Date.parse(credentials.expiresAt);
  auth.setCredentials({
    access_token: credentials.accessToken,
    ...(hasRefreshToken ? { refresh_token: credentials.refreshToken } : {}),
    // Without expiry_date google-auth-library replays any 401/403 (quotaExceeded too) after a refresh.
    ...(Number.isNaN(expiryMs) ? (hasRefreshToken ? { expiry_date: unknownExpiryMs } : {}) : { expiry_date: expiryMs }),
  });

  let stored: Credentials = { ...credentials };
  let saves: Promise<void> = Promise.resolve();
  let saveError: Error | null = null;
  auth.on('tokens', (tokens) => {
    const next = mergeGoogleTokens(stored, tokens);
    stored = next;
    saves = saves
      .then(() => account.saveCredentials(next))
      .catch((err: unknown) => {
        saveError ??= err instanceof Error ? err : new Error('saving refreshed YouTube credentials failed');
      });
  });

  const client = youtube({
    version: 'v3',
    auth,
    rootUrl: config.rootUrl,
    retry: false,
    timeout: deps.timeoutMs,
  });

  return {
    youtube: client,
    refreshIfDue: async (operation) => {
      const expired = !Number.isNaN(expiryMs) && expiryMs <= deps.clock.now();
      if (expired && !hasRefreshToken) {
        throw new PlatformError({
          platform: 'youtube',
          operation,
          kind: 'auth',
          platformCode: 'noRefreshToken',
          message: `The YouTube sign-in of "${account.name}" expired and LiveCue holds no refresh token; reconnect the account.`,
        });
      }
      await auth.getAccessToken();
      await saves;
      if (saveError) throw saveError;
    },
    forceRefresh: async () => {
      if (!hasRefreshToken) return false;
      auth.setCredentials({ ...auth.credentials, expiry_date: unknownExpiryMs });
      await auth.getAccessToken();
      await saves;
      if (saveError) throw saveError;
      return true;
    },
    settleSaves: async () => {
      await saves;
      return saveError;
    },
  };
}
