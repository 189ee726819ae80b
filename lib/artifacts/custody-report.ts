import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import { resolveIncidentRef } from "../incidents/resolve-incident-ref.ts";
import { verifyCustody } from "./custody.ts";
import { artifactSelect, getCustodyEntries, toArtifactDto } from "./get-artifact.ts";
import type { ArtifactDto, CustodyEntryDto, CustodyVerification } from "./schemas.ts";

export type CustodyReport = {
  generatedAt: string;
  incident: {
    id: string;
    key: string;
    title: string;
    legalHoldAt: string | null;
    legalHoldReason: string | null;
  };
  artifacts: (ArtifactDto & { custody: CustodyEntryDto[]; verification: CustodyVerification })[];
  allChainsIntact: boolean;
};

/** Everything a court or auditor asks for about one incident's evidence, in one document. */
export async function getCustodyReport(ref: string, db?: Db): Promise<CustodyReport> {
  db ??= await getDb();
  const incident = await db.incident.findUnique({
    where: resolveIncidentRef(ref) as { id: string },
    select: { id: true, key: true, title: true, legalHoldAt: true, legalHoldReason: true },
  });
  if (!incident) throw new AppError("not_found", "No such incident.");
  const rows = await db.artifact.findMany({
    where: { incidentId: incident.id },
    orderBy: { collectedAt: "asc" },
    select: artifactSelect,
  });
  const artifacts = [];
  for (const r of rows) {
    const [custody, verification] = await Promise.all([
      getCustodyEntries(r.id, db),
      verifyCustody(r.id, db),
    ]);
    artifacts.push({ ...toArtifactDto(r), custody, verification });
  }
  return {
    generatedAt: new Date().toISOString(),
    incident: { ...incident, legalHoldAt: incident.legalHoldAt?.toISOString() ?? null },
    artifacts,
    allChainsIntact: artifacts.every((a) => a.verification.ok),
  };
}
