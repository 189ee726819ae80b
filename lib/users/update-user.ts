import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { type UserDto, updateUserInput, userSelect } from "./schemas.ts";

/** Changes a user's role and/or status. Either bumps sessionVersion, which ends that
 *  user's sessions at their next request. The last active admin cannot be demoted or disabled. */
export async function updateUser(
  userId: string,
  raw: unknown,
  actor: Actor,
  db?: Db,
): Promise<UserDto> {
  const input = updateUserInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: userSelect });
    if (!before) throw new AppError("not_found", "No such user.");
    const losesAdmin =
      before.role === "admin" &&
      before.status === "active" &&
      ((input.role && input.role !== "admin") || input.status === "disabled");
    if (losesAdmin) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707371)`;
      const admins = await tx.user.count({ where: { role: "admin", status: "active" } });
      if (admins <= 1)
        throw new AppError(
          "conflict",
          "This is the last active admin; make someone else an admin first.",
        );
    }
    const statusChange =
      input.status && input.status !== before.status
        ? { status: input.status, disabledAt: input.status === "disabled" ? new Date() : null }
        : {};
    const user = await tx.user.update({
      where: { id: userId },
      data: {
        ...(input.role ? { role: input.role } : {}),
        ...statusChange,
        sessionVersion: { increment: 1 },
      },
      select: userSelect,
    });
    if (input.role && input.role !== before.role) {
      await appendAudit(tx, {
        actor,
        action: "user.role_changed",
        target: { type: "user", id: userId },
        details: { email: user.email, from: before.role, to: user.role },
      });
    }
    if (input.status && input.status !== before.status) {
      await appendAudit(tx, {
        actor,
        action: input.status === "disabled" ? "user.disabled" : "user.enabled",
        target: { type: "user", id: userId },
        details: { email: user.email },
      });
    }
    return user;
  });
}
