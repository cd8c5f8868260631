import { updateJobLua } from './update-job';

/**
 * The second of a worker job's two store round trips: records the effect in the ledger, the
 * platform's usage reading and the outcome on the session (update-job's `finish`, with its
 * status move), atomically: an outcome is never written without its effect's record.
 * KEYS: 1 session, 2 ledger entry, 3 usage reading (2–3 may be the session key when unused).
 * ARGV: 1 job key, 2 update-job patch, 3 ledger result JSON ('' = none), 4 now (ISO),
 * 5 usage reading JSON ('' = none), 6 usage TTL (ms). Answers as update-job.
 */
export const finishJobLua = `
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[2], 'state', 'done', 'result', ARGV[3], 'doneAt', ARGV[4])
end
if ARGV[5] ~= '' then
  redis.call('SET', KEYS[3], ARGV[5], 'PX', ARGV[6])
end
${updateJobLua}`;
