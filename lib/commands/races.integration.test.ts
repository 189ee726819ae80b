// Races around command lifecycles, each run with both sides at once (on PostgreSQL they
// really overlap; PGlite serialises them): whatever the interleaving, exactly one effect.
import { expect, it } from "vitest";
import { ADMIN, seedHost, seedIncident, USER_A } from "../../test/command-fixtures.ts";
import { describeDb, otherConnection } from "../../test/db.ts";
import { revokeHost } from "../hosts/revoke-host.ts";
import { runDueTimers } from "../timers/run-due-timers.ts";
import { claimCommands } from "./deliver-commands.ts";
import { extendContainment } from "./extend-containment.ts";
import { issueCommand } from "./issue-command.ts";
import { recordReceipt } from "./record-receipt.ts";
import { COMMAND_TIMER_HANDLERS } from "./timer-handlers.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeDb("command races", (t) => {
  const newIncident = () => seedIncident(t.db);

  /** A time-boxed containment that took effect on every host (receipts say succeeded). */
  async function contained(
    type: "isolate_host" | "revoke_permissions",
    hosts: { id: string; hostname: string }[],
    results: Record<string, unknown>[] = [],
    incidentId?: string,
  ) {
    const params =
      type === "isolate_host" ? {} : { plugin: { name: "acme-pdf" }, permissions: ["fs.write"] };
    const r = await issueCommand(
      {
        type,
        params,
        hostIds: hosts.map((h) => h.id),
        comment: "contain",
        durationSeconds: 600,
        ...(type === "isolate_host"
          ? { breakGlassReason: "lateral movement seen, containing now" }
          : {}),
        ...(incidentId ? { incidentId } : {}),
      },
      ADMIN,
    );
    for (const [i, h] of hosts.entries()) {
      const [env] = await claimCommands(h);
      await recordReceipt(h, env.payload.id, {
        status: "succeeded",
        at: new Date().toISOString(),
        result: results[i] ?? {},
      });
    }
    return r.requestId;
  }
  const reverseOf = (requestId: string) =>
    t.db.commandRequest.findMany({
      where: { reverseOfId: requestId },
      select: { type: true, params: true, commands: { select: { hostId: true, status: true } } },
    });
  const fireBox = (at: Date) =>
    runDueTimers(
      { "commands.containment_end": COMMAND_TIMER_HANDLERS["commands.containment_end"] },
      { db: t.db, now: () => at },
    );

  it("an extension racing the end of the time box either extends it or loses; it never re-arms a box that already fired", async () => {
    for (const delay of [0, 2, 5, 10, 20, 40]) {
      const h = await seedHost(t.db, `ws-ext-${delay}`);
      const requestId = await contained("isolate_host", [h]);
      const later = new Date(Date.now() + 11 * 60_000);
      const [, ext] = await Promise.all([
        fireBox(later),
        sleep(delay).then(() =>
          extendContainment(requestId, 600, USER_A, undefined, later).then(
            () => "extended",
            (e) => e,
          ),
        ),
      ]);
      const timer = await t.db.timer.findUniqueOrThrow({
        where: { dedupeKey: `cmd-box:${requestId}` },
      });
      const reverse = await reverseOf(requestId);
      if (ext === "extended") {
        expect(reverse).toEqual([]);
        expect(timer.status).toBe("pending");
        expect(timer.dueAt.getTime()).toBeGreaterThan(later.getTime());
      } else {
        expect(ext).toMatchObject({ code: "conflict" });
        expect(reverse).toHaveLength(1);
        expect(timer.status).toBe("done");
      }
      // Whatever happened, firing again much later never sends a second wave.
      await fireBox(new Date(later.getTime() + 3 * 3600_000));
      expect(await reverseOf(requestId)).toHaveLength(1);
    }
  });

  it("a host revoked since the containment does not keep the other hosts isolated when the box ends", async () => {
    const inc = await newIncident();
    const hosts = await Promise.all(
      ["ws-rv-1", "ws-rv-2", "ws-rv-3"].map((n) => seedHost(t.db, n)),
    );
    const requestId = await contained("isolate_host", hosts, [], inc.id);
    const later = new Date(Date.now() + 11 * 60_000);
    await revokeHost(hosts[1].id, ADMIN);
    await fireBox(later);
    const timer = await t.db.timer.findUniqueOrThrow({
      where: { dedupeKey: `cmd-box:${requestId}` },
    });
    expect(timer).toMatchObject({ status: "done", lastError: null });
    const released = (await reverseOf(requestId)).flatMap((r) => r.commands.map((c) => c.hostId));
    expect(released.sort()).toEqual([hosts[0].id, hosts[2].id].sort());
    const skipped = await t.db.timelineEntry.findMany({
      where: { incidentId: inc.id, type: "command.reverse_skipped" },
      select: { summary: true },
    });
    expect(skipped).toHaveLength(1);
    expect(skipped[0].summary).toContain("ws-rv-2");
    expect(skipped[0].summary).toContain("revoked");
  });

  it("a host revoked at the moment the box ends: the other hosts are released whichever commits first", async () => {
    const hosts = await Promise.all(["ws-rr-1", "ws-rr-2"].map((n) => seedHost(t.db, n)));
    const requestId = await contained("isolate_host", hosts);
    const later = new Date(Date.now() + 11 * 60_000);
    await Promise.all([revokeHost(hosts[1].id, ADMIN), fireBox(later)]);
    // A revocation landing mid-handler fails that attempt; the retry (backoff) skips the host.
    await fireBox(new Date(later.getTime() + 60_000));
    const released = (await reverseOf(requestId)).flatMap((r) => r.commands.map((c) => c.hostId));
    expect(released).toContain(hosts[0].id);
    expect(
      (await t.db.timer.findUniqueOrThrow({ where: { dedupeKey: `cmd-box:${requestId}` } })).status,
    ).toBe("done");
  });

  it("one host's unusable result.revoked is reported and the other hosts get their permissions back", async () => {
    const inc = await newIncident();
    const good = await seedHost(t.db, "ws-perm-good");
    const bad = await seedHost(t.db, "ws-perm-bad");
    const requestId = await contained(
      "revoke_permissions",
      [good, bad],
      [{ revoked: ["fs.write"] }, { revoked: ["", "x".repeat(500)] }],
      inc.id,
    );
    await fireBox(new Date(Date.now() + 11 * 60_000));
    const reverse = await reverseOf(requestId);
    expect(reverse).toEqual([
      {
        type: "restore_permissions",
        params: { plugin: { name: "acme-pdf" }, permissions: ["fs.write"] },
        commands: [{ hostId: good.id, status: "queued" }],
      },
    ]);
    const skipped = await t.db.timelineEntry.findMany({
      where: { incidentId: inc.id, type: "command.reverse_skipped" },
      select: { summary: true, details: true },
    });
    expect(skipped).toHaveLength(1);
    expect(skipped[0].summary).toContain("ws-perm-bad");
    const audit = await t.db.auditEntry.findFirstOrThrow({
      where: { action: "command.time_box_ended", targetId: requestId },
      select: { details: true },
    });
    expect(audit.details).toMatchObject({ notReverted: [{ hostId: bad.id }] });
  });

  it("a receipt for a never-received command past its expiresAt is 410 even before the sweep ran, and the command ends expired", async () => {
    const h = await seedHost(t.db, "ws-late");
    const r = await issueCommand(
      { type: "kill_process", params: { pid: 9 }, hostIds: [h.id], comment: "runaway" },
      USER_A,
    );
    const id = r.commandIds[0];
    await claimCommands(h);
    const cmd = await t.db.command.findUniqueOrThrow({
      where: { id },
      select: { expiresAt: true },
    });
    const late = new Date(cmd.expiresAt!.getTime() + 1000);
    // The late receipt and the sweep at once: either way the agent hears 410 and the command is expired.
    const [receipt] = await Promise.all([
      recordReceipt(h, id, { status: "received", at: late.toISOString() }, late).catch((e) => e),
      runDueTimers(COMMAND_TIMER_HANDLERS, { db: t.db, now: () => late }),
    ]);
    expect(receipt).toMatchObject({ code: "gone", status: 410 });
    const after = await t.db.command.findUniqueOrThrow({
      where: { id },
      select: { status: true, acknowledgedAt: true, receipts: { select: { id: true } } },
    });
    expect(after).toMatchObject({ status: "expired", acknowledgedAt: null, receipts: [] });
    expect(
      await t.db.auditEntry.count({ where: { action: "command.expired", targetId: id } }),
    ).toBe(1);

    // Without the sweep at all: the receipt alone expires it.
    const r2 = await issueCommand(
      { type: "kill_process", params: { pid: 10 }, hostIds: [h.id], comment: "runaway" },
      USER_A,
    );
    await claimCommands(h);
    const exp2 = (
      await t.db.command.findUniqueOrThrow({
        where: { id: r2.commandIds[0] },
        select: { expiresAt: true },
      })
    ).expiresAt!;
    const late2 = new Date(exp2.getTime() + 1000);
    await expect(
      recordReceipt(h, r2.commandIds[0], { status: "succeeded", at: late2.toISOString() }, late2),
    ).rejects.toMatchObject({ status: 410 });
    expect(
      (
        await t.db.command.findUniqueOrThrow({
          where: { id: r2.commandIds[0] },
          select: { status: true },
        })
      ).status,
    ).toBe("expired");
  });

  // The expiry sweep holds its timer and then locks the command; a receipt holds the command
  // and then cancels the timer. Waiting for the timer there was a deadlock (PostgreSQL broke
  // it after 1 s). Here another connection stands in for a sweep that has claimed the timer.
  it.runIf(t.kind === "postgres")(
    "a receipt does not wait for an expiry timer that is firing, and that sweep then finds nothing to expire",
    async () => {
      const h = await seedHost(t.db, "ws-firing");
      const r = await issueCommand(
        { type: "kill_process", params: { pid: 11 }, hostIds: [h.id], comment: "runaway" },
        USER_A,
      );
      const id = r.commandIds[0];
      await claimCommands(h);
      const sweep = await otherConnection(t.database);
      try {
        await sweep.query("BEGIN");
        await sweep.query(`SELECT 1 FROM "Timer" WHERE "dedupeKey" = $1 FOR UPDATE`, [
          `cmd-expire:${id}`,
        ]);
        const receipt = recordReceipt(h, id, {
          status: "succeeded",
          at: new Date().toISOString(),
          result: {},
        });
        const outcome = await Promise.race([
          receipt.then(() => "answered"),
          sleep(10_000).then(() => "waited for the timer"),
        ]);
        expect(outcome).toBe("answered");
      } finally {
        await sweep.query("ROLLBACK");
        await sweep.end();
      }
      // The timer was left to its sweep, which now runs and changes nothing.
      const { expiresAt } = await t.db.command.findUniqueOrThrow({
        where: { id },
        select: { expiresAt: true },
      });
      const later = new Date(expiresAt!.getTime() + 1000);
      await runDueTimers(COMMAND_TIMER_HANDLERS, { db: t.db, now: () => later });
      expect(
        await t.db.command.findUniqueOrThrow({ where: { id }, select: { status: true } }),
      ).toEqual({ status: "succeeded" });
      expect(
        await t.db.timer.findFirstOrThrow({
          where: { dedupeKey: `cmd-expire:${id}` },
          select: { status: true },
        }),
      ).toEqual({ status: "done" });
      expect(
        await t.db.auditEntry.count({ where: { action: "command.expired", targetId: id } }),
      ).toBe(0);
    },
  );
});
