import type { Deps } from '../../deps';
import type { JobRecord, SessionDefinition } from '../../domain/session';

export interface Warning {
  code: string;
  message: string;
  path?: string;
}

/** What will not go as the organizer may expect, said before anything is saved. */
export async function previewWarnings(deps: Deps, def: SessionDefinition, jobs: JobRecord[]): Promise<Warning[]> {
  const out: Warning[] = [];
  for (const job of jobs) {
    if (job.state === 'skipped') out.push({ code: 'offset_in_past', message: `${job.kind} ${job.offset ?? ''} is already past and will be skipped`.replace('  ', ' ') });
    if (job.kind === 'prepare-live' && job.platform === 'facebook' && Date.parse(job.runAt) > deps.clock.now() + 60_000) {
      out.push({ code: 'facebook_live_window', message: `Facebook accepts scheduled lives at most 7 days ahead: LiveCue creates it on ${job.runAt}` });
    }
  }
  def.targets.forEach((t, i) => {
    if (t.platform === 'tiktok' && t.live) {
      out.push({ code: 'tiktok_live_manual', path: `targets.${i}.live`, message: 'TikTok has no API to schedule or start a LIVE: the host goes live in the app; LiveCue sends the go-live cue (session.cue)' });
    }
  });
  const accounts = await deps.accounts.list();
  for (const t of def.targets) {
    const a = accounts.find((x) => x.id === t.accountId);
    if (a && (a.tokenStatus === 'expired' || a.tokenStatus === 'invalid')) {
      out.push({ code: 'account_token', message: `account '${a.name}' has a ${a.tokenStatus} token${a.tokenStatusReason ? `: ${a.tokenStatusReason}` : ''}` });
    }
  }
  return out;
}
