import crypto from "node:crypto";

// Credentials are 256 random bits; only their SHA-256 is stored, so a database leak does
// not hand out working tokens. A prefix tells a host token from an enrollment token in logs.
export const newSecret = (prefix: "bwh" | "bwe") =>
  `${prefix}_${crypto.randomBytes(32).toString("base64url")}`;
export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");
