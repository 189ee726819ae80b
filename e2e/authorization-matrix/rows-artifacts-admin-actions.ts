// The artifact vault, the local admin API and the server actions.
import {
  ADMIN_OK,
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

export const ARTIFACT_ADMIN_ACTION_ROWS: BaseEntry[] = [
  // Artifact vault (issue 6). tus endpoints: the invalid sample lacks Tus-Resumable, so an
  // authorised caller gets 412 before anything is looked up or written.
  page("/artifacts/[id]", allRoles(404)),
  page("/artifacts/reports/[ref]", allRoles(404)),
  page("/settings/artifacts", ADMIN_OK),
  userApi("GET", "/api/v1/artifacts", allRoles(200)),
  userApi("GET", "/api/v1/artifacts/[id]", allRoles(404)),
  userApi("DELETE", "/api/v1/artifacts/[id]", leadsOnly(400)),
  userApi("GET", "/api/v1/artifacts/[id]/download", respondersUp(404)),
  userApi("GET", "/api/v1/artifacts/retention", adminOnly(200)),
  userApi("PUT", "/api/v1/artifacts/retention", adminOnly(400)),
  userApi("POST", "/api/v1/artifacts/uploads", respondersUp(412)),
  userApi("PATCH", "/api/v1/artifacts/uploads/[uploadId]", respondersUp(412)),
  userApi("DELETE", "/api/v1/artifacts/uploads/[uploadId]", respondersUp(412)),
  userApi("POST", "/api/v1/incidents/[ref]/legal-hold", leadsOnly(400)),
  userApi("DELETE", "/api/v1/incidents/[ref]/legal-hold", leadsOnly(400)),
  userApi("GET", "/api/v1/incidents/[ref]/custody-report", allRoles(404)),
  agentApi("POST", "/api/agent/v1/artifacts", 412),
  agentApi("PATCH", "/api/agent/v1/artifacts/[uploadId]", 412),
  agentApi("HEAD", "/api/agent/v1/artifacts/[uploadId]", 404),
  userApi("HEAD", "/api/v1/artifacts/uploads/[uploadId]", respondersUp(404)),
  // tus discovery (OPTIONS) is public by design: it reveals only the protocol version and size limit.
  sameForAll("public", "OPTIONS", "/api/agent/v1/artifacts", 204),
  sameForAll("public", "OPTIONS", "/api/agent/v1/artifacts/[uploadId]", 204, {
    path: "/api/agent/v1/artifacts/00000000-0000-0000-0000-000000000000",
  }),
  sameForAll("public", "OPTIONS", "/api/v1/artifacts/uploads", 204),
  sameForAll("public", "OPTIONS", "/api/v1/artifacts/uploads/[uploadId]", 204, {
    path: "/api/v1/artifacts/uploads/00000000-0000-0000-0000-000000000000",
  }),
  agentApi("DELETE", "/api/agent/v1/artifacts/[uploadId]", 412),

  // Local admin API for `npm run bw` (issue 2): only the server's admin token (in <data dir>/admin-token)
  // opens it; no session cookie of any role and no host token does.
  {
    route: "/api/admin/v1/cli",
    method: "POST",
    kind: "agent",
    body: { argv: ["users", "list"] },
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 401 },
  },

  // Server actions. Login and setup are public by necessity; what must hold is that calling
  // them directly changes nothing it should not.
  {
    route: "app/login/actions.ts#loginAction",
    method: "ACTION",
    kind: "action",
    body: [{ email: "not-an-email", password: "x" }],
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 401 },
  },
  // OIDC is off in the test server: signIn("oidc") falls back to next-auth's sign-in page.
  {
    route: "app/login/actions.ts#oidcLoginAction",
    method: "ACTION",
    kind: "action",
    body: ["/incidents"],
    expect: { anon: 303, viewer: 303, responder: 303, manager: 303, admin: 303, agent: 303 },
  },
  {
    route: "app/login/actions.ts#logoutAction",
    method: "ACTION",
    kind: "action",
    body: [],
    expect: {
      anon: "login",
      viewer: "login",
      responder: "login",
      manager: "login",
      admin: "login",
      agent: "login",
    },
  },
  // A well-formed second admin is refused: setup is one-time.
  {
    route: "app/setup/actions.ts#setupAction",
    method: "ACTION",
    kind: "action",
    body: [
      { name: "Late", email: "late-admin@e2e.breakwater.test", password: "a-long-enough-password" },
    ],
    expect: { anon: 409, viewer: 409, responder: 409, manager: 409, admin: 409, agent: 409 },
  },
];
