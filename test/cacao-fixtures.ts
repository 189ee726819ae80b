// CACAO 2.0 playbooks "from another tool", for the import tests: ids in CACAO's
// `<type>--<uuid>` form and the envelope every such playbook carries around its workflow.

/** `<type>--0000000n-0000-4000-8000-000000000000`: a stable, valid CACAO id. */
export const cacaoId = (t: string, n: number) =>
  `${t}--${String(n).padStart(8, "0")}-0000-4000-8000-000000000000`;

/** A playbook as another SOAR exports it: created by identity 1, starting at start 1. */
export const foreignPlaybook = (p: {
  n: number;
  name: string;
  description: string;
  workflow: Record<string, unknown>;
  agent_definitions?: Record<string, unknown>;
}) => ({
  type: "playbook",
  spec_version: "cacao-2.0",
  id: cacaoId("playbook", p.n),
  name: p.name,
  description: p.description,
  created_by: cacaoId("identity", 1),
  created: "2026-01-01T00:00:00.000Z",
  modified: "2026-01-01T00:00:00.000Z",
  workflow_start: cacaoId("start", 1),
  workflow: p.workflow,
  ...(p.agent_definitions ? { agent_definitions: p.agent_definitions } : {}),
});

/** An action step done by individual 1, running one command, then going to `next`. */
export const cacaoAction = (
  name: string,
  command: { type: string; description: string },
  next: string,
) => ({
  type: "action",
  name,
  agent: cacaoId("individual", 1),
  commands: [command],
  on_completion: next,
});
