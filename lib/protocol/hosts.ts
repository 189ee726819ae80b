// Enrolment and inventory (docs/AGENT-PROTOCOL.md, POST /enroll and PUT /inventory): what an
// agent sends, parsed by the server, and the enrolment reply the agent parses in turn.
import { z } from "zod";
import { safeText } from "./safe-schemas.ts";

// Bounded strings everywhere: an agent is a third party, and an unbounded field is a free
// way to bloat the database or the UI.
const text = (max: number) =>
  safeText().trim().min(1, "Required").max(max, `At most ${max} characters`);

export const PLUGIN_STATES = ["active", "disabled", "quarantined", "revoked"] as const;
export const pluginStateSchema = z.enum(PLUGIN_STATES);
export const sha256Schema = safeText()
  .regex(/^[0-9a-fA-F]{64}$/, "Expected 64 hex characters")
  .transform((s) => s.toLowerCase());

/** The protocol's Plugin object. */
export const pluginSchema = z.object({
  name: text(200),
  version: text(100),
  origin: text(500),
  signer: text(500).nullable(),
  sha256: sha256Schema,
  permissions: z.array(text(200)).max(200, "At most 200 permissions"),
  state: pluginStateSchema,
});
export type PluginInput = z.infer<typeof pluginSchema>;
export type PluginState = (typeof PLUGIN_STATES)[number];
/** A plugin as an agent reports it. */
export type Plugin = z.input<typeof pluginSchema>;

/** A host has one row per (name, version); a list that repeats one is refused rather than
 *  silently collapsed, so the agent learns its report was ambiguous. */
export const pluginListSchema = z
  .array(pluginSchema)
  .max(1000, "At most 1000 plugins")
  .superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.forEach((p, i) => {
      const k = `${p.name}\u0000${p.version}`;
      const first = seen.get(k);
      if (first !== undefined)
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: `Duplicate of plugins[${first}] (same name and version)`,
        });
      else seen.set(k, i);
    });
  });

export const enrollInput = z.object({
  enrollmentToken: safeText().min(1, "Required").max(200),
  hostname: text(253),
  os: text(200),
  agentVersion: text(100),
  plugins: pluginListSchema.optional(),
  /** The agent's name for this enrolment attempt, kept across its retries (docs/AGENT-PROTOCOL.md). */
  enrollmentId: z.uuid("Must be a UUID").optional(),
});
export type EnrollInput = z.infer<typeof enrollInput>;

export const inventoryInput = z.object({ plugins: pluginListSchema });

/** A command-signing key as the agent pins it from the enrolment reply. */
export const serverKeySchema = z.object({
  kid: z.string(),
  alg: z.literal("Ed25519"),
  publicKey: z.string(),
});
export type ServerKey = z.infer<typeof serverKeySchema>;

/** A key as the server publishes it (enrolment reply, GET /server-keys): with the start of its
 *  validity and the endorsements that chain it to the key it replaced. */
export const publishedServerKeySchema = serverKeySchema.extend({
  notBefore: z.string(),
  endorsements: z.array(z.object({ kid: z.string(), sig: z.string() })),
});
export const serverKeysReplySchema = z.object({
  serverKeys: z.array(publishedServerKeySchema),
  retiredKeys: z.array(publishedServerKeySchema),
});

// The agent parses the server's reply rather than trusting it: a malformed reply is treated
// like a failed call.
export const enrollReplySchema = z.object({
  hostId: z.string().min(1),
  hostToken: z.string().min(1),
  serverKeys: z.array(serverKeySchema),
  pollSeconds: z.number().int().positive(),
  maxBatchEvents: z.number().int().positive(),
});
export type EnrollReply = z.infer<typeof enrollReplySchema>;
