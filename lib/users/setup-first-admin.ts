import "server-only";
import { systemActor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { hashPassword } from "../auth/password.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { setupInput, type UserDto, userSelect } from "./schemas.ts";

// Held while checking "no users yet" and creating the admin, so two setup requests racing
// on a fresh install cannot both create one.
const SETUP_LOCK = 72_707_372;

export async function needsSetup(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

/** The one-time setup: creates the first admin, and refuses once any user exists. */
export async function setupFirstAdmin(
  raw: unknown,
  via: "setup_page" | "environment",
  db?: Db,
): Promise<UserDto> {
  const input = setupInput.parse(raw);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`;
    if ((await tx.user.count()) > 0) throw new AppError("conflict", "Setup is already complete.");
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: "admin", passwordHash },
      select: userSelect,
    });
    await appendAudit(tx, {
      actor: systemActor(via),
      action: "user.created",
      target: { type: "user", id: user.id },
      details: { email: user.email, role: "admin", firstAdmin: true },
    });
    return user;
  });
}
