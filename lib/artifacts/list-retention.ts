import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { ARTIFACT_KINDS, type ArtifactKind, DEFAULT_RETENTION_DAYS } from "./schemas.ts";

export type RetentionRow = {
  kind: ArtifactKind;
  days: number;
  isDefault: boolean;
  updatedAt: string | null;
};

export async function listRetention(db?: Db): Promise<RetentionRow[]> {
  db ??= await getDb();
  const rows = await db.retentionPolicy.findMany({
    select: { kind: true, days: true, updatedAt: true },
  });
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return ARTIFACT_KINDS.map((kind) => {
    const r = byKind.get(kind);
    return r
      ? { kind, days: r.days, isDefault: false, updatedAt: r.updatedAt.toISOString() }
      : { kind, days: DEFAULT_RETENTION_DAYS[kind], isDefault: true, updatedAt: null };
  });
}
