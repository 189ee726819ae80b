import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { env } from "../env.ts";

export const PREFERENCE_SELECT = {
  emailEscalations: true,
  emailApprovals: true,
  emailAssignments: true,
  quietFrom: true,
  quietTo: true,
  timeZone: true,
} as const;

export const DEFAULT_PREFERENCES = {
  emailEscalations: true,
  emailApprovals: true,
  emailAssignments: true,
  quietFrom: null as string | null,
  quietTo: null as string | null,
  timeZone: "UTC",
};

/** My notification preferences (defaults until I save any), whether this server sends e-mail
 *  at all, and the e-mails sent to me lately with their delivery state: a failed one shows
 *  here with its error, so nobody relies on a page that never left. */
export async function getNotificationPreferences(user: { id: string; email: string }, db?: Db) {
  const client = db ?? (await getDb());
  const [saved, emails] = await Promise.all([
    client.notificationPreference.findUnique({
      where: { userId: user.id },
      select: PREFERENCE_SELECT,
    }),
    client.emailMessage.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: {
        id: true,
        kind: true,
        subject: true,
        status: true,
        attempts: true,
        lastError: true,
        createdAt: true,
        nextAttemptAt: true,
        sentAt: true,
        failedAt: true,
      },
    }),
  ]);
  return {
    preferences: saved ?? DEFAULT_PREFERENCES,
    email: { enabled: Boolean(env.BREAKWATER_SMTP_URL), address: user.email },
    recent: emails,
  };
}
