import { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { SandboxContext } from '../context';
import type { TokenRecord } from '../tokens';
import { createPageDirectory, debugToken, describeMe, listAccounts, listPermissions } from './accounts';
import { authenticate } from './auth';
import { GraphFailure, sendGraphFailure, unknownObject } from './graph-failure';
import type { GraphParams } from './graph-params';
import { readAccessToken, readParams } from './graph-params';
import { defaultGraphRules } from './graph-rules';
import type { GraphRules } from './graph-rules';
import { createLive, deleteLive, findLiveById, listLives, readLive, settleLives, updateLive } from './lives';
import {
  createFeedPost,
  createPhoto,
  deletePost,
  findPostById,
  listFeed,
  listScheduledPosts,
  readPost,
  settlePosts,
  updatePost,
} from './posts';
import { createUsageMeter } from './usage-headers';

/** Graph versions look like `v23.0`; anything else (TikTok's `/v2/…`) is not ours. */
const versionPattern = /^v\d+\.\d+$/;

interface GraphCall {
  id: string;
  method: string;
  params: GraphParams;
  token: TokenRecord;
}

/** What a handler answers: the body, and the page whose usage it counts against (none: app usage). */
interface GraphReply {
  body: Record<string, unknown>;
  pageId?: string;
}

/**
 * The fake Facebook Graph API at `/{version}/…` for any `vNN.N` (https://developers.facebook.com/docs/graph-api/changelog/versions/): pages'
 * feed, photos and live videos, token introspection and the `/me` edges. Handlers are plain
 * functions over the sandbox state; this file only wires them to Express.
 */
export function createFacebookRouter(ctx: SandboxContext, rules: GraphRules = defaultGraphRules): Router {
  const pages = createPageDirectory(ctx);
  const usage = createUsageMeter(ctx);
  const graph = Router({ mergeParams: true });

  const handle =
    (fn: (call: GraphCall) => GraphReply) =>
    (req: Request, res: Response): void => {
      try {
        settlePosts(ctx);
        settleLives(ctx, rules);
        const params = readParams(req);
        const token = authenticate(ctx, readAccessToken(req, params));
        const reply = fn({ id: readPathParam(req, 'id'), method: req.method, params, token });
        if (reply.pageId === undefined) {
          usage.sendAppUsage(res);
        } else {
          pages.notePageToken(token, reply.pageId);
          usage.sendPageUsage(res, reply.pageId);
        }
        res.json(reply.body);
      } catch (err) {
        sendGraphFailure(res, err instanceof GraphFailure ? err : new GraphFailure(1, 'An unknown error has occurred.', { httpStatus: 500 }));
      }
    };

  graph.use((req: Request, _res: Response, next: NextFunction) => {
    if (versionPattern.test(readPathParam(req, 'version'))) next();
    else next('router');
  });

  graph.get('/debug_token', handle(({ params }) => ({ body: debugToken(ctx, pages, params) })));
  graph.get('/me', handle(({ token }) => ({ body: describeMe(pages, token) })));
  graph.get('/me/accounts', handle(({ token }) => ({ body: listAccounts(ctx, pages, token) })));
  graph.get('/me/permissions', handle(({ token }) => ({ body: listPermissions(token) })));

  graph.post('/:id/feed', handle(({ id, params }) => ({ body: createFeedPost(ctx, rules, id, params), pageId: id })));
  graph.get('/:id/feed', handle(({ id, params }) => ({ body: listFeed(ctx, id, params), pageId: id })));
  graph.get('/:id/posts', handle(({ id, params }) => ({ body: listFeed(ctx, id, params), pageId: id })));
  graph.get('/:id/scheduled_posts', handle(({ id, params }) => ({ body: listScheduledPosts(ctx, id, params), pageId: id })));
  graph.post('/:id/photos', handle(({ id, params }) => ({ body: createPhoto(ctx, rules, id, params), pageId: id })));
  graph.post('/:id/live_videos', handle(({ id, params }) => ({ body: createLive(ctx, rules, id, params), pageId: id })));
  graph.get('/:id/live_videos', handle(({ id, params }) => ({ body: listLives(ctx, id, params), pageId: id })));

  graph.get('/:id', handle((call) => onNode(call, (post) => readPost(post, call.params), (live) => readLive(live, call.params, ctx))));
  graph.post(
    '/:id',
    handle((call) =>
      onNode(
        call,
        (post) => updatePost(ctx, rules, post, call.params),
        (live) => updateLive(ctx, rules, live, call.params),
      ),
    ),
  );
  graph.delete('/:id', handle((call) => onNode(call, (post) => deletePost(ctx, post), deleteLive)));

  graph.use((req: Request, res: Response) => {
    sendGraphFailure(res, new GraphFailure(2500, `Unknown path components: ${req.path}`));
  });

  /** A node id is a post (`{page}_{n}`) or a live video; anything else (or deleted) is 100/33. */
  function onNode(
    call: GraphCall,
    onPost: (post: NonNullable<ReturnType<typeof findPostById>>) => Record<string, unknown>,
    onLive: (live: NonNullable<ReturnType<typeof findLiveById>>) => Record<string, unknown>,
  ): GraphReply {
    const post = findPostById(ctx, call.id);
    if (post) return { body: onPost(post), pageId: post.pageId };
    const live = findLiveById(ctx, call.id);
    if (live) return { body: onLive(live), pageId: live.pageId };
    throw unknownObject(call.id, call.method);
  }

  const router = Router();
  router.use('/:version', graph);
  return router;
}

function readPathParam(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}
