import "server-only";
import crypto from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import { type Db, getDb } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { scheduleTimer } from "../timers/schedule-timer.ts";
import { type UploadMetadata, uploadMetadataSchema } from "./schemas.ts";
import { stagingDir } from "./storage/index.ts";
import type { UploadOwner } from "./upload-owner.ts";

// An unfinished upload is kept this long for resumption, then its staging bytes are removed.
export const UPLOAD_TTL_MS = 24 * 3600 * 1000;
export const UPLOAD_EXPIRE_TIMER = "artifacts.upload_expire";

export const stagingPath = (uploadId: string) => path.join(stagingDir(), uploadId);

type Link = { incidentId: string | null; commandId: string | null; hostId: string | null };

/** Decides what the upload is evidence of, and refuses links the caller may not make: a host
 *  may attach only to its own collect_artifact command or to an incident it is part of. */
async function resolveLink(db: Db, owner: UploadOwner, m: UploadMetadata): Promise<Link> {
  if (m.commandId) {
    const rows = await db.$queryRaw<{ hostId: string; incidentId: string | null; type: string }[]>`
      SELECT "hostId", "incidentId", "type"::text AS "type" FROM "Command" WHERE "id" = ${m.commandId}`;
    const c = rows[0];
    // Another host's command is "not found": its existence is not revealed.
    if (!c || (owner.type === "host" && c.hostId !== owner.id))
      throw new AppError("not_found", "No such command.");
    if (c.type !== "collect_artifact")
      throw new AppError(
        "conflict",
        `Command ${m.commandId} is a ${c.type}, not a collect_artifact command.`,
      );
    return { incidentId: c.incidentId, commandId: m.commandId, hostId: c.hostId };
  }
  const incident = await db.incident.findUnique({
    where: { id: m.incidentId! },
    select: { id: true },
  });
  if (!incident) throw new AppError("not_found", "No such incident.");
  if (owner.type === "host") {
    const link = await db.incidentHost.findUnique({
      where: { incidentId_hostId: { incidentId: incident.id, hostId: owner.id } },
      select: { hostId: true },
    });
    if (!link) throw new AppError("not_found", "No such incident.");
    return { incidentId: incident.id, commandId: null, hostId: owner.id };
  }
  return { incidentId: incident.id, commandId: null, hostId: null };
}

export async function createUpload(
  input: { owner: UploadOwner; length: number; metadata: Record<string, string> },
  db?: Db,
) {
  const max = env.BREAKWATER_ARTIFACT_MAX_BYTES;
  if (input.length > max)
    throw new AppError(
      "payload_too_large",
      `Upload-Length ${input.length} exceeds the limit of ${max} bytes.`,
      { extra: { maxBytes: max } },
    );
  const m = parseInput(uploadMetadataSchema, input.metadata, "Upload-Metadata is not valid.", {
    root: "Upload-Metadata",
  });
  db ??= await getDb();
  const link = await resolveLink(db, input.owner, m);
  const id = crypto.randomUUID();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + UPLOAD_TTL_MS);
  await fsp.mkdir(stagingDir(), { recursive: true });
  await fsp.writeFile(stagingPath(id), new Uint8Array(0), { flag: "wx" });
  try {
    await inTransaction(db, async (tx) => {
      await tx.artifactUpload.create({
        data: {
          id,
          ownerType: input.owner.type,
          ownerId: input.owner.id,
          ownerLabel: input.owner.label,
          filename: m.filename,
          kind: m.kind,
          declaredSha256: m.sha256,
          length: BigInt(input.length),
          ...link,
          collectedAt: now,
          expiresAt,
        },
      });
      await scheduleTimer(tx, {
        kind: UPLOAD_EXPIRE_TIMER,
        dueAt: expiresAt,
        payload: { uploadId: id },
        dedupeKey: `artifact-upload:${id}`,
      });
    });
  } catch (e) {
    await fsp.rm(stagingPath(id), { force: true });
    throw e;
  }
  return { id, expiresAt };
}
