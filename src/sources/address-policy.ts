import { BlockList, isIP } from 'node:net'

/**
 * Addresses an archiver must not be pointed at: private networks, loopback, link-local (cloud
 * metadata lives at 169.254.169.254), carrier-grade NAT, multicast, documentation and reserved
 * ranges. Otherwise "archive this URL" would let anyone who can add a source read the inside of
 * the network Parley runs in (server-side request forgery).
 */
const blocked = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6')
}

// Prefixes under which an IPv6 address carries an IPv4 one that a gateway, tunnel or dual stack
// may deliver to (issue 9, item 11). An inside IPv4 address must not be reachable through them.
const nat64Local = parseIpv6('64:ff9b:1::')!

/**
 * The IPv4 addresses an IPv6 address carries: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible
 * (::a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16, bits
 * 16–47), Teredo (2001::/32: server in bits 32–63, client in the last 32 bits inverted) and ISATAP
 * interface identifiers (…:0:5efe:a.b.c.d, also with 200:5efe).
 */
export function embeddedIpv4(address: string): string[] {
  const g = parseIpv6(address)
  if (!g) return []
  const v4 = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255].join('.')
  const last = v4(g[6]!, g[7]!)
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0)
  const found: string[] = []
  if (zeros(0, 5) && (g[5] === 0xffff || g[5] === 0)) found.push(last)
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) found.push(last)
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) found.push(last)
  if (g[0] === 0x2002) found.push(v4(g[1]!, g[2]!))
  if (g[0] === 0x2001 && g[1] === 0)
    found.push(v4(g[2]!, g[3]!), v4(g[6]! ^ 0xffff, g[7]! ^ 0xffff))
  if ((g[4] === 0 || g[4] === 0x200) && g[5] === 0x5efe) found.push(last)
  return found
}

/** The eight 16-bit groups of an IPv6 literal (zone and brackets dropped), or undefined. */
function parseIpv6(address: string): number[] | undefined {
  let text = address
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase()
  if (isIP(text) !== 6) return undefined
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const part = (s: string) => (s === '' ? [] : s.split(':').map((x) => Number.parseInt(x, 16)))
  const front = part(head)
  const back = tail === undefined ? [] : part(tail)
  const fill = tail === undefined ? 0 : 8 - front.length - back.length
  return [...front, ...new Array<number>(fill).fill(0), ...back]
}

/** True when `address` (an IP literal) is on the public internet. Non-IPs are not. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '')
  const family = isIP(bare)
  if (family === 4) return !blocked.check(bare, 'ipv4')
  if (family === 6) {
    const groups = parseIpv6(bare)
    // Local-use NAT64 (RFC 8215) translates into whatever network the operator chose.
    if (groups && nat64Local.slice(0, 3).every((x, i) => groups[i] === x)) return false
    const inner = embeddedIpv4(bare)
    if (inner.some((v4) => blocked.check(v4, 'ipv4'))) return false
    // A mapped address is IPv4 on the wire; its own IPv6 prefix says nothing more.
    if (inner.length > 0 && groups?.slice(0, 5).every((x) => x === 0)) return true
    return !blocked.check(bare, 'ipv6')
  }
  return false
}
