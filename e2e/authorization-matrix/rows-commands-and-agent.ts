// Commands on the user API and the host-agent API.
import {
  adminOnly,
  agentApi,
  allRoles,
  type BaseEntry,
  leadsOnly,
  page,
  respondersUp,
  sameForAll,
  userApi,
} from "./types.ts";

export const COMMAND_AND_AGENT_ROWS: BaseEntry[] = [
  // Host-agent API (issue 3): session cookies are never an agent credential. Enrol is the
  // one unauthenticated call; its invalid sample body is a 400 for everyone.
  // Commands (issue 5)
  page("/commands/[id]", allRoles(404)),
  userApi("GET", "/api/v1/commands", allRoles(200)),
  userApi("POST", "/api/v1/commands", respondersUp(400)),
  userApi("GET", "/api/v1/commands/[id]", allRoles(404)),
  userApi("POST", "/api/v1/commands/[id]/cancel", respondersUp(400)),
  // Separation of duties (issue 9): only a lead approves or rejects a command request, never a peer responder.
  {
    route: "/api/v1/command-requests/[id]/approve",
    method: "POST",
    kind: "api",
    path: "/api/v1/command-requests/00000000-0000-0000-0000-000000000000/approve",
    body: { comment: 5 },
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  userApi("POST", "/api/v1/command-requests/[id]/reject", leadsOnly(400)),
  userApi("POST", "/api/v1/command-requests/[id]/extend", respondersUp(400)),
  userApi("POST", "/api/v1/signing-keys/rotate", adminOnly(400)),
  agentApi("GET", "/api/agent/v1/commands", 200),
  agentApi("POST", "/api/agent/v1/commands/[id]/receipts", 400),
  agentApi("GET", "/api/agent/v1/server-keys", 200),
  sameForAll("agent", "POST", "/api/agent/v1/enroll", 400, { body: {} }),
  agentApi("PUT", "/api/agent/v1/inventory", 400),
  agentApi("POST", "/api/agent/v1/events", 400),
  agentApi("POST", "/api/agent/v1/ocsf", 400),
];
