import { canonicalJson, sha256Hex } from "../protocol/canonical-json.ts";

export const GENESIS_HASH = "0".repeat(64);

export type AuditFields = {
  seq: number;
  at: string; // UTC ISO-8601 with milliseconds
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  prevHash: string;
};

// The hash covers every column but itself, so editing any of them breaks this link and
// the next entry's prevHash breaks the one after.
export function hashAuditEntry(f: AuditFields): string {
  return sha256Hex(
    canonicalJson({
      seq: f.seq,
      at: f.at,
      actorType: f.actorType,
      actorId: f.actorId,
      actorLabel: f.actorLabel,
      action: f.action,
      targetType: f.targetType,
      targetId: f.targetId,
      details: f.details ?? {},
      prevHash: f.prevHash,
    }),
  );
}
