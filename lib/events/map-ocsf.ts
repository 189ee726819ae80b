// OCSF 1.x → Breakwater events, pure (documented in docs/OCSF.md, tested in map-ocsf.test.ts).
// Supported: Detection Finding (2004), Security Finding (2001) and the Remediation Activity
// classes (7001–7004). A finding that names no Breakwater type is another tool's detection
// (Security Hub, GuardDuty, Okta, Prowler, Falco …) and becomes `external_detection` with the
// finding's own identity in details.finding. Anything else is refused with a 422 naming the
// class — never guessed, never a 5xx.
import crypto from "node:crypto";
import { z } from "zod";
import { AppError, type FieldError } from "../errors/app-error.ts";
import { fieldErrorsOf } from "../errors/parse-input.ts";
import { canonicalJson } from "../protocol/canonical-json.ts";
import {
  EVENT_TYPES,
  type EventType,
  type ExternalFinding,
  MAX_BATCH_EVENTS,
  type Severity,
} from "../protocol/events.ts";
import { jsonDepthWithin, MAX_TIMESTAMP_MS } from "../protocol/safe-schemas.ts";

const MAX_OCSF_DEPTH = 64;

export const OCSF_CLASSES: Record<number, string> = {
  2001: "Security Finding",
  2004: "Detection Finding",
  7001: "Remediation Activity",
  7002: "File Remediation Activity",
  7003: "Process Remediation Activity",
  7004: "Network Remediation Activity",
};
const KNOWN_OTHER: Record<number, string> = {
  1001: "File System Activity",
  1007: "Process Activity",
  2002: "Vulnerability Finding",
  2003: "Compliance Finding",
  2005: "Incident Finding",
  3002: "Authentication",
  4001: "Network Activity",
  6003: "API Activity",
};

// severity_id: 0 Unknown, 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical, 6 Fatal, 99 Other.
const SEVERITY_BY_ID: Record<number, Severity | undefined> = {
  1: "low",
  2: "low",
  3: "medium",
  4: "high",
  5: "critical",
  6: "critical",
};
// Remediation activity_id: 1 Isolate, 2 Evict, 3 Restore, 4 Harden (5 Detect, 0/99 not mappable).
const REMEDIATION_BY_ACTIVITY: Record<number, EventType | undefined> = {
  1: "containment_applied",
  2: "containment_applied",
  3: "rollback_completed",
  4: "containment_applied",
};
const FINDING_CLASSES = new Set([2001, 2004]);
// The types a finding may name; external_detection is what it becomes when it names none.
const DETECTION_TYPES = EVENT_TYPES.filter(
  (t) =>
    ![
      "containment_applied",
      "rollback_completed",
      "command_rejected",
      "external_detection",
    ].includes(t),
);
// Below this, `time` is taken as epoch seconds (Prowler writes seconds): as milliseconds it
// would be before 1973-03-03, earlier than any finding a tool could report.
const SECONDS_BELOW = 1e11;

const resource = z.looseObject({
  name: z.string().optional(),
  version: z.string().optional(),
  uid: z.string().optional(),
  type: z.string().optional(),
  data: z.unknown().optional(),
});
const findingInfo = z
  .looseObject({
    uid: z.string().optional(),
    title: z.string().optional(),
    types: z.array(z.string()).optional(),
    desc: z.string().optional(),
  })
  .optional();
const base = z.looseObject({
  class_uid: z.number().int(),
  // Bounded so new Date(time).toISOString() cannot throw (a 500) on a huge epoch.
  time: z
    .number({ message: "Must be epoch milliseconds" })
    .int()
    .nonnegative()
    .max(MAX_TIMESTAMP_MS - 1, "Must be before year 10000"),
  severity_id: z.number().int().optional(),
  activity_id: z.number().int().optional(),
  status_id: z.number().int().optional(),
  message: z.string().optional(),
  metadata: z
    .looseObject({
      uid: z.string().optional(),
      version: z.string().optional(),
      product: z
        .looseObject({ name: z.string().optional(), vendor_name: z.string().optional() })
        .optional()
        .catch(undefined),
    })
    .optional(),
  // 2004 (and 1.1+) carry finding_info; the older 2001 Security Finding carries finding.
  finding_info: findingInfo,
  finding: findingInfo,
  status_code: z.string().optional().catch(undefined),
  resources: z.array(resource).optional(),
  unmapped: z.looseObject({ breakwater_type: z.string().optional() }).optional(),
});
type Ocsf = z.infer<typeof base>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stable UUID for an OCSF event: its own UUID uid if it has one, else derived from the
 *  uid (or, lacking one, the canonical content), so a resend maps to the same eventId and
 *  stays idempotent. */
