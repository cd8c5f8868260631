import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/**
 * Long synchronous work (a 10,000-row import: parse, check, plan, encode) cut into slices of a few
 * milliseconds, with a turn of the event loop between them, so /healthz and every other request
 * are answered while it runs.
 *
 * It measures this process's CPU work with `performance.now()`, not with the Clock: the Clock is
 * the domain's time (and may be frozen or offset in tests); a slice is about event-loop turns.
 * A count of items would not do: one item costs 0.1 ms on an idle machine and ten times that on
 * a loaded one, or on the first items before the code is compiled.
 */
export interface WorkSlices {
  /** Resolves at once within a slice; after `sliceMs` of work, after one turn of the event loop. */
  turn(): Promise<void>;
}

/** Milliseconds of synchronous work between two turns of the event loop. */
export const SLICE_MS = 8;

export function createWorkSlices(sliceMs = SLICE_MS): WorkSlices {
  let sliceStart = performance.now();
  return {
    async turn() {
      if (performance.now() - sliceStart < sliceMs) return;
      await yieldToEventLoop();
      sliceStart = performance.now();
    },
  };
}

/** `items.map(fn)`, in slices (see `createWorkSlices`). */
export async function mapInSlices<T, R>(items: readonly T[], fn: (item: T, index: number) => R, slices: WorkSlices = createWorkSlices()): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  for (let i = 0; i < items.length; i += 1) {
    await slices.turn();
    out[i] = fn(items[i] as T, i);
  }
  return out;
}

/**
 * `JSON.stringify(items)` of a large array as UTF-8 bytes, one item at a time in slices: the same
 * bytes. Bytes, not a string: a client library writes a Buffer argument as it is, while a 25 MB
 * string would be encoded to UTF-8 in one blocking call on its way to the socket.
 */
export async function jsonBytesInSlices(items: readonly unknown[], slices: WorkSlices = createWorkSlices()): Promise<Buffer> {
  const parts: Buffer[] = [Buffer.from('[')];
  for (const [i, item] of items.entries()) {
    await slices.turn();
    // JSON.stringify writes `null` for an undefined array item; so does this.
    parts.push(Buffer.from(`${i === 0 ? '' : ','}${JSON.stringify(item) ?? 'null'}`));
  }
  parts.push(Buffer.from(']'));
  return Buffer.concat(parts);
}
