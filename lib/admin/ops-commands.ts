import "server-only";
import { z } from "zod";
import { verifyAudit } from "../audit/verify-audit.ts";
import { createEnrollmentToken } from "../hosts/create-enrollment-token.ts";
import { listEnrollmentTokens } from "../hosts/list-enrollment-tokens.ts";
import { revokeEnrollmentToken } from "../hosts/revoke-enrollment-token.ts";
import { MAX_TOKEN_USES } from "../hosts/schemas.ts";
import { safeText } from "../protocol/safe-schemas.ts";
import { defineCommand, isoMinute, ok, table } from "./command.ts";

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** "90s", "30m", "1h", "7d" → seconds. */
export const durationSchema = safeText()
  .trim()
  .regex(/^\d{1,6}[smhd]$/, "Use a number and a unit, e.g. 30m, 1h or 7d")
  .transform(
    (v) => Number(v.slice(0, -1)) * UNIT_SECONDS[v.slice(-1) as keyof typeof UNIT_SECONDS],
  );

export const opsCommands = [
  defineCommand({
    name: "audit verify",
    usage: "audit verify",
    summary: "Walk the hash-chained audit log; exit 1 and name the first broken entry",
    args: z.object({}),
    async run(_args, { db }) {
      const r = await verifyAudit(db);
      // Entries committed after verify sealed (or by transactions still open) are not broken,
      // just not chained yet; an old one means no sealer is running.
      const sealing = r.unsealed
        ? `; ${r.unsealed} newer entries still sealing (oldest ${Math.round(r.oldestUnsealedSeconds ?? 0)} s)`
        : "";
      return r.ok
        ? ok(`verified ${r.entries} entries${sealing}`)
        : { output: `broken at seq ${r.brokenSeq}: ${r.reason}${sealing}`, exitCode: 1 };
    },
  }),
  defineCommand({
    name: "enroll-token create",
    flags: ["uses", "expires", "label"],
    usage: "enroll-token create --uses N --expires 1h [--label LABEL]",
    summary: "Create a one-time enrollment token for host agents (printed once)",
    args: z.object({
      uses: z.coerce
        .number({ error: "Give a number of uses" })
        .int()
        .min(1, "At least one use")
        .max(MAX_TOKEN_USES, `At most ${MAX_TOKEN_USES} uses`),
      expires: durationSchema,
      label: safeText().optional(),
    }),
    async run(args, { db, actor, now }) {
      const label = args.label ?? `cli ${now.toISOString().slice(0, 16).replace("T", " ")}Z`;
      const t = await createEnrollmentToken(
        { label, maxUses: args.uses, expiresInSeconds: args.expires },
        actor,
        db,
        now,
      );
      return ok(
        [
          `Created enrollment token ${t.id} "${t.label}": ${t.maxUses} use(s), expires ${isoMinute(t.expiresAt)}.`,
          `Token (shown once, only its hash is stored): ${t.token}`,
        ].join("\n"),
      );
    },
  }),
  defineCommand({
    name: "enroll-token list",
    usage: "enroll-token list",
    summary: "List enrollment tokens with their state and remaining uses",
    args: z.object({}),
    async run(_args, { db, now }) {
      const tokens = await listEnrollmentTokens(db, now);
      return ok(
        table(
          ["ID", "LABEL", "STATE", "USES", "EXPIRES", "CREATED"],
          tokens.map((t) => [
            t.id,
            t.label,
            t.state,
            `${t.uses}/${t.maxUses}`,
            isoMinute(t.expiresAt),
            isoMinute(t.createdAt),
          ]),
        ),
      );
    },
  }),
  defineCommand({
    name: "enroll-token revoke",
    positionals: ["id"],
    usage: "enroll-token revoke ID",
    summary: "Revoke an enrollment token so no further host can enrol with it",
    args: z.object({ id: safeText().min(1) }),
    async run(args, { db, actor, now }) {
      const t = await revokeEnrollmentToken(args.id, actor, db, now);
      return ok(`Revoked enrollment token ${t.id} "${t.label}" (${t.uses} use(s) made).`);
    },
  }),
];
