import { randomBytes } from 'node:crypto';
import type { Config } from '../../config/load-config';
import type { Clock } from '../shared/clock';
import type { Cipher } from '../store/crypto';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import { SANDBOX_ZALO } from '../sandbox/zalo/zalo-defaults';
import type { Channel } from './channel';
import { createEmailChannel } from './email/create-email-channel';
import type { EmailChannel } from './email/create-email-channel';
import { createWebhookChannel } from './webhook/create-webhook-channel';
import type { WebhookChannel } from './webhook/create-webhook-channel';
import { createZaloChannel } from './zalo/create-zalo-channel';
import { createZaloTokenStore } from './zalo/zalo-token-store';
import type { ZaloTokenStore } from './zalo/zalo-token-store';
import type { ZaloSettings } from './zalo/zalo-settings';

/** The channels this install can use; a channel without its settings is null (not sent, said why). */
export interface Channels {
  /** Signed webhooks: always on (a hook carries its own URL and secret). */
  webhook: WebhookChannel;
  email: EmailChannel | null;
  zalo: Channel | null;
  zaloTokens: ZaloTokenStore;
  /** Why Zalo is off, when it is. */
  zaloMissing: string | null;
}

export interface ChannelInputs {
  config: Config;
  clock: Clock;
  redis: RedisClient;
  keys: Keys;
  cipher: Cipher;
  /** The sandbox in use (sandbox mode) and its SMTP sink, when no SMTP_URL is set. */
  sandboxUrl: string | null;
  sandboxSmtpUrl: string | null;
  onZaloInvalid: (reason: string) => Promise<void>;
}

/** Zalo settings: configured values, in sandbox mode filled in with the sandbox's own app, OA and templates. */
export function resolveZaloSettings(config: Config, sandboxUrl: string | null): ZaloSettings | string {
  const z = config.zalo;
  const sandbox = config.platformMode === 'sandbox' && sandboxUrl !== null;
  const pick = (value: string | null, fallback: string): string | null => value ?? (sandbox ? fallback : null);
  const settings = {
    znsUrl: pick(z.znsUrl, sandboxUrl ?? ''),
    oauthUrl: pick(z.oauthUrl, sandboxUrl ?? ''),
    appId: pick(z.appId, SANDBOX_ZALO.appId),
    appSecret: pick(z.appSecret, SANDBOX_ZALO.appSecret),
    reminder: pick(z.templates.reminder, SANDBOX_ZALO.templates.reminder),
    cue: pick(z.templates.cue, SANDBOX_ZALO.templates.cue),
    confirm: pick(z.templates.confirm, SANDBOX_ZALO.templates.confirm),
  };
  const live = { znsUrl: 'https://business.openapi.zalo.me', oauthUrl: 'https://oauth.zaloapp.com' };
  const missing = Object.entries({ ZALO_APP_ID: settings.appId, ZALO_APP_SECRET: settings.appSecret, ZALO_TEMPLATE_REMINDER: settings.reminder, ZALO_TEMPLATE_CUE: settings.cue, ZALO_TEMPLATE_CONFIRM: settings.confirm })
    .filter(([, v]) => v === null)
    .map(([k]) => k);
  if (missing.length > 0 || !settings.appId || !settings.appSecret || !settings.reminder || !settings.cue || !settings.confirm) return `Zalo is not configured (missing ${missing.join(', ')})`;
  return {
    znsUrl: settings.znsUrl ?? live.znsUrl,
    oauthUrl: settings.oauthUrl ?? live.oauthUrl,
    appId: settings.appId,
    appSecret: settings.appSecret,
    templates: { reminder: settings.reminder, cue: settings.cue, confirm: settings.confirm },
    timeoutMs: config.platformTimeoutMs,
  };
}

/** Builds the webhook, email and Zalo channels. The configured OA refresh token seeds the store on first use. */
export function createChannels(inputs: ChannelInputs): Channels {
  const { config } = inputs;
  const smtpUrl = config.mail.smtpUrl ?? inputs.sandboxSmtpUrl;
  const email = smtpUrl ? createEmailChannel({ smtpUrl, from: config.mail.from, timeoutMs: Math.min(config.platformTimeoutMs, 10_000) }) : null;
  const webhook = createWebhookChannel({ clock: inputs.clock, timeoutMs: config.webhookTimeoutMs, allowLinkLocal: config.allowLinkLocalHooks });
  const zaloTokens = createZaloTokenStore(inputs.redis, inputs.keys, inputs.cipher);
  const settings = resolveZaloSettings(config, inputs.sandboxUrl);
  if (typeof settings === 'string') return { webhook, email, zalo: null, zaloTokens, zaloMissing: settings };
  const seed = config.zalo.refreshToken ?? (config.platformMode === 'sandbox' ? SANDBOX_ZALO.refreshToken : null);
  const zalo = createZaloChannel({ settings, store: zaloTokens, clock: inputs.clock, owner: `zalo-${randomBytes(6).toString('hex')}`, onInvalid: inputs.onZaloInvalid, seedRefreshToken: seed });
  return { webhook, email, zalo, zaloTokens, zaloMissing: null };
}
