// Commands on the user API and the host-agent API.
import { type BaseEntry, page } from "./types.ts";

export const COMMAND_AND_AGENT_ROWS: BaseEntry[] = [
  // Host-agent API (issue 3): session cookies are never an agent credential. Enrol is the
  // one unauthenticated call; its invalid sample body is a 400 for everyone.
  // Commands (issue 5)
  page(
    "/commands/[id]",
    { viewer: 404, responder: 404, manager: 404, admin: 404 },
    "/commands/00000000-0000-0000-0000-000000000000",
  ),
  {
    route: "/api/v1/commands",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/commands",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/commands/[id]",
    method: "GET",
    kind: "api",
    path: "/api/v1/commands/00000000-0000-0000-0000-000000000000",
    expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/commands/[id]/cancel",
    method: "POST",
    kind: "api",
    path: "/api/v1/commands/00000000-0000-0000-0000-000000000000/cancel",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  // Separation of duties (issue 9): only a lead approves or rejects a command request, never a peer responder.
  {
    route: "/api/v1/command-requests/[id]/approve",
    method: "POST",
    kind: "api",
    path: "/api/v1/command-requests/00000000-0000-0000-0000-000000000000/approve",
    body: { comment: 5 },
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/command-requests/[id]/reject",
    method: "POST",
    kind: "api",
    path: "/api/v1/command-requests/00000000-0000-0000-0000-000000000000/reject",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/command-requests/[id]/extend",
    method: "POST",
    kind: "api",
    path: "/api/v1/command-requests/00000000-0000-0000-0000-000000000000/extend",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/signing-keys/rotate",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 400, agent: 401 },
  },
  {
    route: "/api/agent/v1/commands",
    method: "GET",
    kind: "agent",
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 200 },
  },
  {
    route: "/api/agent/v1/commands/[id]/receipts",
    method: "POST",
    kind: "agent",
    path: "/api/agent/v1/commands/00000000-0000-0000-0000-000000000000/receipts",
    body: {},
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 400 },
  },
  {
    route: "/api/agent/v1/server-keys",
    method: "GET",
    kind: "agent",
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 200 },
  },
  {
    route: "/api/agent/v1/enroll",
    method: "POST",
    kind: "agent",
    body: {},
    expect: { anon: 400, viewer: 400, responder: 400, manager: 400, admin: 400, agent: 400 },
  },
  {
    route: "/api/agent/v1/inventory",
    method: "PUT",
    kind: "agent",
    body: {},
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 400 },
  },
  {
    route: "/api/agent/v1/events",
    method: "POST",
    kind: "agent",
    body: {},
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 400 },
  },
  {
    route: "/api/agent/v1/ocsf",
    method: "POST",
    kind: "agent",
    body: {},
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 400 },
  },
];
