import { z } from 'zod';
import { TOKEN_STATUSES } from '../../domain/account';
import { PLATFORMS } from '../../domain/platform';
import { JOB_KINDS, JOB_STATES, SESSION_STATUSES } from '../../domain/session';

/**
 * Response bodies of the control API as zod schemas, for the OpenAPI document only (the handlers
 * build their answers in src/api/present.ts). Objects are open: fields may be added, never renamed.
 * `.meta({ id })` names a schema so the document refers to it from `components/schemas`.
 */

export const utcInstant = z.iso.datetime().meta({ description: 'UTC instant, ISO 8601 with Z', example: '2024-06-07T12:00:00.000Z' });
const localInstant = z.iso.datetime({ offset: true }).meta({ description: "The same instant in the session's zone", example: '2024-06-07T19:00:00.000+07:00' });
const nullableUtc = utcInstant.nullable();

export const PlatformSchema = z.enum(PLATFORMS).meta({ id: 'Platform' });
export const JobKindSchema = z.enum(JOB_KINDS).meta({ id: 'JobKind' });
/** Inline, not a $ref: the generator renders a nullable $ref as allOf [ref, null], which refuses null. */
const nullablePlatform = z.enum(PLATFORMS).nullable().meta({ description: 'null for jobs not tied to a platform (e.g. reminders)' });
export const JobStateSchema = z.enum(JOB_STATES).meta({ id: 'JobState' });
export const SessionStatusSchema = z.enum(SESSION_STATUSES).meta({ id: 'SessionStatus' });

export const JobSchema = z
  .object({
    id: z.string().meta({ description: 'Stable: names session, kind, account and offset', example: 'ses_k3j9x0a1b2c3__announce__facebook__acc_1__P1D' }),
    kind: JobKindSchema,
    platform: nullablePlatform,
    accountId: z.string().nullable(),
    offset: z.string().nullable().meta({ description: 'ISO 8601 duration before start (announce, reminder), else null' }),
    runAt: utcInstant,
    runAtLocal: localInstant,
    staleAt: utcInstant.meta({ description: 'Past this instant the job is skipped as stale instead of done late' }),
    state: JobStateSchema,
    attempts: z.number().int().nonnegative().meta({ description: 'Every start of the job, the last one included' }),
    lastError: z.string().nullable(),
    reason: z.string().nullable().meta({ description: 'Why the job was skipped or cancelled' }),
    result: z.record(z.string(), z.unknown()).nullable(),
    firedAt: nullableUtc,
    finishedAt: nullableUtc,
  })
  .meta({ id: 'Job', description: "One planned or past action of a session, with its live state" });

export const SessionTargetSchema = z
  .object({
    platform: PlatformSchema,
    accountId: z.string(),
    announce: z.boolean(),
    live: z.boolean(),
    liveId: z.string().nullable().meta({ description: "The platform's scheduled live, once created" }),
    ingestUrl: z.string().nullable().meta({ description: 'RTMP(S) ingest URL of the scheduled live (facebook, youtube)' }),
    ingestUrlMasked: z.literal(true).optional().meta({ description: 'Present (true) when `ingestUrl` is shown with its stream key masked (`rtmp://a.rtmp.youtube.com/live2/••••`, no query string): to viewers and on every surface a viewer reads' }),
    postIds: z.array(z.string()),
    signal: z.enum(['ok', 'none', 'bad']).nullable().meta({ description: 'Ingest state at the last on-air guard (live targets): ok, none (no video), bad (video with problems); null before the first guard' }),
    signalCheckedAt: utcInstant.nullable().meta({ description: 'When the on-air guard last read the ingest state' }),
  })
  .meta({ id: 'SessionTarget' });

export const SessionSchema = z
  .object({
    id: z.string().meta({ example: 'ses_k3j9x0a1b2c3' }),
    version: z.number().int().min(1).meta({ description: 'Increments on every change; sent as ETag' }),
    status: SessionStatusSchema,
    title: z.string(),
    description: z.string().nullable(),
    timezone: z.string().meta({ example: 'Asia/Ho_Chi_Minh' }),
    startsAt: utcInstant,
    startsAtLocal: localInstant,
    endsAt: utcInstant,
    endsAtLocal: localInstant,
    campaignId: z.string().nullable(),
    stageId: z.string().nullable(),
    host: z.object({ name: z.string(), phone: z.string().optional() }).nullable(),
    vendor: z.object({ name: z.string(), stall: z.string().optional(), market: z.string().optional() }).nullable(),
    products: z.array(z.object({ name: z.string(), price: z.number().optional(), url: z.string().optional() })),
    vendorIds: z.array(z.string()),
    productIds: z.array(z.string()),
    imageUrls: z.array(z.string()),
    targets: z.array(SessionTargetSchema),
    announceOffsets: z.array(z.string()).meta({ example: ['P1D', 'PT1H'] }),
    reminderOffsets: z.array(z.string()).meta({ example: ['PT1H', 'PT10M'] }),
    guardOffsets: z.array(z.string()).meta({ example: ['PT10M', 'PT3M'], description: 'On-air guard checks before the start (api.md "On-air guard")' }),
    notify: z.array(z.object({ type: z.literal('webhook'), url: z.string() })).meta({ description: 'Hook secrets are never returned' }),
    locale: z.enum(['vi', 'en']),
    text: z.object({ announce: z.string().optional(), live: z.string().optional() }).nullable(),
    jobs: z.array(JobSchema),
    createdAt: utcInstant,
    updatedAt: utcInstant,
  })
  .meta({ id: 'Session' });

