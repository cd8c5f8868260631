import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { IANAZone } from 'luxon';

/** Roles of the control API (api.md "Auth"). */
export const ROLES = ['viewer', 'organizer', 'ops', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const intFromEnv = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: string[]) =>
  z.string().trim().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL (${protocols.join(' or ')})`);

/** Machine tokens shorter than this are refused: guessable in a day at the API's rate limit. */
export const MIN_TOKEN_LENGTH = 24;

const tokens = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const out: { role: Role; token: string }[] = [];
    const seen = new Set<string>();
    value
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
      .forEach((pair, i) => {
        const idx = pair.indexOf(':');
        const role = pair.slice(0, idx) as Role;
        const token = pair.slice(idx + 1);
        // Messages name the entry by position and role only: never a character of a token.
        if (idx < 1 || !ROLES.includes(role)) {
          ctx.addIssue({ code: 'custom', message: `entry ${i + 1} is not role:token with a role of ${ROLES.join(', ')}` });
        } else if (token.length < MIN_TOKEN_LENGTH) {
          ctx.addIssue({ code: 'custom', message: `entry ${i + 1}: the ${role} token must be at least ${MIN_TOKEN_LENGTH} characters (openssl rand -hex 16)` });
        } else if (seen.has(token)) {
          ctx.addIssue({ code: 'custom', message: `entry ${i + 1}: the ${role} token is already given to another entry: every token must be unique` });
        } else {
          seen.add(token);
          out.push({ role, token });
        }
      });
    return out;
  });

/**
 * LIVECUE_TRUST_PROXY: the proxies whose X-Forwarded-For names the client. A hop count (`1`: the
 * one load balancer in front), or addresses and CIDRs (`10.0.0.0/8,192.168.1.5`, or the names
 * `loopback`, `linklocal`, `uniquelocal` of Express's trust proxy). Without it: nobody (the peer).
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): number | string[] => {
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((p) => p.trim()).filter(Boolean);
    for (const entry of entries) {
      const named = ['loopback', 'linklocal', 'uniquelocal'].includes(entry);
      const [address = '', bits] = entry.split('/');
      const isAddress = ipaddr.isValid(address) && (bits === undefined || /^\d{1,3}$/.test(bits));
      if (!named && !isAddress) ctx.addIssue({ code: 'custom', message: `"${entry}" is not a hop count, an IP address, a CIDR or loopback/linklocal/uniquelocal` });
    }
    return entries;
  });

const encryptionKey = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const keys: Buffer[] = [];
    for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const buf = Buffer.from(part, 'base64');
      if (buf.length !== 32) ctx.addIssue({ code: 'custom', message: 'must be 32 bytes in base64 (openssl rand -base64 32); for rotation: new,old' });
      else keys.push(buf);
    }
    return keys;
  });

const zone = z.string().trim().refine((z2) => IANAZone.isValidZone(z2), 'must be an IANA time zone such as Asia/Ho_Chi_Minh');

/**
 * A SIGKILLed worker's job runs elsewhere once its lock has expired and a stalled check has seen
 * it: at most lock + one check interval after the kill (10 + 4 = 14 s, inside the 15 s goal; with a
 * 5 s interval the bench measured up to 15.0 s). The lock is renewed every half lock.
 */
export const DEFAULT_LOCK_DURATION_MS = 10_000;
export const DEFAULT_STALLED_INTERVAL_MS = 4000;

/**
 * Every environment variable LiveCue reads. This schema is the only reader of process.env;
 * the first table of api.md "Running" is contract, the rest are LiveCue's own knobs.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  PORT: intFromEnv(0, 65535).default(8080),
  HOST: z.string().trim().default('0.0.0.0'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  /** Comma-separated `host:port` list: connect as a Redis Cluster instead of REDIS_URL. */
  REDIS_CLUSTER_NODES: z.string().trim().optional(),
  REDIS_PREFIX: z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - only (1-40)').default('livecue'),
  LIVECUE_TOKENS: tokens.optional(),
  LIVECUE_ENCRYPTION_KEY: encryptionKey.optional(),
  LIVECUE_TIMEZONE: zone.default('Asia/Ho_Chi_Minh'),
  /** `redis`: every process reads time as Redis TIME (measured offset), so a host whose clock is off neither stamps nor checks due times wrong. */
  LIVECUE_CLOCK: z.enum(['local', 'redis']).default('local'),
  PLATFORM_MODE: z.enum(['live', 'sandbox']).default('live'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  LIVECUE_RETRY_BASE_MS: intFromEnv(1, 3_600_000).default(2000),
  LIVECUE_MAX_ATTEMPTS: intFromEnv(1, 100).default(8),
  LIVECUE_RATE_LIMIT_PER_MIN: intFromEnv(0, 1_000_000).default(1200),
  LIVECUE_DEFAULT_IMAGE_URL: url(['http:', 'https:']).optional(),
  LIVECUE_BODY_LIMIT: z.string().trim().regex(/^\d+(b|kb|mb)$/i, 'like 1mb or 512kb').default('1mb'),
  LIVECUE_PUBLIC_URL: url(['http:', 'https:']).optional(),
  /** When no user exists at start, an admin with this email is invited (the link is logged once). */
  LIVECUE_ADMIN_EMAIL: z.string().trim().pipe(z.email('must be an email address')).optional(),
  LIVECUE_TRUST_PROXY: trustProxy.optional(),
  LIVECUE_WORKER_CONCURRENCY: intFromEnv(1, 1000).default(50),
  LIVECUE_LOCK_DURATION_MS: intFromEnv(1000, 600_000).default(DEFAULT_LOCK_DURATION_MS),
  LIVECUE_STALLED_INTERVAL_MS: intFromEnv(500, 600_000).default(DEFAULT_STALLED_INTERVAL_MS),
  LIVECUE_RECONCILE_EVERY_MS: intFromEnv(1000, 86_400_000).default(60_000),
  LIVECUE_RECONCILE_SWEEP_EVERY_MS: intFromEnv(1000, 604_800_000).default(86_400_000),
  LIVECUE_PLATFORM_TIMEOUT_MS: intFromEnv(100, 120_000).default(15_000),
  LIVECUE_WEBHOOK_TIMEOUT_MS: intFromEnv(100, 60_000).default(5000),
  LIVECUE_ALLOW_LINK_LOCAL_HOOKS: boolFromEnv.default(false),
  /** Ended and cancelled sessions are removed this many days after their end (retention). */
  LIVECUE_KEEP_ENDED_DAYS: intFromEnv(1, 3650).default(90),
  LIVECUE_SHUTDOWN_GRACE_MS: intFromEnv(0, 600_000).default(20_000),
  LIVECUE_OPS_WEBHOOKS: z.string().trim().optional(),
  METRICS_TOKEN: z.string().trim().min(8, 'at least 8 characters').optional(),
  /** How often the ops watchdog checks (overdue jobs, worker heartbeats, Redis policy, accounts). */
  LIVECUE_WATCHDOG_EVERY_MS: intFromEnv(500, 3_600_000).default(10_000),
  /** A delayed job due longer ago than this and not picked up is overdue (alert). */
  LIVECUE_OVERDUE_AFTER_MS: intFromEnv(1000, 3_600_000).default(30_000),
  /** The same ops alert is sent again after this long while the problem lasts. */
  LIVECUE_ALERT_REPEAT_MS: intFromEnv(1000, 86_400_000).default(900_000),
  SANDBOX_URL: url(['http:', 'https:']).optional(),
  SANDBOX_PORT: intFromEnv(0, 65535).optional(),
  FACEBOOK_GRAPH_URL: url(['http:', 'https:']).default('https://graph.facebook.com'),
  FACEBOOK_GRAPH_VERSION: z.string().trim().regex(/^v\d+\.\d+$/, 'like v23.0').default('v23.0'),
  /** Base of Facebook's Login dialog (`<base>/<version>/dialog/oauth`). */
  FACEBOOK_OAUTH_URL: url(['http:', 'https:']).default('https://www.facebook.com'),
  FACEBOOK_APP_ID: z.string().trim().optional(),
  FACEBOOK_APP_SECRET: z.string().trim().optional(),
  TIKTOK_API_URL: url(['http:', 'https:']).default('https://open.tiktokapis.com'),
  /** Base of TikTok's Login Kit consent screen (`<base>/v2/auth/authorize/`). */
  TIKTOK_AUTH_URL: url(['http:', 'https:']).default('https://www.tiktok.com'),
  TIKTOK_CLIENT_KEY: z.string().trim().default(''),
  TIKTOK_CLIENT_SECRET: z.string().trim().default(''),
  /** Whether TikTok has audited this app; until then posts are SELF_ONLY. Unset in sandbox mode: the sandbox's settings decide. */
  TIKTOK_AUDITED: boolFromEnv.optional(),
  /** Comma-separated https prefixes verified with TikTok for promo images (PULL_FROM_URL). */
  TIKTOK_VERIFIED_URL_PREFIXES: z
    .string()
    .trim()
    .transform((value) => value.split(',').map((p) => p.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine((p) => /^https:\/\/[^\s/]+/i.test(p), 'each prefix must be an https URL prefix (https://cdn.example.vn/promo/)')))
    .optional(),
  YOUTUBE_ROOT_URL: url(['http:', 'https:']).default('https://youtube.googleapis.com/'),
  /** Daily YouTube Data API units of this install's Google Cloud project (10,000 unless Google granted more). */
  YOUTUBE_DAILY_QUOTA: intFromEnv(100, 100_000_000).default(10_000),
  GOOGLE_TOKEN_URL: url(['http:', 'https:']).default('https://oauth2.googleapis.com/token'),
  /** Base of Google's consent screen (`<base>/o/oauth2/v2/auth`). */
  GOOGLE_AUTH_URL: url(['http:', 'https:']).default('https://accounts.google.com'),
  GOOGLE_CLIENT_ID: z.string().trim().default(''),
  GOOGLE_CLIENT_SECRET: z.string().trim().default(''),
  /** Outgoing email (`smtp://user:pass@host:587`, `smtps://…`); in sandbox mode without it the sandbox's sink takes the mail. */
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().trim().optional(),
  /** Comma-separated addresses that get ops alerts by email too. */
  LIVECUE_OPS_EMAILS: z.string().trim().optional(),
  /** Zalo Notification Service base (`POST <url>/message/template`). */
  ZALO_ZNS_URL: url(['http:', 'https:']).optional(),
  /** Zalo OAuth base of the OA token endpoint (`POST <url>/v4/oa/access_token`). */
  ZALO_OAUTH_URL: url(['http:', 'https:']).optional(),
  ZALO_APP_ID: z.string().trim().optional(),
  ZALO_APP_SECRET: z.string().trim().optional(),
  ZALO_TEMPLATE_REMINDER: z.string().trim().optional(),
  ZALO_TEMPLATE_CUE: z.string().trim().optional(),
  ZALO_TEMPLATE_CONFIRM: z.string().trim().optional(),
  /** The OA's first refresh token; stored once, then rotated by LiveCue (`npm run zalo -- connect` does the same). */
  ZALO_REFRESH_TOKEN: z.string().trim().optional(),
});

export type Env = z.infer<typeof envSchema>;
