// A fleet's burst of agent reads must wait in memory, a few at a time and in arrival order,
// instead of piling onto the connection pool whose wait times out into 503s.
import { expect, it } from "vitest";
import { agentRead } from "./agent-read-gate.ts";

it("runs at most six agent reads at once, in arrival order, and every one completes", async () => {
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const reads = Array.from({ length: 200 }, (_, i) =>
    agentRead(async () => {
      started.push(i);
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
      return i;
    }),
  );
  expect(await Promise.all(reads)).toEqual(reads.map((_, i) => i));
  expect(most).toBe(6);
  expect(started).toEqual(reads.map((_, i) => i));
});

it("a failing read frees its slot", async () => {
  const failures = Array.from({ length: 20 }, () =>
    agentRead(() => Promise.reject(new Error("connection lost"))).catch((e: Error) => e.message),
  );
  expect(await Promise.all(failures)).toEqual(Array(20).fill("connection lost"));
  expect(await agentRead(async () => "after")).toBe("after");
});
