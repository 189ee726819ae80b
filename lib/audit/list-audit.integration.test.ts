// The audit page's filters (issue 12, item 15) against a real chain on PGlite and PostgreSQL.
import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { inTransaction } from "../db/transaction.ts";
import { type AuditInput, appendAudit } from "./append-audit.ts";
import { listAudit } from "./list-audit.ts";
import { sealAllAudit } from "./seal-audit.ts";

const HOST_ID = "4a0c5a3e-0000-4000-8000-000000000001";
const INC_ID = "9f1e2d3c-0000-4000-8000-000000000002";

describeDb("audit log filters", (t) => {
  it("filters by action prefix, actor (label part or id), actor kind, target kind and target id prefix", async () => {
    const rows: AuditInput[] = [
      {
        actor: { type: "user", id: "u-alice", label: "alice@example.test" },
        action: "incident.transitioned",
        target: { type: "incident", id: INC_ID },
        details: {},
      },
      {
        actor: { type: "host", id: HOST_ID, label: "ws-fleet-0010" },
        action: "host.inventory_replaced",
        target: { type: "host", id: HOST_ID },
        details: {},
      },
      {
        actor: { type: "system", label: "system" },
        action: "incident.opened",
        target: { type: "incident", id: INC_ID },
        details: {},
      },
      {
        actor: { type: "user", id: "u-bob", label: "Bob@Example.test" },
        action: "user.created",
        target: { type: "user", id: "u-carol" },
        details: {},
      },
    ];
    await inTransaction(t.db, async (tx) => {
      for (const r of rows) await appendAudit(tx, r);
    });
    const actions = async (q: Record<string, string>) =>
      (await listAudit(q, t.db)).entries.map((e) => e.action).sort();
    expect(await actions({ action: "incident." })).toEqual([
      "incident.opened",
      "incident.transitioned",
    ]);
    expect(await actions({ actor: "example.TEST" })).toEqual([
      "incident.transitioned",
      "user.created",
    ]);
    expect(await actions({ actor: HOST_ID })).toEqual(["host.inventory_replaced"]);
    expect(await actions({ actorType: "system" })).toEqual(["incident.opened"]);
    expect(await actions({ targetType: "incident", actor: "alice" })).toEqual([
      "incident.transitioned",
    ]);
    expect(await actions({ target: INC_ID.slice(0, 8).toUpperCase() })).toEqual([
      "incident.opened",
      "incident.transitioned",
    ]);
    expect(await actions({ action: "host.", actorType: "user" })).toEqual([]);
    await expect(listAudit({ actorType: "robot" }, t.db)).rejects.toMatchObject({
      name: "ZodError",
    });
  });

  it("lists entries at once, newest first by id, as 'sealing' (no seq) until the sealer chains them", async () => {
    const marker = { actor: { type: "system" as const, label: "pager" }, details: {} };
    for (let i = 0; i < 3; i++)
      await inTransaction(t.db, (tx) => appendAudit(tx, { ...marker, action: `page.${i}` }));
    const first = await listAudit({ action: "page.", limit: 2 }, t.db);
    expect(first.entries.map((e) => [e.action, e.seq, e.hash])).toEqual([
      ["page.2", null, null],
      ["page.1", null, null],
    ]);
    await sealAllAudit(t.db);
    const sealed = await listAudit({ action: "page.", limit: 2 }, t.db);
    expect(sealed.entries.map((e) => e.id)).toEqual(first.entries.map((e) => e.id));
    expect(sealed.entries.every((e) => typeof e.seq === "number" && e.hash)).toBe(true);
    const older = await listAudit({ action: "page.", limit: 2, before: sealed.nextBefore }, t.db);
    expect(older.entries.map((e) => e.action)).toEqual(["page.0"]);
    expect(older.nextBefore).toBeNull();
    // The DTO is JSON as it stands: no BigInt reaches the route.
    expect(() => JSON.stringify(older)).not.toThrow();
  });
});
