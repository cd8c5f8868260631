import type { SandboxContext } from '../context';

/**
 * Memory the fake keeps outside `SandboxState` (rate windows, used auth codes). It is keyed by the
 * current `state.tiktok` object, which the sandbox replaces on reset, so a reset forgets it too.
 */
export function createStateScoped<T>(ctx: SandboxContext, init: () => T): () => T {
  const byState = new WeakMap<object, T>();
  return () => {
    const key = ctx.state.tiktok;
    let value = byState.get(key);
    if (value === undefined) {
      value = init();
      byState.set(key, value);
    }
    return value;
  };
}
