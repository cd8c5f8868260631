import type { Deps } from '../deps';
import type { Session } from '../domain/session';

/** Every session of a campaign (cancelled ones too), in start order. */
export async function campaignSessions(deps: Pick<Deps, 'sessions'>, campaignId: string): Promise<Session[]> {
  const ids = await deps.sessions.listIds({ fromMs: -Infinity, toMs: Infinity, campaignId, limit: 100_000 });
  const out: Session[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const batch = await deps.sessions.getMany(ids.slice(i, i + 500).map((x) => x.id));
    for (const s of batch) if (s) out.push(s);
  }
  return out;
}
