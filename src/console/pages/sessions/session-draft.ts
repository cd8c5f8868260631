import { createSessionSchema } from '../../../api/schemas/session-schema';
import type { CreateSessionInput } from '../../../api/schemas/session-schema';
import type { ErrorDetail } from '../../api/api-error';
import type { Account, Campaign, Session } from '../../api/types';
import { toLocalInput } from '../../lib/wall-time';

/** What the editor's form holds: text as typed, ids as picked. */
export interface SessionDraft {
  title: string;
  description: string;
  startsAtLocal: string;
  durationMinutes: string;
  stageId: string;
  hostName: string;
  vendorIds: string[];
  productIds: string[];
  accountIds: string[];
  locale: 'vi' | 'en';
  announceOffsets: string;
}

export function emptyDraft(campaign: Campaign): SessionDraft {
  return {
    title: '',
    description: '',
    startsAtLocal: `${campaign.startsOn}T19:00`,
    durationMinutes: '90',
    stageId: campaign.stages[0]?.id ?? '',
    hostName: '',
    vendorIds: [],
    productIds: [],
    accountIds: [],
    locale: 'vi',
    announceOffsets: 'P1D, PT1H',
  };
}

/** A draft from a saved session (edit, or duplicate with a new title). */
export function draftOf(session: Session): SessionDraft {
  const minutes = Math.round((Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000);
  return {
    title: session.title,
    description: session.description ?? '',
    startsAtLocal: toLocalInput(session.startsAt, session.timezone),
    durationMinutes: String(minutes),
    stageId: session.stageId ?? '',
    hostName: session.host?.name ?? '',
    vendorIds: session.vendorIds ?? [],
    productIds: session.productIds ?? [],
    accountIds: session.targets.map((t) => t.accountId),
    locale: session.locale ?? 'vi',
    announceOffsets: ((session as { announceOffsets?: string[] }).announceOffsets ?? []).join(', '),
  };
}

export type DraftCheck = { ok: true; body: CreateSessionInput } | { ok: false; details: ErrorDetail[] };

/**
 * The create body of a draft, checked by the API's own schema (src/api/schemas): the form shows the
 * same messages the API would answer with.
 */
export function toSessionBody(draft: SessionDraft, campaign: Campaign, accounts: readonly Account[]): DraftCheck {
  const offsets = draft.announceOffsets.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const candidate = {
    title: draft.title,
    ...(draft.description.trim() ? { description: draft.description } : {}),
    startsAt: draft.startsAtLocal,
    durationMinutes: Number(draft.durationMinutes),
    timezone: campaign.timezone,
    campaignId: campaign.id,
    stageId: draft.stageId === '' ? null : draft.stageId,
    ...(draft.hostName.trim() ? { host: { name: draft.hostName } } : {}),
    vendorIds: draft.vendorIds,
    productIds: draft.productIds,
    targets: draft.accountIds.flatMap((id) => {
      const account = accounts.find((a) => a.id === id);
      return account ? [{ platform: account.platform, accountId: account.id }] : [];
    }),
    locale: draft.locale,
    announceOffsets: offsets,
  };
  const parsed = createSessionSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
}
