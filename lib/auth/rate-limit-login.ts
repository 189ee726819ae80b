import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";

const WINDOW_MS = 3600_000;

/** Refuses with 429 once an account or an IP has too many failed logins in the last hour.
 *  Counted in the database so the limit survives restarts and holds across instances. */
export async function assertLoginAllowed(email: string, ip: string, db?: Db, now = new Date()) {
  db ??= await getDb();
  const since = new Date(now.getTime() - WINDOW_MS);
  const normal = email.trim().toLowerCase();
  const [byAccount, byIp] = await Promise.all([
    db.loginFailure.findMany({
      where: { email: normal, at: { gte: since } },
      select: { at: true },
      orderBy: { at: "asc" },
      take: env.BREAKWATER_LOGIN_MAX_FAILURES_PER_ACCOUNT,
    }),
    db.loginFailure.findMany({
      where: { ip, at: { gte: since } },
      select: { at: true },
      orderBy: { at: "asc" },
      take: env.BREAKWATER_LOGIN_MAX_FAILURES_PER_IP,
    }),
  ]);
  const blocked =
    byAccount.length >= env.BREAKWATER_LOGIN_MAX_FAILURES_PER_ACCOUNT
      ? byAccount
      : byIp.length >= env.BREAKWATER_LOGIN_MAX_FAILURES_PER_IP
        ? byIp
        : null;
  if (blocked) {
    // The oldest failure in the window ages out first; that is when one more try is allowed.
    const retryAfter = Math.max(
      1,
      Math.ceil((blocked[0].at.getTime() + WINDOW_MS - now.getTime()) / 1000),
    );
    throw new AppError("rate_limited", "Too many failed sign-in attempts. Try again later.", {
      retryAfterSeconds: retryAfter,
    });
  }
}

export async function recordLoginFailure(email: string, ip: string, db?: Db, now = new Date()) {
  db ??= await getDb();
  await db.loginFailure.create({ data: { email: email.trim().toLowerCase(), ip, at: now } });
}
