// The one timeline writer: the actor lands in its three columns as built, a batch keeps its
// order, and an entry commits or vanishes with the change it records.
import crypto from "node:crypto";
import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { actorOfHost, actorOfUser, SYSTEM } from "../audit/actor.ts";
import { appendTimeline, appendTimelineBatch } from "./append-timeline.ts";

describeDb("appendTimeline", (t) => {
  const incident = async () => {
    const now = new Date();
    return t.db.incident.create({
      data: {
        key: `INC-T-${crypto.randomBytes(4).toString("hex")}`,
        title: "t",
        severity: "high",
        correlationKey: crypto.randomUUID(),
        detectedAt: now,
        lastEventAt: now,
      },
      select: { id: true },
    });
  };
  const rows = (incidentId: string) =>
    t.db.timelineEntry.findMany({
      where: { incidentId },
      orderBy: { id: "asc" },
      select: {
        type: true,
        actorType: true,
        actorId: true,
        actorLabel: true,
        source: true,
        summary: true,
        details: true,
        at: true,
      },
    });

  it("writes who, what and via which part of Breakwater", async () => {
    const { id } = await incident();
    const at = new Date("2026-03-01T10:00:00Z");
    const jane = actorOfUser({ id: "u-jane", name: "Jane Doe" });
    await t.db.$transaction((tx) =>
      appendTimeline(tx, {
        incidentId: id,
        at,
        type: "comment",
        actor: jane,
        source: "console",
        summary: "Looking",
        details: { n: 1 },
      }),
    );
    expect(await rows(id)).toEqual([
      {
        type: "comment",
        actorType: "user",
        actorId: "u-jane",
        actorLabel: "Jane Doe",
        source: "console",
        summary: "Looking",
        details: { n: 1 },
        at,
      },
    ]);
  });

  it("writes a batch in the given order and nothing for an empty one", async () => {
    const { id } = await incident();
    const host = actorOfHost({ id: "h-1", hostname: "ws-0001" });
    await t.db.$transaction(async (tx) => {
      await appendTimelineBatch(tx, []);
      await appendTimelineBatch(tx, [
        { incidentId: id, type: "host.affected", actor: host, source: "ingest", summary: "first" },
        {
          incidentId: id,
          type: "severity.raised",
          actor: SYSTEM,
          source: "ingest",
          summary: "second",
        },
      ]);
    });
    const got = await rows(id);
    expect(got.map((r) => [r.summary, r.actorType, r.actorId, r.actorLabel, r.details])).toEqual([
      ["first", "host", "h-1", "ws-0001", null],
      ["second", "system", null, "system", null],
    ]);
  });

  it("rolls back with the change it records", async () => {
    const { id } = await incident();
    await expect(
      t.db.$transaction(async (tx) => {
        await appendTimeline(tx, {
          incidentId: id,
          type: "comment",
          actor: SYSTEM,
          source: "console",
          summary: "gone",
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await rows(id)).toEqual([]);
  });
});
