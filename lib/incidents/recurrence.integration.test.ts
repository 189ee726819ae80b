// Closing an incident and seeing the plugin again (issue 12, item 3): the new incident links
// to the closed one, and recovering/closing warns about containment still in place.
import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { createTestHost, ev } from "../../test/ingest-fixtures.ts";
import type { Actor } from "../audit/actor.ts";
import { ingestEvents } from "../events/ingest-events.ts";
import { getIncident } from "./get-incident.ts";
import { transitionIncident } from "./transition-incident.ts";

const alice: Actor = { type: "user", id: "u-alice", label: "alice@example.com" };
const ago = (min: number) => new Date(Date.now() - min * 60_000).toISOString();

describeDb("recurrence and leftover containment", (t) => {
  it("links a new incident to the same plugin's incident closed within the window, on the page and the timeline", async () => {
    const p = { name: "comes-back", version: "1.0.0" };
    const h = await createTestHost(t.db, "rec-1");
    const first = (await ingestEvents(h, { events: [ev({ plugin: p, observedAt: ago(5) })] }))
      .incidentIds[0];
    const key = (await t.db.incident.findUniqueOrThrow({ where: { id: first } })).key;
    await transitionIncident(first, { from: "open", to: "closed", note: "looked benign" }, alice);
    const second = (await ingestEvents(h, { events: [ev({ plugin: p, observedAt: ago(1) })] }))
      .incidentIds[0];
    expect(second).not.toBe(first);
    const d = await getIncident(second);
    expect(d.incident.recurrenceOf?.key).toBe(key);
    const entry = d.timeline.find((x) => x.type === "incident.recurrence");
    expect(entry?.summary).toMatch(new RegExp(`^Recurrence of ${key}: comes-back came back`));
    expect((await getIncident(first)).incident.recurrences.map((r) => r.key)).toEqual([
      d.incident.key,
    ]);
    // Another plugin, or the same one long after the close, is not a recurrence.
    const other = (
      await ingestEvents(h, {
        events: [ev({ plugin: { name: "unrelated", version: "1" }, observedAt: ago(1) })],
      })
    ).incidentIds[0];
    expect((await getIncident(other)).incident.recurrenceOf).toBeNull();
  });

  it("lists hosts still isolated and the plugin still quarantined or revoked on the incident's hosts", async () => {
    const p = { name: "still-contained", version: "2.0.0" };
    const [a, b] = [await createTestHost(t.db, "left-a"), await createTestHost(t.db, "left-b")];
    const id = (await ingestEvents(a, { events: [ev({ plugin: p })] })).incidentIds[0];
    await ingestEvents(b, { events: [ev({ plugin: p })] });
    expect((await getIncident(id)).containmentLeft).toEqual({
      isolatedHosts: [],
      restrictedPlugins: [],
    });
    await t.db.host.update({ where: { id: a.id }, data: { isolation: "isolated" } });
    await t.db.hostPlugin.create({
      data: {
        hostId: b.id,
        name: p.name,
        version: p.version,
        origin: "https://x.test",
        signer: null,
        sha256: "f".repeat(64),
        permissions: [],
        state: "quarantined",
        updatedAt: new Date(),
      },
    });
    const left = (await getIncident(id)).containmentLeft;
    expect(left.isolatedHosts.map((x) => x.hostname)).toEqual(["left-a"]);
    expect(left.restrictedPlugins).toEqual([
      { hostId: b.id, hostname: "left-b", name: p.name, version: "2.0.0", state: "quarantined" },
    ]);
  });
});
