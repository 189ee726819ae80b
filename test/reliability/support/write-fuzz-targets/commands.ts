// Commands and command requests.
import fc from "fast-check";
import { ARTIFACT_KINDS } from "../../../../lib/protocol/commands.ts";
import { type Fixtures, reason, type Target, text, user } from "./builders.ts";

const plugin = fc.record(
  { name: fc.constantFrom("clipboard-sync", "pdf-preview"), version: fc.constant("1.0.0") },
  { requiredKeys: ["name"] },
);
const issue = (f: Fixtures) =>
  fc.oneof(
    fc.record({
      type: fc.constant("quarantine_plugin"),
      params: fc.record({ plugin }),
      hostIds: fc.constant([f.hostId]),
      comment: text(),
    }),
    fc.record({
      type: fc.constant("isolate_host"),
      params: fc.record({ allow: fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }) }),
      hostIds: fc.constant([f.hostId]),
      comment: text(),
      durationSeconds: fc.integer({ min: 60, max: 3600 }),
    }),
    fc.record({
      type: fc.constant("collect_artifact"),
      params: fc.record({
        kind: fc.constantFrom(...ARTIFACT_KINDS),
        what: text(),
        maxBytes: fc.integer({ min: 1, max: 1 << 20 }),
      }),
      fleet: fc.constant({ plugin: { name: "clipboard-sync" } }),
      comment: text(),
    }),
  );

export const COMMANDS_TARGETS: Record<string, Target> = {
  "POST /api/v1/commands": user(() => "/api/v1/commands", issue),
  "POST /api/v1/commands/[id]/cancel": user(
    (f) => `/api/v1/commands/${f.commandId}/cancel`,
    () => reason,
  ),
  "POST /api/v1/command-requests/[id]/approve": user(
    (f) => `/api/v1/command-requests/${f.commandRequestId}/approve`,
    () => fc.record({ comment: text() }, { requiredKeys: [] }),
  ),
  "POST /api/v1/command-requests/[id]/reject": user(
    (f) => `/api/v1/command-requests/${f.commandRequestId}/reject`,
    () => fc.record({ reason: text() }),
  ),
  "POST /api/v1/command-requests/[id]/extend": user(
    (f) => `/api/v1/command-requests/${f.commandRequestId}/extend`,
    () => fc.record({ seconds: fc.integer({ min: 60, max: 86400 }) }),
  ),
};
