import "server-only";

// The commands capability owns the Ed25519 signing keys (lib/signing/server-keys.ts); enrolment
// hands agents the currently published public keys from there.
export { listPublicServerKeys, type PublicServerKey as ServerKey } from "../signing/server-keys.ts";
