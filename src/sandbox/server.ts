import express from 'express';
import type { Request, Response, NextFunction } from 'express';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Platform } from '../domain/platform';
import type { SandboxService } from './faults';
import { startMailSink } from './mail-sink';
import type { MailSink } from './mail-sink';
import { createZaloRouter } from './zalo/routes';
import type { ZaloOaState } from './zalo/routes';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { defaultSandboxOptions } from './context';
import type { SandboxContext, SandboxOptions } from './context';
import { FaultTable, faultSchema } from './faults';
import { encoderCommandSchema, forceEncoder } from './encoder';
import { applySettingsPatch, defaultSandboxSettings, restoreSettings, sandboxSettingsPatchSchema } from './settings';
import { createEmptyState } from './state';
import type { SandboxState } from './state';
import { SandboxTokens } from './tokens';
import { ConsentCodes } from './consent/consent-codes';
import { createConsentRouter } from './consent/consent-routes';
import { createFacebookRouter } from './facebook/routes';
import { pageUsageSchema } from './facebook/usage-headers';
import { createTiktokRouter } from './tiktok/routes';
import { createYoutubeRouter, settleWorld } from './youtube/routes';

/** One call the sandbox received (`GET /__sandbox/requests`). */
export interface SandboxRequest {
  at: string;
  method: string;
  /** Path without the query string. */
  path: string;
  platform: SandboxService;
  query: Record<string, unknown>;
  body: unknown;
}

export interface Sandbox {
  baseUrl: string;
  state: SandboxState;
  tokens: SandboxTokens;
  faults: FaultTable;
  requests: SandboxRequest[];
  /** The SMTP sink: every mail sent to `mail.smtpUrl` (`GET /__sandbox/mail`). */
  mail: MailSink;
  /** Forget everything: state, tokens, faults, request log. */
  reset(): void;
  close(): Promise<void>;
}

export interface StartSandboxOptions {
  port?: number;
  host?: string;
  clock: Clock;
  logger?: Logger;
  options?: Partial<SandboxOptions>;
}

/** Which platform a path belongs to: Graph `/vNN.N/…`, TikTok `/v2/…`, YouTube `/youtube/v3/…`, `/token` and Google's consent `/o/oauth2/…`. */
export function platformOfPath(path: string): SandboxService | null {
  if (path === '/message/template' || path === '/v4/oa/access_token') return 'zalo';
  if (/^\/v\d+\.\d+(\/|$)/.test(path)) return 'facebook';
  if (path.startsWith('/v2/')) return 'tiktok';
  if (path.startsWith('/youtube/v3/') || path === '/token' || path.startsWith('/o/oauth2/') || path.startsWith('/upload/youtube/')) return 'youtube';
  return null;
}

