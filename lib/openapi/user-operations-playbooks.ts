import "server-only";
import { listAuditQuery } from "../audit/list-audit.ts";
import { metricsQuery } from "../metrics/schemas.ts";
import {
  compareVersionsQuery,
  createDraftInput,
  startRunInput,
  stepActionSchema,
  updateDraftInput,
  validateInput,
} from "../playbooks/schemas.ts";
import { type Operation, userOp as op } from "./operation.ts";

// The user API, part two: playbooks, metrics, audit.
const ref = "/api/v1/incidents/{ref}";

export const PLAYBOOK_OPERATIONS: Operation[] = [
  op(
    "get",
    `${ref}/playbook`,
    "Playbooks",
    "Roles, playbook runs and steps of an incident",
    "incidents:read",
    {
      reply: "Roles and runs",
    },
  ),
  op(
    "post",
    `${ref}/playbook`,
    "Playbooks",
    "Start a playbook on the incident by hand",
    "incidents:write",
    {
      body: startRunInput,
      status: 201,
      reply: "The new run",
    },
  ),
  op(
    "get",
    "/api/v1/playbooks",
    "Playbooks",
    "Every playbook with its published versions and open drafts",
    "playbooks:read",
    {
      reply: "The playbooks",
    },
  ),
  op(
    "get",
    "/api/v1/playbooks/{slug}/versions/{version}",
    "Playbooks",
    "One published version (format=json|yaml|cacao)",
    "playbooks:read",
    {
      reply: "The version; yaml is the exact hashed file",
    },
  ),
  op(
    "get",
    "/api/v1/playbooks/{slug}/compare",
    "Playbooks",
    "Semantic diff between two published versions",
    "playbooks:read",
    {
      query: compareVersionsQuery,
      reply: "The diff",
    },
  ),
  op(
    "post",
    "/api/v1/playbooks/validate",
    "Playbooks",
    "Validate playbook YAML (no writes)",
    "playbooks:read",
    {
      body: validateInput,
      reply: "Problems found, if any",
    },
  ),
  op(
    "post",
    "/api/v1/playbooks/drafts",
    "Playbooks",
    "Start a draft from a published version or from YAML",
    "playbooks:publish",
    {
      body: createDraftInput,
      status: 201,
      reply: "The draft",
    },
  ),
  op(
    "get",
    "/api/v1/playbooks/drafts/{id}",
    "Playbooks",
    "A draft with its validation and semantic diff",
    "playbooks:publish",
    {
      reply: "The draft",
    },
  ),
  op(
    "put",
    "/api/v1/playbooks/drafts/{id}",
    "Playbooks",
    "Save a draft's YAML",
    "playbooks:publish",
    {
      body: updateDraftInput,
      reply: "The draft",
    },
  ),
  op(
    "post",
    "/api/v1/playbooks/drafts/{id}/publish",
    "Playbooks",
    "Publish the draft as the next immutable version",
    "playbooks:publish",
    {
      status: 201,
      reply: "The published version",
    },
  ),
  op(
    "post",
    "/api/v1/playbooks/import",
    "Playbooks",
    "Import a CACAO 2.0 playbook as a draft, with a mapping report",
    "playbooks:publish",
    {
      rawBody: {
        contentType: "application/json",
        description: "A CACAO 2.0 playbook (OASIS JSON)",
      },
      status: 201,
      reply: "The draft and the mapping report",
    },
  ),
  op(
    "post",
    "/api/v1/playbook-steps/{id}",
    "Playbooks",
    'Act on a step: save, complete, request_approval, approve, reject, decide, or `{ action: "issue_command" }`',
    "incidents:write",
    {
      body: stepActionSchema,
      reply: "The step after the action",
    },
  ),
  op(
    "get",
    "/api/v1/metrics/dashboard",
    "Metrics",
    "Cards, trends and charts of the metrics page",
    "metrics:read",
    {
      query: metricsQuery,
      reply: "The dashboard",
    },
  ),
  op(
    "get",
    "/api/v1/metrics/incidents",
    "Metrics",
    "Incident-level rows behind the metrics (JSON, or CSV with format=csv)",
    "metrics:read",
    {
      query: metricsQuery,
      reply: "The rows",
    },
  ),
  op(
    "get",
    "/api/v1/audit/entries",
    "Audit",
    "Newest audit entries first (sealed or still sealing), paged by id",
    "audit:read",
    {
      query: listAuditQuery,
      reply: "A page of entries",
    },
  ),
  op(
    "get",
    "/api/v1/audit/verify",
    "Audit",
    "Walk the hash chain and report the first broken entry",
    "audit:read",
    {
      reply: "The verification",
    },
  ),
];
