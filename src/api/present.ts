import type { Account } from '../domain/account';
import type { JobRecord, Session } from '../domain/session';
import { targetKey } from '../domain/session';
import { toLocalIso } from '../planning/time';
import type { ManyResult } from '../sessions/create-many';
import type { HandlerResult } from './handler-result';

const local = (iso: string | null, zone: string): string | null => (iso ? toLocalIso(Date.parse(iso), zone) : null);

export function presentJob(job: JobRecord, zone: string): Record<string, unknown> {
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
    result: job.result,
    firedAt: job.firedAt,
    finishedAt: job.finishedAt,
  };
}

/** A session as the API shows it: UTC instants with local twins, no hook secrets. */
export function presentSession(s: Session): Record<string, unknown> {
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
    targets: s.targets.map((t) => {
      const r = s.runtime[targetKey(t.platform, t.accountId)];
      return { ...t, liveId: r?.liveId ?? null, ingestUrl: r?.ingestUrl ?? null, postIds: r?.postIds ?? [] };
    }),
    announceOffsets: s.announceOffsets,
    reminderOffsets: s.reminderOffsets,
    notify: s.notify.map((h) => ({ type: h.type, url: h.url })),
    locale: s.locale,
    text: s.text ?? null,
    jobs: s.jobs.map((j) => presentJob(j, s.timezone)),
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
