import type { TestApp } from '../../support/app';
import type { LoadAnswer } from './api-load';
import { queueOf } from '../../../src/scheduling/queues';
import { reconcile } from '../../../src/scheduling/reconcile';

/**
 * No half-writes, nothing made twice: every background-load create answered 201 is stored; a
 * create the client saw fail (503, or no answer) may still have been written just before its
 * reply was lost — its retry with the same Idempotency-Key must then replay that very session —
 * and otherwise is not stored until a retry makes it. After reconcile, every pending action of
 * each stored session has its BullMQ job (store and queue agree).
 */
export async function expectNoHalfWrites(api: TestApp, answers: LoadAnswer[]): Promise<void> {
  const created = new Map<string, string | null>(answers.filter((a) => a.kind === 'create' && a.status === 201).map((a) => [a.title ?? '', null]));
  const before = new Map((await loadSessions(api)).map((s) => [s.title, s.id]));
  const unexpected: string[] = [];
  for (const failed of answers.filter((a) => a.kind === 'create' && a.status !== 201 && a.request)) {
    const title = failed.title ?? '';
    const retry = await fetch(`${api.url}/v1/sessions`, failed.request);
    const body = (await retry.json().catch(() => null)) as { id?: string; error?: { code?: string } } | null;
    const storedId = before.get(title);
    if (storedId !== undefined) {
      // Written, reply lost: the retry replays it.
      if (retry.status !== 201 || body?.id !== storedId || retry.headers.get('idempotent-replayed') !== 'true') unexpected.push(`${title}: stored as ${storedId}, retry answered ${retry.status} ${JSON.stringify(body).slice(0, 120)}`);
      created.set(title, storedId);
    } else if (retry.status === 201) {
      created.set(title, body?.id ?? null);
    } else if (!(retry.status === 409 && body?.error?.code === 'idempotency_conflict')) {
      // 409: its reservation is still held for a while after the outage; nothing was written.
      unexpected.push(`${title}: not stored, retry answered ${retry.status}`);
    }
  }
  expect(unexpected).toEqual([]);
  const stored = await loadSessions(api);
  expect(stored.map((s) => s.title).sort()).toEqual([...created.keys()].sort());

  // A create answered after its store write but before its queue write: reconcile restores the jobs.
  await reconcile({ store: api.deps.sessions, queues: api.deps.queues, scheduler: api.deps.scheduler, clock: api.deps.clock });
  const missing: string[] = [];
  for (const s of stored) {
    for (const j of s.jobs.filter((r) => r.state === 'pending')) {
      if (!(await api.deps.queues[queueOf(j)].getJob(j.id))) missing.push(j.id);
    }
  }
  expect(missing).toEqual([]);
}

async function loadSessions(api: TestApp) {
  const page = await api.deps.sessions.listIds({ fromMs: 0, toMs: Infinity, limit: 100_000 });
  return (await api.deps.sessions.getMany(page.map((p) => p.id))).filter((s) => s !== null).filter((s) => s.title.startsWith('Tải nền'));
}
