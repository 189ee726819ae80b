import { describe, expect, it } from "vitest";
import { isForbiddenAddress, redactWebhookUrl } from "./webhook-target.ts";

describe("webhook targets", () => {
  it("refuses loopback, link-local, private, unique-local, unspecified and reserved addresses of both families", () => {
    for (const ip of [
      "127.0.0.1",
      "127.8.9.10",
      "169.254.169.254",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::",
      "::1",
      "fd00::1",
      "fc12:3456::1",
      "fe80::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:169.254.169.254",
      "64:ff9b::a9fe:a9fe",
    ]) {
      expect(isForbiddenAddress(ip), ip).toBe(true);
    }
  });
  it("allows public addresses", () => {
    for (const ip of [
      "8.8.8.8",
      "172.32.0.1",
      "192.169.0.1",
      "203.0.113.10",
      "2606:4700:4700::1111",
      "2001:4860::8888",
    ])
      expect(isForbiddenAddress(ip), ip).toBe(false);
  });
  it("redacts a saved URL down to scheme and host", () => {
    expect(redactWebhookUrl("https://hooks.slack.com/services/T0/B0/SECRETtoken")).toBe(
      "https://hooks.slack.com/…",
    );
    expect(redactWebhookUrl("http://hooks.example:8443/x?token=abc")).toBe(
      "http://hooks.example:8443/…",
    );
    expect(redactWebhookUrl("https://user:pw@hooks.example/x")).toBe("https://hooks.example/…");
    expect(redactWebhookUrl("not a url")).toBe("…");
  });
});
