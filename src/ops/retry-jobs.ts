import { z } from 'zod';
import type { HandlerResult } from '../api/handler-result';
import { presentJobRow } from '../api/present';
import { retryJob } from '../sessions/retry-job';
import { parseOrThrow } from '../api/validate';
import type { Deps } from '../deps';
import { DomainError, validationError } from '../domain/errors';
import { loadSessionsBetween } from './board-data';
import { errorKindOfJob } from './error-kind';

export const retryJobsBody = z.union([
  z.strictObject({ ids: z.array(z.string().min(1).max(300)).min(1).max(500) }),
  z.strictObject({ errorKind: z.string().min(1).max(400) }),
]);

const WEEK_MS = 7 * 86_400_000;

/**
 * `POST /v1/jobs/retry` (ops): retries several failed jobs at once — by `ids`, or every failed job
 * of sessions from a week ago on whose `errorKind` (as `GET /v1/board` reports it) matches.
 * → `200 { retried: [job rows], errors: [{ id, error: {code, message} }] }`.
 */
export async function retryJobs(deps: Deps, body: unknown, principal?: string): Promise<HandlerResult> {
  const parsed = parseOrThrow(retryJobsBody, body ?? {});
  let ids: string[];
  if ('ids' in parsed) ids = [...new Set(parsed.ids)];
  else {
    const nowMs = deps.clock.now();
    const sessions = await loadSessionsBetween(deps, nowMs - WEEK_MS, Infinity);
    ids = sessions.flatMap((s) => s.jobs.filter((j) => j.state === 'failed' && errorKindOfJob(j) === parsed.errorKind).map((j) => j.id));
    if (ids.length === 0) throw validationError([{ path: 'errorKind', message: 'no failed job has this error kind (it may have been retried already)' }]);
  }
  const retried: unknown[] = [];
  const errors: { id: string; error: { code: string; message: string } }[] = [];
  for (const id of ids) {
    try {
      const { session, record } = await retryJob(deps, id, principal);
      retried.push(presentJobRow(session, record));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      errors.push({ id, error: { code: err.code, message: err.message } });
    }
  }
  return { status: 200, body: { retried, errors } };
}
