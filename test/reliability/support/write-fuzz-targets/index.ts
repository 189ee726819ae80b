// One fuzz target per write endpoint under app/ (issue 10): the request a valid caller would
// send, as a fast-check generator. write-api-fuzz.integration.test.ts walks app/ like the
// authorization matrix does and fails when a write route has no target here. Targets live in
// one file per API area; a new area is a file here and a line below. The order is the order
// the campaign runs them in (enrolment before the enrollment token is revoked, and so on).
import { AGENT_TARGETS } from "./agent.ts";
import { API_TOKEN_TARGETS } from "./api-tokens.ts";
import { ARTIFACTS_TARGETS } from "./artifacts.ts";
import type { Target } from "./builders.ts";
import { COMMANDS_TARGETS } from "./commands.ts";
import { DRILLS_TARGETS } from "./drills.ts";
import { HOSTS_TARGETS } from "./hosts.ts";
import { INCIDENTS_TARGETS } from "./incidents.ts";
import { PLAYBOOKS_TARGETS } from "./playbooks.ts";
import { SETTINGS_TARGETS } from "./settings.ts";

export type { Fixtures, FuzzRequest, Target } from "./builders.ts";

export const TARGETS: Record<string, Target> = {
  ...API_TOKEN_TARGETS,
  ...AGENT_TARGETS,
  ...ARTIFACTS_TARGETS,
  ...COMMANDS_TARGETS,
  ...HOSTS_TARGETS,
  ...INCIDENTS_TARGETS,
  ...DRILLS_TARGETS,
  ...PLAYBOOKS_TARGETS,
  ...SETTINGS_TARGETS,
};

/** Write routes that are not fuzzed here, and why: each is covered elsewhere. */
export const NOT_FUZZED: Record<string, string> = {
  "POST /api/auth/[...nextauth]":
    "next-auth's form endpoint (not JSON); sign-in input is tested in lib/auth",
  "POST /api/admin/v1/cli":
    "loopback admin token only; its body goes through the same readJson and a zod schema of safeText",
};
