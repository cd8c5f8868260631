import { z } from 'zod';
import type { Deps } from '../../deps';
import { JOB_KINDS, JOB_STATES } from '../../domain/session';
import type { Session } from '../../domain/session';
import { PLATFORMS } from '../../domain/platform';
import { QUEUE_NAMES } from '../../scheduling/queues';
import { parseOrThrow } from '../validate';
import type { HandlerResult } from '../handler-result';
import { retryJob } from '../../sessions/retry-job';
import { presentJobRow } from '../present';

export const listJobsQuery = z.strictObject({
  state: z.enum(JOB_STATES).optional(),
  kind: z.enum(JOB_KINDS).optional(),
  platform: z.enum(PLATFORMS).optional(),
  sessionId: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** Jobs of sessions from a week ago on (or of one session), newest due first for failures. */
export async function listJobs(deps: Deps, query: unknown): Promise<HandlerResult> {
  const q = parseOrThrow(listJobsQuery, query);
  const limit = q.limit ?? 100;
  const sessions: Session[] = [];
  if (q.sessionId) {
    const s = await deps.sessions.get(q.sessionId);
    if (s) sessions.push(s);
  } else {
    let fromMs = deps.clock.now() - 7 * 86_400_000;
    let afterId: string | undefined;
    for (let pages = 0; pages < 100; pages += 1) {
      const page = await deps.sessions.listIds({ fromMs, toMs: Infinity, limit: 500, ...(afterId ? { afterId } : {}) });
      sessions.push(...(await deps.sessions.getMany(page.map((p) => p.id))).filter((s): s is Session => s !== null));
      const last = page[page.length - 1];
      if (!last || page.length < 500) break;
      fromMs = last.startMs;
      afterId = last.id;
    }
  }
  const rows: Record<string, unknown>[] = [];
  for (const s of sessions) {
    for (const j of s.jobs) {
      if ((q.state && j.state !== q.state) || (q.kind && j.kind !== q.kind) || (q.platform && j.platform !== q.platform)) continue;
      rows.push(presentJobRow(s, j));
    }
  }
  rows.sort((a, b) => String(a.runAt).localeCompare(String(b.runAt)));
  return { status: 200, body: { items: rows.slice(0, limit) } };
}

/** `POST /v1/jobs/:id/retry`: a failed (or stale-skipped) job runs again now. */
export async function postRetry(deps: Deps, jobId: string, principal?: string): Promise<HandlerResult> {
  const { session, record } = await retryJob(deps, jobId, principal);
  return { status: 200, body: presentJobRow(session, record) };
}

const percentile = (sorted: number[], p: number): number | null => {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
};

/** `GET /v1/stats`: queue counts by state and firing lateness over the last hour. */
export async function getStats(deps: Deps): Promise<HandlerResult> {
  const queues: Record<string, Record<string, number>> = {};
  for (const name of QUEUE_NAMES) {
    queues[name] = await deps.queues[name].getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized');
  }
  const samples = (await deps.ops.lateness(deps.clock.now() - 3_600_000)).sort((a, b) => a - b);
  return {
    status: 200,
    body: {
      queues,
      lateness: { windowSeconds: 3600, count: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), max: samples[samples.length - 1] ?? null },
    },
  };
}
