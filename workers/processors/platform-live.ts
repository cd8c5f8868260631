import type { Platform } from '../../src/domain/platform';
import { targetKey } from '../../src/domain/session';
import type { LiveRef, LiveSpec } from '../../src/platforms/adapter';
import { appendMarker, createMarker, renderLiveDescription } from '../../src/text';
import { loadAccount } from '../context';
import type { ActionContext, ActionOutcome } from '../context';
import { loadTextInput } from '../text-for';
import { once } from '../once';
import { alertNoVideo } from './no-video-alert';
import { liveRecreatedCue } from './guard';
import { holdCreateTurn, pace, refundGoLive, settleUnits, unreserveLive } from './rate-gate';
import type { LiveOfCall } from './rate-gate';
import { PlatformError } from '../../src/platforms/platform-error';
import type { PacedOperation } from '../../src/platforms/worker-policy';

function targetOf(ctx: ActionContext): { platform: Platform; accountId: string; key: string } {
  const { platform, accountId } = ctx.record;
  if (!platform || !accountId) throw new Error(`job ${ctx.jobId} names no platform account`);
  return { platform, accountId, key: targetKey(platform, accountId) };
}

/** The live spec of a session now; the marker is the prepare-live job's, so it finds the same live. */
async function liveSpecOf(ctx: ActionContext): Promise<LiveSpec> {
  const { platform, accountId } = targetOf(ctx);
  const marker = createMarker(`${ctx.session.id}__prepare-live__${platform}__${accountId}`);
  return {
    title: ctx.session.title,
    description: appendMarker(renderLiveDescription(await loadTextInput(ctx.deps, ctx.session)), marker),
    startsAt: ctx.session.startsAt,
    endsAt: ctx.session.endsAt,
    marker,
  };
}

function liveRefOf(ctx: ActionContext): LiveRef | null {
  const runtime = ctx.session.runtime[targetOf(ctx).key];
  if (!runtime?.liveId) return null;
  return { liveId: runtime.liveId, streamId: runtime.streamId ?? null };
}

/** prepare-live: create the scheduled live on the platform (once), keep its id and ingest URL. */
export async function prepareLive(ctx: ActionContext): Promise<ActionOutcome> {
  const target = targetOf(ctx);
  const adapter = ctx.deps.adapters[target.platform];
  const account = await loadAccount(ctx.deps, target.accountId, ctx.prefetched);
  const spec = await liveSpecOf(ctx);
  // The begin step read the ledger entry with the start; a recorded live needs no pacing.
  const ledger = ctx.prefetched ? ctx.prefetched.ledger : await ctx.deps.ledger.get(ctx.jobId);
  const call = { platform: target.platform, accountId: target.accountId, operation: 'createLive' as const };
  // One creation at a time per account where the platform keeps a resource per account (YouTube:
  // the channel's reusable stream, made by its first live): two at once would each make one.
  const release = ledger?.state === 'done' ? null : await holdCreateTurn(ctx.deps, call);
  try {
    if (ledger?.state !== 'done') await paceLive(ctx, 'createLive');
    const { result, reused } = await once(
      ctx,
      async () => {
        const found = await adapter.findLive(account, spec.marker);
        return found ? { liveId: found.liveId, streamId: found.streamId ?? null, ingestUrl: found.ingestUrl, url: found.url ?? null } : null;
      },
      async () => {
        const live = await adapter.createLive(account, spec);
        await settleUnits(ctx.deps, call, live.unitsSpent);
        return { liveId: live.liveId, streamId: live.streamId ?? null, ingestUrl: live.ingestUrl, url: live.url ?? null };
      },
    );
    return prepared(ctx, target.key, result, reused);
  } finally {
    await release?.();
  }
}

function prepared(ctx: ActionContext, key: string, result: { liveId: string; url: string | null; ingestUrl: string | null; streamId: string | null }, reused: boolean): ActionOutcome {
  // Re-armed by the on-air guard (the earlier live is gone on the platform): the host gets the new URL.
  const previous = typeof ctx.record.result?.liveId === 'string' ? ctx.record.result.liveId : null;
  const recreated = previous !== null && previous !== result.liveId;
  return {
    state: 'completed',
    result: { liveId: result.liveId, url: result.url, reused, ...(recreated ? { recreatedFrom: previous } : {}) },
    runtime: { target: key, liveId: result.liveId, ingestUrl: result.ingestUrl, streamId: result.streamId },
    ...(recreated ? { afterFinish: () => liveRecreatedCue(ctx, key, previous, { liveId: result.liveId, ingestUrl: result.ingestUrl }) } : {}),
  };
}

/** go-live / end-live / update-live / delete-live on a platform's live object. */
export async function transitionLive(ctx: ActionContext): Promise<ActionOutcome> {
  const target = targetOf(ctx);
  const live = liveRefOf(ctx);
  if (!live) {
    return { state: 'skipped', reason: 'no live was created on the platform (see the prepare-live job)', result: {} };
  }
  const adapter = ctx.deps.adapters[target.platform];
  const account = await loadAccount(ctx.deps, target.accountId, ctx.prefetched);
  switch (ctx.record.kind) {
    case 'go-live': {
      await paceLive(ctx, 'goLive');
      try {
        const res = await adapter.goLive(account, live);
        return { state: 'completed', result: { liveId: live.liveId, status: res.status ?? 'live' } };
      } catch (err) {
        // No video yet: the stream and the broadcast were read (2 units), nothing was bound or transitioned.
        if (err instanceof PlatformError && err.platformCode === 'errorStreamInactive') {
          await refundGoLive(ctx.deps, { platform: target.platform, accountId: target.accountId, operation: 'goLive', live: liveOfSession(ctx) }, 2);
        }
        await alertNoVideo(ctx, err);
        throw err;
      }
    }
    case 'end-live':
      await paceLive(ctx, 'endLive');
      await adapter.endLive(account, live);
      return { state: 'completed', result: { liveId: live.liveId } };
    case 'update-live':
      await paceLive(ctx, 'updateLive');
      await adapter.updateLive(account, live, await liveSpecOf(ctx));
      return { state: 'completed', result: { liveId: live.liveId, version: ctx.session.version } };
    case 'delete-live':
      await paceLive(ctx, 'deleteLive');
      await adapter.deleteLive(account, live);
      await unreserveLive(ctx.deps, { platform: target.platform, accountId: target.accountId, live: liveOfSession(ctx) });
      return { state: 'completed', result: { liveId: live.liveId }, runtime: { target: target.key, clearLive: true } };
    case 'prepare-live':
    case 'announce':
    case 'reminder':
    case 'cancel-notice':
    case 'guard':
      throw new Error(`transitionLive cannot run ${ctx.record.kind}`);
  }
}

/** Keep under known limits before a live call, as the platform's pacing policy says (YouTube quota, Facebook usage). */
async function paceLive(ctx: ActionContext, operation: PacedOperation): Promise<void> {
  const { platform, accountId } = targetOf(ctx);
  await pace(ctx.deps, { platform, accountId, operation, knownUsage: ctx.prefetched?.usage ?? null, live: liveOfSession(ctx) });
}

function liveOfSession(ctx: ActionContext): LiveOfCall {
  return { sessionId: ctx.session.id, startsAtMs: Date.parse(ctx.session.startsAt), endsAtMs: Date.parse(ctx.session.endsAt) };
}
