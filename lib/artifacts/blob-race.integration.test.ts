// Two artifacts with the same content share one content-addressed blob. Finalizing one
// while the other is deleted, and terminating one upload twice, each run at once (on
// PostgreSQL they really overlap): exactly one effect, never a "verified" artifact without bytes.
import crypto from "node:crypto";
import fs from "node:fs";
import { beforeAll, expect, it } from "vitest";
import {
  bodyOf,
  seedUser,
  sha,
  startUploadOf,
  useTempLocalStorage,
} from "../../test/artifact-fixtures.ts";
import { describeDb } from "../../test/db.ts";
import { deleteArtifact } from "./delete-artifact.ts";
import { contentKey } from "./storage/storage.ts";
import { terminateUpload } from "./terminate-upload.ts";
import { writeUploadChunk } from "./write-upload-chunk.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeDb("artifact blob races", (t) => {
  let store: ReturnType<typeof useTempLocalStorage>;
  beforeAll(() => {
    store = useTempLocalStorage();
  });

  async function startUpload(bytes: Buffer) {
    const { id, owner } = await startUploadOf(t.db, bytes);
    return { id, owner };
  }

  it("finalizing an upload while an older artifact with the same SHA-256 is deleted keeps the bytes the new artifact needs", async () => {
    const lead = await seedUser(t.db, "manager");
    for (const delay of [0, 1, 2, 4, 8, 16, 32]) {
      const bytes = crypto.randomBytes(200_000);
      const blob = `${store.root}/${contentKey(sha(bytes))}`;
      const first = await startUpload(bytes);
      const old = await writeUploadChunk({
        id: first.id,
        owner: first.owner,
        offset: 0,
        body: bodyOf(bytes),
        ip: null,
      });
      const second = await startUpload(bytes);
      const [fresh] = await Promise.all([
        writeUploadChunk({
          id: second.id,
          owner: second.owner,
          offset: 0,
          body: bodyOf(bytes),
          ip: null,
        }),
        sleep(delay).then(() =>
          deleteArtifact(old.artifactId!, { reason: "collected by mistake" }, lead, null),
        ),
      ]);
      const a = await t.db.artifact.findUniqueOrThrow({
        where: { id: fresh.artifactId! },
        select: { status: true },
      });
      expect(a.status).toBe("available");
      expect(fs.existsSync(blob), `blob missing with delete delayed ${delay} ms`).toBe(true);
      expect(fs.readFileSync(blob).equals(bytes)).toBe(true);
      // Once nothing references the content any more, the bytes do go.
      await deleteArtifact(fresh.artifactId!, { reason: "collected by mistake" }, lead, null);
      expect(fs.existsSync(blob)).toBe(false);
    }
  });

  it("an upload terminated twice at once is terminated (and audited) once; the other answer is 404", async () => {
    const bytes = crypto.randomBytes(1000);
    const u = await startUpload(bytes);
    await writeUploadChunk({
      id: u.id,
      owner: u.owner,
      offset: 0,
      body: bodyOf(bytes.subarray(0, 500)),
      ip: null,
    });
    const results = await Promise.allSettled([
      terminateUpload(u.id, u.owner),
      terminateUpload(u.id, u.owner),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "not_found" },
    });
    expect(
      await t.db.auditEntry.count({
        where: { action: "artifact.upload_terminated", targetId: u.id },
      }),
    ).toBe(1);
  });

  it("terminating an upload while its last byte lands: either it is terminated or it is an artifact, never both in the record", async () => {
    const bytes = crypto.randomBytes(1000);
    const u = await startUpload(bytes);
    const [done, term] = await Promise.allSettled([
      writeUploadChunk({ id: u.id, owner: u.owner, offset: 0, body: bodyOf(bytes), ip: null }),
      sleep(2).then(() => terminateUpload(u.id, u.owner)),
    ]);
    const audited = await t.db.auditEntry.count({
      where: { action: "artifact.upload_terminated", targetId: u.id },
    });
    if (done.status === "fulfilled") {
      expect(term).toMatchObject({ status: "rejected", reason: { code: "conflict" } });
      expect(audited).toBe(0);
    } else {
      expect(term.status).toBe("fulfilled");
      expect(audited).toBe(1);
      expect(await t.db.artifact.count({ where: { sha256: sha(bytes) } })).toBe(0);
    }
  });
});
