// Verified containment moves the incident to contained by itself (issue 12, item 4): real
// issue → claim → receipt use cases on PGlite and PostgreSQL, no agent needed.
import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.BREAKWATER_DATA_DIR = `/tmp/bw-autocontain-test-${process.pid}`;
});

import { seedHost, USER_A } from "../../test/command-fixtures.ts";
import { describeDb } from "../../test/db.ts";
import { verifyAudit } from "../audit/verify-audit.ts";
import { claimCommands } from "../commands/deliver-commands.ts";
import { issueCommand } from "../commands/issue-command.ts";
import { recordReceipt } from "../commands/record-receipt.ts";
import { dataDir } from "../env.ts";
import { transitionIncident } from "./transition-incident.ts";

afterAll(() => fs.rmSync(dataDir(), { recursive: true, force: true }));

describeDb("containment verified by receipts", (t) => {
  async function incidentWithHost(status: "open" | "acknowledged") {
    const host = await seedHost(t.db, `ws-ac-${crypto.randomBytes(3).toString("hex")}`);
    const key = `INC-T-${crypto.randomBytes(4).toString("hex")}`;
    const now = new Date();
    const inc = await t.db.incident.create({
      data: {
        key,
        title: "escape",
        severity: "high",
        status,
        acknowledgedAt: status === "acknowledged" ? now : null,
        correlationKey: key,
        detectedAt: now,
        lastEventAt: now,
        hosts: { create: { hostId: host.id, firstSeenAt: now, lastSeenAt: now } },
      },
      select: { id: true, key: true },
    });
    return { host, inc };
  }

  async function killAndSucceed(host: { id: string; hostname: string }, incidentId: string) {
    const r = await issueCommand(
      {
        type: "kill_process",
        params: { pid: 4242 },
        hostIds: [host.id],
        comment: "stop it",
        incidentId,
      },
      USER_A,
    );
    expect(await claimCommands(host)).toHaveLength(1);
    const at = () => new Date().toISOString();
    await recordReceipt(host, r.commandIds[0], { status: "received", at: at() });
    await recordReceipt(host, r.commandIds[0], {
      status: "succeeded",
      at: at(),
      result: { killed: [{ pid: 4242 }] },
    });
    return r.commandIds[0];
  }

  const state = (id: string) =>
    t.db.incident.findUniqueOrThrow({
      where: { id },
      select: { status: true, containedAt: true, containmentVerifiedAt: true },
    });

  it("moves an acknowledged incident to contained when its last containment receipt succeeds, citing the receipts", async () => {
    const { host, inc } = await incidentWithHost("acknowledged");
    const commandId = await killAndSucceed(host, inc.id);
    const s = await state(inc.id);
    expect(s.status).toBe("contained");
    expect(s.containedAt?.getTime()).toBe(s.containmentVerifiedAt?.getTime());
    const entry = await t.db.timelineEntry.findFirstOrThrow({
      where: { incidentId: inc.id, type: "status.contained" },
    });
    expect(entry).toMatchObject({ actorType: "system", source: "commands" });
    expect(entry.summary).toMatch(
      /automatically: containment verified by 1 succeeded receipt \(kill_process on ws-ac-/,
    );
    expect(entry.details).toMatchObject({
      from: "acknowledged",
      to: "contained",
      receipts: [{ commandId, type: "kill_process", host: host.hostname }],
    });
    expect(
      await t.db.auditEntry.count({ where: { targetId: inc.id, action: "incident.transitioned" } }),
    ).toBe(1);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it("leaves an open incident open until a person acknowledges it, then contains it at once", async () => {
    const { host, inc } = await incidentWithHost("open");
    await killAndSucceed(host, inc.id);
    expect((await state(inc.id)).status).toBe("open");
    const moved = await transitionIncident(inc.id, { from: "open", to: "acknowledged" }, USER_A);
    expect(moved.status).toBe("contained");
    const s = await state(inc.id);
    expect(s.status).toBe("contained");
    // Contained after verification: the lifecycle shows both times.
    expect(s.containedAt!.getTime()).toBeGreaterThanOrEqual(s.containmentVerifiedAt!.getTime());
    const types = await t.db.timelineEntry.findMany({
      where: { incidentId: inc.id, type: { startsWith: "status." } },
      orderBy: { id: "asc" },
      select: { type: true, actorType: true },
    });
    expect(types).toEqual([
      { type: "status.acknowledged", actorType: "user" },
      { type: "status.contained", actorType: "system" },
    ]);
  });

  it("keeps a contained incident where it is (a person marked it contained before the receipts)", async () => {
    const { host, inc } = await incidentWithHost("acknowledged");
    await transitionIncident(inc.id, { from: "acknowledged", to: "contained" }, USER_A);
    await killAndSucceed(host, inc.id);
    const s = await state(inc.id);
    expect(s.status).toBe("contained");
    expect(s.containmentVerifiedAt!.getTime()).toBeGreaterThan(s.containedAt!.getTime() - 1);
    expect(
      await t.db.timelineEntry.count({ where: { incidentId: inc.id, type: "status.contained" } }),
    ).toBe(1);
  });
});
