import crypto from "node:crypto";

// An API token is 256 random bits behind the prefix "bwu_" (user), so it is told apart from a
// host token ("bwh_") before any lookup: either one presented on the other's routes is a 401.
// Only the SHA-256 is stored; a lost token is revoked and replaced, never recovered.
export const API_TOKEN_PATTERN = /^bwu_[A-Za-z0-9_-]{43}$/;
export const newApiTokenSecret = () => `bwu_${crypto.randomBytes(32).toString("base64url")}`;
export const hashApiToken = (secret: string) =>
  crypto.createHash("sha256").update(secret).digest("hex");
