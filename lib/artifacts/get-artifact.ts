import "server-only";
import { z } from "zod";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import { verifyCustody } from "./custody.ts";
import {
  type ArtifactDto,
  type CustodyEntryDto,
  type CustodyVerification,
  listArtifactsQuery,
} from "./schemas.ts";

export const artifactSelect = {
  id: true,
  filename: true,
  kind: true,
  sizeBytes: true,
  sha256: true,
  status: true,
  incidentId: true,
  commandId: true,
  hostId: true,
  collectedAt: true,
  receivedAt: true,
  expiresAt: true,
  removedAt: true,
  incident: { select: { key: true, legalHoldAt: true } },
  host: { select: { hostname: true } },
} as const;

type Row = {
  id: string;
  filename: string;
  kind: ArtifactDto["kind"];
  sizeBytes: bigint;
  sha256: string;
  status: ArtifactDto["status"];
  incidentId: string | null;
  commandId: string | null;
  hostId: string | null;
  collectedAt: Date;
  receivedAt: Date;
  expiresAt: Date;
  removedAt: Date | null;
  incident: { key: string; legalHoldAt: Date | null } | null;
  host: { hostname: string } | null;
};

export function toArtifactDto(r: Row): ArtifactDto {
  return {
    id: r.id,
    filename: r.filename,
    kind: r.kind,
    sizeBytes: Number(r.sizeBytes),
    sha256: r.sha256,
    status: r.status,
    incidentId: r.incidentId,
    incidentKey: r.incident?.key ?? null,
    legalHold: Boolean(r.incident?.legalHoldAt),
    commandId: r.commandId,
    hostId: r.hostId,
    hostname: r.host?.hostname ?? null,
    collectedAt: r.collectedAt.toISOString(),
    receivedAt: r.receivedAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    removedAt: r.removedAt?.toISOString() ?? null,
  };
}

export async function listArtifacts(raw: unknown, db?: Db): Promise<{ artifacts: ArtifactDto[] }> {
  const q = listArtifactsQuery.parse(raw);
  db ??= await getDb();
  const rows = await db.artifact.findMany({
    where: {
      ...(q.incidentId ? { incidentId: q.incidentId } : {}),
      ...(q.status ? { status: q.status } : {}),
    },
    orderBy: { receivedAt: "desc" },
    take: q.limit,
    select: artifactSelect,
  });
  return { artifacts: rows.map(toArtifactDto) };
}

export type ArtifactDetail = {
  artifact: ArtifactDto;
  custody: CustodyEntryDto[];
  verification: CustodyVerification;
};

export async function getCustodyEntries(artifactId: string, db: Db): Promise<CustodyEntryDto[]> {
  const rows = await db.custodyEntry.findMany({
    where: { artifactId },
    orderBy: { seq: "asc" },
    select: {
      seq: true,
      at: true,
      action: true,
      actorType: true,
      actorLabel: true,
      ip: true,
      details: true,
      hash: true,
    },
  });
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

export async function getArtifact(id: string, db?: Db): Promise<ArtifactDetail> {
  if (!z.string().uuid().safeParse(id).success)
    throw new AppError("not_found", "No such artifact.");
  db ??= await getDb();
  const row = await db.artifact.findUnique({ where: { id }, select: artifactSelect });
  if (!row) throw new AppError("not_found", "No such artifact.");
  const [custody, verification] = await Promise.all([
    getCustodyEntries(id, db),
    verifyCustody(id, db),
  ]);
  return { artifact: toArtifactDto(row), custody, verification };
}
