import type { Deps } from '../../deps';
import { createBulk } from '../../sessions/create-bulk';
import type { ManyResult } from '../../sessions/create-many';
import type { HandlerResult } from '../handler-result';
import type { SealAnswer } from '../idempotency';
import { presentMany } from '../present';
import { bulkSchema } from '../schemas/session-schema';
import { parseOrThrow } from '../validate';

/** `POST /v1/sessions/bulk`. */
export async function postBulk(deps: Deps, body: unknown, principal?: string, seal?: SealAnswer): Promise<HandlerResult> {
  const { sessions, atomic = true } = parseOrThrow(bulkSchema, body);
  return presentMany(await createBulk(deps, { items: sessions, atomic, principal, seal: seal && ((r: ManyResult) => seal(presentMany(r))) }));
}
