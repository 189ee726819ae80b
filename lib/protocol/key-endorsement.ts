// Key endorsements (docs/AGENT-PROTOCOL.md, "Key rotation"): a new server key is trusted by an
// agent only when a key it already trusts signed it. The server signs with this file at
// rotation and the reference agent verifies with it, so both sign and check the same bytes.
import crypto from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";

export type Endorsement = { kid: string; sig: string };
export type EndorsableKey = {
  kid: string;
  alg: "Ed25519";
  publicKey: string;
  notBefore: string;
  endorsements?: Endorsement[];
};

// The purpose field keeps an endorsement signature from ever verifying as anything else
// (a command payload, a chain checkpoint) signed by the same key.
export const ENDORSEMENT_PURPOSE = "breakwater.key-endorsement.v1";

const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** The exact bytes an endorsement signs: RFC 8785 canonical JSON of the endorsed key. */
export function endorsementBytes(
  k: Pick<EndorsableKey, "kid" | "publicKey" | "notBefore">,
): Buffer {
  return Buffer.from(
    canonicalJson({
      purpose: ENDORSEMENT_PURPOSE,
      kid: k.kid,
      alg: "Ed25519",
      publicKey: k.publicKey,
      notBefore: k.notBefore,
    }),
    "utf8",
  );
}

export function ed25519PublicKey(raw: string): crypto.KeyObject | null {
  const bytes = Buffer.from(raw, "base64url");
  if (bytes.length !== 32) return null;
  return crypto.createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, bytes]),
    format: "der",
    type: "spki",
  });
}

export function signEndorsement(
  endorsed: Pick<EndorsableKey, "kid" | "publicKey" | "notBefore">,
  by: { kid: string; key: crypto.KeyObject },
): Endorsement {
  return {
    kid: by.kid,
    sig: crypto.sign(null, endorsementBytes(endorsed), by.key).toString("base64url"),
  };
}

function verifies(k: EndorsableKey, e: Endorsement, by: { publicKey: string }): boolean {
  try {
    const pub = ed25519PublicKey(by.publicKey);
    return Boolean(
      pub &&
        typeof e.sig === "string" &&
        crypto.verify(null, endorsementBytes(k), pub, Buffer.from(e.sig, "base64url")),
    );
  } catch {
    return false;
  }
}

/**
 * The offered keys that a chain of endorsements links to the trusted set (pinned 1 → 2 → 3
 * accepts 3 even when 2 is only offered as a retired link). Never removes or replaces a
 * trusted key: whoever answers the agent's HTTP cannot take trust away or swap a key's bytes
 * under a kid the agent already knows.
 */
export function endorsedKeys(
  trusted: { kid: string; publicKey: string }[],
  offered: unknown[],
): EndorsableKey[] {
  const known = new Map(trusted.map((k) => [k.kid, k]));
  const candidates = offered.filter(isEndorsableKey).filter((k) => !known.has(k.kid));
  const added: EndorsableKey[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const k of candidates) {
      if (known.has(k.kid)) continue;
      const ok = (k.endorsements ?? []).some((e) => {
        const by = known.get(e?.kid);
        return by !== undefined && verifies(k, e, by);
      });
      if (ok) {
        known.set(k.kid, k);
        added.push(k);
        grew = true;
      }
    }
  }
  return added;
}

function isEndorsableKey(v: unknown): v is EndorsableKey {
  const k = v as EndorsableKey | null;
  return Boolean(
    k &&
      typeof k === "object" &&
      typeof k.kid === "string" &&
      k.alg === "Ed25519" &&
      typeof k.publicKey === "string" &&
      typeof k.notBefore === "string" &&
      (k.endorsements === undefined || Array.isArray(k.endorsements)),
  );
}
