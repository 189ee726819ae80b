// fast-check generators of agent API bodies: valid ones, valid ones with one mutation
// (a field dropped, retyped, oversized, duplicated, an extra key), random JSON and broken
// JSON text. Used in-process (agent-api-fuzz) and over real HTTP (kill-server sample).
import fc from "fast-check";
import { CATALOG, pluginSha256 } from "../../../agent/simulated-inventory.ts";
import { EVENT_TYPES } from "../../../lib/protocol/events.ts";

export type Endpoint = "enroll" | "inventory" | "events" | "ocsf";
export const ENDPOINTS: Endpoint[] = ["enroll", "inventory", "events", "ocsf"];
/** What goes on the wire: JSON text (possibly broken) and the parsed value when it is JSON. */
export type Body = { text: string; value?: unknown };

/** Nested `depth` levels deep, as object or array: well under any byte limit, deep enough
 *  to overflow a recursive walk or PostgreSQL's jsonb stack. */
const nest = (depth: number, asArray: boolean): unknown => {
  let v: unknown = "leaf";
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { d: v };
  return v;
};

// The shapes that have broken servers before: what the database or a recursive walk cannot
// take although the schema's type says yes.
export const dangerous = fc.oneof(
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\ud800",
    "x\udfffy",
    "\u0007\u001b[2J",
    "\u202e",
    "\ufeff",
    "\r\n",
    "💥",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999-14:00",
    "10000-01-01T00:00:00Z",
    "1969-12-31T23:59:59Z",
    "+275760-09-13T00:00:00Z",
    "2026-02-30T00:00:00Z",
    1e308,
    -1e308,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53 + 2,
    Number.MAX_SAFE_INTEGER,
    -0,
    0.5,
    1e-320,
  ),
  fc
    .constantFrom(8, 40, 1500)
    .chain((depth) => fc.boolean().map((asArray) => nest(depth, asArray))),
  fc.constantFrom(1000, 20_000).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.constant({ "k\u0000": 1 }),
  fc.constant({ "\ud800": "lone" }),
  fc.string({ unit: "binary", maxLength: 20 }),
);

const weird = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 1e308, -1e308, 8.64e15 + 1, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2),
  fc.string(),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "💥",
    "x".repeat(5000),
    "2026-13-45T99:99:99Z",
    "not-a-uuid",
    "../../etc/passwd",
    '\'; DROP TABLE "Event";--',
  ),
  fc.array(fc.jsonValue(), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 4 }),
  { weight: 3, arbitrary: dangerous },
);

const pluginRef = fc.constantFrom(...CATALOG).map((c) => ({
  name: c.name,
  version: c.versions[0],
  sha256: pluginSha256(c.name, c.versions[0]),
}));
const plugin = fc
  .record({
    entry: fc.constantFrom(...CATALOG),
    state: fc.constantFrom("active", "disabled", "quarantined", "revoked"),
  })
  .map(({ entry, state }) => ({
    name: entry.name,
    version: entry.versions[0],
    origin: entry.origin,
    signer: entry.signer,
    sha256: pluginSha256(entry.name, entry.versions[0]),
    permissions: entry.permissions,
    state,
  }));
const plugins = fc.uniqueArray(plugin, { maxLength: 8, selector: (p) => `${p.name}@${p.version}` });

const event = fc.record(
  {
    eventId: fc.uuid({ version: 4 }),
    type: fc.constantFrom(...EVENT_TYPES),
    observedAt: fc.oneof(
      {
        weight: 9,
        arbitrary: fc
          .date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true })
          .map((d) => d.toISOString()),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999+14:00",
          "1970-01-01T00:00:00-12:00",
          "2026-02-29T12:00:00Z",
          "2026-11-21T05:00:00.123456789Z",
        ),
      },
    ),
    severity: fc.constantFrom("low", "medium", "high", "critical"),
    plugin: pluginRef,
    details: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), {
      maxKeys: 5,
    }),
  },
  { requiredKeys: ["eventId", "type", "observedAt"] },
);

const ocsfEvent = fc.record({
  class_uid: fc.constantFrom(2004, 7001, 7002, 7003, 7004, 1001, 4001, 9999),
  // Mostly plausible epochs, sometimes the edges of what a JS Date can hold and beyond.
  time: fc.oneof(
    { weight: 9, arbitrary: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }) },
    { weight: 1, arbitrary: fc.constantFrom(0, 8.64e15, 8.64e15 + 1, Number.MAX_SAFE_INTEGER) },
  ),
  severity_id: fc.integer({ min: 0, max: 6 }),
  activity_id: fc.integer({ min: 0, max: 5 }),
  metadata: fc.record({
    uid: fc.uuid({ version: 4 }),
    version: fc.constant("1.1.0"),
    product: fc.constant({ name: "ref-agent" }),
  }),
  finding_info: fc.record({
    uid: fc.uuid({ version: 4 }),
    title: fc.string({ maxLength: 40 }),
    types: fc.subarray([...EVENT_TYPES], { maxLength: 2 }),
  }),
  resources: pluginRef.map((p) => [
    { type: "plugin", name: p.name, version: p.version, uid: p.sha256 },
  ]),
});

