import type { LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { checkHookUrl } from './check-hook-url';
import type { HookUrlPolicy, ResolvedAddress } from './check-hook-url';

function pickFamily(addresses: ResolvedAddress[], options: LookupOptions): ResolvedAddress[] {
  const family = options.family;
  if (family !== 4 && family !== 6) return addresses;
  return addresses.filter((a) => a.family === family);
}

/**
 * A socket `lookup` that re-checks every address at connect time, so a name that resolved to a
 * public address during `checkHookUrl` cannot be switched to 169.254.169.254 before the request
 * (DNS rebinding). A refused address fails the connection with `HookRefusedError`.
 */
export function createGuardedLookup(policy: HookUrlPolicy): LookupFunction {
  return (hostname, options, callback) => {
    checkHookUrl(`http://${hostname.includes(':') ? `[${hostname}]` : hostname}/`, policy).then(
      (resolved) => {
        const addresses = pickFamily(resolved, options);
        const first = addresses[0];
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(`No usable address for ${hostname}`);
          error.code = 'ENOTFOUND';
          callback(error, '', 0);
        } else if (options.all === true) {
          callback(null, addresses);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)), '', 0);
      },
    );
  };
}
