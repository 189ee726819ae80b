// The signed command envelope: the bytes its signature covers, and what the protocol says an
// agent must check before obeying a command, in order: the key id is one the server
// published, the Ed25519 signature over the RFC 8785 canonical payload holds, the command is
// for this host, now is inside [notBefore, expiresAt], and its id was never executed here.
// The server signs with commandPayloadBytes; the reference agent, the tests and the benchmark
// verify with verifyEnvelope.
import crypto from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";
import type { CommandPayload, Envelope } from "./commands.ts";
import type { ServerKey } from "./hosts.ts";
import { ed25519PublicKey } from "./key-endorsement.ts";

/** The exact bytes a command signature covers: the UTF-8 of the payload's RFC 8785 JSON.
 *  One function for the signer and the verifier, so the two cannot drift apart. */
export const commandPayloadBytes = (payload: unknown): Buffer =>
  Buffer.from(canonicalJson(payload), "utf8");

export type RefusalReason =
  | "malformed"
  | "unknown_kid"
  | "bad_signature"
  | "wrong_host"
  | "not_yet_valid"
  | "expired"
  | "replayed"
  | "unsupported_version";
export type Verdict =
  | { ok: true; payload: CommandPayload }
  | { ok: false; reason: RefusalReason; detail: string; commandId: string | null };

// An agent verifies every command with one of a handful of keys: parse each once.
const keyCache = new Map<string, crypto.KeyObject | null>();

function publicKeyObject(raw: string): crypto.KeyObject | null {
  if (!keyCache.has(raw)) keyCache.set(raw, ed25519PublicKey(raw));
  return keyCache.get(raw)!;
}

export function verifyEnvelope(
  env: unknown,
  ctx: { keys: ServerKey[]; hostId: string; now: Date; executed: (id: string) => boolean },
): Verdict {
  const e = env as Partial<Envelope> | null;
  const p = e?.payload as Partial<CommandPayload> | undefined;
  const id = typeof p?.id === "string" ? p.id : null;
  if (
    !e ||
    typeof e !== "object" ||
    !p ||
    typeof p !== "object" ||
    typeof e.kid !== "string" ||
    typeof e.signature !== "string" ||
    !id
  ) {
    return {
      ok: false,
      reason: "malformed",
      detail: "envelope lacks payload, kid, signature or id",
      commandId: id,
    };
  }
  const key = ctx.keys.find((k) => k.kid === e.kid && k.alg === "Ed25519");
  if (!key)
    return {
      ok: false,
      reason: "unknown_kid",
      detail: `kid ${e.kid} is not a published server key`,
      commandId: id,
    };
  const pub = publicKeyObject(key.publicKey);
  let valid = false;
  try {
    valid = Boolean(
      pub &&
        crypto.verify(null, commandPayloadBytes(p), pub, Buffer.from(e.signature, "base64url")),
    );
  } catch {
    valid = false;
  }
  if (!valid)
    return {
      ok: false,
      reason: "bad_signature",
      detail: "Ed25519 signature does not verify over the canonical payload",
      commandId: id,
    };
  // Only a verified payload's fields are trusted from here on.
  if (p.v !== 1)
    return {
      ok: false,
      reason: "unsupported_version",
      detail: `payload version ${String(p.v)}`,
      commandId: id,
    };
  if (p.hostId !== ctx.hostId)
    return {
      ok: false,
      reason: "wrong_host",
      detail: `command is for host ${String(p.hostId)}, not this host`,
      commandId: id,
    };
  const nb = Date.parse(String(p.notBefore));
  const exp = Date.parse(String(p.expiresAt));
  if (!Number.isFinite(nb) || !Number.isFinite(exp))
    return { ok: false, reason: "malformed", detail: "bad validity window", commandId: id };
  if (ctx.now.getTime() < nb)
    return {
      ok: false,
      reason: "not_yet_valid",
      detail: `not valid before ${p.notBefore}`,
      commandId: id,
    };
  if (ctx.now.getTime() > exp)
    return { ok: false, reason: "expired", detail: `expired at ${p.expiresAt}`, commandId: id };
  if (ctx.executed(id))
    return {
      ok: false,
      reason: "replayed",
      detail: `command ${id} was already executed on this host`,
      commandId: id,
    };
  // The type is not checked here: a signed command of a type this agent does not know is the
  // executor's to answer (a failed receipt), not a forged one.
  return { ok: true, payload: p as CommandPayload };
}
