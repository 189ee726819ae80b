import "server-only";
import type { Readable } from "node:stream";
import { z } from "zod";
import { actorOfUser } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { SessionUser } from "../auth/current-user.ts";
import { userCan } from "../auth/permissions.ts";
import { type Db, getDb } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { appendCustody } from "./custody.ts";
import { getArtifactStorage } from "./storage/index.ts";
import { StorageNotFoundError } from "./storage/storage.ts";

export type OpenedDownload = {
  stream: Readable;
  filename: string;
  sizeBytes: number;
  sha256: string;
};

/**
 * Opens an artifact's bytes for a permitted user and records the download in its custody
 * chain and the audit log. The permission is checked again here (not only in the route) so
 * no other caller of this function can hand bytes to a viewer.
 */
export async function openArtifactDownload(
  id: string,
  user: SessionUser,
  ctx: { ip: string | null; userAgent: string | null },
  db?: Db,
): Promise<OpenedDownload> {
  if (!userCan(user, "artifacts:download"))
    throw new AppError("forbidden", `Your role (${user.role}) may not download artifacts.`);
  if (!z.string().uuid().safeParse(id).success)
    throw new AppError("not_found", "No such artifact.");
  db ??= await getDb();
  const a = await db.artifact.findUnique({
    where: { id },
    select: {
      id: true,
      filename: true,
      sizeBytes: true,
      sha256: true,
      status: true,
      storageKey: true,
    },
  });
  if (!a) throw new AppError("not_found", "No such artifact.");
  if (a.status !== "available")
    throw new AppError("gone", `This artifact was ${a.status}; only its hash and custody remain.`);
  let stream: Readable;
  try {
    stream = await getArtifactStorage().get(a.storageKey);
  } catch (e) {
    if (e instanceof StorageNotFoundError)
      throw new AppError("gone", "The artifact's bytes are no longer in storage.", { cause: e });
    throw e;
  }
  try {
    await inTransaction(db, async (tx) => {
      // Re-check inside the transaction: a purge may have committed since the read above.
      const still = await tx.artifact.count({ where: { id, status: "available" } });
      if (!still) throw new AppError("gone", "This artifact was removed a moment ago.");
      const actor = actorOfUser(user);
      await appendCustody(tx, id, {
        action: "downloaded",
        actor,
        ip: ctx.ip,
        details: { userAgent: ctx.userAgent?.slice(0, 300) ?? null, role: user.role },
      });
      await appendAudit(tx, {
        actor,
        action: "artifact.downloaded",
        target: { type: "artifact", id },
        details: { filename: a.filename, sha256: a.sha256, ip: ctx.ip },
      });
    });
  } catch (e) {
    stream.destroy();
    throw e;
  }
  return { stream, filename: a.filename, sizeBytes: Number(a.sizeBytes), sha256: a.sha256 };
}

/** A person's views of one artifact are recorded at most once per this window. */
export const VIEW_RECORD_WINDOW_MS = 60 * 60 * 1000;

export type ArtifactViewRecord = { recorded: boolean; lastRecordedAt: string | null };

/**
 * The artifact page records that a person looked at the evidence record, but at most once per
 * person per artifact per hour: every render (refresh, polling, a second tab) used to add a
 * "Viewed" entry, burying the touches that matter. The artifact row is locked before the
 * check, so two renders racing each other still record exactly one view.
 */
export async function recordArtifactView(
  id: string,
  user: SessionUser,
  ip: string | null,
  db?: Db,
  now: Date = new Date(),
): Promise<ArtifactViewRecord> {
  return inTransaction(db, async (tx) => {
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT "id" FROM "Artifact" WHERE "id" = ${id} FOR NO KEY UPDATE`;
    if (!locked.length) return { recorded: false, lastRecordedAt: null };
    const recent = await tx.custodyEntry.findFirst({
      where: {
        artifactId: id,
        action: "viewed",
        actorType: "user",
        actorId: user.id,
        at: { gt: new Date(now.getTime() - VIEW_RECORD_WINDOW_MS) },
      },
      orderBy: { seq: "desc" },
      select: { at: true },
    });
    if (recent) return { recorded: false, lastRecordedAt: recent.at.toISOString() };
    await appendCustody(tx, id, { action: "viewed", actor: actorOfUser(user), ip, at: now });
    return { recorded: true, lastRecordedAt: now.toISOString() };
  });
}

/** RFC 6266 attachment header: an ASCII fallback plus the exact UTF-8 name. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