const validBody = (endpoint: Endpoint, enrollmentToken: string): fc.Arbitrary<unknown> => {
  switch (endpoint) {
    case "enroll":
      return fc.record(
        {
          enrollmentToken: fc.constantFrom(
            enrollmentToken,
            enrollmentToken,
            "bwe_unknown_token_0000000000000000000000000",
          ),
          hostname: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
          os: fc.constantFrom("macOS 15.1", "Windows 11", "Ubuntu 24.04"),
          agentVersion: fc.constant("fuzz/1.0"),
          plugins,
        },
        { requiredKeys: ["enrollmentToken", "hostname", "os", "agentVersion"] },
      );
    case "inventory":
      return fc.record({ plugins });
    case "events":
      return fc.record({ events: fc.array(event, { minLength: 1, maxLength: 12 }) });
    case "ocsf":
      return fc.array(ocsfEvent, { minLength: 1, maxLength: 6 });
  }
};

/** Applies one mutation at a pseudo-random place in the tree. */
export function mutate(value: unknown, op: number, where: number, replacement: unknown): unknown {
  const clone = structuredClone(value) as unknown;
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (nodes.push({ parent: v, key: i }), walk(x)));
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        nodes.push({ parent: v as Record<string, unknown>, key: k });
        walk(x);
      }
  };
  walk(clone);
  if (!nodes.length) return replacement;
  const n = nodes[where % nodes.length];
  const parent = n.parent as Record<string | number, unknown>;
  switch (op % 6) {
    case 0: // retype / replace
      parent[n.key] = replacement;
      break;
    case 1: // drop
      if (Array.isArray(n.parent)) n.parent.splice(n.key as number, 1);
      else delete parent[n.key];
      break;
    case 2: // unknown extra key next to it
      if (!Array.isArray(n.parent)) parent[`extra_${String(n.key)}`] = replacement;
      else n.parent.push(replacement);
      break;
    case 3: // duplicate an array element (same eventId twice, same plugin twice)
      if (Array.isArray(n.parent)) n.parent.push(structuredClone(n.parent[n.key as number]));
      else parent[n.key] = [parent[n.key]];
      break;
    case 5: // control characters inside a string (U+0000 cannot be stored by PostgreSQL)
      parent[n.key] =
        typeof parent[n.key] === "string" ? `${parent[n.key] as string}\u0000\u0007` : "\u0000";
      break;
    case 4: // oversize a string
      parent[n.key] =
        typeof parent[n.key] === "string"
          ? (parent[n.key] as string).repeat(2000) || "x".repeat(20000)
          : replacement;
      break;
  }
  return clone;
}

export function bodyArbitrary(endpoint: Endpoint, enrollmentToken: string): fc.Arbitrary<Body> {
  return fuzzedBodies(validBody(endpoint, enrollmentToken));
}

/** Valid bodies, valid bodies with one mutation (dangerous values weighted up), random JSON
 *  and broken JSON text, for any endpoint's valid-body generator. */
export function fuzzedBodies(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((v) => ({ text: JSON.stringify(v), value: v })) },
    {
      weight: 5,
      arbitrary: fc.tuple(valid, fc.nat(), fc.nat(), weird).map(([v, op, where, rep]) => {
        const m = mutate(v, op, where, rep);
        return { text: JSON.stringify(m) ?? "null", value: m };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.jsonValue().map((v) => ({ text: JSON.stringify(v) ?? "null", value: v })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom("", "{", "[1,", '{"events":', "nul", "\u0000", '{"a":1}}')
        .map((text) => ({ text })),
    },
  );
}

export const ROUTE: Record<Endpoint, { method: "POST" | "PUT"; path: string }> = {
  enroll: { method: "POST", path: "/api/agent/v1/enroll" },
  inventory: { method: "PUT", path: "/api/agent/v1/inventory" },
  events: { method: "POST", path: "/api/agent/v1/events" },
  ocsf: { method: "POST", path: "/api/agent/v1/ocsf" },
};

/** Over real HTTP: `perEndpoint` bodies to each endpoint; returns every status seen. */
export async function fuzzSample(
  server: string,
  enrollmentToken: string,
  perEndpoint: number,
  seed: number,
) {
  const enroll = await fetch(`${server}${ROUTE.enroll.path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      enrollmentToken,
      hostname: "fuzz-http",
      os: "Linux",
      agentVersion: "fuzz/1.0",
    }),
  });
  if (enroll.status !== 201)
    throw new Error(`fuzz host enroll failed: ${enroll.status} ${await enroll.text()}`);
  const { hostToken } = (await enroll.json()) as { hostToken: string };
  const out: { endpoint: Endpoint; status: number; body: string }[] = [];
  for (const endpoint of ENDPOINTS) {
    const samples = fc.sample(bodyArbitrary(endpoint, enrollmentToken), {
      numRuns: perEndpoint,
      seed,
    });
    for (const b of samples) {
      const r = await fetch(`${server}${ROUTE[endpoint].path}`, {
        method: ROUTE[endpoint].method,
        headers: {
          "content-type": "application/json",
          ...(endpoint === "enroll" ? {} : { authorization: `Bearer ${hostToken}` }),
        },
        body: b.text,
      });
      const text = await r.text();
      if (r.status === 404 && endpoint === "ocsf") break; // not deployed in this build
      out.push({
        endpoint,
        status: r.status,
        body: r.status >= 500 ? `${b.text.slice(0, 300)} → ${text.slice(0, 300)}` : "",
      });
    }
  }
  return out;
}
