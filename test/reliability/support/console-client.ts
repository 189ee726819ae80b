// Plain-fetch clients for a running server: a signed-in console session (next-auth's
// credentials form, as a browser posts it) and a host agent's bearer calls. The session cookie
// works on every instance sharing AUTH_SECRET.
import crypto from "node:crypto";
import type { Envelope } from "../../../lib/protocol/commands.ts";
import { commandPayloadBytes } from "../../../lib/protocol/envelope.ts";
import { ed25519PublicKey } from "../../../lib/protocol/key-endorsement.ts";

export type Session = { cookie: string };

function cookiesOf(res: Response, jar: Map<string, string>) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair.indexOf("=");
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
}
const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  cookiesOf(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(jar) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/incidents` }),
  });
  cookiesOf(res, jar);
  if (![...jar.keys()].some((k) => k.endsWith("bw.session")))
    throw new Error(`sign-in failed: HTTP ${res.status}`);
  return { cookie: header(jar) };
}

export async function userPost(base: string, s: Session, path: string, body: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: s.cookie },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export const agentHeaders = (token: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${token}`,
  ...extra,
});

/** Verifies an envelope exactly as an agent does against the keys it pinned at enrolment. */
export function verifiesWithPinned(
  env: Envelope,
  pinned: { kid: string; publicKey: string }[],
): boolean {
  const key = pinned.find((k) => k.kid === env.kid);
  if (!key) return false;
  return crypto.verify(
    null,
    commandPayloadBytes(env.payload),
    ed25519PublicKey(key.publicKey)!,
    Buffer.from(env.signature, "base64url"),
  );
}

/** Reads a text/event-stream until an event named `name` whose data satisfies `match`. */
export async function openEventStream(url: string, s: Session) {
  const ac = new AbortController();
  const res = await fetch(url, { headers: { cookie: s.cookie }, signal: ac.signal });
  if (!res.ok || !res.body) throw new Error(`GET ${url}: ${res.status}`);
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let buf = "";
  return {
    async next(name: string, ms: number): Promise<Record<string, unknown>> {
      const timer = setTimeout(() => ac.abort(), ms);
      try {
        for (;;) {
          let i: number;
          while ((i = buf.indexOf("\n\n")) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            if (/^event: (.*)$/m.exec(block)?.[1] === name)
              return JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "{}");
          }
          const { value, done } = await reader.read();
          if (done) throw new Error(`stream ended before a ${name} event`);
          buf += dec.decode(value, { stream: true });
        }
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => ac.abort(),
  };
}
