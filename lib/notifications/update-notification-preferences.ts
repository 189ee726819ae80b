import "server-only";
import type { UserActor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { PREFERENCE_SELECT } from "./get-notification-preferences.ts";
import { isTimeZone } from "./quiet-hours.ts";
import { notificationPreferencesInput } from "./schemas.ts";

/** PUT /me/notification-preferences: replaces the caller's own preferences (the user comes
 *  from the session, never the body). Audited: turning off escalation e-mail is a choice
 *  someone may have to answer for after a missed page. */
export async function updateNotificationPreferences(actor: UserActor, body: unknown, db?: Db) {
  const p = parseInput(notificationPreferencesInput, body);
  if (!isTimeZone(p.timeZone))
    throw new AppError("invalid_input", "Unknown time zone.", {
      errors: [{ path: "timeZone", message: "Must be an IANA time zone, e.g. Europe/Berlin" }],
    });
  return inTransaction(db, async (tx) => {
    const now = new Date();
    const saved = await tx.notificationPreference.upsert({
      where: { userId: actor.id },
      create: { userId: actor.id, ...p, updatedAt: now },
      update: { ...p, updatedAt: now },
      select: PREFERENCE_SELECT,
    });
    await appendAudit(tx, {
      actor,
      action: "notification_preferences.updated",
      target: { type: "user", id: actor.id },
      details: saved,
    });
    return { preferences: saved };
  });
}
