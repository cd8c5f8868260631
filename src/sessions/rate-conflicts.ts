import type { Deps } from '../deps';
import type { Platform } from '../domain/platform';
import type { JobRecord, SessionDefinition } from '../domain/session';
import { capabilitiesOf } from '../platforms/capabilities';
import { workerPolicyOf } from '../platforms/worker-policies';
import type { Warning } from './preview-warnings';
import { busiestWindow, extent } from '../planning/busiest-window';

const MINUTE_MS = 60_000;
/** How far before its start another session's promo is looked for (the default announce offsets are P1D and PT1H). */
const lookAheadMs = 2 * 86_400_000;

/**
 * Promo posts a platform takes per account per minute, from its worker policy's per-minute pacing
 * (TikTok: 6 content/init calls a minute per token,
 * https://developers.tiktok.com/doc/content-posting-api-reference-photo-post); null when the
 * platform paces posts otherwise.
 */
function postsPerMinute(platform: Platform): number | null {
  const pacing = workerPolicyOf(platform).pacing;
  if (pacing.kind !== 'per-minute') return null;
  const limits = (pacing.endpointsOf.publishPost ?? []).map((e) => pacing.limitsPerMinute[e]).filter((n): n is number => n !== undefined);
  return limits.length > 0 ? Math.min(...limits) : null;
}

/**
 * `rate_limit_conflict`: this session's promos and the promos already planned on the same
 * account, due within one minute, exceed what the platform allows per minute: the extra ones
 * would wait their turn and risk being skipped as stale. Says by how much to spread them.
 */
export async function rateConflictWarnings(deps: Pick<Deps, 'sessions'>, def: SessionDefinition, jobs: JobRecord[], excludeSessionId?: string): Promise<Warning[]> {
  const own = jobs.filter((j) => j.kind === 'announce' && j.state === 'pending' && j.platform !== null && j.accountId !== null && postsPerMinute(j.platform) !== null);
  if (own.length === 0) return [];
  const times = own.map((j) => Date.parse(j.runAt));
  const ids = await deps.sessions.listIds({ fromMs: Math.min(...times), toMs: Math.max(...times) + lookAheadMs, limit: 10_000 });
  // Status and promos only (definitions not decoded): every session in the window is read.
  const others = (await deps.sessions.getPlans(ids.map((x) => x.id).filter((id) => id !== excludeSessionId), ['announce'])).flatMap((s) =>
    s && s.status === 'scheduled' ? s.jobs.filter((j) => j.kind === 'announce' && j.state === 'pending') : [],
  );
  // Every promo's time, parsed once, by platform and account (only the accounts of this session's own promos).
  const timesOf = new Map<string, number[]>();
  for (const j of own) timesOf.set(`${j.platform ?? ''}:${j.accountId ?? ''}`, []);
  for (const j of [...own, ...others]) timesOf.get(`${j.platform ?? ''}:${j.accountId ?? ''}`)?.push(Date.parse(j.runAt));
  const out: Warning[] = [];
  const warned = new Set<string>();
  for (const job of own) {
    const platform = job.platform as Platform;
    const accountId = job.accountId as string;
    if (warned.has(`${platform}:${accountId}`)) continue;
    const limit = postsPerMinute(platform) ?? Infinity;
    const t = Date.parse(job.runAt);
    const near = (timesOf.get(`${platform}:${accountId}`) ?? []).filter((at) => Math.abs(at - t) < MINUTE_MS);
    if (busiestWindow(near, MINUTE_MS) <= limit) continue;
    warned.add(`${platform}:${accountId}`);
    const span = extent(near);
    const from = new Date(span.min).toISOString();
    const to = new Date(span.max).toISOString();
    const spreadMinutes = Math.ceil(near.length / limit);
    out.push({
      code: 'rate_limit_conflict',
      path: `targets.${def.targets.findIndex((tg) => tg.platform === platform && tg.accountId === accountId)}`,
      message: `${near.length} ${capabilitiesOf(platform).displayName} promos of account '${accountId}' are due between ${from} and ${to}, but ${capabilitiesOf(platform).displayName} takes ${limit} a minute per account: spread them over at least ${spreadMinutes} minutes (about ${Math.ceil(60 / limit)} s apart), or the late ones may be skipped as stale`,
    });
  }
  return out;
}
