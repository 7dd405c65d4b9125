import { BlockList, isIP } from 'node:net';

/** IPv4 ranges a server must not be made to reach on a tenant's behalf. */
const nonPublicIpv4: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network", includes the unspecified 0.0.0.0
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, includes broadcast
];

/** IPv6 ranges a server must not be made to reach (embedded IPv4 is checked separately). */
const nonPublicIpv6: readonly [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
  ['100::', 64], // discard-only
];

const blocked = new BlockList();
for (const [network, prefix] of nonPublicIpv4) blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of nonPublicIpv6) blocked.addSubnet(network, prefix, 'ipv6');

/** IPv6 prefixes (96 bits) whose last 32 bits are an IPv4 address the packet ends up at. */
const ipv4Embedding = new BlockList();
ipv4Embedding.addSubnet('::ffff:0:0', 96, 'ipv6'); // IPv4-mapped
ipv4Embedding.addSubnet('::', 96, 'ipv6'); // IPv4-compatible (deprecated)
ipv4Embedding.addSubnet('64:ff9b::', 96, 'ipv6'); // NAT64

/** The 16 bytes of an IPv6 address in any textual form (`::`, embedded dotted quad). */
function ipv6Bytes(address: string): number[] {
  let text = address;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    tail.push(...dotted[1].split('.').map(Number));
    text = `${text.slice(0, -dotted[1].length)}0:0`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = 8 - headGroups.length - restGroups.length;
  const groups = [...headGroups, ...Array<string>(Math.max(missing, 0)).fill('0'), ...restGroups];
  const bytes = groups.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/**
 * True when an IP address is a public unicast address: not loopback,
 * link-local, private, carrier-grade NAT, unspecified, multicast, reserved
 * or documentation space, also when written as an IPv4-mapped, -compatible or
 * NAT64 IPv6 address. Anything that is not an IP address is not public.
 */
export function isPublicAddress(candidate: string): boolean {
  const address = candidate.replace(/^\[|\]$/g, '');
  const version = isIP(address);
  if (version === 4) return !blocked.check(address, 'ipv4');
  if (version !== 6) return false;
  const withoutZone = address.replace(/%.*$/, '');
  if (blocked.check(withoutZone, 'ipv6')) return false;
  if (ipv4Embedding.check(withoutZone, 'ipv6')) {
    const embedded = ipv6Bytes(withoutZone).slice(12).join('.');
    return !blocked.check(embedded, 'ipv4');
  }
  return true;
}
