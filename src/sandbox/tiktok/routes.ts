import { Router } from 'express';
import type { Request, Response } from 'express';
import type { SandboxContext } from '../context';
import { authenticate } from './authenticate';
import { privacyOptionsOf, queryCreatorInfo } from './creator';
import { errorAnswer, sendAnswer } from './envelope';
import type { TiktokAnswer } from './envelope';
import { createTokenEndpoint } from './oauth';
import { cancelPublish, fetchPublishStatus, settleTiktokPosts, startPublish } from './publish';
import { createRateWindows } from './rate-windows';
import type { TiktokRateBucket } from './rate-windows';
import { checkPhotoInit, checkVideoInit } from './validate-init';
import type { InitCheck, InitWorld } from './validate-init';
import { listVideos } from './video-list';

interface ApiCall {
  openId: string;
  body: unknown;
  query: Record<string, unknown>;
}

/**
 * The fake TikTok Content Posting API v2 + Login Kit OAuth
 * (https://developers.tiktok.com/doc/content-posting-api-reference-direct-post,
 * https://developers.tiktok.com/doc/oauth-user-access-token-management). Paths are exact,
 * trailing slash included; handlers return `{status, body}` and this file only wires them.
 */
export function createTiktokRouter(ctx: SandboxContext): Router {
  const router = Router({ strict: true });
  const allow = createRateWindows(ctx);
  const exchangeToken = createTokenEndpoint(ctx);

  /** Auth → rate limit → handler, on every v2 API route. */
  const api =
    (bucket: TiktokRateBucket | null, handle: (call: ApiCall) => TiktokAnswer) =>
    (req: Request, res: Response): void => {
      const auth = authenticate(ctx, req.get('authorization'));
      if (!auth.ok) {
        sendAnswer(res, auth.answer);
        return;
      }
      if (bucket !== null && !allow(auth.token, bucket)) {
        const message = 'The API rate limit was exceeded. Please try again later.';
        sendAnswer(res, errorAnswer(ctx.clock.now(), 429, 'rate_limit_exceeded', message));
        return;
      }
      settleTiktokPosts(ctx);
      sendAnswer(res, handle({ openId: auth.openId, body: req.body, query: req.query }));
    };

  const init = (check: (body: unknown, world: InitWorld) => InitCheck) => (call: ApiCall) => {
    const { audited, creatorPrivacy, verifiedUrlPrefixes } = ctx.settings.tiktok;
    const world: InitWorld = { privacyOptions: privacyOptionsOf(ctx), audited, creatorPrivate: creatorPrivacy === 'private', verifiedUrlPrefixes };
    const checked = check(call.body, world);
    if (!checked.ok) return errorAnswer(ctx.clock.now(), checked.status, checked.code, checked.message);
    return startPublish(ctx, call.openId, checked.draft);
  };

  router.post('/v2/post/publish/creator_info/query/', api('creatorInfo', (call) => queryCreatorInfo(ctx, call.openId)));
  router.post('/v2/post/publish/content/init/', api('init', init(checkPhotoInit)));
  router.post('/v2/post/publish/video/init/', api('init', init(checkVideoInit)));
  router.post('/v2/post/publish/status/fetch/', api('status', (call) => fetchPublishStatus(ctx, call.openId, call.body)));
  router.post('/v2/post/publish/cancel/', api(null, (call) => cancelPublish(ctx, call.openId, call.body)));
  router.post('/v2/video/list/', api(null, (call) => listVideos(ctx, call.openId, call.query, call.body)));
  router.post('/v2/oauth/token/', (req: Request, res: Response) => {
    const isForm = typeof req.is('application/x-www-form-urlencoded') === 'string';
    const form = isForm && typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
    sendAnswer(res, exchangeToken({ isForm, form }));
  });
  return router;
}
