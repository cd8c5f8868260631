import type { Session } from '../domain/session';
import type { Keys } from './keys';
import type { RedisClient } from './redis';
import type { SessionStore } from './session-store';

export interface PruneReport {
  removed: number;
}

/**
 * Retention: sessions that ended or were cancelled more than `keepMs` ago are removed with their
 * indexes, stage bookings and ledger entries, so the store does not grow with every past month.
 */
export async function pruneSessions(deps: { redis: RedisClient; keys: Keys; sessions: SessionStore }, nowMs: number, keepMs: number): Promise<PruneReport> {
  const cutoffMs = nowMs - keepMs;
  const report: PruneReport = { removed: 0 };
  // A session lasts at most 24 h: everything that can be old enough starts before cutoff.
  const ids = await deps.redis.zrangebyscore(deps.keys.sessionsByStart, '-inf', `(${cutoffMs}`, 'LIMIT', 0, 5000);
  for (let i = 0; i < ids.length; i += 200) {
    const sessions = (await deps.sessions.getMany(ids.slice(i, i + 200))).filter((s): s is Session => s !== null);
    const old = sessions.filter((s) => (s.status === 'ended' || s.status === 'cancelled') && Date.parse(s.endsAt) < cutoffMs);
    if (old.length === 0) continue;
    const pipeline = deps.redis.pipeline();
    for (const s of old) {
      pipeline.del(deps.keys.session(s.id));
      pipeline.del(`${deps.keys.base}:dlv:${s.id}`);
      pipeline.zrem(deps.keys.sessionsByStart, s.id);
      if (s.campaignId) pipeline.zrem(deps.keys.sessionsByCampaign(s.campaignId), s.id);
      if (s.stageId) {
        pipeline.zrem(deps.keys.stage(s.stageId), s.id);
        pipeline.hdel(deps.keys.stageEnds(s.stageId), s.id);
      }
      for (const job of s.jobs) pipeline.del(deps.keys.ledger(job.id));
    }
    await pipeline.exec();
    report.removed += old.length;
  }
  return report;
}
