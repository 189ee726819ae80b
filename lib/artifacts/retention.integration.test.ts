import crypto from "node:crypto";
import fs from "node:fs";
import { beforeAll, expect, it } from "vitest";
import {
  collectArtifact,
  seedUser,
  sha,
  useTempLocalStorage,
} from "../../test/artifact-fixtures.ts";
import { describeDb } from "../../test/db.ts";
import { runAdminCommand } from "../admin/run-admin-command.ts";
import { runDueTimers } from "../timers/run-due-timers.ts";
import { applyLegalHold } from "./apply-legal-hold.ts";
import { verifyAllCustody, verifyCustody } from "./custody.ts";
import { deleteArtifact } from "./delete-artifact.ts";
import { openArtifactDownload } from "./download-artifact.ts";
import { releaseLegalHold } from "./release-legal-hold.ts";
import { contentKey } from "./storage/storage.ts";
import { ARTIFACT_TIMER_HANDLERS } from "./timer-handlers.ts";
import { updateRetention } from "./update-retention.ts";

const DAY = 86_400_000;

describeDb("artifact retention, legal hold, custody and downloads", (t) => {
  let store: ReturnType<typeof useTempLocalStorage>;
  beforeAll(() => {
    store = useTempLocalStorage();
  });

  async function collect(kind = "memory_image") {
    const bytes = crypto.randomBytes(50_000);
    const collected = await collectArtifact(t.db, bytes, { filename: `${kind}.bin`, kind });
    const artifact = await t.db.artifact.findUniqueOrThrow({ where: { id: collected.artifactId } });
    return { ...collected, bytes, artifact, blob: `${store.root}/${contentKey(sha(bytes))}` };
  }

  const purgeAt = (at: Date) => runDueTimers(ARTIFACT_TIMER_HANDLERS, { db: t.db, now: () => at });

  it("computes expiresAt from the kind's policy at collection and purges after expiry (injected clock), keeping a tombstone", async () => {
    const admin = await seedUser(t.db, "admin");
    await updateRetention({ policies: [{ kind: "screenshot", days: 7 }] }, admin);
    const c = await collect("screenshot");
    expect(c.artifact.expiresAt.getTime() - c.artifact.collectedAt.getTime()).toBe(7 * DAY);
    const m = await collect("memory_image");
    expect(m.artifact.expiresAt.getTime() - m.artifact.collectedAt.getTime()).toBe(30 * DAY);

    await purgeAt(new Date(c.artifact.expiresAt.getTime() - 60_000));
    expect((await t.db.artifact.findUniqueOrThrow({ where: { id: c.artifact.id } })).status).toBe(
      "available",
    );
    expect(fs.existsSync(c.blob)).toBe(true);

    await purgeAt(new Date(c.artifact.expiresAt.getTime() + 1000));
    const tomb = await t.db.artifact.findUniqueOrThrow({ where: { id: c.artifact.id } });
    expect(tomb).toMatchObject({ status: "purged", sha256: sha(c.bytes) });
    expect(fs.existsSync(c.blob)).toBe(false);
    // The memory image (30 days) is untouched on day 8.
    expect((await t.db.artifact.findUniqueOrThrow({ where: { id: m.artifact.id } })).status).toBe(
      "available",
    );
    const custody = await t.db.custodyEntry.findMany({
      where: { artifactId: c.artifact.id },
      orderBy: { seq: "asc" },
    });
    expect(custody.map((x) => x.action)).toEqual(["collected", "received", "verified", "purged"]);
    expect(await verifyCustody(c.artifact.id, t.db)).toMatchObject({ ok: true, entries: 4 });
    expect(
      await t.db.auditEntry.count({
        where: { action: "artifact.purged", targetId: c.artifact.id },
      }),
    ).toBe(1);
  });

  it("legal hold blocks purge and deletion (409) until released, with custody entries for both", async () => {
    const c = await collect("memory_image");
    const manager = await seedUser(t.db, "manager");
    await applyLegalHold(c.incident.id, { reason: "Litigation hold LH-7" }, manager, "10.2.2.2");
    await expect(
      applyLegalHold(c.incident.id, { reason: "again" }, manager, null),
    ).rejects.toMatchObject({ status: 409 });

    const later = new Date(c.artifact.expiresAt.getTime() + DAY);
    await purgeAt(later);
    expect((await t.db.artifact.findUniqueOrThrow({ where: { id: c.artifact.id } })).status).toBe(
      "available",
    );
    expect(fs.existsSync(c.blob)).toBe(true);
    const err = await deleteArtifact(
      c.artifact.id,
      { reason: "collected by mistake" },
      manager,
      null,
    ).catch((e) => e);
    expect(err).toMatchObject({ status: 409 });
    expect(String(err.message)).toContain("legal hold");
    expect(fs.existsSync(c.blob)).toBe(true);

    await releaseLegalHold(c.incident.id, { reason: "Case closed" }, manager, "10.2.2.2");
    await purgeAt(later);
    expect((await t.db.artifact.findUniqueOrThrow({ where: { id: c.artifact.id } })).status).toBe(
      "purged",
    );
    expect(fs.existsSync(c.blob)).toBe(false);
    const actions = (
      await t.db.custodyEntry.findMany({
        where: { artifactId: c.artifact.id },
        orderBy: { seq: "asc" },
      })
    ).map((x) => x.action);
    expect(actions).toEqual([
      "collected",
      "received",
      "verified",
      "hold_applied",
      "hold_released",
      "purged",
    ]);
    expect(
      await t.db.auditEntry.count({
        where: {
          action: { in: ["incident.legal_hold_applied", "incident.legal_hold_released"] },
          targetId: c.incident.id,
        },
      }),
    ).toBe(2);
  });

  it("separation of duties: whoever released the hold cannot delete the artifacts for 24 h; another lead can at once", async () => {
    const c = await collect("memory_image");
    const releaser = await seedUser(t.db, "manager");
    const other = await seedUser(t.db, "manager");
    await applyLegalHold(c.incident.id, { reason: "Litigation hold LH-9" }, releaser, null);
    await releaseLegalHold(c.incident.id, { reason: "Hold lifted" }, releaser, null);
    const err = await deleteArtifact(
      c.artifact.id,
      { reason: "destroy the evidence" },
      releaser,
      null,
    ).catch((e) => e);
    expect(err).toMatchObject({ status: 403 });
    expect(String(err.message)).toMatch(/you released the legal hold.*another manager or admin/i);
    expect((await t.db.artifact.findUniqueOrThrow({ where: { id: c.artifact.id } })).status).toBe(
      "available",
    );
    expect(fs.existsSync(c.blob)).toBe(true);
    // A second lead may delete straight away.
    await deleteArtifact(c.artifact.id, { reason: "collected from the wrong host" }, other, null);
    expect((await t.db.artifact.findUniqueOrThrow({ where: { id: c.artifact.id } })).status).toBe(
      "deleted",
    );

    // After the delay the releaser may delete too.
    const d = await collect("log");
    await applyLegalHold(d.incident.id, { reason: "Litigation hold LH-10" }, releaser, null);
    await releaseLegalHold(d.incident.id, { reason: "Hold lifted" }, releaser, null);
    await expect(
      deleteArtifact(d.artifact.id, { reason: "too soon" }, releaser, null),
    ).rejects.toMatchObject({ status: 403 });
    await t.db.incident.update({
      where: { id: d.incident.id },
      data: { legalHoldReleasedAt: new Date(Date.now() - 25 * 3600_000) },
    });
    await deleteArtifact(d.artifact.id, { reason: "retention no longer needed" }, releaser, null);
    expect((await t.db.artifact.findUniqueOrThrow({ where: { id: d.artifact.id } })).status).toBe(
      "deleted",
    );
  });

  it("a lead deletes an artifact without a hold: tombstone, bytes gone, no purge later", async () => {
    const c = await collect("log");
    const manager = await seedUser(t.db, "manager");
    // No reason, no deletion (a ZodError: 400 at the HTTP edge).
    await expect(deleteArtifact(c.artifact.id, {}, manager, null)).rejects.toThrow(/reason/);
    await deleteArtifact(c.artifact.id, { reason: "collected from the wrong host" }, manager, null);
    expect((await t.db.artifact.findUniqueOrThrow({ where: { id: c.artifact.id } })).status).toBe(
      "deleted",
    );
    expect(fs.existsSync(c.blob)).toBe(false);
    await expect(
      deleteArtifact(c.artifact.id, { reason: "twice" }, manager, null),
    ).rejects.toMatchObject({ status: 410 });
    expect(
      await t.db.timer.findUnique({ where: { dedupeKey: `artifact-purge:${c.artifact.id}` } }),
    ).toMatchObject({ status: "cancelled" });
  });

  it("a viewer cannot download; a responder's download streams the exact bytes and is a custody entry", async () => {
    const c = await collect("process_dump");
    const viewer = await seedUser(t.db, "viewer");
    const responder = await seedUser(t.db, "responder");
    await expect(
      openArtifactDownload(c.artifact.id, viewer, { ip: "10.3.3.3", userAgent: "test" }),
    ).rejects.toMatchObject({ status: 403 });
    expect(
      await t.db.custodyEntry.count({ where: { artifactId: c.artifact.id, action: "downloaded" } }),
    ).toBe(0);

    const d = await openArtifactDownload(c.artifact.id, responder, {
      ip: "10.3.3.4",
      userAgent: "test",
    });
    const parts: Buffer[] = [];
    for await (const p of d.stream) parts.push(p as Buffer);
    expect(Buffer.concat(parts).equals(c.bytes)).toBe(true);
    const entry = await t.db.custodyEntry.findFirstOrThrow({
      where: { artifactId: c.artifact.id, action: "downloaded" },
    });
    expect(entry).toMatchObject({ actorId: responder.id, ip: "10.3.3.4" });
  });

  it("detects a tampered custody entry", async () => {
    const c = await collect("network_capture");
    expect(await verifyCustody(c.artifact.id, t.db)).toMatchObject({ ok: true });
    await t.sql.query(
      `UPDATE "CustodyEntry" SET "details" = jsonb_set("details", '{claimedSha256}', '"${"0".repeat(64)}"') WHERE "artifactId" = $1 AND "seq" = 1`,
      [c.artifact.id],
    );
    expect(await verifyCustody(c.artifact.id, t.db)).toMatchObject({
      ok: false,
      brokenSeq: 1,
      reason: "content does not match its hash",
    });
    const all = await verifyAllCustody(t.db);
    expect(all.broken.map((b) => b.artifactId)).toContain(c.artifact.id);
    // `npm run custody:verify` runs this very command (in the CLI or inside the server).
    const cli = await runAdminCommand(["custody", "verify"], {
      db: t.db,
      actor: { type: "system", label: "test" },
      now: new Date(),
    });
    expect(cli.exitCode).toBe(1);
    expect(cli.output).toContain(
      `${c.artifact.id} (network_capture.bin): entry 1: content does not match its hash`,
    );
    // A removed link is caught too.
    const d = await collect("log");
    await t.sql.query(`DELETE FROM "CustodyEntry" WHERE "artifactId" = $1 AND "seq" = 2`, [
      d.artifact.id,
    ]);
    expect(await verifyCustody(d.artifact.id, t.db)).toMatchObject({ ok: false, brokenSeq: 2 });
  });
});
