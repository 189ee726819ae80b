import { describe, expect, it } from "vitest";
import { ApiError } from "../query/client.ts";
import { problemText } from "./problem-text.ts";

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
