import { expect, it } from "vitest";
import { USER_A } from "../../test/command-fixtures.ts";
import { describeDb } from "../../test/db.ts";
import { createTestHost, ev } from "../../test/ingest-fixtures.ts";
import { claimCommands } from "../commands/deliver-commands.ts";
import { issueCommand } from "../commands/issue-command.ts";
import { recordReceipt } from "../commands/record-receipt.ts";
import { noteChange } from "../db/change-feed.ts";
import { inTransaction } from "../db/transaction.ts";
import { ingestEvents } from "../events/ingest-events.ts";
import { streamChanges } from "./stream-changes.ts";

async function reader(stream: ReadableStream<Uint8Array>) {
  const r = stream.getReader();
  const dec = new TextDecoder();
  let buf = "";
  return {
    /** The next server-sent event (name and data), skipping keep-alive comments. */
    async next(): Promise<{ event: string; data: { key?: string } }> {
      for (;;) {
        const i = buf.indexOf("\n\n");
        if (i >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event) return { event, data: data ? JSON.parse(data) : {} };
          continue;
        }
        const { value, done } = await r.read();
        if (done) throw new Error("stream ended");
        buf += dec.decode(value, { stream: true });
      }
    },
    cancel: () => r.cancel(),
  };
}

describeDb("live change stream", (t) => {
  it("pushes every step of a command's lifecycle to the incident and command pages, after commit", async () => {
    const host = await createTestHost(t.db);
    const r = await ingestEvents(host, { events: [ev()] }, { db: t.db });
    const incidentId = r.incidentIds[0];
    const inc = await t.db.incident.findUniqueOrThrow({
      where: { id: incidentId },
      select: { key: true },
    });
    const ac = new AbortController();
    const incidentStream = await reader(
      await streamChanges({ incident: inc.key }, ac.signal, t.db),
    );
    expect((await incidentStream.next()).event).toBe("ready");

    const res = await issueCommand(
      {
        type: "kill_process",
        params: { pid: 42 },
        hostIds: [host.id],
        comment: "live test",
        incidentId,
      },
      USER_A,
      t.db,
    );
    const commandId = res.commandIds[0];
    const commandStream = await reader(
      await streamChanges({ command: commandId }, ac.signal, t.db),
    );
    expect((await commandStream.next()).event).toBe("ready");
    expect(await incidentStream.next()).toMatchObject({
      event: "change",
      data: { key: `incident:${incidentId}` },
    });

    const seen: string[] = [];
    await claimCommands(host);
    expect(await commandStream.next()).toMatchObject({
      event: "change",
      data: { key: `command:${commandId}` },
    });
    seen.push((await t.db.command.findUniqueOrThrow({ where: { id: commandId } })).status);
    await recordReceipt(host, commandId, { status: "received", at: new Date().toISOString() });
    expect((await commandStream.next()).event).toBe("change");
    seen.push((await t.db.command.findUniqueOrThrow({ where: { id: commandId } })).status);
    await recordReceipt(host, commandId, { status: "succeeded", at: new Date().toISOString() });
    expect((await commandStream.next()).event).toBe("change");
    seen.push((await t.db.command.findUniqueOrThrow({ where: { id: commandId } })).status);
    // Each event was read after its state was committed: the page sees every step.
    expect(seen).toEqual(["delivered", "acknowledged", "succeeded"]);
    ac.abort();
  });

  it("publishes nothing for a rolled-back transaction and refuses a stream without a topic", async () => {
    const host = await createTestHost(t.db);
    const r = await ingestEvents(host, { events: [ev()] }, { db: t.db });
    const ac = new AbortController();
    const s = await reader(await streamChanges({ incident: r.incidentIds[0] }, ac.signal, t.db));
    await s.next();
    await expect(
      inTransaction(t.db, async (tx) => {
        noteChange(tx, `incident:${r.incidentIds[0]}`);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await inTransaction(t.db, async (tx) =>
      noteChange(tx, `incident:${r.incidentIds[0]}`, "marker"),
    );
    // The first event after the rollback is the committed one, not the rolled-back one.
    const first = await s.next();
    expect(first).toMatchObject({ event: "change", data: { key: `incident:${r.incidentIds[0]}` } });
    ac.abort();
    await expect(streamChanges({}, ac.signal, t.db)).rejects.toMatchObject({ name: "ZodError" });
    await expect(
      streamChanges({ incident: "INC-1999-0001" }, ac.signal, t.db),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
