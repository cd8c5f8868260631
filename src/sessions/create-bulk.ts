import type { Deps } from '../deps';
import { auditQuietly } from '../store/audit-store';
import { createMany } from './create-many';
import type { CreateManyDeps, ManyOptions, ManyResult } from './create-many';

export interface CreateBulkRequest {
  /** The create bodies as received (each checked like a single create). */
  items: unknown[];
  atomic: boolean;
  principal?: string | undefined;
  seal?: ManyOptions['seal'];
}

/** `POST /v1/sessions/bulk`: many sessions in one write, then one audit line for the batch. */
export async function createBulk(deps: CreateManyDeps & Pick<Deps, 'audit'>, request: CreateBulkRequest): Promise<ManyResult> {
  const result = await createMany(deps, request.items, request.atomic, request.seal ? { seal: request.seal } : {});
  const { created } = result;
  if (created.length > 0) await auditQuietly(deps, request.principal, { action: 'session.bulk-create', target: created[0] ?? '', details: { count: created.length, created: created.slice(0, 100) } });
  return result;
}
