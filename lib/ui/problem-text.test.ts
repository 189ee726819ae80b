import { describe, expect, it } from "vitest";
import { ApiError } from "../query/client.ts";
import { errorsByField, problemText } from "./problem-text.ts";

describe("problemText", () => {
  it("keeps every field-level reason from problem+json", () => {
    const err = new ApiError(400, {
      title: "Invalid input",
      detail: "Invalid params for kill_process.",
      errors: [
        { path: "params", message: "kill_process needs a plugin or a pid" },
        { path: "(root)", message: "Give either hostIds or fleet" },
      ],
    });
    expect(problemText(err)).toEqual({
      message: "Invalid params for kill_process.",
      fields: [
        { field: "params", message: "kill_process needs a plugin or a pid" },
        { field: "", message: "Give either hostIds or fleet" },
      ],
    });
  });
  it("does not repeat a reason the detail already states, and copes with plain errors", () => {
    const err = new ApiError(409, {
      detail: "Invalid params: kill_process needs a plugin or a pid",
      errors: [{ path: "params", message: "kill_process needs a plugin or a pid" }],
    });
    expect(problemText(err).fields).toEqual([]);
    expect(problemText(new Error("offline"))).toEqual({ message: "offline", fields: [] });
  });
});

describe("errorsByField", () => {
  it("keys each field's reason by its path, and is empty for a failure that names no field", () => {
    const err = new ApiError(400, {
      detail: "Invalid input",
      errors: [
        { path: "label", message: "Too long" },
        { path: "maxUses", message: "Must be at least 1" },
      ],
    });
    expect(errorsByField(err)).toEqual({ label: "Too long", maxUses: "Must be at least 1" });
    expect(errorsByField(new Error("offline"))).toEqual({});
    expect(errorsByField(null)).toEqual({});
  });
});
