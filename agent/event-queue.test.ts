// The agent's durable queue: what is appended survives a reopen until acked, a torn last
// line (crash mid-append) is dropped, and compaction keeps order and the generated count.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { WireEvent as WireEvent } from "../lib/protocol/events.ts";
import { EventQueue } from "./event-queue.ts";

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "bw-queue-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const ev = (i: number): WireEvent => ({
  eventId: crypto.randomUUID(),
  type: "permission_violation",
  observedAt: new Date(1_700_000_000_000 + i).toISOString(),
  details: { i },
});

describe("EventQueue", () => {
  it("counts events as generated only once they are queued, so 'all generated and the queue empty' means sent", async () => {
    // The fleet runner stops a finite run when every host has generated its quota and its
    // queue is empty. The count used to move before the write was durable and the events
    // sendable: the runner saw 400 generated, an empty queue, called it drained, and the last
    // events of the run were never sent (the "stored 396 of 400" flake).
    const q = await EventQueue.open(tmp());
    let done = false;
    const seen: { generated: number; size: number }[] = [];
    const p = q.append(Array.from({ length: 50 }, (_, i) => ev(i))).then(() => (done = true));
    while (!done) {
      seen.push({ generated: q.generated, size: q.size });
      await new Promise((r) => setImmediate(r));
    }
    await p;
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.filter((x) => x.generated !== x.size)).toEqual([]);
    expect({ generated: q.generated, size: q.size }).toEqual({ generated: 50, size: 50 });
  });

  it("keeps unacked events across a reopen, oldest first, and remembers how many were generated", async () => {
    const dir = tmp();
    const q = await EventQueue.open(dir);
    const events = Array.from({ length: 10 }, (_, i) => ev(i));
    await q.append(events.slice(0, 6));
    await q.append(events.slice(6));
    await q.ack([events[0].eventId, events[3].eventId]);
    await q.close();

    const again = await EventQueue.open(dir);
    expect(again.generated).toBe(10);
    expect(again.size).toBe(8);
    const batch = again.peek(500, 1 << 20);
    expect(batch.map((b) => b.id)).toEqual(
      events.filter((_, i) => i !== 0 && i !== 3).map((e) => e.eventId),
    );
    // Resends carry the very same bytes, so the server sees the same eventId and content.
    expect(JSON.parse(batch[0].json)).toEqual(events[1]);
    expect(fs.statSync(path.join(dir, "queue.log")).mode & 0o777).toBe(0o600);
    await again.close();
  });

  it("drops a torn last line left by a crash mid-append and appends cleanly after it", async () => {
    const dir = tmp();
    const q = await EventQueue.open(dir);
    const a = ev(1);
    await q.append([a]);
    await q.close();
    fs.appendFileSync(
      path.join(dir, "queue.log"),
      `{"n":2,"e":{"eventId":"${crypto.randomUUID()}","ty`,
    );
    const q2 = await EventQueue.open(dir);
    expect(q2.size).toBe(1);
    expect(q2.generated).toBe(1);
    const b = ev(2);
    await q2.append([b]);
    await q2.close();
    const q3 = await EventQueue.open(dir);
    expect(q3.peek(10, 1 << 20).map((x) => x.id)).toEqual([a.eventId, b.eventId]);
    await q3.close();
  });

  it("respects the batch count and byte limits", async () => {
    const q = await EventQueue.open(tmp());
    await q.append(Array.from({ length: 20 }, (_, i) => ev(i)));
    expect(q.peek(7, 1 << 20)).toHaveLength(7);
    const one = q.peek(500, 1 << 20)[0].bytes;
    const limited = q.peek(500, 16 + 3 * (one + 1) + 1);
    expect(limited).toHaveLength(3);
    // Never an empty batch, even if one event alone exceeds the byte budget.
    expect(q.peek(500, 1)).toHaveLength(1);
    await q.close();
  });

  it("compacts once acked lines dominate, keeping pending order and the generated count", async () => {
    const dir = tmp();
    const q = await EventQueue.open(dir);
    const all: WireEvent[] = [];
    for (let r = 0; r < 25; r++) {
      const chunk = Array.from({ length: 1000 }, (_, i) => ev(r * 1000 + i));
      all.push(...chunk);
      await q.append(chunk);
      await q.ack(chunk.slice(0, 990).map((e) => e.eventId));
    }
    await q.close();
    const lines = fs.readFileSync(path.join(dir, "queue.log"), "utf8").trim().split("\n").length;
    // Uncompacted it would hold 25,025 lines.
    expect(lines).toBeLessThan(10_000);
    const again = await EventQueue.open(dir);
    expect(again.generated).toBe(25_000);
    expect(again.size).toBe(250);
    const expected = all.filter((_, i) => i % 1000 >= 990).map((e) => e.eventId);
    expect(again.peek(500, 1 << 20).map((b) => b.id)).toEqual(expected);
    await again.close();
  });
});
