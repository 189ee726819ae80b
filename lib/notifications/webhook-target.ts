import "server-only";
import dns from "node:dns";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import { familyOf, inList, normalizeIp, parseCidrList } from "../net/ip-address.ts";

// Addresses a webhook may not reach: the server's own loopback, link-local (the cloud
// metadata endpoint 169.254.169.254 lives there), private and unique-local networks, and the
// unspecified/multicast/reserved blocks. An admin's webhook would otherwise be a way to make
// the server send requests into its own network. IPv4-mapped IPv6 is matched against the
// IPv4 rows by BlockList itself; NAT64 can embed any IPv4 address, so it is refused too.
const FORBIDDEN = parseCidrList(
  [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "224.0.0.0/4",
    "240.0.0.0/4",
    "::/128",
    "::1/128",
    "64:ff9b::/96",
    "64:ff9b:1::/48",
    "fc00::/7",
    "fe80::/10",
    "fec0::/10",
    "ff00::/8",
  ].join(","),
);

export const isForbiddenAddress = (ip: string) => inList(FORBIDDEN, ip);
const privateAllowed = () => env.BREAKWATER_WEBHOOK_ALLOW_PRIVATE;

/** What is shown and audited instead of a webhook URL once saved: its path and query are
 *  the credential (a Slack incoming-webhook URL is a bearer token), scheme and host are not. */
export function redactWebhookUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return "…";
  }
}

/** The IP literal a URL names, or null for a DNS name. */
export function literalHost(url: URL): string | null {
  return normalizeIp(url.hostname.replace(/^\[|\]$/g, ""));
}

export type Resolved = { address: string; family: 4 | 6 };

/** Resolves a host name once and checks every answer. All answers must be allowed: a name
 *  that mixes a public and a private address is refused, not tried address by address. */
export async function resolveAllowed(hostname: string): Promise<Resolved> {
  const answers = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  if (!answers.length) throw new AppError("invalid_input", `${hostname} does not resolve.`);
  const normal = answers.map((a) => normalizeIp(a.address) ?? a.address);
  const bad = privateAllowed() ? undefined : normal.find(isForbiddenAddress);
  if (bad) throw forbiddenTarget(hostname, bad);
  return { address: normal[0], family: familyOf(normal[0]) === "ipv4" ? 4 : 6 };
}

const forbiddenTarget = (host: string, ip: string) =>
  new AppError(
    "invalid_input",
    `Webhook target ${host} is a private, loopback, link-local or reserved address (${ip}); set BREAKWATER_WEBHOOK_ALLOW_PRIVATE=1 to allow it.`,
    {
      errors: [{ path: "url", message: "private, loopback, link-local or reserved address" }],
    },
  );

/** The save-time check. A literal address is checked as written; a name is resolved now and
 *  refused if it points inside. A name that does not resolve yet is accepted: the send-time
 *  check (deliver-webhooks) resolves again before every attempt, which is the one that
 *  matters against DNS rebinding. */
export async function assertWebhookTargetAllowed(raw: string): Promise<void> {
  if (privateAllowed()) return;
  const url = new URL(raw);
  const literal = literalHost(url);
  if (literal) {
    if (isForbiddenAddress(literal)) throw forbiddenTarget(url.hostname, literal);
    return;
  }
  try {
    await resolveAllowed(url.hostname);
  } catch (e) {
    if (e instanceof AppError) throw e;
    // ENOTFOUND and friends: see above.
  }
}
