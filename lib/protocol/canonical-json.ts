// The one encoding Breakwater hashes and signs, on both sides of the wire: command payloads
// and key endorsements are signed over it, audit and custody chains hash it. Two encoders
// would be two chances to disagree about one byte and fail every signature.
import crypto from "node:crypto";
import canonicalize from "canonicalize";

/** RFC 8785 (JCS) canonical JSON: the one encoding we hash and sign. */
export function canonicalJson(value: unknown): string {
  const s = canonicalize(value);
  if (s === undefined) throw new Error("value cannot be canonicalised");
  return s;
}

export const sha256Hex = (s: string | Buffer) =>
  crypto.createHash("sha256").update(s).digest("hex");