export async function startSandbox(opts: StartSandboxOptions): Promise<Sandbox> {
  const state = createEmptyState();
  const tokens = new SandboxTokens(() => opts.clock.now());
  const faults = new FaultTable();
  const consent = new ConsentCodes(() => opts.clock.now());
  const requests: SandboxRequest[] = [];
  const maxLog = 50_000;
  let idCounter = 1_000_000_000;
  let baseUrl = '';
  const zaloOa: ZaloOaState = { access: {}, refresh: {} };
  const mail = await startMailSink({ now: () => opts.clock.now(), faults, ...(opts.logger ? { logger: opts.logger } : {}) });

  const ctx: SandboxContext = {
    clock: opts.clock,
    state,
    tokens,
    consent,
    options: { ...defaultSandboxOptions, ...opts.options },
    settings: defaultSandboxSettings(),
    nextNumericId: () => String((idCounter += 1)),
    baseUrl: () => baseUrl,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(express.json({ limit: '5mb', type: ['application/json', 'application/*+json'] }));
  app.use(express.urlencoded({ extended: false, limit: '5mb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/__sandbox/requests', (_req, res) => {
    res.json(requests);
  });
  app.get('/__sandbox/state', (_req, res) => {
    settleWorld(ctx, opts.clock.now());
    res.json({ ...state, tokens: tokens.list() });
  });
  app.get('/__sandbox/mail', (_req, res) => {
    res.json(mail.mail);
  });
  /** Where the SMTP sink listens, for processes that share this sandbox (SANDBOX_URL). */
  app.get('/__sandbox/mail/smtp', (_req, res) => {
    res.json({ smtpUrl: mail.smtpUrl });
  });
  app.delete('/__sandbox/mail', (_req, res) => {
    mail.mail.length = 0;
    res.status(204).end();
  });
  app.get('/__sandbox/faults', (_req, res) => {
    res.json(faults.list());
  });
  app.post('/__sandbox/faults', (req, res) => {
    const parsed = faultSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: { code: 'validation_failed', message: parsed.error.message } });
      return;
    }
    faults.add(parsed.data);
    res.status(201).json(parsed.data);
  });
  app.delete('/__sandbox/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });
  /** Test hook: the usage a page reports from now on (`X-Business-Use-Case-Usage`); reset forgets it. */
  app.post('/__sandbox/facebook/usage', (req, res) => {
    const parsed = pageUsageSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: { code: 'validation_failed', message: parsed.error.message } });
      return;
    }
    const { pageId, ...usage } = parsed.data;
    state.facebook.usage[pageId] = usage;
    res.status(201).json(parsed.data);
  });
  /** Every page back to the usage that grows slowly with its calls. */
  app.delete('/__sandbox/facebook/usage', (_req, res) => {
    state.facebook.usage = {};
    res.status(204).end();
  });
  /** A stand-in promo image for TikTok photo posts in sandbox mode. */
  app.get('/__sandbox/promo.jpg', (_req, res) => {
    res.type('image/svg+xml').send('<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1080"><rect width="100%" height="100%" fill="#e4572e"/><text x="50%" y="50%" font-size="96" text-anchor="middle" fill="#fff">LiveCue</text></svg>');
  });
  app.post('/__sandbox/encoder', (req, res) => {
    const parsed = encoderCommandSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: { code: 'validation_failed', message: parsed.error.message } });
      return;
    }
    const count = forceEncoder(state, parsed.data);
    if (parsed.data.liveId !== undefined && count === 0) {
      res.status(404).json({ error: { code: 'not_found', message: `no ${parsed.data.platform} live ${parsed.data.liveId} (with a bound stream) in the sandbox` } });
      return;
    }
    res.json({ ...parsed.data, lives: count });
  });
  app.get('/__sandbox/settings', (_req, res) => {
    res.json(ctx.settings);
  });
  app.put('/__sandbox/settings', (req, res) => {
    const parsed = sandboxSettingsPatchSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: { code: 'validation_failed', message: parsed.error.message } });
      return;
    }
    applySettingsPatch(ctx.settings, parsed.data);
    res.json(ctx.settings);
  });
  app.delete('/__sandbox/settings', (_req, res) => {
    restoreSettings(ctx.settings);
    res.status(204).end();
  });
  /** Page, creator and channel pictures the fake platforms point at. */
  app.get('/__sandbox/pictures/:name', (_req, res) => {
    res.type('image/svg+xml').send('<svg xmlns="http://www.w3.org/2000/svg" width="88" height="88"><circle cx="44" cy="44" r="44" fill="#2e86e4"/></svg>');
  });
  app.post('/__sandbox/reset', (_req, res) => {
    reset();
    res.status(204).end();
  });
  /** Test hook: expire or revoke a token (`{ token, state }`), or move its expiry (`{ token, expiresAt }`). */
  app.post('/__sandbox/tokens', (req: Request, res: Response) => {
    const body = (req.body ?? {}) as { platform?: Platform; token?: string; state?: string; expiresAt?: number | null };
    if (!body.token || !body.platform) {
      res.status(400).json({ error: { message: 'token and platform are required' } });
      return;
    }
    if (body.expiresAt !== undefined) tokens.setExpiry(body.platform, body.token, body.expiresAt);
    if (body.state === 'expired' || body.state === 'revoked' || body.state === 'rotated' || body.state === 'active') {
      tokens.check(body.platform, body.token);
      tokens.setState(body.token, body.state);
    }
    res.json({ ok: true });
  });

  app.use(logAndFault);
  app.use(createConsentRouter(ctx));
  app.use(createFacebookRouter(ctx));
  app.use(createTiktokRouter(ctx));
  app.use(createYoutubeRouter(ctx));
  app.use(createZaloRouter(ctx, zaloOa));
  app.use((req, res) => {
    res.status(404).json({ error: { message: `sandbox: no route ${req.method} ${req.path}` } });
  });

  function logAndFault(req: Request, res: Response, next: NextFunction): void {
    const platform = platformOfPath(req.path);
    if (!platform) {
      next();
      return;
    }
    requests.push({
      at: new Date(opts.clock.now()).toISOString(),
      method: req.method,
      path: req.path,
      platform,
      query: { ...(req.query as Record<string, unknown>) },
      body: req.body as unknown,
    });
    if (requests.length > maxLog) requests.splice(0, requests.length - maxLog);
    const fault = faults.take(platform, req.method, req.path);
    if (!fault) {
      next();
      return;
    }
    const delayMs = fault.delayMs ?? 0;
    if (fault.status === undefined) {
      // Carry the call out now, hold its answer back.
      holdResponse(res, delayMs);
      next();
      return;
    }
    const answer = (): void => {
      if (res.headersSent || res.destroyed) return;
      for (const [k, v] of Object.entries(fault.headers ?? {})) res.setHeader(k, v);
      res.status(fault.status ?? 500);
      if (fault.body === undefined) res.end();
      else if (typeof fault.body === 'string') res.send(fault.body);
      else res.json(fault.body);
    };
    if (delayMs > 0) setTimeout(answer, delayMs).unref();
    else answer();
  }

  const server: Server = createServer(app);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => { resolve(); });
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${opts.host ?? '127.0.0.1'}:${address.port}`;

  function reset(): void {
    const fresh = createEmptyState();
    state.facebook = fresh.facebook;
    state.tiktok = fresh.tiktok;
    state.youtube = fresh.youtube;
    state.zalo = fresh.zalo;
    zaloOa.access = {};
    zaloOa.refresh = {};
    mail.mail.length = 0;
    tokens.clear();
    consent.clear();
    faults.clear();
    restoreSettings(ctx.settings);
    requests.length = 0;
  }

  return {
    baseUrl,
    state,
    tokens,
    faults,
    requests,
    mail,
    reset,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => { resolve(); });
      });
      await mail.close();
    },
  };
}

/** Delay the delivery of whatever the route answers by `delayMs`. */
function holdResponse(res: Response, delayMs: number): void {
  if (delayMs <= 0) return;
  const originalEnd = res.end.bind(res) as (...args: unknown[]) => Response;
  (res as unknown as { end: (...args: unknown[]) => Response }).end = (...args: unknown[]) => {
    setTimeout(() => {
      if (!res.destroyed) originalEnd(...args);
    }, delayMs).unref();
    return res;
  };
}
