import ipaddr from 'ipaddr.js';

/**
 * The IPv4 addresses an IPv6 address carries inside it, in every form a router or the kernel
 * may turn back into that IPv4 address: IPv4-mapped `::ffff:a.b.c.d`, IPv4-translated
 * `::ffff:0:a.b.c.d` (RFC 6145), IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::/96` (RFC 6052) and
 * its local-use `64:ff9b:1::/48` (RFC 8215), 6to4 `2002:AABB:CCDD::/16` (RFC 3056), and Teredo
 * `2001::/32` (RFC 4380: the server, and the client obfuscated by XOR). A hook check that looks
 * only at the IPv6 form lets `http://[64:ff9b::169.254.169.254]/` reach the metadata service.
 */
export function embeddedIpv4(address: string): string[] {
  if (!ipaddr.IPv6.isValid(address)) return [];
  const bytes = ipaddr.IPv6.parse(address).toByteArray();
  const v4 = (at: number, xor = 0): string =>
    bytes
      .slice(at, at + 4)
      .map((b) => b ^ xor)
      .join('.');
  const zero = (from: number, to: number): boolean => bytes.slice(from, to).every((b) => b === 0);
  const word = (i: number): number => ((bytes[i * 2] ?? 0) << 8) | (bytes[i * 2 + 1] ?? 0);
  const found: string[] = [];
  if (zero(0, 10) && word(5) === 0xffff) found.push(v4(12)); // mapped
  if (zero(0, 8) && word(4) === 0xffff && word(5) === 0) found.push(v4(12)); // translated
  if (zero(0, 12) && !zero(12, 16)) found.push(v4(12)); // compatible (deprecated, still routed by some stacks)
  if (word(0) === 0x64 && word(1) === 0xff9b && (zero(4, 12) || word(2) === 1)) found.push(v4(12)); // NAT64
  if (word(0) === 0x2002) found.push(v4(2)); // 6to4
  if (word(0) === 0x2001 && word(1) === 0) found.push(v4(4), v4(12, 0xff)); // Teredo server, client
  return [...new Set(found)];
}
