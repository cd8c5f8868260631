import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { envSchema } from './schema';
import type { Env, Role } from './schema';

export type { Role } from './schema';

/** The resolved configuration every part of LiveCue receives (never `process.env`). */
export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  redisUrl: string;
  redisClusterNodes: { host: string; port: number }[] | null;
  redisPrefix: string;
  tokens: { role: Role; token: string }[];
  /** True when no LIVECUE_TOKENS was given and an admin token was made (sandbox only). */
  generatedAdminToken: boolean;
  /** First key encrypts, every key decrypts (rotation). */
  encryptionKeys: Buffer[];
  timezone: string;
  platformMode: 'live' | 'sandbox';
  logLevel: string;
  /** Where time comes from: this machine, or Redis TIME (src/shared/redis-clock.ts). */
  clock: 'local' | 'redis';
  logJson: boolean;
  retryBaseMs: number;
  maxAttempts: number;
  rateLimitPerMin: number;
  defaultImageUrl: string | null;
  bodyLimit: string;
  publicUrl: string | null;
  /** LIVECUE_ADMIN_EMAIL: the first admin, invited at start when no user exists. */
  adminEmail: string | null;
  /** Express `trust proxy`: false (the peer is the client), a hop count, or proxy addresses/CIDRs. */
  trustProxy: false | number | string[];
  workerConcurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  reconcileEveryMs: number;
  /** The full reconcile sweep (every session and queued job), between the to-sync drains. */
  reconcileSweepEveryMs: number;
  platformTimeoutMs: number;
  webhookTimeoutMs: number;
  allowLinkLocalHooks: boolean;
  shutdownGraceMs: number;
  /** Days ended/cancelled sessions are kept. */
  keepEndedDays: number;
  opsWebhooks: { url: string; secret: string }[];
  metricsToken: string | null;
  /** Ops watchdog: check interval, overdue threshold and alert repeat time (ms). */
  watchdog: { everyMs: number; overdueAfterMs: number; repeatMs: number };
  sandboxUrl: string | null;
  sandboxPort: number | null;
  /**
   * TikTok posting rules (api.md "On-air guard"): `null` = not configured, which in sandbox mode
   * means "as the sandbox's settings say", in live mode unaudited / no verified prefix.
   */
  tiktokRules: { audited: boolean | null; verifiedUrlPrefixes: string[] | null };
  /** Outgoing email: SMTP_URL (null: none, or in sandbox mode the sandbox's sink) and MAIL_FROM. */
  mail: { smtpUrl: string | null; from: string };
  /** Addresses that get ops alerts by email (LIVECUE_OPS_EMAILS). */
  opsEmails: string[];
  /** Zalo OA and ZNS as configured; in sandbox mode deps fills the gaps with the sandbox's. */
  zalo: ZaloConfig;
  platforms: {
    facebook: { graphBaseUrl: string; graphVersion: string; oauthUrl: string; appId?: string; appSecret?: string };
    tiktok: { apiBaseUrl: string; authUrl: string; clientKey: string; clientSecret: string };
    youtube: { rootUrl: string; tokenUrl: string; authUrl: string; clientId: string; clientSecret: string };
  };
}

