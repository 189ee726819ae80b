import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { verifyAudit } from "../audit/verify-audit.ts";
import { seedDemo } from "./seed-demo.ts";

describeDb("demo seed", (t) => {
  it("builds a fleet with correlated incidents in several states, once", async () => {
    expect(await seedDemo(t.db)).toBe(true);
    expect(await t.db.host.count()).toBe(40);
    const incidents = await t.db.incident.findMany({
      select: {
        status: true,
        severity: true,
        title: true,
        drill: true,
        _count: { select: { hosts: true } },
      },
    });
    expect(incidents.length).toBeGreaterThanOrEqual(6);
    expect(new Set(incidents.map((i) => i.status))).toEqual(
      new Set(["open", "acknowledged", "contained", "recovered", "closed"]),
    );
    const escape = incidents.find((i) =>
      i.title.startsWith("Sandbox escape attempt — remote-sync"),
    );
    expect(escape).toMatchObject({
      severity: "critical",
      status: "contained",
      drill: false,
      _count: { hosts: 6 },
    });
    // Each incident opened when its first events arrived, not when the seed ran: a page
    // must never say "Opened 22m ago" beside "Last event 2d ago".
    const times = await t.db.incident.findMany({
      select: {
        detectedAt: true,
        openedAt: true,
        lastEventAt: true,
        acknowledgedAt: true,
        closedAt: true,
      },
    });
    for (const i of times) {
      expect(i.openedAt.getTime() - i.detectedAt.getTime()).toBeLessThan(5 * 60_000);
      expect(i.openedAt.getTime() - i.lastEventAt.getTime()).toBeLessThan(5 * 60_000);
      if (i.acknowledgedAt)
        expect(i.acknowledgedAt.getTime()).toBeGreaterThanOrEqual(i.openedAt.getTime());
      if (i.closedAt) expect(i.closedAt.getTime()).toBeLessThan(Date.now() - 60_000);
    }
    expect(await t.db.user.count()).toBe(4);
    expect((await verifyAudit(t.db)).ok).toBe(true);
    expect(await seedDemo(t.db)).toBe(false);
    expect(await t.db.host.count()).toBe(40);
  });
});
