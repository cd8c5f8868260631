import type { TestApp } from '../../support/app';
import type { LoadAnswer } from './api-load';
import { queueOf } from '../../../src/scheduling/queues';

/**
 * No half-writes: the background-load sessions in the store are exactly those answered 201, and
 * every pending action of each has its BullMQ job (store and queue agree).
 */
export async function expectNoHalfWrites(api: TestApp, answers: LoadAnswer[]): Promise<void> {
  const created = new Set(answers.filter((a) => a.kind === 'create' && a.status === 201).map((a) => a.title));
  const page = await api.deps.sessions.listIds({ fromMs: 0, toMs: Infinity, limit: 100_000 });
  const sessions = (await api.deps.sessions.getMany(page.map((p) => p.id))).filter((s) => s !== null);
  const stored = sessions.filter((s) => s.title.startsWith('Tải nền'));
  expect(stored.map((s) => s.title).sort()).toEqual([...created].sort());
  const missing: string[] = [];
  for (const s of stored) {
    for (const j of s.jobs.filter((r) => r.state === 'pending')) {
      if (!(await api.deps.queues[queueOf(j)].getJob(j.id))) missing.push(j.id);
    }
  }
  expect(missing).toEqual([]);
}
