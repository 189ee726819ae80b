// Pure address helpers shared by the client-IP resolution (auth) and the webhook target
// checks (notifications). node:net's BlockList does the prefix arithmetic for both families.
import net from "node:net";

export type Family = "ipv4" | "ipv6";

/** A bare IPv4/IPv6 address in canonical-enough form, or null. IPv4-mapped IPv6
 *  (`::ffff:10.0.0.1`, what a dual-stack socket reports) becomes the IPv4 address, so one
 *  client does not count under two keys. Brackets and an IPv4 `:port` are tolerated. */
export function normalizeIp(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.replace(/%.*$/, ""); // zone id (fe80::1%eth0)
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(s);
  if (mapped) s = mapped[1];
  const v = net.isIP(s);
  if (v === 4) return s;
  if (v === 6) return s.toLowerCase();
  return null;
}

export const familyOf = (ip: string): Family => (net.isIPv4(ip) ? "ipv4" : "ipv6");

/** Parses "10.0.0.0/8, 2001:db8::/32, 192.0.2.7" into a BlockList; a bare address is a
 *  single host. Throws with the offending entry so a typo in configuration fails the boot. */
export function parseCidrList(list: string): net.BlockList {
  const block = new net.BlockList();
  for (const entry of list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [addr, prefix, extra] = entry.split("/");
    const ip = normalizeIp(addr);
    if (!ip || extra !== undefined) throw new Error(`not an address or CIDR range: "${entry}"`);
    const family = familyOf(ip);
    const max = family === "ipv4" ? 32 : 128;
    const bits = prefix === undefined ? max : Number(prefix);
    if (!/^\d+$/.test(prefix ?? String(max)) || bits > max)
      throw new Error(`bad prefix length in "${entry}"`);
    block.addSubnet(ip, bits, family);
  }
  return block;
}

export const inList = (list: net.BlockList, ip: string) => list.check(ip, familyOf(ip));

/**
 * The client address of a request. `peer` is the socket address our server accepted the
 * connection from: the only value nobody upstream can write. Only when the peer is a trusted
 * proxy is X-Forwarded-For consulted, walked from the right (each proxy appends the address
 * it saw): trusted hops are skipped, the first untrusted one is the client. Entries left of
 * that were written by the client and are never used.
 */
export function resolveClientIp(
  peer: string | null | undefined,
  xForwardedFor: string | null | undefined,
  trusted: net.BlockList | null,
): string {
  let current = normalizeIp(peer);
  if (!current) return "unknown";
  if (!trusted || !xForwardedFor) return current;
  const hops = xForwardedFor
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  while (inList(trusted, current) && hops.length) {
    const next = normalizeIp(hops.pop());
    // A malformed hop was not written by a trusted proxy: stop at the last trusted address.
    if (!next) break;
    current = next;
  }
  return current;
}
