import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { listJobsQuery } from '../handlers/jobs';
import { defineRoute, idParam } from './define-route';
import { HealthSchema, JobListSchema, JobRowSchema, ReadinessSchema, SandboxInfoSchema, StatsSchema } from './responses';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

/** Jobs, queue stats, health, the sandbox URL and this document. */
export function opsRoutes(): RouteConfig[] {
  return [
    defineRoute({
      method: 'get', path: '/v1/jobs', operationId: 'listJobs', tag: 'Jobs', role: 'viewer',
      summary: 'List jobs of sessions from a week ago on (or of one session)',
      description: '`limit` 1-1000, default 100; ordered by runAt.',
      query: listJobsQuery,
      answers: { 200: { description: 'Matching jobs', content: json(JobListSchema) } },
      errors: ['validation_failed', 'unavailable'],
    }),
    defineRoute({
      method: 'post', path: '/v1/jobs/{id}/retry', operationId: 'retryJob', tag: 'Jobs', role: 'ops',
      summary: 'Run a failed (or stale-skipped) job again now',
      params: idParam('job', 'ses_k3j9x0a1b2c3__announce__facebook__acc_1__P1D'),
      answers: { 200: { description: 'The job, pending again', content: json(JobRowSchema) } },
      errors: ['not_found', 'invalid_state', 'unavailable'],
    }),
    defineRoute({
      method: 'get', path: '/v1/stats', operationId: 'getStats', tag: 'Jobs', role: 'viewer',
      summary: 'Queue counts by state and firing lateness percentiles over the last hour',
      answers: { 200: { description: 'Queue statistics', content: json(StatsSchema) } },
      errors: ['unavailable'],
    }),
    defineRoute({
      method: 'get', path: '/v1/sandbox', operationId: 'getSandbox', tag: 'Meta', role: 'admin',
      summary: 'Base URL of the sandbox platforms in use',
      answers: { 200: { description: 'The sandbox in use', content: json(SandboxInfoSchema) } },
      errors: ['not_found'],
    }),
    defineRoute({
      method: 'get', path: '/v1/openapi.json', operationId: 'getOpenApiDocument', tag: 'Meta', role: null,
      summary: 'This document (OpenAPI 3.1)',
      answers: { 200: { description: 'The OpenAPI document', content: json(z.record(z.string(), z.unknown())) } },
    }),
    defineRoute({
      method: 'get', path: '/healthz', operationId: 'getHealth', tag: 'Health', role: null,
      summary: 'Liveness: answers while the process runs',
      answers: { 200: { description: 'Running', content: json(HealthSchema) } },
    }),
    defineRoute({
      method: 'get', path: '/readyz', operationId: 'getReadiness', tag: 'Health', role: null,
      summary: 'Readiness: Redis answers and a worker has sent a heartbeat in the last 30 s',
      answers: {
        200: { description: 'Ready (warnings may still be listed)', content: json(ReadinessSchema) },
        503: { description: 'Not ready: `missing` says why', content: json(ReadinessSchema) },
      },
    }),
  ];
}
