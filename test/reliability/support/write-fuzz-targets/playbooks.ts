// Playbooks: validation, drafts, publishing, CACAO import, and acting on a run's steps.
import fc from "fast-check";
import { type Target, text, user, uuid } from "./builders.ts";

const playbookYaml = fc.constantFrom(
  "slug: fuzz-pb\nversion: 1\ntitle: Fuzz\nsteps:\n  - id: look\n    kind: task\n    title: Look\n",
  'slug: fuzz-pb\nversion: 1\ntitle: "Fuzz \\0 nul"\nsteps:\n  - id: look\n    kind: task\n    title: Look\n',
  "slug: fuzz-pb\nversion: 1\ntitle: Fuzz\nsteps:\n  - id: cmd\n    kind: command\n    title: Cmd\n    command:\n      type: isolate_host\n      params: {a: {b: {c: {d: {e: {f: {g: {h: 1}}}}}}}}\n",
  "a: &a [*a]",
  "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x",
);
const cacao = fc.record({
  type: fc.constant("playbook"),
  spec_version: fc.constant("cacao-2.0"),
  id: uuid.map((u) => `playbook--${u}`),
  name: text(),
  description: text(),
  workflow_start: fc.constant("start--1"),
  workflow: fc.constant({
    "start--1": { type: "start", on_completion: "action--1" },
    "action--1": {
      type: "action",
      name: "Look at it",
      commands: [{ type: "manual", command: "look" }],
      on_completion: "end--1",
    },
    "end--1": { type: "end" },
  }),
});

export const PLAYBOOKS_TARGETS: Record<string, Target> = {
  "POST /api/v1/playbook-steps/[id]": user(
    (f) => `/api/v1/playbook-steps/${f.stepId}`,
    () =>
      fc.oneof(
        fc.record(
          {
            action: fc.constantFrom("save", "complete"),
            note: text(200),
            checklist: fc.array(fc.boolean(), { maxLength: 4 }),
          },
          { requiredKeys: ["action"] },
        ),
        fc.record(
          { action: fc.constantFrom("request_approval", "approve"), note: text(200) },
          { requiredKeys: ["action"] },
        ),
        fc.record({ action: fc.constant("reject"), note: text(200) }),
        fc.record({ action: fc.constant("decide"), choice: text(20) }),
      ),
  ),
  "POST /api/v1/playbooks/validate": user(
    () => "/api/v1/playbooks/validate",
    () => fc.record({ content: playbookYaml }),
  ),
  "POST /api/v1/playbooks/drafts": user(
    () => "/api/v1/playbooks/drafts",
    () =>
      fc.oneof(
        fc.record(
          { slug: fc.constant("sandbox-escape"), baseVersion: fc.constant(1), note: text() },
          { requiredKeys: ["slug", "baseVersion"] },
        ),
        fc.record({ content: playbookYaml }),
      ),
  ),
  "PUT /api/v1/playbooks/drafts/[id]": user(
    (f) => `/api/v1/playbooks/drafts/${f.draftId}`,
    () => fc.record({ content: playbookYaml }),
  ),
  "POST /api/v1/playbooks/drafts/[id]/publish": user(
    (f) => `/api/v1/playbooks/drafts/${f.draftId}/publish`,
    () => fc.constant({}),
  ),
  "POST /api/v1/playbooks/import": user(
    () => "/api/v1/playbooks/import",
    () => cacao,
  ),
};
