import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every Prometheus metric LiveCue exposes at `/metrics` (prefix `livecue_`), on one registry per
 * Deps (no module-level singletons: two apps in one process keep their own numbers).
 * Counters and histograms count what happened in this process; the gauges are read from Redis at
 * scrape time (see register-collectors.ts), so any API process shows the whole installation.
 */
export interface Metrics {
  registry: Registry;
  /** Job runs finished by this process, by queue, BullMQ job name (the kind) and outcome. */
  jobs: Counter<'queue' | 'kind' | 'state'>;
  jobDuration: Histogram<'queue' | 'kind'>;
  /** How late jobs fired after their runAt (seconds). */
  jobLateness: Histogram<'queue'>;
  platformCalls: Counter<'platform' | 'operation' | 'outcome'>;
  platformErrors: Counter<'platform' | 'operation' | 'kind'>;
  platformCallDuration: Histogram<'platform' | 'operation'>;
  /** Platform answers that make a job wait (rate limited or quota spent), by platform. */
  rateLimitDelays: Counter<'platform' | 'kind'>;
  apiRequests: Counter<'method' | 'route' | 'status'>;
  apiLatency: Histogram<'method' | 'route' | 'status'>;
  /** Messages to people, by channel (email, zalo, webhook) and outcome (sent, retried, fallback, failed, skipped). */
  deliveries: Counter<'channel' | 'outcome'>;
  /** Alerts raised by the watchdog (and account problems), by alert kind. */
  alerts: Counter<'alert'>;
  /** On-air guard readings of one live, by platform and outcome (ok, none, bad, gone, no_live, error). */
  guardChecks: Counter<'platform' | 'outcome'>;
  queueDepth: Gauge<'queue' | 'state'>;
  overdueDelayed: Gauge<'queue'>;
  workersAlive: Gauge;
  lastHeartbeatAge: Gauge;
  accountTokens: Gauge<'platform' | 'account' | 'status'>;
  latenessQuantile: Gauge<'quantile'>;
}

const JOB_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120];
const LATENESS_SECONDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];
const HTTP_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    jobs: new Counter({ name: 'livecue_jobs_total', help: 'Job runs finished, by queue, kind and state', labelNames: ['queue', 'kind', 'state'], registers }),
    jobDuration: new Histogram({ name: 'livecue_job_duration_seconds', help: 'Time a job run took, from start to finish', labelNames: ['queue', 'kind'], buckets: JOB_SECONDS, registers }),
    jobLateness: new Histogram({ name: 'livecue_job_lateness_seconds', help: 'How late jobs fired after their runAt', labelNames: ['queue'], buckets: LATENESS_SECONDS, registers }),
    platformCalls: new Counter({ name: 'livecue_platform_calls_total', help: 'Platform adapter calls, by platform, operation and outcome (ok or error)', labelNames: ['platform', 'operation', 'outcome'], registers }),
    platformErrors: new Counter({ name: 'livecue_platform_errors_total', help: 'Platform adapter errors, by platform, operation and PlatformError kind', labelNames: ['platform', 'operation', 'kind'], registers }),
    platformCallDuration: new Histogram({ name: 'livecue_platform_call_duration_seconds', help: 'Platform adapter call time', labelNames: ['platform', 'operation'], buckets: HTTP_SECONDS, registers }),
    rateLimitDelays: new Counter({ name: 'livecue_rate_limit_delays_total', help: 'Platform answers that delay a job (rate_limited, quota_exhausted)', labelNames: ['platform', 'kind'], registers }),
    apiRequests: new Counter({ name: 'livecue_api_requests_total', help: 'HTTP requests answered, by method, route and status', labelNames: ['method', 'route', 'status'], registers }),
    apiLatency: new Histogram({ name: 'livecue_api_request_duration_seconds', help: 'HTTP request latency, by method, route and status', labelNames: ['method', 'route', 'status'], buckets: HTTP_SECONDS, registers }),
    deliveries: new Counter({ name: 'livecue_deliveries_total', help: 'Messages to people, by channel and outcome', labelNames: ['channel', 'outcome'], registers }),
    alerts: new Counter({ name: 'livecue_alerts_total', help: 'Ops alerts raised, by alert kind', labelNames: ['alert'], registers }),
    guardChecks: new Counter({ name: 'livecue_guard_checks_total', help: 'On-air guard readings of a live, by platform and outcome (ok, none, bad, gone, no_live, error)', labelNames: ['platform', 'outcome'], registers }),
    queueDepth: new Gauge({ name: 'livecue_queue_jobs', help: 'Jobs in each queue by BullMQ state', labelNames: ['queue', 'state'], registers }),
    overdueDelayed: new Gauge({ name: 'livecue_overdue_delayed_jobs', help: 'Delayed jobs whose due time passed more than the overdue threshold ago (not picked up)', labelNames: ['queue'], registers }),
    workersAlive: new Gauge({ name: 'livecue_workers_alive', help: 'Worker processes with a heartbeat in the last 30 s', registers }),
    lastHeartbeatAge: new Gauge({ name: 'livecue_worker_last_heartbeat_age_seconds', help: 'Seconds since the newest worker heartbeat (-1: none in a day)', registers }),
    accountTokens: new Gauge({ name: 'livecue_account_token_status', help: '1 for the current token status of each platform account', labelNames: ['platform', 'account', 'status'], registers }),
    latenessQuantile: new Gauge({ name: 'livecue_job_lateness_last_hour_ms', help: 'Firing lateness percentiles over the last hour, all processes (ms)', labelNames: ['quantile'], registers }),
  };
}
