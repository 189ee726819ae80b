import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors/app-error.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { safeText } from "../protocol/safe-schemas.ts";
import { createUser } from "../users/create-user.ts";
import { listUsers } from "../users/list-users.ts";
import { emailSchema, passwordSchema, roleSchema } from "../users/schemas.ts";
import { updateUser } from "../users/update-user.ts";
import { defineCommand, isoMinute, ok, table } from "./command.ts";

async function userIdByEmail(db: PrismaClient, email: string): Promise<string> {
  const u = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!u) throw new AppError("not_found", `No user with email ${email}.`);
  return u.id;
}

export const userCommands = [
  defineCommand({
    name: "users list",
    usage: "users list",
    summary: "List every user with role, status and last sign-in",
    args: z.object({}),
    async run(_args, { db }) {
      const users = await listUsers(db);
      return ok(
        table(
          ["EMAIL", "NAME", "ROLE", "STATUS", "LAST LOGIN"],
          users.map((u) => [u.email, u.name, u.role, u.status, isoMinute(u.lastLoginAt)]),
        ),
      );
    },
  }),
  defineCommand({
    name: "users create",
    flags: ["email", "name", "role", "password"],
    usage:
      "users create --email EMAIL --name NAME --role admin|manager|responder|viewer [--password PASSWORD]",
    summary: "Create a user; without --password a random one is generated and printed once",
    args: z.object({
      email: emailSchema,
      name: safeText().trim().min(1, "Name is required").max(120),
      role: roleSchema,
      password: passwordSchema.optional(),
    }),
    async run(args, { db, actor }) {
      // 24 characters of base64url: 144 bits, well past the minimum length.
      const generated = args.password ? undefined : crypto.randomBytes(18).toString("base64url");
      const user = await createUser({ ...args, password: args.password ?? generated }, actor, db);
      const lines = [`Created ${user.role} ${user.email} (${user.id}).`];
      if (generated) lines.push(`Password (shown once, not stored in clear): ${generated}`);
      return ok(lines.join("\n"));
    },
  }),
  defineCommand({
    name: "users set-role",
    positionals: ["email", "role"],
    usage: "users set-role EMAIL admin|manager|responder|viewer",
    summary: "Change a user's role (their sessions end at the next request)",
    args: z.object({ email: emailSchema, role: roleSchema }),
    async run(args, { db, actor }) {
      const user = await updateUser(
        await userIdByEmail(db, args.email),
        { role: args.role },
        actor,
        db,
      );
      return ok(`${user.email} is now ${user.role}.`);
    },
  }),
  defineCommand({
    name: "users disable",
    positionals: ["email"],
    usage: "users disable EMAIL",
    summary: "Disable a user and end their sessions",
    args: z.object({ email: emailSchema }),
    async run(args, { db, actor }) {
      const user = await updateUser(
        await userIdByEmail(db, args.email),
        { status: "disabled" },
        actor,
        db,
      );
      return ok(`${user.email} is disabled.`);
    },
  }),
  defineCommand({
    name: "users enable",
    positionals: ["email"],
    usage: "users enable EMAIL",
    summary: "Enable a disabled user",
    args: z.object({ email: emailSchema }),
    async run(args, { db, actor }) {
      const user = await updateUser(
        await userIdByEmail(db, args.email),
        { status: "active" },
        actor,
        db,
      );
      return ok(`${user.email} is active.`);
    },
  }),
];
