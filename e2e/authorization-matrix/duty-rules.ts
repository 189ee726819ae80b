import type { MatrixEntry } from "./types.ts";

// Separation-of-duties rules that depend on who did what before (the requester, the role
// holder, the releaser of a hold), so an invalid sample body cannot replay them. Each is a row
// naming the route, who is refused and allowed, and the integration test that proves it on a
// real database; the matrix spec checks every named test exists. docs/INCIDENTS.md explains them.
export type DutyRule = {
  rule: string;
  route: string;
  method: MatrixEntry["method"];
  refused: string;
  allowed: string;
  test: { file: string; name: string };
};

export const DUTY_RULES: DutyRule[] = [
  {
    rule: "A command request is approved by a manager or admin who did not request it",
    route: "/api/v1/command-requests/[id]/approve",
    method: "POST",
    refused: "any responder (403); the requester, whatever their role (403)",
    allowed: "another manager or admin",
    test: {
      file: "lib/commands/separation-of-duties.integration.test.ts",
      name: "only a manager or admin who is not the requester approves: two responders cannot approve an isolate_host",
    },
  },
  {
    rule: "A whole request is rejected, with a reason, by the same people who may approve it",
    route: "/api/v1/command-requests/[id]/reject",
    method: "POST",
    refused: "responders and the requester (403); a decided request (409)",
    allowed: "another manager or admin",
    test: {
      file: "lib/commands/separation-of-duties.integration.test.ts",
      name: "a manager rejects a whole request with a reason: every command cancelled, nothing signed, on the timeline and audited",
    },
  },
  {
    rule: "The approval threshold counts hosts per incident and command type over BREAKWATER_COMMAND_APPROVAL_WINDOW_MINUTES",
    route: "/api/v1/commands",
    method: "POST",
    refused:
      "a split request that takes the window's distinct hosts over the threshold goes to awaiting approval",
    allowed: "requests whose window total stays at or under the threshold",
    test: {
      file: "lib/commands/separation-of-duties.integration.test.ts",
      name: "counts the threshold per incident and type over the window: splitting a fleet command does not avoid approval",
    },
  },
  {
    rule: "One live command request per playbook step",
    route: "/api/v1/playbook-steps/[id]",
    method: "POST",
    refused: "a second issue_command while the first awaits approval or runs (409)",
    allowed: "a retry after a rejection, failure or expiry",
    test: {
      file: "lib/commands/separation-of-duties.integration.test.ts",
      name: "two clicks at once on a step's Send command create exactly one request",
    },
  },
  {
    rule: "Whoever released a legal hold cannot delete that incident's artifacts for BREAKWATER_HOLD_RELEASE_DELETE_DELAY_HOURS",
    route: "/api/v1/artifacts/[id]",
    method: "DELETE",
    refused: "the releaser within the delay (403)",
    allowed: "another manager or admin at once; the releaser after the delay",
    test: {
      file: "lib/artifacts/retention.integration.test.ts",
      name: "separation of duties: whoever released the hold cannot delete the artifacts for 24 h; another lead can at once",
    },
  },
  {
    rule: "Approvals and decisions of a step owned by an incident role are the role holder's",
    route: "/api/v1/playbook-steps/[id]",
    method: "POST",
    refused: "anyone but the holder (403) while the role is filled",
    allowed:
      "the holder; an admin (override, on the timeline and audited); anyone while the role is unfilled",
    test: {
      file: "lib/playbooks/step-roles.integration.test.ts",
      name: "a decision reserved for the commander is refused to another responder; an admin may override, audited",
    },
  },
];
