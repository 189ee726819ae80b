// The drill scenario file format (playbooks/drills/<slug>.yaml): what the team rehearses,
// against which playbook and fleet, the injects at T+seconds of drill time, and the expected
// actions with their targets. Strict objects, as for playbooks: a misspelt key is an error
// naming it, never a silently ignored inject.
import { z } from "zod";
import { COMMAND_TYPES } from "../protocol/commands.ts";
import { EVENT_TYPES, SEVERITIES } from "../protocol/events.ts";

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lower-case letters, digits and -");
const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "lower-case letters, digits, _ and -");
/** Drill-time seconds; at ×10 a 30-minute scenario runs in 3 wall minutes. */
const seconds = z
  .number()
  .int()
  .min(0)
  .max(24 * 3600);

/** Which simulated hosts an inject touches: N hosts (after skipping the first `skip`, so two
 *  faults can land on different hosts), a share of the fleet, or all. */
export const hostSelectorSchema = z.union([
  z.strictObject({
    count: z.number().int().min(1).max(5000),
    skip: z.number().int().min(0).max(5000).optional(),
  }),
  z.strictObject({ percent: z.number().min(1).max(100) }),
  z.literal("all"),
]);
export type HostSelector = z.infer<typeof hostSelectorSchema>;

const pluginSchema = z.strictObject({
  name: z.string().min(1).max(200),
  version: z.string().min(1).max(100),
});

const at = { id, at: seconds, label: z.string().max(200).optional() };

export const injectSchema = z.discriminatedUnion("kind", [
  // Events from simulated hosts, sent through the real ingest API by the drill's agents.
  z.strictObject({
    ...at,
    kind: z.literal("events"),
    hosts: hostSelectorSchema,
    plugin: pluginSchema,
    eventType: z.enum(EVENT_TYPES),
    severity: z.enum(SEVERITIES),
    /** Events per selected host. */
    perHost: z.number().int().min(1).max(100).default(1),
  }),
  // A facilitator message, shown in the drill's incidents and as a notification.
  z.strictObject({
    ...at,
    kind: z.literal("message"),
    text: z.string().min(1).max(2000),
    /** Playbook roles to notify; everyone in the drill when absent. */
    to: z.array(z.string().min(1)).optional(),
  }),
  z.strictObject({ ...at, kind: z.literal("host_offline"), hosts: hostSelectorSchema }),
  z.strictObject({ ...at, kind: z.literal("host_online"), hosts: hostSelectorSchema }),
  // From `at` on, the selected hosts answer this command type with "failed" …
  z.strictObject({
    ...at,
    kind: z.literal("command_fails"),
    hosts: hostSelectorSchema,
    commandType: z.enum(COMMAND_TYPES),
    reason: z.string().max(500).default("simulated failure"),
  }),
  // … never answer it (the lease expires and the server redelivers) …
  z.strictObject({
    ...at,
    kind: z.literal("command_silent"),
    hosts: hostSelectorSchema,
    commandType: z.enum(COMMAND_TYPES),
  }),
  // … or refuse it as an agent would ("rejected", e.g. a signature it does not accept).
  z.strictObject({
    ...at,
    kind: z.literal("command_rejected"),
    hosts: hostSelectorSchema,
    commandType: z.enum(COMMAND_TYPES),
    reason: z.string().max(500).default("simulated rejection"),
  }),
  // A second plugin joins: it is installed on the selected hosts and starts misbehaving.
  z.strictObject({
    ...at,
    kind: z.literal("plugin_joins"),
    hosts: hostSelectorSchema,
    plugin: pluginSchema,
    eventType: z.enum(EVENT_TYPES),
    severity: z.enum(SEVERITIES),
  }),
]);
export type Inject = z.infer<typeof injectSchema>;
export type InjectKind = Inject["kind"];

/** What the team is expected to do, measured from machine timestamps. */
export const EXPECTED_ACTIONS = [
  "incident_acknowledged",
  "role_assigned",
  "approval_given",
  "command_issued",
  "command_succeeded_all",
  "incident_contained",
  "containment_verified",
  "step_completed",
  "incident_recovered",
] as const;
export type ExpectedActionKind = (typeof EXPECTED_ACTIONS)[number];

export const expectedActionSchema = z.strictObject({
  id,
  label: z.string().min(1).max(200),
  action: z.enum(EXPECTED_ACTIONS),
  /** The role held responsible (scored per role); a playbook role key. */
  role: z.string().min(1),
  /** Target, in drill seconds after `from`. */
  within: z
    .number()
    .int()
    .min(1)
    .max(24 * 3600),
  /** Measured from this inject's firing; from the drill's start when absent. */
  from: id.optional(),
  /** For role_assigned: which role must be filled. */
  assignRole: z.string().min(1).optional(),
  /** For command_issued / command_succeeded_all. */
  commandType: z.enum(COMMAND_TYPES).optional(),
  /** For step_completed / approval_given: the playbook step id. */
  step: z.string().min(1).optional(),
});
export type ExpectedAction = z.infer<typeof expectedActionSchema>;

export const scenarioSchema = z
  .strictObject({
    slug,
    title: z.string().min(1).max(200),
    description: z.string().max(4000).default(""),
    objectives: z.array(z.string().min(1).max(500)).min(1),
    /** The playbook (slug) the drill exercises; it must exist in playbooks/. */
    playbook: slug,
    /** The roles participants play (playbook role keys), with what each is there to practise. */
    roles: z
      .array(z.strictObject({ key: z.string().min(1), brief: z.string().max(1000).default("") }))
      .min(1),
    fleet: z.strictObject({
      hosts: z.number().int().min(1).max(5000),
      hostnamePrefix: z
        .string()
        .regex(/^[a-z0-9-]{1,30}$/)
        .default("drill-host"),
      /** Every simulated host runs these plugins besides the simulated inventory. */
      plugins: z.array(pluginSchema).default([]),
    }),
    /** Drill seconds after which the run ends by itself if nobody ends it. */
    durationSeconds: seconds.refine((s) => s > 0, "must be positive"),
    injects: z.array(injectSchema).min(1),
    expected: z.array(expectedActionSchema).min(1),
  })
  .superRefine((s, ctx) => {
    const injectIds = new Set<string>();
    s.injects.forEach((inj, i) => {
      if (injectIds.has(inj.id))
        ctx.addIssue({ code: "custom", path: ["injects", i, "id"], message: "duplicate id" });
      injectIds.add(inj.id);
      if (inj.at > s.durationSeconds)
        ctx.addIssue({
          code: "custom",
          path: ["injects", i, "at"],
          message: `after the drill's end (${s.durationSeconds}s)`,
        });
    });
    const roles = new Set(s.roles.map((r) => r.key));
    s.expected.forEach((e, i) => {
      if (e.from && !injectIds.has(e.from))
        ctx.addIssue({
          code: "custom",
          path: ["expected", i, "from"],
          message: `no inject "${e.from}"`,
        });
      if (!roles.has(e.role))
        ctx.addIssue({
          code: "custom",
          path: ["expected", i, "role"],
          message: `"${e.role}" is not one of the scenario's roles`,
        });
      const needs: Partial<Record<ExpectedActionKind, keyof ExpectedAction>> = {
        role_assigned: "assignRole",
        command_issued: "commandType",
        command_succeeded_all: "commandType",
        step_completed: "step",
        approval_given: "step",
      };
      const field = needs[e.action];
      if (field && e[field] === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["expected", i, field],
          message: `required for ${e.action}`,
        });
    });
  });
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
