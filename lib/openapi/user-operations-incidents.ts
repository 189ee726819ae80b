import "server-only";
import { legalHoldSchema } from "../artifacts/schemas.ts";
import {
  createFollowUpInput,
  listFollowUpsQuery,
  updateFollowUpInput,
} from "../follow-ups/schemas.ts";
import {
  commentInput,
  incidentListDto,
  linkInput,
  listIncidentEventsQuery,
  listIncidentsQuery,
  mergeInput,
  severityInput,
  transitionInput,
} from "../incidents/schemas.ts";
import { liveQuery } from "../live/stream-changes.ts";
import { assignRoleInput } from "../playbooks/schemas.ts";
import { type Operation, userOp as op } from "./operation.ts";

// The user API, part one: incidents, follow-ups, the live stream.
const ref = "/api/v1/incidents/{ref}";

export const INCIDENT_OPERATIONS: Operation[] = [
  op("get", "/api/v1/incidents", "Incidents", "List incidents, newest first", "incidents:read", {
    query: listIncidentsQuery,
    reply: incidentListDto,
  }),
  op(
    "get",
    ref,
    "Incidents",
    "One incident with hosts, plugins, events and timeline",
    "incidents:read",
    {
      reply: "The incident detail",
    },
  ),
  op(
    "get",
    `${ref}/events`,
    "Incidents",
    "One page of the incident's event stream",
    "incidents:read",
    {
      query: listIncidentEventsQuery,
      reply: "A page of events",
    },
  ),
  op(
    "post",
    `${ref}/transitions`,
    "Incidents",
    "Move the status through the allowed-transitions table",
    "incidents:write",
    {
      body: transitionInput,
      reply: "The incident after the move",
      also: { 409: "The incident moved meanwhile, or the move is not allowed" },
    },
  ),
  op(
    "post",
    `${ref}/comments`,
    "Incidents",
    "Add a plain-text comment to the timeline",
    "incidents:write",
    {
      body: commentInput,
      status: 201,
      reply: "The timeline entry",
    },
  ),
  op(
    "post",
    `${ref}/severity`,
    "Incidents",
    "Set the severity, with an optional reason",
    "incidents:write",
    {
      body: severityInput,
      reply: "The incident's new severity",
    },
  ),
  op(
    "post",
    `${ref}/links`,
    "Incidents",
    "Link this incident to another as related",
    "incidents:write",
    {
      body: linkInput,
      reply: "The link",
    },
  ),
  op("delete", `${ref}/links`, "Incidents", "Remove a related-incident link", "incidents:write", {
    body: linkInput,
    reply: "The removed link",
  }),
  op(
    "post",
    `${ref}/merge`,
    "Incidents",
    "Close this incident as a duplicate merged into another (leads, or its commander)",
    "incidents:write",
    {
      body: mergeInput,
      reply: "The closed incident and where it went",
      also: { 409: "Either incident is already closed or merged" },
    },
  ),
  op(
    "put",
    `${ref}/roles`,
    "Incidents",
    "Put a person in an incident role, or empty it (userId null)",
    "incidents:write",
    {
      body: assignRoleInput,
      reply: "The role",
    },
  ),
  op(
    "post",
    `${ref}/legal-hold`,
    "Artifacts",
    "Apply a legal hold (blocks purge and deletion)",
    "incidents:legal_hold",
    {
      body: legalHoldSchema,
      reply: "The hold",
    },
  ),
  op("delete", `${ref}/legal-hold`, "Artifacts", "Release the legal hold", "incidents:legal_hold", {
    body: legalHoldSchema,
    reply: "The released hold",
  }),
  op(
    "get",
    `${ref}/custody-report`,
    "Artifacts",
    "Chain-of-custody report of every artifact (JSON download)",
    "artifacts:read",
    {
      reply: "The custody report",
    },
  ),
  op(
    "get",
    `${ref}/report`,
    "Incidents",
    "The after-action report (JSON, or Markdown with format=md)",
    "incidents:read",
    {
      reply: "The report",
    },
  ),
  op("get", `${ref}/follow-ups`, "Follow-ups", "An incident's follow-up items", "incidents:read", {
    reply: "The follow-ups",
  }),
  op("post", `${ref}/follow-ups`, "Follow-ups", "Add a follow-up item", "incidents:write", {
    body: createFollowUpInput,
    status: 201,
    reply: "The follow-up",
  }),
  op(
    "get",
    "/api/v1/follow-ups",
    "Follow-ups",
    "Follow-up items across incidents",
    "incidents:read",
    {
      query: listFollowUpsQuery,
      reply: "The follow-ups",
    },
  ),
  op(
    "patch",
    "/api/v1/follow-ups/{id}",
    "Follow-ups",
    "Edit, complete, cancel or reopen a follow-up",
    "incidents:write",
    {
      body: updateFollowUpInput,
      reply: "The follow-up",
    },
  ),
  op(
    "post",
    "/api/v1/follow-ups/{id}/playbook-draft",
    "Follow-ups",
    "Open a draft of the playbook version the incident ran",
    "playbooks:publish",
    {
      status: 201,
      reply: "The draft",
    },
  ),
  op(
    "get",
    "/api/v1/live",
    "Incidents",
    "Server-sent change events for one incident and/or command",
    "incidents:read",
    {
      query: liveQuery,
      reply: "A text/event-stream of `change` events",
      replyType: "text/event-stream",
    },
  ),
];
