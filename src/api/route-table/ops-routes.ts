import type { ApiRoute } from '../routes';
import type { Deps } from '../../deps';
import { DomainError } from '../../domain/errors';
import type { HandlerResult } from '../handler-result';
import { getStats, listJobs, listJobsQuery, postRetry } from '../handlers/jobs';
import { listAudit, listAuditQuery } from '../handlers/audit';
import { readiness } from '../handlers/health';
import { boardQuery, getBoard } from '../../ops/board-data';
import { retryJobs, retryJobsBody } from '../../ops/retry-jobs';
import { buildOpenApiDocument } from '../openapi/build-openapi';
import type { OpenApiDocument } from '../openapi/build-openapi';
import { z } from 'zod';
import { idParam } from '../openapi/define-route';
import { HealthSchema, JobListSchema, JobRowSchema, ReadinessSchema, SandboxInfoSchema, StatsSchema } from '../openapi/responses';

const AuditEntrySchema = z
  .object({
    id: z.string().meta({ example: '1717236000000-0' }),
    at: z.string().meta({ example: '2024-06-01T10:00:00.000Z' }),
    principal: z.string().meta({ description: '`user:<email>`, `token:<name>` (personal token) or `token:<role>` (machine token)', example: 'user:lan.nguyen@cho-con.vn' }),
    action: z.enum(['session.create', 'session.update', 'session.cancel', 'session.bulk-create', 'session.import', 'campaign.create', 'catalog.replace', 'job.retry', 'account.create', 'account.delete', 'dashboard.action', 'user.create', 'user.update', 'user.invite', 'user.activate', 'auth.sign-in', 'auth.sign-out', 'auth.sign-in-locked', 'token.create', 'token.revoke']),
    target: z.string(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });
const AuditListSchema = z.object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() }).meta({ id: 'AuditList' });

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const BoardSchema = z
  .object({
    now: z.string(), from: z.string(), to: z.string(), timezone: z.string(),
    stages: z.array(z.string()), campaigns: z.array(z.string()),
    sessions: z.array(z.record(z.string(), z.unknown())).meta({ description: 'Sessions overlapping the window: id, title, status, startsAt, endsAt, timezone, campaignId, stageId (null: the no-stage lane), vendor, host, signals [{ target, signal (ok | none | bad), checkedAt }] (the last on-air guard reading per live), jobs [{ id, kind, platform, accountId, runAt, state, attempts, lastError, reason, finishedAt, errorKind }]' }),
    failures: z.array(z.object({ errorKind: z.string(), platform: z.string().nullable(), count: z.number().int(), jobIds: z.array(z.string()), example: z.string().nullable() })),
  })
  .meta({ id: 'Board' });
const RetryJobsResultSchema = z
  .object({ retried: z.array(JobRowSchema), errors: z.array(z.object({ id: z.string(), error: z.object({ code: z.string(), message: z.string() }) })) })
  .meta({ id: 'RetryJobsResult' });

function sandboxInfo(deps: Deps): Promise<HandlerResult> {
  if (!deps.sandboxUrl) return Promise.reject(new DomainError('not_found', 'LiveCue is not in sandbox mode (PLATFORM_MODE=live)'));
  return Promise.resolve({ status: 200, body: { baseUrl: deps.sandboxUrl } });
}

let document: OpenApiDocument | undefined;
/** The document is built from this table, once (it reads the table: built on first use, not at import). */
function openApiDocument(): OpenApiDocument {
  document ??= buildOpenApiDocument();
  return document;
}