export const SessionListSchema = z
  .object({
    items: z.array(SessionSchema),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({ id: 'SessionList' });

/** A stage booking that overlaps the wanted window. */
export const ConflictSchema = z
  .object({ sessionId: z.string(), startsAt: utcInstant, endsAt: utcInstant })
  .meta({ id: 'StageConflict' });

export const WindowSchema = z.object({ startsAt: utcInstant, endsAt: utcInstant }).meta({ id: 'TimeWindow' });

export const PreviewResultSchema = z
  .object({
    session: SessionSchema,
    conflicts: z.array(ConflictSchema),
    warnings: z.array(z.object({ code: z.string(), message: z.string(), path: z.string().optional() })),
  })
  .meta({ id: 'PreviewResult', description: 'The session as it would be (id `ses_preview`); nothing is saved' });

export const ErrorDetailSchema = z
  .object({
    path: z.string().meta({ description: 'Dotted path of the failing field; bulk items start with their index', example: 'targets.0.platform' }),
    message: z.string(),
  })
  .meta({ id: 'ErrorDetail' });

export const BulkItemErrorSchema = z
  .object({
    index: z.number().int().nonnegative(),
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(ErrorDetailSchema).optional(),
      conflicts: z.array(z.record(z.string(), z.unknown())).optional(),
    }),
  })
  .meta({ id: 'BulkItemError' });

export const BulkResultSchema = z
  .object({
    created: z.array(z.string()).meta({ description: 'Ids of the created sessions, in item order' }),
    errors: z.array(BulkItemErrorSchema).meta({ description: 'Always empty when atomic' }),
  })
  .meta({ id: 'BulkResult' });

export const AccountSchema = z
  .object({
    id: z.string().meta({ example: 'acc_k3j9x0a1b2c3' }),
    platform: PlatformSchema,
    name: z.string(),
    externalId: z.string(),
    tokenStatus: z.enum(TOKEN_STATUSES),
    tokenStatusReason: z.string().nullable(),
    reconnect: z.boolean().meta({ description: 'True when the token is expired or invalid, or its refresh token ends within 7 days: connect the account again (POST /v1/connections)' }),
    createdAt: utcInstant,
    updatedAt: utcInstant,
  })
  .meta({ id: 'Account', description: 'A platform account; credentials are never returned' });

export const AccountListSchema = z.object({ items: z.array(AccountSchema) }).meta({ id: 'AccountList' });

export const JobRowSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    sessionTitle: z.string(),
    kind: JobKindSchema,
    platform: nullablePlatform,
    accountId: z.string().nullable(),
    runAt: utcInstant,
    state: JobStateSchema,
    attempts: z.number().int().nonnegative(),
    lastError: z.string().nullable(),
    reason: z.string().nullable(),
    firedAt: nullableUtc,
    finishedAt: nullableUtc,
  })
  .meta({ id: 'JobRow' });

export const JobListSchema = z.object({ items: z.array(JobRowSchema) }).meta({ id: 'JobList' });

const latencyMs = z.number().nullable().meta({ description: 'Milliseconds; null without samples' });

export const StatsSchema = z
  .object({
    queues: z
      .record(z.string(), z.record(z.string(), z.number().int().nonnegative()))
      .meta({ description: 'Per queue (one per platform, notify, maintenance): job counts by state (waiting, active, delayed, completed, failed, prioritized)' }),
    lateness: z
      .object({
        windowSeconds: z.number().int(),
        count: z.number().int().nonnegative(),
        p50: latencyMs,
        p95: latencyMs,
        p99: latencyMs,
        max: latencyMs,
      })
      .meta({ description: 'How late jobs fired after their runAt over the last hour' }),
  })
  .meta({ id: 'Stats' });

export const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const ReadinessSchema = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    missing: z.array(z.string()).meta({ description: 'What keeps the service from being ready (empty when ready)' }),
    warnings: z.array(z.string()).meta({ description: 'Risky settings, e.g. Redis without AOF' }),
    workers: z.number().int().nonnegative().meta({ description: 'Workers with a heartbeat in the last 30 s' }),
  })
  .meta({ id: 'Readiness' });

export const SandboxInfoSchema = z.object({ baseUrl: z.url() }).meta({ id: 'SandboxInfo' });
