// One fuzz target per write endpoint under app/ (issue 10): the request a valid caller would
// send, as a fast-check generator. write-api-fuzz.integration.test.ts walks app/ like the
// authorization matrix does and fails when a write route has no target here.
import fc from "fast-check";
import { ARTIFACT_KINDS } from "../../../lib/artifacts/schemas.ts";
import { EVENT_TYPES } from "../../../lib/protocol/events.ts";
import { type Body, fuzzedBodies } from "./fuzz-bodies.ts";

/** Ids of the rows the targets act on, seeded once through the public API. */
export type Fixtures = {
  hostId: string;
  spareHostId: string;
  hostToken: string;
  enrollmentToken: string;
  enrollmentTokenId: string;
  incidentKey: string;
  incidentId: string;
  commandId: string;
  commandRequestId: string;
  draftId: string;
  webhookId: string;
  userId: string;
  stepId: string;
  agentUploadId: string;
  userUploadId: string;
  artifactId: string;
};

export type FuzzRequest = {
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  value?: unknown;
};
export type Target = {
  auth: "user" | "agent" | "none";
  gen: (f: Fixtures) => fc.Arbitrary<FuzzRequest>;
};

const uuid = fc.uuid({ version: 4 });
const text = (max = 60) => fc.string({ minLength: 3, maxLength: max });
const json = (path: string, valid: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzRequest> =>
  fuzzedBodies(valid).map((b: Body) => ({ path, body: b.text, value: b.value }));
const jsonTarget = (
  auth: Target["auth"],
  path: (f: Fixtures) => string,
  valid: (f: Fixtures) => fc.Arbitrary<unknown>,
): Target => ({ auth, gen: (f) => json(path(f), valid(f)) });
const user = (path: (f: Fixtures) => string, valid: (f: Fixtures) => fc.Arbitrary<unknown>) =>
  jsonTarget("user", path, valid);

const reason = fc.record({ reason: text(200) });
const plugin = fc.record(
  { name: fc.constantFrom("clipboard-sync", "pdf-preview"), version: fc.constant("1.0.0") },
  { requiredKeys: ["name"] },
);
const issue = (f: Fixtures) =>
  fc.oneof(
    fc.record({
      type: fc.constant("quarantine_plugin"),
      params: fc.record({ plugin }),
      hostIds: fc.constant([f.hostId]),
      comment: text(),
    }),
    fc.record({
      type: fc.constant("isolate_host"),
      params: fc.record({ allow: fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }) }),
      hostIds: fc.constant([f.hostId]),
      comment: text(),
      durationSeconds: fc.integer({ min: 60, max: 3600 }),
    }),
    fc.record({
      type: fc.constant("collect_artifact"),
      params: fc.record({
        kind: fc.constantFrom(...ARTIFACT_KINDS),
        what: text(),
        maxBytes: fc.integer({ min: 1, max: 1 << 20 }),
      }),
      fleet: fc.constant({ plugin: { name: "clipboard-sync" } }),
      comment: text(),
    }),
  );
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

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
// tus requests fuzz their headers: the metadata pairs, the lengths and offsets.
const tusCreate = (auth: Target["auth"], path: string): Target => ({
  auth,
  gen: (f) =>
    fc
      .record({
        length: fc.oneof(
          fc.integer({ min: 0, max: 1 << 20 }).map(String),
          fc.constantFrom("-1", "1e3", "99999999999999999", "", " 5", "0x10"),
        ),
        filename: fc.oneof(
          fc.constantFrom("a.log", "x\u0000y", "../etc", "\ud800.log", "💥.bin", "x".repeat(300)),
          fc.string({ maxLength: 20 }),
        ),
        kind: fc.oneof(fc.constantFrom(...ARTIFACT_KINDS), fc.string({ maxLength: 8 })),
        sha256: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.string({ maxLength: 70 })),
        link: fc.oneof(
          fc.constant(`commandId ${b64(f.commandId)}`),
          fc.constant(`incidentId ${b64(f.incidentId)}`),
          uuid.map((u) => `incidentId ${b64(u)}`),
          fc.constant("incidentId !!!"),
          fc.constant(""),
        ),
        raw: fc.option(
          fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.constantFrom("a b c", "filename", ",,,", "k v,k v"),
          ),
          { nil: undefined },
        ),
        resumable: fc.constantFrom("1.0.0", "1.0.0", "0.2.2", ""),
      })
      .map((r) => ({
        path,
        headers: {
          "tus-resumable": r.resumable,
          "upload-length": r.length,
          "upload-metadata":
            r.raw ??
            [
              `filename ${b64(r.filename)}`,
              `kind ${b64(r.kind)}`,
              `sha256 ${b64(r.sha256)}`,
              r.link,
            ]
              .filter(Boolean)
              .join(","),
        },
      })),
});
const tusHead = (auth: Target["auth"], path: (f: Fixtures) => string): Target => ({
  auth,
  gen: (f) =>
    fc
      .record({
        id: fc.oneof(fc.constant(""), uuid, fc.constantFrom("..", "%00", "x".repeat(300))),
        real: fc.boolean(),
      })
      .map((r) => ({ path: r.real ? path(f) : path(f).replace(/[^/]+$/, r.id || "x") })),
});
const tusPatch = (auth: Target["auth"], path: (f: Fixtures) => string): Target => ({
  auth,
  gen: (f) =>
    fc
      .record({
        offset: fc.oneof(
          fc.integer({ min: 0, max: 64 }).map(String),
          fc.constantFrom("-1", "", "1.5", "99999999999999999"),
        ),
        type: fc.constantFrom(
          "application/offset+octet-stream",
          "application/offset+octet-stream; charset=x",
          "application/json",
          "",
        ),
        bytes: fc.uint8Array({ maxLength: 128 }),
        other: fc.option(uuid, { nil: undefined }),
      })
      .map((r) => ({
        path: r.other ? path(f).replace(/[^/]+$/, r.other) : path(f),
        headers: { "tus-resumable": "1.0.0", "upload-offset": r.offset, "content-type": r.type },
        body: r.bytes,
      })),
});

