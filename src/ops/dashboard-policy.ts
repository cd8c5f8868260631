import type { Role } from '../../config/schema';
import { roleAllows } from '../api/auth';

/**
 * What each role may do in the job dashboard (bull-board), as api.md "Jobs and queues" lists it:
 * ops retry, promote, clean, pause and resume; admins may do everything bull-board offers (add a
 * job, edit its data, delay, priority, empty, obliterate, concurrency, rate limits, schedulers);
 * viewers and organizers read. Paths are relative to the dashboard's mount point.
 */
const OPS_ACTIONS: readonly RegExp[] = [
  /^\/api\/queues\/(pause|resume)$/,
  /^\/api\/queues\/[^/]+\/(retry\/[^/]+|promote|clean\/[^/]+|pause|resume)$/,
  /^\/api\/queues\/[^/]+\/[^/]+\/(retry|clean|promote)$/,
];

/** Reads that only ops and admins need: the Redis server's own statistics (memory, clients, version). */
const OPS_READS: readonly RegExp[] = [/^\/api\/redis\/stats$/];

const isRead = (method: string): boolean => method === 'GET' || method === 'HEAD';

/** Whether `role` may send `method path` to the dashboard; a refusal names what is needed. */
export function dashboardRequestAllowed(role: Role, method: string, path: string): { ok: true } | { ok: false; needs: 'ops' | 'admin' } {
  if (role === 'admin') return { ok: true };
  const operate = roleAllows(role, 'operate');
  if (isRead(method)) return operate || !OPS_READS.some((r) => r.test(path)) ? { ok: true } : { ok: false, needs: 'ops' };
  if (!operate) return { ok: false, needs: 'ops' };
  return OPS_ACTIONS.some((r) => r.test(path)) ? { ok: true } : { ok: false, needs: 'admin' };
}

/** A dashboard write worth an audit entry: the action as `<verb> <what>` without the `/api` noise. */
export function describeDashboardAction(method: string, path: string): string | null {
  if (isRead(method)) return null;
  return `${method} ${path.replace(/^\/api\//, '')}`;
}

/**
 * Removes failed jobs' `stacktrace` (file paths of the server) from a dashboard answer for roles
 * that only read; `failedReason` (the message the API shows too) stays.
 */
export function withoutStacktraces(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(withoutStacktraces);
  if (typeof body !== 'object' || body === null) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'stacktrace') out[key] = [];
    else out[key] = withoutStacktraces(value);
  }
  return out;
}
