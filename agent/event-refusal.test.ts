// Only the statuses docs/AGENT-PROTOCOL.md makes permanent may cost the agent an event.
import { describe, expect, it } from "vitest";
import { classifyEventRefusal } from "./event-refusal.ts";

const named = {
  errors: [{ path: "events.0.observedAt", message: "Must be an RFC 3339 timestamp" }],
};
const unnamed = { detail: "The body is not valid JSON." };

describe("classifyEventRefusal", () => {
  it("dead-letters a lone event only on 400/422 that name it, or 413", () => {
    expect(classifyEventRefusal(400, named, 1)).toBe("dead-letter");
    expect(
      classifyEventRefusal(422, { errors: [{ path: "events.0.eventId", message: "reused" }] }, 1),
    ).toBe("dead-letter");
    expect(classifyEventRefusal(413, null, 1)).toBe("dead-letter");
  });

  it("isolates or splits a batch instead of dropping it", () => {
    expect(classifyEventRefusal(400, named, 20)).toBe("isolate");
    expect(classifyEventRefusal(422, named, 2)).toBe("isolate");
    expect(classifyEventRefusal(413, null, 20)).toBe("split");
  });

  it("keeps and retries on every other refusal, 409 above all", () => {
    for (const status of [403, 404, 405, 408, 409, 410, 412, 415, 418, 451]) {
      expect(classifyEventRefusal(status, named, 1), String(status)).toBe("retry");
      expect(classifyEventRefusal(status, null, 30), String(status)).toBe("retry");
    }
    // A 400/422 that names no event is about the request, not a verdict on an event.
    expect(classifyEventRefusal(400, unnamed, 1)).toBe("retry");
    expect(classifyEventRefusal(422, { errors: [{ path: "(root)", message: "x" }] }, 1)).toBe(
      "retry",
    );
  });
});
