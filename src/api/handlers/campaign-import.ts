import type { Deps } from '../../deps';
import { DomainError } from '../../domain/errors';
import { importSessions } from '../../sessions/import-sessions';
import type { ImportResult } from '../../sessions/import-sessions';
import type { HandlerResult } from '../handler-result';
import type { SealAnswer } from '../idempotency';
import { presentMany } from '../present';
import { importCampaignQuery } from '../schemas/campaign-schema';
import { parseOrThrow } from '../validate';

/** `POST /v1/campaigns/:id/import` (text/csv): bulk's answers, each refused item with its sheet row. */
export async function postImport(deps: Deps, id: string, body: unknown, contentType: string | undefined, query: unknown, principal: string | undefined, seal?: SealAnswer): Promise<HandlerResult> {
  if (typeof body !== 'string') throw new DomainError('unsupported_media_type', `send the sheet as text/csv (UTF-8), got ${contentType ?? 'no Content-Type'}`);
  const atomic = parseOrThrow(importCampaignQuery, query).atomic !== 'false';
  return presentMany(await importSessions(deps, { campaignId: id, sheet: body, atomic, principal, seal: seal && ((r: ImportResult) => seal(presentMany(r))) }));
}
