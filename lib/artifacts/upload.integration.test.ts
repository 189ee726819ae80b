import crypto from "node:crypto";
import fs from "node:fs";
import { beforeAll, expect, it } from "vitest";
import {
  bodyOf,
  filesUnder,
  seedIncidentWithHost,
  sha,
  useTempLocalStorage,
} from "../../test/artifact-fixtures.ts";
import { describeDb } from "../../test/db.ts";
import { AppError } from "../errors/app-error.ts";
import { createUpload } from "./create-upload.ts";
import { verifyCustody } from "./custody.ts";
import { contentKey } from "./storage/storage.ts";
import { dropCachedHash } from "./upload-hash-cache.ts";
import { currentOffset, writeUploadChunk } from "./write-upload-chunk.ts";

const meta = (
  bytes: Buffer,
  link: { incidentId?: string; commandId?: string },
  over: Record<string, string> = {},
) => ({ filename: "proc-4242.dmp", kind: "process_dump", sha256: sha(bytes), ...link, ...over });

describeDb("artifact upload (tus core)", (t) => {
  let store: ReturnType<typeof useTempLocalStorage>;
  beforeAll(() => {
    store = useTempLocalStorage();
  });

  it("stores a multi-PATCH upload, verifies its hash and starts its custody chain", async () => {
    const { incident, owner, host } = await seedIncidentWithHost(t.db);
    const bytes = crypto.randomBytes(2_500_000);
    const { id } = await createUpload({
      owner,
      length: bytes.length,
      metadata: meta(bytes, { incidentId: incident.id }),
    });
    let offset = 0;
    for (const end of [1_000_000, 2_000_000, bytes.length]) {
      const r = await writeUploadChunk({
        id,
        owner,
        offset,
        body: bodyOf(bytes.subarray(offset, end)),
        ip: "10.0.0.9",
      });
      offset = r.offset;
      expect(r.offset).toBe(end);
      expect(Boolean(r.artifactId)).toBe(end === bytes.length);
    }
    const a = await t.db.artifact.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(a).toMatchObject({
      sha256: sha(bytes),
      sizeBytes: BigInt(bytes.length),
      status: "available",
      hostId: host.id,
      kind: "process_dump",
    });
    expect(fs.readFileSync(`${store.root}/${contentKey(sha(bytes))}`).equals(bytes)).toBe(true);
    const custody = await t.db.custodyEntry.findMany({
      where: { artifactId: a.id },
      orderBy: { seq: "asc" },
    });
    expect(custody.map((c) => c.action)).toEqual(["collected", "received", "verified"]);
    expect(custody[0].details).toMatchObject({ hostId: host.id, claimedSha256: sha(bytes) });
    expect(custody[2].details).toMatchObject({ serverSha256: sha(bytes) });
    expect(await verifyCustody(a.id, t.db)).toEqual({ ok: true, entries: 3 });
    expect(
      await t.db.auditEntry.count({ where: { action: "artifact.received", targetId: a.id } }),
    ).toBe(1);
    expect(
      await t.db.timelineEntry.count({
        where: { incidentId: incident.id, type: "artifact_collected" },
      }),
    ).toBe(1);
    expect(
      await t.db.timer.count({
        where: { kind: "artifacts.purge", dedupeKey: `artifact-purge:${a.id}`, status: "pending" },
      }),
    ).toBe(1);
    expect(filesUnder(store.staging)).toEqual([]);
  });

  it("a hash mismatch answers 460 and leaves nothing behind: no blob, no staging file, no row", async () => {
    const { incident, owner } = await seedIncidentWithHost(t.db);
    const bytes = crypto.randomBytes(300_000);
    const before = { artifacts: await t.db.artifact.count(), blobs: filesUnder(store.root).length };
    const { id } = await createUpload({
      owner,
      length: bytes.length,
      metadata: meta(
        bytes,
        { incidentId: incident.id },
        { sha256: sha(Buffer.from("something else")) },
      ),
    });
    const err = await writeUploadChunk({
      id,
      owner,
      offset: 0,
      body: bodyOf(bytes),
      ip: null,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(460);
    expect(await t.db.artifact.count()).toBe(before.artifacts);
    expect(await t.db.artifactUpload.findUnique({ where: { id } })).toBeNull();
    expect(filesUnder(store.root).length).toBe(before.blobs);
    expect(fs.existsSync(`${store.root}/${contentKey(sha(bytes))}`)).toBe(false);
    expect(
      await t.db.auditEntry.count({ where: { action: "artifact.upload_rejected", targetId: id } }),
    ).toBe(1);
  });

  it("an upload killed at a random offset and resumed yields the right hash (with and without the in-process hash)", async () => {
    for (const forgetHash of [false, true, false, true]) {
      const { incident, owner } = await seedIncidentWithHost(t.db);
      const bytes = crypto.randomBytes(1_000_000 + crypto.randomInt(2_000_000));
      const killAt = crypto.randomInt(1, bytes.length - 1);
      const { id } = await createUpload({
        owner,
        length: bytes.length,
        metadata: meta(bytes, { incidentId: incident.id }),
      });
      const first = await writeUploadChunk({
        id,
        owner,
        offset: 0,
        body: bodyOf(bytes, { chunk: 7919, abortAt: killAt }),
        ip: null,
      });
      // Every byte that arrived before the connection died is kept: the offset is exact.
      expect(first).toEqual({ offset: killAt, artifactId: null });
      expect(
        await currentOffset(await t.db.artifactUpload.findUniqueOrThrow({ where: { id } })),
      ).toBe(killAt);
      if (forgetHash) dropCachedHash(id); // as after a restart: the server re-hashes the prefix from disk
      const r = await writeUploadChunk({
        id,
        owner,
        offset: killAt,
        body: bodyOf(bytes.subarray(killAt)),
        ip: null,
      });
      expect(r.offset).toBe(bytes.length);
      const a = await t.db.artifact.findUniqueOrThrow({ where: { id: r.artifactId! } });
      expect(a.sha256).toBe(sha(bytes));
    }
  });

  it("refuses a wrong offset (409), a body past Upload-Length (413, nothing kept) and an oversize Upload-Length (413)", async () => {
    const { incident, owner } = await seedIncidentWithHost(t.db);
    const bytes = crypto.randomBytes(100_000);
    const { id } = await createUpload({
      owner,
      length: bytes.length,
      metadata: meta(bytes, { incidentId: incident.id }),
    });
    await writeUploadChunk({
      id,
      owner,
      offset: 0,
      body: bodyOf(bytes.subarray(0, 40_000)),
      ip: null,
    });
    await expect(
      writeUploadChunk({ id, owner, offset: 0, body: bodyOf(bytes), ip: null }),
    ).rejects.toMatchObject({ status: 409 });
    const longer = Buffer.concat([bytes.subarray(40_000), Buffer.from("extra bytes")]);
    await expect(
      writeUploadChunk({ id, owner, offset: 40_000, body: bodyOf(longer), ip: null }),
    ).rejects.toMatchObject({ status: 413 });
    expect(
      await currentOffset(await t.db.artifactUpload.findUniqueOrThrow({ where: { id } })),
    ).toBe(40_000);
    // Declared through Content-Length: refused before a byte is read.
    await expect(
      writeUploadChunk({
        id,
        owner,
        offset: 40_000,
        contentLength: 70_000,
        body: bodyOf(longer),
        ip: null,
      }),
    ).rejects.toMatchObject({ status: 413 });
    const done = await writeUploadChunk({
      id,
      owner,
      offset: 40_000,
      body: bodyOf(bytes.subarray(40_000)),
      ip: null,
    });
    expect(
      (await t.db.artifact.findUniqueOrThrow({ where: { id: done.artifactId! } })).sha256,
    ).toBe(sha(bytes));
    await expect(
      createUpload({
        owner,
        length: 11 * 1024 ** 3,
        metadata: meta(bytes, { incidentId: incident.id }),
      }),
    ).rejects.toMatchObject({ status: 413 });
  });

  it("validates metadata and refuses links a host may not make", async () => {
    const a = await seedIncidentWithHost(t.db);
    const b = await seedIncidentWithHost(t.db);
    const bytes = Buffer.from("x");
    await expect(
      createUpload({
        owner: a.owner,
        length: 1,
        metadata: meta(bytes, { incidentId: a.incident.id }, { kind: "core_file" }),
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      createUpload({
        owner: a.owner,
        length: 1,
        metadata: meta(bytes, { incidentId: a.incident.id }, { filename: "../../etc/passwd" }),
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      createUpload({
        owner: a.owner,
        length: 1,
        metadata: { filename: "a", kind: "log", sha256: sha(bytes) },
      }),
    ).rejects.toMatchObject({ status: 400 });
    // Host A is not part of incident B: indistinguishable from a missing incident.
    await expect(
      createUpload({
        owner: a.owner,
        length: 1,
        metadata: meta(bytes, { incidentId: b.incident.id }),
      }),
    ).rejects.toMatchObject({ status: 404 });
    // Another owner cannot see or write someone else's upload.
    const { id } = await createUpload({
      owner: a.owner,
      length: 1,
      metadata: meta(bytes, { incidentId: a.incident.id }),
    });
    await expect(
      writeUploadChunk({ id, owner: b.owner, offset: 0, body: bodyOf(bytes), ip: null }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
