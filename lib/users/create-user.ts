import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { hashPassword } from "../auth/password.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { createUserInput, type UserDto, userSelect } from "./schemas.ts";

export async function createUser(raw: unknown, actor: Actor, db?: Db): Promise<UserDto> {
  const input = createUserInput.parse(raw);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const exists = await tx.user.findUnique({
      where: { email: input.email },
      select: { id: true },
    });
    if (exists) throw new AppError("conflict", `A user with email ${input.email} already exists.`);
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: userSelect,
    });
    await appendAudit(tx, {
      actor,
      action: "user.created",
      target: { type: "user", id: user.id },
      details: { email: user.email, role: user.role },
    });
    return user;
  });
}
