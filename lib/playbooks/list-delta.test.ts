import { describe, expect, it } from "vitest";
import { listDelta } from "./semantic-diff.ts";

describe("listDelta", () => {
  it("names the checklist items added and removed", () => {
    expect(
      listDelta(["Page the owner", "Snapshot the host"], ["Page the owner", "Notify legal"]),
    ).toEqual({ added: ["Notify legal"], removed: ["Snapshot the host"] });
  });
  it("is null when a side is not a list", () => {
    expect(listDelta(15, 5)).toBeNull();
    expect(listDelta(undefined, ["x"])).toBeNull();
  });
});
