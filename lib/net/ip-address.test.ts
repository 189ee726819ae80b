import { describe, expect, it } from "vitest";
import { normalizeIp, parseCidrList, resolveClientIp } from "./ip-address.ts";

describe("normalizeIp", () => {
  it("accepts both families and folds IPv4-mapped IPv6 onto IPv4", () => {
    expect(normalizeIp("203.0.113.5")).toBe("203.0.113.5");
    expect(normalizeIp("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(normalizeIp("2001:DB8::1")).toBe("2001:db8::1");
    expect(normalizeIp("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalizeIp("203.0.113.5:5123")).toBe("203.0.113.5");
    expect(normalizeIp("fe80::1%eth0")).toBe("fe80::1");
  });
  it("refuses what is not an address", () => {
    for (const s of ["", "unknown", "evil.example", "1.2.3", "999.1.1.1", "<script>"])
      expect(normalizeIp(s)).toBeNull();
  });
});

describe("parseCidrList", () => {
  it("parses IPv4 and IPv6 ranges and single hosts", () => {
    const l = parseCidrList("10.0.0.0/8, 2001:db8::/32 ,192.0.2.7");
    expect(l.check("10.200.0.1", "ipv4")).toBe(true);
    expect(l.check("11.0.0.1", "ipv4")).toBe(false);
    expect(l.check("2001:db8:ffff::9", "ipv6")).toBe(true);
    expect(l.check("2001:db9::1", "ipv6")).toBe(false);
    expect(l.check("192.0.2.7", "ipv4")).toBe(true);
    expect(l.check("192.0.2.8", "ipv4")).toBe(false);
  });
  it("fails loudly on a typo", () => {
    expect(() => parseCidrList("10.0.0.0/33")).toThrow(/prefix/);
    expect(() => parseCidrList("10.0.0.0/8/1")).toThrow(/10.0.0.0\/8\/1/);
    expect(() => parseCidrList("proxy.internal")).toThrow(/proxy.internal/);
    expect(() => parseCidrList("::/abc")).toThrow(/prefix/);
  });
});

describe("resolveClientIp", () => {
  const trusted = parseCidrList("10.0.0.0/8, fd00::/8");

  it("without trusted proxies uses the socket address and ignores a forged X-Forwarded-For", () => {
    expect(resolveClientIp("198.51.100.9", "1.2.3.4", null)).toBe("198.51.100.9");
    expect(resolveClientIp("::ffff:198.51.100.9", "1.2.3.4, 5.6.7.8", null)).toBe("198.51.100.9");
  });

  it("ignores X-Forwarded-For when the peer is not a trusted proxy", () => {
    expect(resolveClientIp("198.51.100.9", "10.0.0.1", trusted)).toBe("198.51.100.9");
  });

  it("walks from the right past trusted hops to the first untrusted address", () => {
    // client forged "1.2.3.4"; the edge proxy appended the real client 203.0.113.7; an inner proxy appended the edge.
    expect(resolveClientIp("10.0.0.2", "1.2.3.4, 203.0.113.7, 10.0.0.1", trusted)).toBe(
      "203.0.113.7",
    );
    expect(resolveClientIp("fd00::2", "2001:db8::77, fd00::1", trusted)).toBe("2001:db8::77");
  });

  it("stops at the nearest trusted hop when every hop is trusted or a hop is malformed", () => {
    expect(resolveClientIp("10.0.0.2", "10.0.0.1", trusted)).toBe("10.0.0.1");
    expect(resolveClientIp("10.0.0.2", "garbage, 10.0.0.1", trusted)).toBe("10.0.0.1");
    expect(resolveClientIp("10.0.0.2", undefined, trusted)).toBe("10.0.0.2");
  });

  it("has no address to report without a socket address", () => {
    expect(resolveClientIp(undefined, "1.2.3.4", trusted)).toBe("unknown");
  });
});
