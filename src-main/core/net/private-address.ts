// Whether an IP address is one a URL import must not be steered to: this computer (loopback), the
// local network (RFC 1918, unique-local), link-local (cloud metadata at 169.254.169.254), and the
// other special-use ranges. Uses node:net's BlockList rather than hand-written bit arithmetic.
import { BlockList, isIP } from 'node:net'

const blocked = new BlockList()
const privateIpv4 = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const
for (const [network, prefix] of privateIpv4) {
  blocked.addSubnet(network, prefix, 'ipv4')
  // The same range through a NAT64 gateway (RFC 6052's 64:ff9b::/96 embeds the IPv4 address).
  const [a = 0, b = 0, c = 0, d = 0] = network.split('.').map(Number)
  const embedded = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  blocked.addSubnet(`64:ff9b::${embedded}`, 96 + prefix, 'ipv6')
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(network, prefix, 'ipv6')

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) return blocked.check(address, 'ipv4')
  if (family !== 6) return false
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is checked as the IPv4 address it is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  return mapped ? blocked.check(mapped, 'ipv4') : blocked.check(address, 'ipv6')
}