const event = fc.record({
  eventId: uuid,
  type: fc.constantFrom(...EVENT_TYPES),
  observedAt: fc
    .date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true })
    .map((d) => d.toISOString()),
  details: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
    maxKeys: 3,
  }),
});

export const TARGETS: Record<string, Target> = {
  // Host-agent routes.
  "POST /api/agent/v1/enroll": jsonTarget(
    "none",
    () => "/api/agent/v1/enroll",
    (f) =>
      fc.record({
        enrollmentToken: fc.constant(f.enrollmentToken),
        hostname: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
        os: fc.constant("Linux"),
        agentVersion: fc.constant("fuzz/1.0"),
      }),
  ),
  "PUT /api/agent/v1/inventory": jsonTarget(
    "agent",
    () => "/api/agent/v1/inventory",
    () =>
      fc.record({
        plugins: fc.constant([
          {
            name: "clipboard-sync",
            version: "1.0.0",
            origin: "store",
            signer: null,
            sha256: "a".repeat(64),
            permissions: ["clipboard"],
            state: "active",
          },
        ]),
      }),
  ),
  "POST /api/agent/v1/events": jsonTarget(
    "agent",
    () => "/api/agent/v1/events",
    () => fc.record({ events: fc.array(event, { minLength: 1, maxLength: 4 }) }),
  ),
  "POST /api/agent/v1/ocsf": jsonTarget(
    "agent",
    () => "/api/agent/v1/ocsf",
    () =>
      fc.array(
        fc.record({
          class_uid: fc.constant(2004),
          time: fc.integer({ min: 1.6e12, max: 1.9e12 }),
          metadata: fc.record({ uid: uuid }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
  ),
  "POST /api/agent/v1/commands/[id]/receipts": jsonTarget(
    "agent",
    (f) => `/api/agent/v1/commands/${f.commandId}/receipts`,
    () =>
      fc.record(
        {
          status: fc.constantFrom("received", "succeeded", "failed", "rejected"),
          at: fc
            .date({ min: new Date("2026-01-01"), max: new Date("2027-01-01"), noInvalidDate: true })
            .map((d) => d.toISOString()),
          result: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
            maxKeys: 3,
          }),
          reason: fc.string({ maxLength: 50 }),
        },
        { requiredKeys: ["status", "at"] },
      ),
  ),
  "POST /api/agent/v1/artifacts": tusCreate("agent", "/api/agent/v1/artifacts"),
  "HEAD /api/agent/v1/artifacts/[uploadId]": tusHead(
    "agent",
    (f) => `/api/agent/v1/artifacts/${f.agentUploadId}`,
  ),
  "PATCH /api/agent/v1/artifacts/[uploadId]": tusPatch(
    "agent",
    (f) => `/api/agent/v1/artifacts/${f.agentUploadId}`,
  ),
  "DELETE /api/agent/v1/artifacts/[uploadId]": tusHead(
    "agent",
    (f) => `/api/agent/v1/artifacts/${f.agentUploadId}`,
  ),

  // User routes (a signed-in admin: every permission, so validation and the write are reached).
  "POST /api/v1/artifacts/uploads": tusCreate("user", "/api/v1/artifacts/uploads"),
  "HEAD /api/v1/artifacts/uploads/[uploadId]": tusHead(
    "user",
    (f) => `/api/v1/artifacts/uploads/${f.userUploadId}`,
  ),
  "PATCH /api/v1/artifacts/uploads/[uploadId]": tusPatch(
    "user",
    (f) => `/api/v1/artifacts/uploads/${f.userUploadId}`,
  ),
  "DELETE /api/v1/artifacts/uploads/[uploadId]": tusHead(
    "user",
    (f) => `/api/v1/artifacts/uploads/${f.userUploadId}`,
  ),
  "DELETE /api/v1/artifacts/[id]": user(
    (f) => `/api/v1/artifacts/${f.artifactId}`,
    () => reason,
  ),
  "PUT /api/v1/artifacts/retention": user(
    () => "/api/v1/artifacts/retention",
    () =>
      fc.record({
        policies: fc.array(
          fc.record({
            kind: fc.constantFrom(...ARTIFACT_KINDS),
            days: fc.integer({ min: 1, max: 36_500 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
  ),
  "POST /api/v1/commands": user(() => "/api/v1/commands", issue),
  "POST /api/v1/commands/[id]/cancel": user(
    (f) => `/api/v1/commands/${f.commandId}/cancel`,
    () => reason,
  ),
  "POST /api/v1/command-requests/[id]/approve": user(
    (f) => `/api/v1/command-requests/${f.commandRequestId}/approve`,
    () => fc.record({ comment: text() }, { requiredKeys: [] }),
  ),
  "POST /api/v1/command-requests/[id]/reject": user(
    (f) => `/api/v1/command-requests/${f.commandRequestId}/reject`,
    () => fc.record({ reason: text() }),
  ),
  "POST /api/v1/incidents/[ref]/follow-ups": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/follow-ups`,
    (f) =>
      fc.record(
        {
          title: text(300),
          ownerId: fc.constantFrom(f.userId, null),
          dueAt: fc.constantFrom("2030-01-31T00:00:00Z", null),
        },
        { requiredKeys: ["title"] },
      ),
  ),
  // No follow-up exists in the fixtures: these exercise the parser and the not-found path.
  "PATCH /api/v1/follow-ups/[id]": user(
    () => "/api/v1/follow-ups/00000000-0000-4000-8000-000000000000",
    () =>
      fc.record(
        { status: fc.constantFrom("open", "done", "cancelled"), title: text(300) },
        { requiredKeys: [] },
      ),
  ),
  "POST /api/v1/follow-ups/[id]/playbook-draft": user(
    () => "/api/v1/follow-ups/00000000-0000-4000-8000-000000000000/playbook-draft",
    () => fc.record({}, { requiredKeys: [] }),
  ),
  "POST /api/v1/command-requests/[id]/extend": user(
    (f) => `/api/v1/command-requests/${f.commandRequestId}/extend`,
    () => fc.record({ seconds: fc.integer({ min: 60, max: 86400 }) }),
  ),
  "POST /api/v1/enrollment-tokens": user(
    () => "/api/v1/enrollment-tokens",
    () =>
      fc.record({
        label: text(),
        expiresInSeconds: fc.integer({ min: 60, max: 86400 }),
        maxUses: fc.integer({ min: 1, max: 100 }),
      }),
  ),
  "POST /api/v1/enrollment-tokens/[id]/revoke": user(
    (f) => `/api/v1/enrollment-tokens/${f.enrollmentTokenId}/revoke`,
    () => fc.constant({}),
  ),
  "POST /api/v1/hosts/[id]/revoke": user(
    (f) => `/api/v1/hosts/${f.spareHostId}/revoke`,
    () => reason,
  ),
  "POST /api/v1/incidents/[ref]/transitions": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/transitions`,
    () =>
      fc.record(
        {
          from: fc.constantFrom("open", "acknowledged"),
          to: fc.constantFrom("acknowledged", "contained"),
          note: text(200),
        },
        { requiredKeys: ["from", "to"] },
      ),
  ),
  "POST /api/v1/incidents/[ref]/legal-hold": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/legal-hold`,
    () => reason,
  ),
  "DELETE /api/v1/incidents/[ref]/legal-hold": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/legal-hold`,
    () => reason,
  ),
  "POST /api/v1/incidents/[ref]/playbook": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/playbook`,
    () =>
      fc.record(
        { slug: fc.constantFrom("sandbox-escape", "unsigned-plugin"), version: fc.constant(1) },
        { requiredKeys: ["slug"] },
      ),
  ),
  "POST /api/v1/incidents/[ref]/comments": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/comments`,
    () =>
      fc.record({
        text: fc.oneof(text(4000), fc.constantFrom("x".repeat(4001), "a\u0000b", "\ud800", "  ")),
      }),
  ),
  "POST /api/v1/incidents/[ref]/severity": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/severity`,
    () =>
      fc.record(
        {
          severity: fc.constantFrom("low", "medium", "high", "critical", "urgent"),
          reason: text(1000),
        },
        { requiredKeys: ["severity"] },
      ),
  ),
  "POST /api/v1/incidents/[ref]/links": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/links`,
    (f) =>
      fc.record({
        incident: fc.oneof(
          fc.constantFrom(f.incidentKey, f.incidentId, "INC-1999-0001", "inc-0000-0000"),
          uuid,
          text(100),
        ),
      }),
  ),
  "DELETE /api/v1/incidents/[ref]/links": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/links`,
    (f) =>
      fc.record({
        incident: fc.oneof(fc.constantFrom(f.incidentKey, "INC-1999-0001"), uuid, text(100)),
      }),
  ),
  // The fixture has one incident: a merge can only be into itself (refused) or into nothing.
  "POST /api/v1/incidents/[ref]/merge": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/merge`,
    (f) =>
      fc.record(
        {
          into: fc.oneof(fc.constantFrom(f.incidentKey, f.incidentId, "INC-1999-0001"), uuid),
          note: text(1000),
        },
        { requiredKeys: ["into"] },
      ),
  ),
  "PUT /api/v1/incidents/[ref]/roles": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/roles`,
    (f) =>
      fc.record({
        key: fc.constantFrom("containment-lead", "scribe", "comms"),
        userId: fc.constantFrom(f.userId, null),
      }),
  ),
  "PUT /api/v1/me/notification-preferences": user(
    () => "/api/v1/me/notification-preferences",
    () =>
      fc.record({
        emailEscalations: fc.boolean(),
        emailApprovals: fc.boolean(),
        emailAssignments: fc.boolean(),
        quietFrom: fc.constantFrom(null, "22:00", "7:00", "24:00"),
        quietTo: fc.constantFrom(null, "07:00", "x"),
        timeZone: fc.constantFrom("UTC", "Europe/Berlin", "Mars/Olympus", ""),
      }),
  ),
  "POST /api/v1/notifications/read": user(
    () => "/api/v1/notifications/read",
    () =>
      fc.oneof(
        fc.constant({ all: true }),
        fc.record({ ids: fc.array(uuid, { minLength: 1, maxLength: 5 }) }),
      ),
  ),
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
  "POST /api/v1/signing-keys/rotate": user(
    () => "/api/v1/signing-keys/rotate",
    () => fc.constant({ confirm: "rotate-not" }),
  ),
  "POST /api/v1/users": user(
    () => "/api/v1/users",
    () =>
      fc.record({
        email: fc.emailAddress(),
        name: text(),
        role: fc.constantFrom("viewer", "responder"),
        password: fc.string({ minLength: 12, maxLength: 40 }),
      }),
  ),
  "PATCH /api/v1/users/[id]": user(
    (f) => `/api/v1/users/${f.userId}`,
    () =>
      fc.record(
        {
          role: fc.constantFrom("viewer", "responder"),
          status: fc.constantFrom("active", "disabled"),
        },
        { requiredKeys: [] },
      ),
  ),
  "POST /api/v1/webhooks": user(
    () => "/api/v1/webhooks",
    () =>
      fc.record({
        team: fc.constantFrom("default", "sec-ops"),
        url: fc.constant("http://127.0.0.1:9/hook"),
        secret: fc.string({ minLength: 16, maxLength: 40 }),
        format: fc.constantFrom("json", "slack"),
      }),
  ),
  "DELETE /api/v1/webhooks/[id]": user(
    (f) => `/api/v1/webhooks/${f.webhookId}`,
    () => fc.constant({}),
  ),
};

/** Write routes that are not fuzzed here, and why: each is covered elsewhere. */
export const NOT_FUZZED: Record<string, string> = {
  "POST /api/auth/[...nextauth]":
    "next-auth's form endpoint (not JSON); sign-in input is tested in lib/auth",
  "POST /api/admin/v1/cli":
    "loopback admin token only; its body goes through the same readJson and a zod schema of safeText",
};
