import type { Role } from '../../config/schema';
import { maskEmail, maskPhone } from '../channels/normalize-phone';
import type { Account } from '../domain/account';
import type { JobRecord, NotifyHook, Session } from '../domain/session';
import { targetKey } from '../domain/session';
import { toLocalIso } from '../planning/time';
import { maskIngestUrl, maskStreamKeys } from '../shared/mask-stream-keys';
import type { ManyResult } from '../sessions/create-many';
import type { HandlerResult } from './handler-result';

const local = (iso: string | null, zone: string): string | null => (iso ? toLocalIso(Date.parse(iso), zone) : null);

/**
 * Whether a caller may read stream keys and hook URLs' tokens: organizers, ops and admins. A
 * viewer, or a caller whose role is not known, reads them masked (api.md "Sessions").
 */
export function seesStreamKeys(role: Role | undefined): boolean {
  return role === 'organizer' || role === 'ops' || role === 'admin';
}

/** A hook URL without what may authorize it: the query string, fragment and userinfo go. */
export function withoutUrlSecrets(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '';
  }
}

export function presentJob(job: JobRecord, zone: string, full = false): Record<string, unknown> {
  return {
    id: job.id,
    kind: job.kind,
    platform: job.platform,
    accountId: job.accountId,
    offset: job.offset,
    runAt: job.runAt,
    runAtLocal: local(job.runAt, zone),
    staleAt: job.staleAt,
    state: job.state,
    attempts: job.attempts,
    lastError: job.lastError,
    reason: job.reason,
    result: full ? job.result : maskStreamKeys(job.result),
    firedAt: job.firedAt,
    finishedAt: job.finishedAt,
  };
}

/** A target with what its platform gave back; the ingest URL masked (and said so) unless `full`. */
function presentTarget(s: Session, t: Session['targets'][number], full: boolean): Record<string, unknown> {
  const r = s.runtime[targetKey(t.platform, t.accountId)];
  const ingestUrl = r?.ingestUrl ?? null;
  const shown = ingestUrl === null || full ? { ingestUrl } : { ingestUrl: maskIngestUrl(ingestUrl), ingestUrlMasked: true };
  return { ...t, liveId: r?.liveId ?? null, ...shown, postIds: r?.postIds ?? [], signal: r?.signal ?? null, signalCheckedAt: r?.signalCheckedAt ?? null };
}

/**
 * A session as the API shows it to a caller of `role`: UTC instants with local twins, no hook
 * secrets. Stream keys and hook URLs' query tokens only when `seesStreamKeys(role)`.
 */
export function presentSession(s: Session, role: Role | undefined): Record<string, unknown> {
  const full = seesStreamKeys(role);
  return {
    id: s.id,
    version: s.version,
    status: s.status,
    title: s.title,
    description: s.description ?? null,
    timezone: s.timezone,
    startsAt: s.startsAt,
    startsAtLocal: local(s.startsAt, s.timezone),
    endsAt: s.endsAt,
    endsAtLocal: local(s.endsAt, s.timezone),
    campaignId: s.campaignId,
    stageId: s.stageId,
    seriesId: s.seriesId ?? null,
    host: s.host ?? null,
    vendor: s.vendor ?? null,
    products: s.products,
    vendorIds: s.vendorIds,
    productIds: s.productIds,
    imageUrls: s.imageUrls,
    targets: s.targets.map((t) => presentTarget(s, t, full)),
    announceOffsets: s.announceOffsets,
    reminderOffsets: s.reminderOffsets,
    guardOffsets: s.guardOffsets,
    notify: s.notify.map((h) => presentNotify(h, full)),
    locale: s.locale,
    text: s.text ?? null,
    jobs: s.jobs.map((j) => presentJob(j, s.timezone, full)),
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export function presentAccount(a: Account): Record<string, unknown> {
  return {
    id: a.id,
    platform: a.platform,
    name: a.name,
    externalId: a.externalId,
    tokenStatus: a.tokenStatus,
    tokenStatusReason: a.tokenStatusReason,
    reconnect: a.reconnect,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/** Webhooks show their URL (never the secret); people's addresses are masked. */
/** A notify entry as shown: contacts masked; a hook URL whole to organizers and up, without its query or userinfo to viewers. */
function presentNotify(h: NotifyHook, full: boolean): Record<string, string> {
  if (h.type === 'email') return { type: h.type, to: maskEmail(h.to) };
  if (h.type === 'zalo') return { type: h.type, phone: maskPhone(h.phone) };
  return { type: h.type, url: full ? h.url : withoutUrlSecrets(h.url) };
}

/** A batch's answer (bulk, CSV import): atomic `201 { created, errors: [] }`, otherwise `200` with the refused items. */
export function presentMany(result: ManyResult): HandlerResult {
  return { status: result.atomic ? 201 : 200, body: { created: result.created, errors: result.errors } };
}

/** A row of `GET /v1/jobs` (and of a retry's answer): the job with its session's id and title. */
export function presentJobRow(session: Session, j: JobRecord): Record<string, unknown> {
  return {
    id: j.id,
    sessionId: session.id,
    sessionTitle: session.title,
    kind: j.kind,
    platform: j.platform,
    accountId: j.accountId,
    runAt: j.runAt,
    state: j.state,
    attempts: j.attempts,
    lastError: j.lastError,
    reason: j.reason,
    firedAt: j.firedAt,
    finishedAt: j.finishedAt,
  };
}
