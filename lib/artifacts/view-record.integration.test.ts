import crypto from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { collectArtifact, seedUser, useTempLocalStorage } from "../../test/artifact-fixtures.ts";
import { describeDb } from "../../test/db.ts";
import { verifyCustody } from "./custody.ts";
import { recordArtifactView, VIEW_RECORD_WINDOW_MS } from "./download-artifact.ts";

describeDb("artifact page views in custody", (t) => {
  beforeAll(() => {
    useTempLocalStorage();
  });

  async function collect() {
    return (await collectArtifact(t.db, crypto.randomBytes(2_000))).artifactId;
  }

  const views = (artifactId: string) =>
    t.db.custodyEntry.findMany({
      where: { artifactId, action: "viewed" },
      orderBy: { seq: "asc" },
    });

  it("records one view per person per artifact per hour, however often the page renders", async () => {
    const artifactId = await collect();
    const alice = await seedUser(t.db, "responder");
    const bob = await seedUser(t.db, "viewer");
    const t0 = new Date();
    const first = await recordArtifactView(artifactId, alice, "10.0.0.5", t.db, t0);
    expect(first).toEqual({ recorded: true, lastRecordedAt: t0.toISOString() });
    const again = await recordArtifactView(
      artifactId,
      alice,
      "10.0.0.5",
      t.db,
      new Date(t0.getTime() + 5 * 60_000),
    );
    expect(again).toEqual({ recorded: false, lastRecordedAt: t0.toISOString() });
    // Another person is their own custody event.
    expect(
      (await recordArtifactView(artifactId, bob, null, t.db, new Date(t0.getTime() + 6 * 60_000)))
        .recorded,
    ).toBe(true);
    // After the window the same person is recorded again.
    expect(
      (
        await recordArtifactView(
          artifactId,
          alice,
          null,
          t.db,
          new Date(t0.getTime() + VIEW_RECORD_WINDOW_MS + 1),
        )
      ).recorded,
    ).toBe(true);
    const rows = await views(artifactId);
    expect(rows.map((r) => r.actorId)).toEqual([alice.id, bob.id, alice.id]);
    expect((await verifyCustody(artifactId, t.db)).ok).toBe(true);
  });

  it("two renders racing each other still record exactly one view", async () => {
    const artifactId = await collect();
    const alice = await seedUser(t.db, "responder");
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => recordArtifactView(artifactId, alice, null, t.db, now)),
    );
    expect(results.filter((r) => r.recorded)).toHaveLength(1);
    expect(await views(artifactId)).toHaveLength(1);
    expect((await verifyCustody(artifactId, t.db)).ok).toBe(true);
  });

  it("records nothing for an unknown artifact", async () => {
    const alice = await seedUser(t.db, "responder");
    expect(await recordArtifactView(crypto.randomUUID(), alice, null, t.db)).toEqual({
      recorded: false,
      lastRecordedAt: null,
    });
  });
});