/** Jobs, queue stats, health, the sandbox URL and this document. */
export const opsRoutes: ApiRoute[] = [
  {
    method: 'get', path: '/v1/jobs', role: 'viewer',
    handle: ({ deps, req }) => listJobs(deps, req.query),
    doc: {
      operationId: 'listJobs', tag: 'Jobs',
      summary: 'List jobs of sessions from a week ago on (or of one session)',
      description: '`limit` 1-1000, default 100; ordered by runAt.',
      query: listJobsQuery,
      answers: { 200: { description: 'Matching jobs', content: json(JobListSchema) } },
      errors: ['validation_failed', 'unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/board', role: 'viewer',
    handle: ({ deps, req }) => getBoard(deps, req.query),
    doc: {
      operationId: 'getBoard', tag: 'Jobs',
      summary: 'Schedule board data: sessions of a window with their jobs, failures grouped by error kind',
      description: 'Default window: 6 h ago to 24 h ahead; at most 15 days. The /ops page calls it with its sign-in cookie.',
      query: boardQuery,
      answers: { 200: { description: 'The board', content: json(BoardSchema) } },
      errors: ['validation_failed', 'unavailable'],
    },
  },
  {
    method: 'post', path: '/v1/jobs/retry', role: 'ops',
    handle: ({ deps, req, auth }) => retryJobs(deps, req.body, auth?.principal),
    doc: {
      operationId: 'retryJobs', tag: 'Jobs',
      summary: 'Retry several failed jobs: by ids, or every failed job of one error kind (as /v1/board groups them)',
      body: { schema: retryJobsBody },
      answers: { 200: { description: 'Jobs retried, and those that could not be', content: json(RetryJobsResultSchema) } },
      errors: ['unavailable'],
    },
  },
  {
    method: 'post', path: '/v1/jobs/:id/retry', role: 'ops',
    handle: ({ deps, id, auth }) => postRetry(deps, id, auth?.principal),
    doc: {
      operationId: 'retryJob', tag: 'Jobs',
      summary: 'Run a failed (or stale-skipped) job again now',
      params: idParam('job', 'ses_k3j9x0a1b2c3__announce__facebook__acc_1__P1D'),
      answers: { 200: { description: 'The job, pending again', content: json(JobRowSchema) } },
      errors: ['not_found', 'invalid_state', 'unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/stats', role: 'viewer',
    handle: ({ deps }) => getStats(deps),
    doc: {
      operationId: 'getStats', tag: 'Jobs',
      summary: 'Queue counts by state and firing lateness percentiles over the last hour',
      answers: { 200: { description: 'Queue statistics', content: json(StatsSchema) } },
      errors: ['unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/audit', role: 'admin',
    handle: ({ deps, req }) => listAudit(deps, req.query),
    doc: {
      operationId: 'listAudit', tag: 'Meta',
      summary: 'Audit log: who created, updated, cancelled or retried what; accounts created and deleted',
      description: 'Newest first; `limit` 1-1000, default 100; `before`: the `nextCursor` of the previous page. `principal` names the token (`role:` + 8 hex of its SHA-256), never the token itself. Filters (every given one must match): `principal` and `target` match part of the value in any case, `action` one action or a family (`session`: every `session.*`). A filtered page reads at most 10,000 entries back; it may then hold fewer than `limit` items with a `nextCursor` to go on from.',
      query: listAuditQuery,
      answers: { 200: { description: 'Audit entries', content: json(AuditListSchema) } },
      errors: ['validation_failed', 'unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/sandbox', role: 'admin',
    handle: ({ deps }) => sandboxInfo(deps),
    doc: {
      operationId: 'getSandbox', tag: 'Meta',
      summary: 'Base URL of the sandbox platforms in use',
      answers: { 200: { description: 'The sandbox in use', content: json(SandboxInfoSchema) } },
      errors: ['not_found'],
    },
  },
  {
    method: 'get', path: '/v1/openapi.json', role: null,
    // Before the CSRF guard: the document is public.
    stage: 'open',
    handle: () => Promise.resolve({ status: 200, body: openApiDocument() }),
    doc: {
      operationId: 'getOpenApiDocument', tag: 'Meta',
      summary: 'This document (OpenAPI 3.1)',
      answers: { 200: { description: 'The OpenAPI document', content: json(z.record(z.string(), z.unknown())) } },
    },
  },
  {
    method: 'get', path: '/healthz', role: null,
    handle: () => Promise.resolve({ status: 200, body: { status: 'ok' } }),
    doc: {
      operationId: 'getHealth', tag: 'Health',
      summary: 'Liveness: answers while the process runs',
      answers: { 200: { description: 'Running', content: json(HealthSchema) } },
    },
  },
  {
    method: 'get', path: '/readyz', role: null,
    handle: ({ deps }) => readiness(deps),
    doc: {
      operationId: 'getReadiness', tag: 'Health',
      summary: 'Readiness: Redis answers and a worker has sent a heartbeat in the last 30 s',
      answers: {
        200: { description: 'Ready (warnings may still be listed)', content: json(ReadinessSchema) },
        503: { description: 'Not ready: `missing` says why', content: json(ReadinessSchema) },
      },
    },
  },
];
