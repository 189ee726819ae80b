// Signing-key rotation under concurrency: no key is ever lost, every rotation is audited with
// its change, each new key is endorsed by the one it replaced — in one process and, on
// PostgreSQL, across two processes sharing the database (the keys live there, sealed).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.BREAKWATER_DATA_DIR = `/tmp/bw-rotate-test-${process.pid}`;
});

import { seedHost, USER_A } from "../../test/command-fixtures.ts";
import { describeDb, testDatabaseUrl } from "../../test/db.ts";
import { childEnv } from "../../test/env.ts";
import { verifyAudit } from "../audit/verify-audit.ts";
import { issueCommand } from "../commands/issue-command.ts";
import { dataDir } from "../env.ts";
import { endorsedKeys } from "../protocol/key-endorsement.ts";
import type { StoredKey } from "../signing/key-material.ts";
import { loadKeys } from "../signing/key-store.ts";
import { getActiveSigningKey, listPublicServerKeys } from "../signing/server-keys.ts";
import { rotateSigningKey } from "./rotate-signing-key.ts";

const ADMIN = {
  type: "user" as const,
  id: "00000000-0000-4000-8000-00000000000c",
  label: "root@example.test",
};

function childRotations(schema: string, n: number) {
  const child = spawn(
    process.execPath,
    [
      path.resolve("node_modules/tsx/dist/cli.mjs"),
      "--conditions=react-server",
      "test/rotate-keys-child.ts",
    ],
    {
      env: childEnv({ TEST_SCHEMA: schema, ROTATIONS: String(n) }),
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const ready = new Promise<void>((r) =>
    child.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && r()),
  );
  const done = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { ready, go: () => child.stdin.end("go\n"), done };
}

describeDb("signing-key rotation", (t) => {
  afterAll(() => fs.rmSync(dataDir(), { recursive: true, force: true }));

  // Every key ever made is still in the table, exactly one signs, and the endorsements link
  // them into one line from the first key: a lost key breaks the line or the count.
  async function expectNoKeyLost(expected: number) {
    const file: { keys: StoredKey[] } = await loadKeys({ fresh: true });
    // Sealed at rest: no row holds a private key in the clear, and only the active one holds one.
    const rows = await t.db.signingKey.findMany();
    expect(rows.filter((r) => r.sealedPrivate)).toHaveLength(1);
    const active = file.keys.find((k) => k.privateKey)!;
    expect(JSON.stringify(rows)).not.toContain(active.privateKey);
    expect(file.keys).toHaveLength(expected);
    expect(file.keys.filter((k) => !k.retiredAt)).toHaveLength(1);
    expect(file.keys.filter((k) => k.privateKey)).toHaveLength(1);
    const first = file.keys.filter((k) => !k.endorsements?.length);
    expect(first).toHaveLength(1);
    const linked = endorsedKeys(
      first,
      file.keys.map((k) => ({ ...k, alg: "Ed25519", notBefore: k.createdAt })),
    );
    expect(linked).toHaveLength(expected - 1);
    // Every endorser endorsed exactly one successor: the rotations were serialised.
    const endorsers = file.keys.flatMap((k) => (k.endorsements ?? []).map((e) => e.kid));
    expect(new Set(endorsers).size).toBe(expected - 1);
    // Commands signed by any of them are still verifiable: all are published.
    expect((await listPublicServerKeys()).map((k) => k.kid).sort()).toEqual(
      file.keys.map((k) => k.kid).sort(),
    );
    // And each rotation is in the audit log, naming the key it created.
    const audited = await t.db.auditEntry.findMany({
      where: { action: "signing_key.rotated" },
      select: { targetId: true },
    });
    expect(audited.map((a) => a.targetId).sort()).toEqual(
      file.keys
        .filter((k) => k.endorsements?.length)
        .map((k) => k.kid)
        .sort(),
    );
    expect((await verifyAudit(t.db)).ok).toBe(true);
  }

  it("four rotations at once in one process keep every key, each endorsed by its predecessor and audited", async () => {
    const first = (await getActiveSigningKey()).kid;
    const results = await Promise.all([
      rotateSigningKey(ADMIN),
      rotateSigningKey(ADMIN),
      rotateSigningKey(ADMIN),
      rotateSigningKey(ADMIN),
    ]);
    expect(results.map((r) => r.retired)).toContainEqual([first]);
    await expectNoKeyLost(5);
  });

  it("a retired key stays published until the last command it signed has expired", async () => {
    const host = await seedHost(t.db, "ws-inflight");
    const r = await issueCommand(
      { type: "release_host", params: {}, hostIds: [host.id], comment: "in flight" },
      USER_A,
    );
    const cmd = await t.db.command.findUniqueOrThrow({
      where: { id: r.commandIds[0] },
      select: { kid: true, expiresAt: true },
    });
    // Retired "a day ago" by the clock of the rotation: by the longest validity alone its
    // window would be over, but the command it signed is still valid.
    await rotateSigningKey(ADMIN, { now: new Date(Date.now() - 86_400_000) });
    expect((await listPublicServerKeys()).map((k) => k.kid)).toContain(cmd.kid);
    expect(
      (await listPublicServerKeys(new Date(cmd.expiresAt!.getTime() + 120_000))).map((k) => k.kid),
    ).not.toContain(cmd.kid);
  });

  it("two processes rotating concurrently keep every key and audit every rotation", async (ctx) => {
    if (t.kind !== "postgres" || !testDatabaseUrl()) return ctx.skip(); // PGlite is one process by construction
    const before = (await loadKeys({ fresh: true })).keys.length;
    const N = 15;
    const a = childRotations(t.database.schema!, N);
    const b = childRotations(t.database.schema!, N);
    await Promise.all([a.ready, b.ready]);
    a.go();
    b.go();
    expect(await Promise.all([a.done, b.done])).toEqual([0, 0]);
    await expectNoKeyLost(before + 2 * N);
  }, 120_000);
});
