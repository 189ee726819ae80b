// The set-based transition forms hold the same table as transitionCommand: a status the table
// does not allow as a source never moves, whatever the caller's filter says, and each move
// stamps its own timestamp. Redelivery re-enters delivered and keeps the first delivery time.
import { expect, it } from "vitest";
import { seedHost } from "../../test/command-fixtures.ts";
import { describeDb } from "../../test/db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { transitionCommands, transitionCommandsSql } from "./transition-command.ts";
import type { CommandStatusName } from "./transitions.ts";

describeDb("set-based command transitions", (t) => {
  async function seed(statuses: CommandStatusName[]) {
    const host = await seedHost(t.db, `ws-set-${statuses.join("-")}`);
    const req = await t.db.commandRequest.create({
      data: {
        type: "isolate_host",
        params: {},
        comment: "test",
        requestedByLabel: "a@example.test",
        hostCount: statuses.length,
        approval: "pending",
      },
      select: { id: true },
    });
    const ids: string[] = [];
    for (const status of statuses) {
      const c = await t.db.command.create({
        data: { requestId: req.id, hostId: host.id, type: "isolate_host", params: {}, status },
        select: { id: true },
      });
      ids.push(c.id);
    }
    return { requestId: req.id, ids };
  }
  const row = (id: string) =>
    t.db.command.findUniqueOrThrow({
      where: { id },
      select: { status: true, cancelledAt: true, queuedAt: true, deliveredAt: true },
    });

  it("transitionCommands moves only allowed sources and stamps the transition's timestamp", async () => {
    const { requestId, ids } = await seed(["awaiting_approval", "queued", "succeeded"]);
    const at = new Date("2026-01-02T03:04:05Z");
    // The filter admits every status; the table admits awaiting_approval and queued → cancelled.
    const moved = await transitionCommands(t.db as never, {
      to: "cancelled",
      at,
      where: { requestId },
    });
    expect(moved.count).toBe(2);
    expect(await row(ids[0])).toMatchObject({ status: "cancelled", cancelledAt: at });
    expect(await row(ids[1])).toMatchObject({ status: "cancelled", cancelledAt: at });
    expect(await row(ids[2])).toMatchObject({ status: "succeeded", cancelledAt: null });
  });

  it("transitionCommandsSql refuses sources outside the table and re-enters delivered keeping the first delivery", async () => {
    const { requestId, ids } = await seed(["awaiting_approval", "queued", "delivered", "failed"]);
    const first = new Date("2026-01-01T00:00:00Z");
    await t.db.command.update({ where: { id: ids[2] }, data: { deliveredAt: first } });
    const at = new Date("2026-01-02T00:00:00Z");
    const rows = await transitionCommandsSql<{ id: string }>(t.db as never, {
      to: "delivered",
      at,
      where: Prisma.sql`c."requestId" = ${requestId}`,
      returning: Prisma.sql`c."id"`,
    });
    expect(rows.map((r) => r.id).sort()).toEqual([ids[1], ids[2]].sort());
    expect(await row(ids[0])).toMatchObject({ status: "awaiting_approval", deliveredAt: null });
    expect(await row(ids[1])).toMatchObject({ status: "delivered", deliveredAt: at });
    expect(await row(ids[2])).toMatchObject({ status: "delivered", deliveredAt: first });
    expect(await row(ids[3])).toMatchObject({ status: "failed", deliveredAt: null });
    // queued has only one source (awaiting_approval); nothing already past it goes back.
    const queued = await transitionCommandsSql<{ id: string }>(t.db as never, {
      to: "queued",
      at,
      where: Prisma.sql`c."requestId" = ${requestId}`,
      returning: Prisma.sql`c."id"`,
    });
    expect(queued.map((r) => r.id)).toEqual([ids[0]]);
    expect(await row(ids[0])).toMatchObject({ status: "queued", queuedAt: at });
  });
});
