import { TEST_TOKENS } from '../../support/app';

/** One answer of the background load: status (0: no answer within the timeout), time, what was sent. */
export interface LoadAnswer {
  at: number;
  ms: number;
  status: number;
  code: string | null;
  retryAfter: string | null;
  kind: 'create' | 'read';
  title: string | null;
  /** A create's request (with its Idempotency-Key), to retry it as a client would. */
  request?: RequestInit;
}

/**
 * Keeps `concurrency` requests in flight against the API (creates of far-future sessions with
 * unique titles and an Idempotency-Key each, and reads) until stopped; every answer is kept. A request without an answer in
 * `timeoutMs` counts as a hang (status 0).
 */
export function startApiLoad(url: string, options: { concurrency?: number; timeoutMs?: number } = {}): { answers: LoadAnswer[]; stop(): Promise<void> } {
  const answers: LoadAnswer[] = [];
  let running = true;
  let n = 0;
  const one = async (): Promise<void> => {
    n += 1;
    const create = n % 2 === 0;
    const tag = `${n} ${Math.random().toString(36).slice(2, 8)}`;
    const title = create ? `Tải nền ${tag}` : null;
    const started = Date.now();
    const startsAt = new Date(Date.now() + 2 * 86_400_000 + n * 60_000).toISOString();
    const init: RequestInit = create
      ? { method: 'POST', headers: { authorization: `Bearer ${TEST_TOKENS.organizer}`, 'content-type': 'application/json', 'idempotency-key': `load-${tag.replace(' ', '-')}` }, body: JSON.stringify({ title, startsAt, durationMinutes: 30, targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }], announceOffsets: [], reminderOffsets: [] }) }
      : { method: 'GET', headers: { authorization: `Bearer ${TEST_TOKENS.viewer}` } };
    let status: number;
    let code: string | null = null;
    let retryAfter: string | null = null;
    try {
      const res = await fetch(`${url}${create ? '/v1/sessions' : '/v1/sessions?limit=5'}`, { ...init, signal: AbortSignal.timeout(options.timeoutMs ?? 8000) });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
      code = body?.error?.code ?? null;
    } catch {
      status = 0;
    }
    answers.push({ at: started, ms: Date.now() - started, status, code, retryAfter, kind: create ? 'create' : 'read', title, ...(create ? { request: init } : {}) });
  };
  const loops = Array.from({ length: options.concurrency ?? 3 }, async () => {
    while (running) {
      await one();
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Answers that break the promise: a hang, a 500, or any 5xx that is not `503 unavailable` with Retry-After. */
export function badAnswers(answers: LoadAnswer[]): LoadAnswer[] {
  return answers.filter((a) => a.status === 0 || (a.status >= 500 && !(a.status === 503 && a.code === 'unavailable' && a.retryAfter !== null)));
}
