import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { seedDemo } from "./seed-demo.ts";
import { verifyAudit } from "../audit/verify-audit.ts";

describeDb("demo seed", (t) => {
  it("builds a fleet with correlated incidents in several states, once", async () => {
    expect(await seedDemo(t.db)).toBe(true);
    expect(await t.db.host.count()).toBe(40);
    const incidents = await t.db.incident.findMany({ select: { status: true, severity: true, title: true, drill: true, _count: { select: { hosts: true } } } });
    expect(incidents.length).toBeGreaterThanOrEqual(6);
    expect(new Set(incidents.map((i) => i.status))).toEqual(new Set(["open", "acknowledged", "contained", "recovered", "closed"]));
    const escape = incidents.find((i) => i.title.startsWith("Sandbox escape attempt — remote-sync"));
    expect(escape).toMatchObject({ severity: "critical", status: "contained", drill: false, _count: { hosts: 6 } });
    expect(await t.db.user.count()).toBe(4);
    expect((await verifyAudit(t.db)).ok).toBe(true);
    expect(await seedDemo(t.db)).toBe(false);
    expect(await t.db.host.count()).toBe(40);
  });
});