/** Zalo Official Account + ZNS settings (api.md "Reminders that reach people"). */
export interface ZaloConfig {
  znsUrl: string | null;
  oauthUrl: string | null;
  appId: string | null;
  appSecret: string | null;
  templates: { reminder: string | null; cue: string | null; confirm: string | null };
  /** The OA's first refresh token (seeds the token store once; never overwrites a rotated one). */
  refreshToken: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`LiveCue cannot start, fix these environment variables:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Read and check the environment; throws one ConfigError naming every bad variable. */
export function loadConfig(source: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const sandbox = e.PLATFORM_MODE === 'sandbox';
  let tokens = e.LIVECUE_TOKENS ?? [];
  let generatedAdminToken = false;
  if (tokens.length === 0) {
    if (sandbox) {
      tokens = [{ role: 'admin', token: `lc_admin_${randomBytes(18).toString('base64url')}` }];
      generatedAdminToken = true;
    } else problems.push('LIVECUE_TOKENS: required (role:token pairs, e.g. admin:…,organizer:…) unless PLATFORM_MODE=sandbox');
  }
  let encryptionKeys = e.LIVECUE_ENCRYPTION_KEY ?? [];
  if (encryptionKeys.length === 0) {
    if (sandbox) encryptionKeys = [randomBytes(32)];
    else problems.push('LIVECUE_ENCRYPTION_KEY: required (32 bytes base64: openssl rand -base64 32) unless PLATFORM_MODE=sandbox');
  }
  const opsWebhooks = parseOpsWebhooks(e.LIVECUE_OPS_WEBHOOKS, problems);
  const opsEmails = parseOpsEmails(e.LIVECUE_OPS_EMAILS, problems);
  // Outside sandbox mode (no sink) ops emails without SMTP would be alerts nobody gets.
  if (opsEmails.length > 0 && !sandbox && !e.SMTP_URL) problems.push('LIVECUE_OPS_EMAILS: set, but SMTP_URL is not: ops alerts cannot be emailed (set SMTP_URL and MAIL_FROM)');
  const clusterNodes = parseClusterNodes(e.REDIS_CLUSTER_NODES, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    redisUrl: e.REDIS_URL,
    redisClusterNodes: clusterNodes,
    redisPrefix: e.REDIS_PREFIX,
    tokens,
    generatedAdminToken,
    encryptionKeys,
    timezone: e.LIVECUE_TIMEZONE,
    clock: e.LIVECUE_CLOCK,
    platformMode: e.PLATFORM_MODE,
    logLevel: e.LOG_LEVEL,
    logJson: e.LOG_FORMAT ? e.LOG_FORMAT === 'json' : e.NODE_ENV === 'production',
    retryBaseMs: e.LIVECUE_RETRY_BASE_MS,
    maxAttempts: e.LIVECUE_MAX_ATTEMPTS,
    rateLimitPerMin: e.LIVECUE_RATE_LIMIT_PER_MIN,
    defaultImageUrl: e.LIVECUE_DEFAULT_IMAGE_URL ?? null,
    bodyLimit: e.LIVECUE_BODY_LIMIT,
    publicUrl: e.LIVECUE_PUBLIC_URL ?? null,
    adminEmail: e.LIVECUE_ADMIN_EMAIL ?? null,
    trustProxy: e.LIVECUE_TRUST_PROXY ?? false,
    workerConcurrency: e.LIVECUE_WORKER_CONCURRENCY,
    lockDurationMs: e.LIVECUE_LOCK_DURATION_MS,
    stalledIntervalMs: e.LIVECUE_STALLED_INTERVAL_MS,
    reconcileEveryMs: e.LIVECUE_RECONCILE_EVERY_MS,
    reconcileSweepEveryMs: e.LIVECUE_RECONCILE_SWEEP_EVERY_MS,
    platformTimeoutMs: e.LIVECUE_PLATFORM_TIMEOUT_MS,
    webhookTimeoutMs: e.LIVECUE_WEBHOOK_TIMEOUT_MS,
    allowLinkLocalHooks: e.LIVECUE_ALLOW_LINK_LOCAL_HOOKS,
    shutdownGraceMs: e.LIVECUE_SHUTDOWN_GRACE_MS,
    keepEndedDays: e.LIVECUE_KEEP_ENDED_DAYS,
    opsWebhooks,
    metricsToken: e.METRICS_TOKEN ?? null,
    watchdog: { everyMs: e.LIVECUE_WATCHDOG_EVERY_MS, overdueAfterMs: e.LIVECUE_OVERDUE_AFTER_MS, repeatMs: e.LIVECUE_ALERT_REPEAT_MS },
    sandboxUrl: e.SANDBOX_URL ?? null,
    sandboxPort: e.SANDBOX_PORT ?? null,
    tiktokRules: { audited: e.TIKTOK_AUDITED ?? null, verifiedUrlPrefixes: e.TIKTOK_VERIFIED_URL_PREFIXES ?? null },
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM ?? 'LiveCue <livecue@localhost>' },
    opsEmails,
    zalo: {
      znsUrl: e.ZALO_ZNS_URL?.replace(/\/+$/, '') ?? null,
      oauthUrl: e.ZALO_OAUTH_URL?.replace(/\/+$/, '') ?? null,
      appId: e.ZALO_APP_ID ?? null,
      appSecret: e.ZALO_APP_SECRET ?? null,
      templates: { reminder: e.ZALO_TEMPLATE_REMINDER ?? null, cue: e.ZALO_TEMPLATE_CUE ?? null, confirm: e.ZALO_TEMPLATE_CONFIRM ?? null },
      refreshToken: e.ZALO_REFRESH_TOKEN ?? null,
    },
    platforms: {
      facebook: {
        graphBaseUrl: e.FACEBOOK_GRAPH_URL.replace(/\/+$/, ''),
        graphVersion: e.FACEBOOK_GRAPH_VERSION,
        oauthUrl: e.FACEBOOK_OAUTH_URL.replace(/\/+$/, ''),
        ...(e.FACEBOOK_APP_ID ? { appId: e.FACEBOOK_APP_ID } : {}),
        ...(e.FACEBOOK_APP_SECRET ? { appSecret: e.FACEBOOK_APP_SECRET } : {}),
      },
      tiktok: { apiBaseUrl: e.TIKTOK_API_URL.replace(/\/+$/, ''), authUrl: e.TIKTOK_AUTH_URL.replace(/\/+$/, ''), clientKey: e.TIKTOK_CLIENT_KEY, clientSecret: e.TIKTOK_CLIENT_SECRET },
      youtube: { rootUrl: e.YOUTUBE_ROOT_URL.replace(/\/?$/, '/'), tokenUrl: e.GOOGLE_TOKEN_URL, authUrl: e.GOOGLE_AUTH_URL.replace(/\/+$/, ''), clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET },
    },
  };
}

function parseOpsWebhooks(value: string | undefined, problems: string[]): { url: string; secret: string }[] {
  if (!value) return [];
  const out: { url: string; secret: string }[] = [];
  for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = item.lastIndexOf('#');
    const url = at > 0 ? item.slice(0, at) : item;
    const secret = at > 0 ? item.slice(at + 1) : '';
    try {
      const parsed = new URL(url);
      if (!['http:', 'https:'].includes(parsed.protocol)) throw new Error('protocol');
      out.push({ url, secret });
    } catch {
      problems.push(`LIVECUE_OPS_WEBHOOKS: "${url}" is not an http(s) URL (format: url#secret,url#secret)`);
    }
  }
  return out;
}

function parseOpsEmails(value: string | undefined, problems: string[]): string[] {
  if (!value) return [];
  const out: string[] = [];
  for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (z.email().safeParse(item).success) out.push(item);
    else problems.push(`LIVECUE_OPS_EMAILS: "${item}" is not an email address (format: a@b.vn,c@d.vn)`);
  }
  return out;
}

function parseClusterNodes(value: string | undefined, problems: string[]): { host: string; port: number }[] | null {
  if (!value) return null;
  const nodes = value.split(',').map((s) => s.trim()).filter(Boolean).map((hp) => {
    const [host, port] = hp.split(':');
    return { host: host ?? '', port: Number(port) };
  });
  if (nodes.some((n) => !n.host || !Number.isInteger(n.port) || n.port <= 0)) {
    problems.push('REDIS_CLUSTER_NODES: must be host:port,host:port');
    return null;
  }
  return nodes;
}
