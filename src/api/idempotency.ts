import type { Request, Response } from 'express';
import type { Deps } from '../deps';
import { DomainError } from '../domain/errors';
import { hashBody } from '../store/idempotency-store';
import type { IdempotencySeal } from '../store/idempotency-store';
import type { Authed } from './auth';
import type { HandlerResult } from './handler-result';

/**
 * The answer a handler is about to give, as an idempotency record its store write commits in the
 * same atomic step: if the reply to that write is lost (Redis gone just after it ran), the client's
 * retry with the same key replays the answer instead of creating the sessions again.
 */
export type SealAnswer = (answer: HandlerResult) => IdempotencySeal;

/**
 * `Idempotency-Key`: the same key and body return the first answer (same id, same status) and
 * create nothing; the same key with another body is 409 idempotency_conflict. Keys are scoped to
 * the token's role principal and kept 48 h. A 5xx answer is not kept, so a retry can succeed.
 */
export async function withIdempotency(deps: Deps, req: Request, res: Response, run: (seal?: SealAnswer) => Promise<HandlerResult>): Promise<HandlerResult> {
  const key = req.get('idempotency-key');
  if (key === undefined) return run();
  if (key.length === 0 || key.length > 200) {
    throw new DomainError('validation_failed', 'Idempotency-Key must be 1-200 characters', [{ path: 'Idempotency-Key', message: 'expected 1-200 characters' }]);
  }
  const scope = `${(res.locals.auth as Authed | undefined)?.key ?? 'anon'}:${req.method}:${req.baseUrl}${req.path}`;
  const bodyHash = hashBody(req.body);
  const begin = await deps.idempotency.begin(scope, key, bodyHash);
  if (begin.state === 'mismatch') throw new DomainError('idempotency_conflict', 'this Idempotency-Key was used with a different body: use a new key for a new request');
  if (begin.state === 'in-progress') throw new DomainError('idempotency_conflict', 'a request with this Idempotency-Key is still being processed: retry in a moment');
  if (begin.state === 'replay') return { status: begin.status, body: begin.body, headers: { ...begin.headers, 'Idempotent-Replayed': 'true' } };
  try {
    const result = await run((answer) => deps.idempotency.seal(scope, key, bodyHash, answer.status, answer.body, answer.headers));
    await deps.idempotency.finish(scope, key, bodyHash, result.status, result.body, result.headers);
    return result;
  } catch (err) {
    if (err instanceof DomainError && err.status < 500) {
      await deps.idempotency.finish(scope, key, bodyHash, err.status, { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}), ...err.extra } });
    } else {
      await deps.idempotency.abandon(scope, key).catch(() => undefined);
    }
    throw err;
  }
}
