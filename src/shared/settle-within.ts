/** How a bounded wait ended: the work finished, threw, or was still running at the deadline. */
export type Settled = 'done' | 'failed' | 'timeout';

/**
 * Waits for `work` at most `timeoutMs`. Never rejects and never keeps the process alive: a
 * shutdown step that Redis cannot answer (a `quit()` queued on a dead connection) must not
 * hold the exit hostage.
 */
export async function settleWithin(work: Promise<unknown>, timeoutMs: number): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => {
      resolve('timeout');
    }, Math.max(0, timeoutMs));
    timer.unref();
  });
  const outcome = work.then(
    (): Settled => 'done',
    (): Settled => 'failed',
  );
  try {
    return await Promise.race([outcome, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