function eventIdOf(e: Ocsf, external: boolean): string {
  const uid = e.metadata?.uid ?? infoOf(e)?.uid;
  if (uid && UUID.test(uid)) return uid.toLowerCase();
  // Another tool re-reports one finding under the same finding uid as it changes (Security
  // Hub, GuardDuty, Prowler re-scans): each report is its own event of the one incident, so
  // its time is part of the identity; a resend of the same report is still a duplicate.
  const key = !uid
    ? `ocsf-content:${canonicalJson(e)}`
    : external
      ? `ocsf-finding:${e.class_uid}:${uid}:${e.time}`
      : `ocsf-uid:${e.class_uid}:${uid}`;
  const h = crypto.createHash("sha256").update(key).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const infoOf = (e: Ocsf) => e.finding_info ?? e.finding;

/** Another tool's resources are cloud instances, buckets, users: only one it calls a plugin
 *  is one (ours name theirs first, so the first resource is taken for them). */
function pluginOf(e: Ocsf, external: boolean) {
  const r =
    e.resources?.find((x) => x.type?.toLowerCase() === "plugin") ??
    (external ? undefined : e.resources?.[0]);
  if (!r?.name || !r.version) return undefined;
  const data = (r.data ?? {}) as { sha256?: unknown };
  const sha = typeof data.sha256 === "string" ? data.sha256 : r.uid;
  return {
    name: r.name,
    version: r.version,
    ...(sha && /^[0-9a-f]{64}$/i.test(sha) ? { sha256: sha.toLowerCase() } : {}),
  };
}

function typeOf(e: Ocsf, i: number, errors: FieldError[]): EventType | undefined {
  const explicit = e.unmapped?.breakwater_type;
  if (FINDING_CLASSES.has(e.class_uid)) {
    return (
      [explicit, ...(infoOf(e)?.types ?? [])].find((x): x is EventType =>
        DETECTION_TYPES.includes(x as EventType),
      ) ?? "external_detection"
    );
  }
  if (explicit === "command_rejected") return "command_rejected";
  const t = REMEDIATION_BY_ACTIVITY[e.activity_id ?? 0];
  if (!t)
    errors.push({
      path: `${i}.activity_id`,
      message: `Remediation activity_id ${e.activity_id ?? "(missing)"} is not mappable; supported: 1 Isolate, 2 Evict, 3 Restore, 4 Harden`,
    });
  return t;
}

/** Maps a batch; the result is a { events } body for the regular ingest path. */
export function mapOcsfBatch(raw: unknown): {
  events: Record<string, unknown>[];
  /** Indexes of passed checks: nothing to respond to, so not stored (see below). */
  skipped: number[];
} {
  const list = Array.isArray(raw)
    ? raw
    : raw && typeof raw === "object" && Array.isArray((raw as { events?: unknown }).events)
      ? (raw as { events: unknown[] }).events
      : null;
  if (!list)
    throw new AppError("invalid_input", "The body must be an array of OCSF events.", {
      errors: [{ path: "(root)", message: "Must be an array" }],
    });
  if (list.length > MAX_BATCH_EVENTS)
    throw new AppError(
      "payload_too_large",
      `A batch holds at most ${MAX_BATCH_EVENTS} events; this one has ${list.length}.`,
    );
  if (list.length === 0)
    throw new AppError("invalid_input", "A batch holds at least one event.", {
      errors: [{ path: "(root)", message: "Must contain at least 1 event" }],
    });

  const unsupported: FieldError[] = [];
  const skipped: number[] = [];
  const invalid: FieldError[] = [];
  const events: Record<string, unknown>[] = [];
  list.forEach((item, i) => {
    // Before anything recursive (zod, canonicalisation) sees it: deep nesting would
    // overflow the stack and turn bad input into a 500.
    if (!jsonDepthWithin(item, MAX_OCSF_DEPTH)) {
      invalid.push({
        path: String(i),
        message: `Must not nest deeper than ${MAX_OCSF_DEPTH} levels`,
      });
      return;
    }
    const r = base.safeParse(item);
    if (!r.success) {
      invalid.push(...fieldErrorsOf(r.error.issues, { prefix: [i] }));
      return;
    }
    const e = r.data;
    if (!OCSF_CLASSES[e.class_uid]) {
      const name = KNOWN_OTHER[e.class_uid];
      unsupported.push({
        path: `${i}.class_uid`,
        message: `OCSF class ${e.class_uid}${name ? ` (${name})` : ""} is not supported; supported: 2001 Security Finding, 2004 Detection Finding, 7001–7004 Remediation Activity`,
      });
      return;
    }
    // A passed check (Prowler and other scanners report every check, passed or failed) found
    // nothing to respond to: an incident for it would bury the failures, and refusing it would
    // refuse the scanner's whole report. It is counted and left out.
    if (FINDING_CLASSES.has(e.class_uid) && e.status_code?.toUpperCase() === "PASS") {
      skipped.push(i);
      return;
    }
    const type = typeOf(e, i, unsupported);
    if (!type) return;
    const severity = SEVERITY_BY_ID[e.severity_id ?? 0];
    const external = type === "external_detection";
    const plugin = pluginOf(e, external);
    const info = infoOf(e);
    const details: Record<string, unknown> = {
      ocsf: {
        class_uid: e.class_uid,
        class_name: OCSF_CLASSES[e.class_uid],
        activity_id: e.activity_id ?? null,
        status_id: e.status_id ?? null,
        metadata_uid: e.metadata?.uid ?? null,
      },
    };
    if (info?.title) details.title = clip(info.title, 500);
    if (info?.desc) details.description = clip(info.desc, 4000);
    if (e.message) details.message = clip(e.message, 2000);
    if (external) details.finding = findingOf(e);
    events.push({
      eventId: eventIdOf(e, external),
      type,
      observedAt: new Date(e.time < SECONDS_BELOW ? e.time * 1000 : e.time).toISOString(),
      ...(severity ? { severity } : {}),
      ...(plugin ? { plugin } : {}),
      details,
    });
  });
  if (invalid.length)
    throw new AppError("invalid_input", "Some OCSF events are malformed; nothing was stored.", {
      errors: invalid,
    });
  if (unsupported.length)
    throw new AppError(
      "unprocessable",
      `Some OCSF events cannot be mapped (${unsupported[0].message}); nothing was stored.`,
      { errors: unsupported },
    );
  return { events, skipped };
}

/** Real tools' texts run long (Prowler's descriptions, GuardDuty's titles): clipped to what
 *  the event's details hold (lib/protocol/events.ts) rather than refusing the finding. */
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const nonEmpty = (s: string | undefined, max: number) =>
  s?.trim() ? clip(s.trim(), max) : undefined;

/** details.finding of an external detection: the tool's identity for what it found. */
function findingOf(e: Ocsf): ExternalFinding {
  const info = infoOf(e);
  const product = e.metadata?.product;
  const name = nonEmpty(product?.name, 200);
  const vendor = nonEmpty(product?.vendor_name, 200);
  const uid = nonEmpty(info?.uid, 500);
  const title = nonEmpty(info?.title, 500);
  const types = (info?.types ?? []).map((t) => nonEmpty(t, 200)).filter((t) => t !== undefined);
  return {
    ...(uid ? { uid } : {}),
    ...(title ? { title } : {}),
    ...(types.length ? { types: types.slice(0, 20) } : {}),
    ...(name || vendor
      ? { product: { ...(name ? { name } : {}), ...(vendor ? { vendor } : {}) } }
      : {}),
    class: OCSF_CLASSES[e.class_uid],
  };
}
