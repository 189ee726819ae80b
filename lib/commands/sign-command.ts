import "server-only";
import crypto from "node:crypto";
import type { CommandPayload, CommandTypeName, Envelope } from "../protocol/commands.ts";
import { commandPayloadBytes } from "../protocol/envelope.ts";
import { getActiveSigningKey } from "../signing/server-keys.ts";
import { commandExpirySeconds } from "./config.ts";

/** Builds and signs the protocol payload: Ed25519 over the UTF-8 bytes of its RFC 8785
 *  canonical JSON, base64url. Bound to one host, fresh nonce, validity window per type.
 *  A batch passes the one `signer` it read, so every command of a request carries one kid. */
export async function signCommand(
  c: { id: string; hostId: string; type: CommandTypeName; params: Record<string, unknown> },
  now = new Date(),
  signer?: { kid: string; key: crypto.KeyObject },
): Promise<Envelope> {
  const { kid, key } = signer ?? (await getActiveSigningKey());
  const payload: CommandPayload = {
    v: 1,
    id: c.id,
    hostId: c.hostId,
    type: c.type,
    params: c.params,
    issuedAt: now.toISOString(),
    notBefore: now.toISOString(),
    expiresAt: new Date(now.getTime() + commandExpirySeconds(c.type) * 1000).toISOString(),
    nonce: crypto.randomBytes(16).toString("base64url"),
  };
  const signature = crypto.sign(null, commandPayloadBytes(payload), key).toString("base64url");
  return { payload, kid, signature };
}
