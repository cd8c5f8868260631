import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { ClientRateLimitInfo } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import type { RedisReply } from 'rate-limit-redis';
import type { Deps } from '../deps';

/** Failed sign-ins (401 answers) one address may cause a minute before it must wait. */
export const AUTH_FAILURES_PER_MIN = 30;

/** The request budgets of every authenticated surface: `/v1`, `/ops`, `/admin/queues`, `/metrics`. */
export interface RateLimits {
  /** LIVECUE_RATE_LIMIT_PER_MIN per caller: the principal when the credential is known, else the address. */
  requests: RequestHandler;
  /** AUTH_FAILURES_PER_MIN answers 401 per address: guessing tokens is slow everywhere, not only on /v1. */
  authFailures: RequestHandler;
}

/**
 * RedisStore loads its script once, at start; if that failed (Redis not ready yet) every later
 * request would skip the limit for good. Load it again on the next request instead.
 */
class ReloadingRedisStore extends RedisStore {
  override async increment(key: string): Promise<ClientRateLimitInfo> {
    this.incrementScriptSha = this.incrementScriptSha.catch(() => this.loadIncrementScript());
    return super.increment(key);
  }
}

const pass: RequestHandler = (_req: Request, _res: Response, next: NextFunction) => {
  next();
};

/**
 * Both limits, kept in Redis (shared by every API process); off when LIVECUE_RATE_LIMIT_PER_MIN is
 * 0. `credentialOf` returns the presented credential when it is a known one (bearer token or
 * browser session), so signed-in people are counted by who they are: an anonymous flood from
 * their proxy's address cannot lock them out. The address is `req.ip`, which believes
 * `X-Forwarded-For` only from LIVECUE_TRUST_PROXY.
 */
export function createRateLimits(deps: Pick<Deps, 'config' | 'keys' | 'redis'>, credentialOf: (req: Request) => string | null): RateLimits {
  const limit = deps.config.rateLimitPerMin;
  if (limit === 0) return { requests: pass, authFailures: pass };
  const store = (family: string) =>
    new ReloadingRedisStore({
      prefix: `${deps.keys.rateLimitPrefix}${family}:`,
      sendCommand: (command: string, ...args: string[]) => deps.redis.call(command, ...args) as Promise<RedisReply>,
    });
  const byAddress = (req: Request): string => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
  const refuse = (message: string) => (_req: Request, res: Response, _next: NextFunction, options: { windowMs: number }) => {
    res.setHeader('Retry-After', String(Math.ceil(options.windowMs / 1000)));
    res.status(429).json({ error: { code: 'rate_limited', message } });
  };
  return {
    requests: rateLimit({
      windowMs: 60_000,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      passOnStoreError: true,
      keyGenerator: (req) => {
        const credential = credentialOf(req);
        return credential ? `t:${createHash('sha256').update(credential).digest('hex').slice(0, 16)}` : byAddress(req);
      },
      store: store('req'),
      handler: refuse(`more than ${limit} requests a minute from this caller: slow down and retry after the Retry-After seconds`),
    }),
    authFailures: rateLimit({
      windowMs: 60_000,
      limit: AUTH_FAILURES_PER_MIN,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      passOnStoreError: true,
      keyGenerator: byAddress,
      // A known credential is never held back by its address's failures (people behind one proxy),
      // and only refused credentials count.
      skip: (req) => credentialOf(req) !== null,
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401,
      store: store('auth'),
      handler: refuse(`more than ${AUTH_FAILURES_PER_MIN} refused sign-ins or tokens a minute from this address: wait for the Retry-After seconds and check the token or password`),
    }),
  };
}
