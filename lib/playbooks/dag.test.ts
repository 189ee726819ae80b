import { describe, expect, it } from "vitest";
import { nextTransitions, type StepSnapshot } from "./dag.ts";
import { playbookSchema } from "./definition.ts";

const pb = playbookSchema.parse({
  slug: "t",
  version: 1,
  title: "t",
  steps: [
    { id: "a", kind: "task", title: "a" },
    { id: "b", kind: "task", title: "b", needs: ["a"] },
    { id: "c", kind: "task", title: "c", needs: ["a"] },
    {
      id: "d",
      kind: "decision",
      title: "d",
      needs: ["b", "c"],
      question: "?",
      options: [
        { key: "x", label: "x", next: ["x1"] },
        { key: "y", label: "y", next: ["y1"] },
      ],
    },
    { id: "x1", kind: "task", title: "x1" },
    { id: "x2", kind: "task", title: "x2", needs: ["x1"] },
    { id: "y1", kind: "wait", title: "y1", minutes: 1 },
    { id: "join", kind: "task", title: "join", needs: ["x2", "y1"] },
  ],
});
const st = (m: Record<string, Partial<StepSnapshot> | string>) =>
  Object.fromEntries(
    pb.steps.map((s) => [
      s.id,
      typeof m[s.id] === "string"
        ? { status: m[s.id] }
        : { status: "pending", ...(m[s.id] as object) },
    ]),
  ) as Record<string, StepSnapshot>;

describe("DAG readiness", () => {
  it("starts roots, then runs parallel branches once their prerequisite is done", () => {
    expect(nextTransitions(pb, st({}))).toEqual({ a: "ready" });
    expect(nextTransitions(pb, st({ a: "done" }))).toEqual({ b: "ready", c: "ready" });
  });
  it("waits for every parallel branch before a join", () => {
    expect(nextTransitions(pb, st({ a: "done", b: "done", c: "ready" }))).toEqual({});
    expect(nextTransitions(pb, st({ a: "done", b: "done", c: "done" }))).toEqual({ d: "ready" });
  });
  it("runs the chosen branch, skips the other one (transitively) and joins after it", () => {
    const after = nextTransitions(
      pb,
      st({ a: "done", b: "done", c: "done", d: { status: "done", choice: "x" } }),
    );
    expect(after).toEqual({ x1: "ready", y1: "skipped" });
    const later = nextTransitions(
      pb,
      st({
        a: "done",
        b: "done",
        c: "done",
        d: { status: "done", choice: "x" },
        x1: "done",
        x2: "done",
        y1: "skipped",
      }),
    );
    expect(later).toEqual({ join: "ready" });
    const otherWay = nextTransitions(
      pb,
      st({ a: "done", b: "done", c: "done", d: { status: "done", choice: "y" } }),
    );
    expect(otherWay).toEqual({ x1: "skipped", x2: "skipped", y1: "ready" });
  });
  it("skips what depends on a rejected approval", () => {
    expect(nextTransitions(pb, st({ a: "rejected" }))).toMatchObject({
      b: "skipped",
      c: "skipped",
      d: "skipped",
      x1: "skipped",
      y1: "skipped",
      join: "skipped",
    });
  });
});
