import type { Deps } from '../deps';
import type { Session } from '../domain/session';
import { newSession, planNew } from './new-session';
import { previewWarnings } from './preview-warnings';
import type { Warning } from './preview-warnings';
import { checkHookUrls, checkSessionBody, loadRefs, targetAccountIds } from './session-input';
import { checkTiktokChoices, loadTiktokCampaignFacts } from './tiktok-checks';
import type { TiktokCheckDeps } from './tiktok-checks';

export interface SessionPreview {
  /** The session as a create would store it (id `ses_preview`), nothing written. */
  session: Session;
  /** Bookings of the same stage that overlap it. */
  conflicts: { sessionId: string; startsAt: string; endsAt: string }[];
  warnings: Warning[];
}

/** A create body checked and planned like a create, with its conflicts and warnings; nothing is saved. */
export async function previewSession(deps: Pick<Deps, 'config' | 'clock' | 'sessions' | 'accounts' | 'campaigns' | 'planCalls'> & TiktokCheckDeps, body: unknown): Promise<SessionPreview> {
  const campaignId = (body as { campaignId?: unknown } | null)?.campaignId;
  const refs = await loadRefs(deps, typeof campaignId === 'string' ? [campaignId] : [], targetAccountIds(body));
  const checked = checkSessionBody(body, refs, deps);
  if (!checked.ok) throw checked.error;
  const def = checked.definition;
  // Preview answers what create would: a hook create refuses is refused here too.
  const hookError = await checkHookUrls(def, deps);
  if (hookError) throw hookError;
  await checkTiktokChoices(deps, def, await loadTiktokCampaignFacts(deps, def), refs.accountDetails);
  const id = 'ses_preview';
  const jobs = planNew(deps, id, def);
  const startMs = Date.parse(def.startsAt);
  const endMs = Date.parse(def.endsAt);
  const conflicts = def.stageId
    ? (await deps.sessions.stageBookings(def.stageId, startMs, endMs)).filter((b) => b.startMs < endMs && b.endMs > startMs)
    : [];
  const { jobs: _sorted, ...session } = newSession(id, def, jobs, deps.clock.nowIso());
  return {
    // The preview lists the jobs in plan order (not the store's order).
    session: { ...session, jobs },
    conflicts: conflicts.map((c) => ({ sessionId: c.sessionId, startsAt: new Date(c.startMs).toISOString(), endsAt: new Date(c.endMs).toISOString() })),
    warnings: await previewWarnings(deps, def, jobs, undefined, refs.accountDetails),
  };
}
