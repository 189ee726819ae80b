// Expected actions the drill scoring tests and the drill fixtures grade alike: the scorer's
// unit test and the seeded runs then agree on what "on time" means.
import type { ExpectedAction } from "../lib/drills/scenario-schema.ts";

export const EXPECT_ACK: ExpectedAction = {
  id: "ack",
  label: "Acknowledged ≤ 2 min",
  action: "incident_acknowledged",
  role: "commander",
  within: 120,
};

export const EXPECT_APPROVE: ExpectedAction = {
  id: "approve",
  label: "Quarantine approved ≤ 5 min",
  action: "approval_given",
  role: "commander",
  step: "approve-quarantine",
  from: "escape",
  within: 300,
};

export const EXPECT_REVOKE: ExpectedAction = {
  id: "revoke",
  label: "Revoke succeeded on all hosts ≤ 10 min",
  action: "command_succeeded_all",
  role: "containment-lead",
  commandType: "revoke_permissions",
  from: "escape",
  within: 600,
};
