import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { embeddedIpv4 } from './embedded-ipv4';
import { HookRefusedError } from './hook-refused-error';

/** One address a host name resolved to (`family` 4 or 6). */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address; the default is `dns.lookup` with `all: true`. */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

/** How strict the hook URL check is. */
export interface HookUrlPolicy {
  /** Allow link-local and cloud-metadata targets (tests on a private network, never production). */
  allowLinkLocal: boolean;
  /** Resolver seam for tests; defaults to the system resolver. */
  resolve?: ResolveHost;
}

/** Host names of cloud metadata services (GCP, AWS), compared lowercased without a trailing dot. */
const METADATA_NAMES = new Set([
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
]);

/**
 * Link-local ranges plus metadata addresses outside them (AWS IPv6, Alibaba). BlockList also
 * matches IPv4-mapped IPv6 (`::ffff:169.254.169.254`).
 */
const refusedAddresses = new BlockList();
refusedAddresses.addSubnet('169.254.0.0', 16, 'ipv4');
refusedAddresses.addSubnet('fe80::', 10, 'ipv6');
refusedAddresses.addAddress('fd00:ec2::254', 'ipv6');
refusedAddresses.addAddress('100.100.100.200', 'ipv4');

const systemResolve: ResolveHost = (hostname) => lookup(hostname, { all: true, verbatim: true });

function isRefused(address: string, family: number): boolean {
  if (refusedAddresses.check(address, family === 4 ? 'ipv4' : 'ipv6')) return true;
  return family === 6 && embeddedIpv4(address).some((v4) => refusedAddresses.check(v4, 'ipv4'));
}

/**
 * Throws `HookRefusedError` when `address` (an IP literal) is link-local or a metadata address,
 * also when it is an IPv6 form that carries such an IPv4 address (NAT64, 6to4, mapped…).
 */
export function checkHookAddress(address: string, policy: HookUrlPolicy): void {
  if (policy.allowLinkLocal) return;
  const family = isIP(address);
  if (family === 0) throw new HookRefusedError(`"${address}" is not an IP address`, address);
  if (isRefused(address, family)) {
    throw new HookRefusedError(
      `Webhook address ${address} is link-local or a cloud metadata address; use a routable ` +
        'host (loopback and private addresses are fine) or set allowLinkLocal for a trusted network',
      address,
    );
  }
}

function parseHookUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HookRefusedError(`Webhook URL "${url}" is not a valid absolute URL`, url);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new HookRefusedError(
      `Webhook URL scheme "${parsed.protocol}" is not supported; use http:// or https://`,
      parsed.protocol,
    );
  }
  return parsed;
}

/** Lowercase host name without IPv6 brackets or a trailing dot. */
function normalizeHost(parsed: URL): string {
  return parsed.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

/**
 * Refuses a webhook URL that is not http(s) or whose host is, or resolves to, a link-local or cloud
 * metadata address, unless `allowLinkLocal`. Every resolved address is checked. Resolves to the
 * addresses found. Throws `HookRefusedError` (never worth retrying); a resolver failure (e.g.
 * `ENOTFOUND`) is rethrown as is.
 */
export async function checkHookUrl(url: string, policy: HookUrlPolicy): Promise<ResolvedAddress[]> {
  const host = normalizeHost(parseHookUrl(url));
  const family = isIP(host);
  if (family !== 0) {
    checkHookAddress(host, policy);
    return [{ address: host, family }];
  }
  if (!policy.allowLinkLocal && METADATA_NAMES.has(host)) {
    throw new HookRefusedError(
      `Webhook host "${host}" is a cloud metadata service; point the hook at your own server`,
      host,
    );
  }
  const addresses = await (policy.resolve ?? systemResolve)(host);
  for (const { address } of addresses) checkHookAddress(address, policy);
  return addresses;
}
