import { Router } from 'express';
import type { Request, Response } from 'express';
import type { SandboxContext } from '../context';
import { bindBroadcast, transitionBroadcast } from './broadcast-actions';
import { deleteBroadcast, insertBroadcast, listBroadcasts, updateBroadcast } from './broadcasts';
import type { YoutubeCall } from './call';
import { channelIdOf } from './channel';
import { listChannels } from './channels';
import { authError, googleError, quotaExceeded } from './google-errors';
import type { HandlerResult } from './google-errors';
import { settleYoutube } from './lifecycle';
import { costOf, openQuotaLedger, sandboxProjectId } from './quota';
import { asFields } from './read-input';
import { deleteStream, insertStream, listStreams, updateStream } from './streams';
import { exchangeToken } from './token-endpoint';

type Handler = (call: YoutubeCall) => HandlerResult;

/**
 * The fake YouTube Data API v3 (live methods) and Google's token endpoint
 * (https://developers.google.com/youtube/v3/live/docs/liveBroadcasts). Handlers return `{status, body}`; this file only speaks HTTP.
 */
export function createYoutubeRouter(ctx: SandboxContext): Router {
  const router = Router();
  const api = (handler: Handler) => (req: Request, res: Response) => {
    send(res, callApi(req, ctx, handler));
  };

  router.post('/token', (req, res) => {
    send(res, exchangeToken(asFields(req.body), ctx));
  });
  router.get('/youtube/v3/channels', api(listChannels));
  router.get('/youtube/v3/liveBroadcasts', api(listBroadcasts));
  router.post('/youtube/v3/liveBroadcasts', api(insertBroadcast));
  router.put('/youtube/v3/liveBroadcasts', api(updateBroadcast));
  router.delete('/youtube/v3/liveBroadcasts', api(deleteBroadcast));
  router.post('/youtube/v3/liveBroadcasts/bind', api(bindBroadcast));
  router.post('/youtube/v3/liveBroadcasts/transition', api(transitionBroadcast));
  router.get('/youtube/v3/liveStreams', api(listStreams));
  router.post('/youtube/v3/liveStreams', api(insertStream));
  router.put('/youtube/v3/liveStreams', api(updateStream));
  router.delete('/youtube/v3/liveStreams', api(deleteStream));
  router.all('/youtube/v3/{*rest}', (req, res) => {
    send(res, googleError(404, 'notFound', `The sandbox does not serve ${req.method} ${req.path}.`, { domain: 'global' }));
  });
  return router;
}

/** Authenticate, bring the lifecycle up to now, charge quota, run the handler. */
function callApi(req: Request, ctx: SandboxContext, handler: Handler): HandlerResult {
  const nowMs = ctx.clock.now();
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
  if (bearer === undefined) {
    return authError('Request is missing required authentication credential. Expected OAuth 2 access token.');
  }
  const check = ctx.tokens.check('youtube', bearer);
  if (!check.ok || check.record.platform !== 'youtube' || check.record.kind !== 'access') {
    return authError('Request had invalid authentication credentials. Expected OAuth 2 access token.');
  }
  const channelId = channelIdOf(check.record.subject);
  settleWorld(ctx, nowMs);
  const cost = costOf(req.method);
  const ledger = openQuotaLedger(ctx.state.youtube.quotaUsed, sandboxProjectId, nowMs, ctx.options.youtubeDailyQuota);
  if (!ledger.fits(cost)) return quotaExceeded();
  let result: HandlerResult;
  try {
    result = handler({ query: asFields(req.query), body: asFields(req.body), channelId, nowMs, ctx });
  } catch (err: unknown) {
    const message = err instanceof Error ? err.message : 'unexpected failure';
    result = googleError(500, 'backendError', `Backend Error: ${message}`, { domain: 'global' });
  }
  ledger.charge(cost, result.status < 400);
  return result;
}

function send(res: Response, result: HandlerResult): void {
  res.status(result.status);
  if (result.body === undefined) res.end();
  else res.json(result.body);
}

/** The fake YouTube brought up to `nowMs` with the sandbox's options and settings (every request, and the state view). */
export function settleWorld(ctx: SandboxContext, nowMs: number): void {
  settleYoutube(ctx.state.youtube, nowMs, ctx.options.youtubeSettleMs, ctx.settings.encoderLeadSeconds * 1000, ctx.settings.youtube.autoStart !== 'off');
}
