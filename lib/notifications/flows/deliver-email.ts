import "server-only";
import nodemailer from "nodemailer";
import { SYSTEM } from "../../audit/actor.ts";
import { appendAudit } from "../../audit/append-audit.ts";
import { getDb } from "../../db/index.ts";
import { inTransaction, type Tx } from "../../db/transaction.ts";
import { env } from "../../env.ts";
import { logger } from "../../log.ts";
import type { TimerHandler } from "../../timers/run-due-timers.ts";
import { cancelTimer, scheduleTimer } from "../../timers/schedule-timer.ts";
import { EMAIL_TIMER } from "../email-timer.ts";

// A send that has not reported back within this long is taken as lost (the process died
// mid-send) and tried again by the timer scheduled for exactly that case.
const LEASE_MS = 60_000;
const nextKey = (id: string, attempt: number) => `email:${id}:${attempt + 1}`;

/**
 * Fires one e-mail's attempt. In the timer's transaction it only claims the message
 * (pending, or a lapsed lease) and schedules the next attempt for the case this process dies
 * mid-send; the SMTP conversation runs after commit with no transaction open, and its
 * outcome is written in a transaction of its own: sent, or the error and a retry with
 * exponential backoff, or — after BREAKWATER_EMAIL_MAX_ATTEMPTS — failed, which the person
 * sees in their notification settings and the audit log records.
 */
export const deliverEmail: TimerHandler = async (tx, timer, now) => {
  const id = String(timer.payload.emailId);
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const claimed = await tx.emailMessage.updateMany({
    where: {
      id,
      OR: [{ status: "pending" }, { status: "sending", leaseUntil: { lt: now } }],
    },
    data: { status: "sending", leaseUntil, attempts: { increment: 1 } },
  });
  if (claimed.count !== 1) return;
  const m = await tx.emailMessage.findUniqueOrThrow({
    where: { id },
    select: { id: true, toAddress: true, subject: true, text: true, attempts: true },
  });
  // One second past the lease: the claim above wants the lease strictly over.
  await scheduleTimer(tx, {
    kind: EMAIL_TIMER,
    dueAt: new Date(leaseUntil.getTime() + 1000),
    payload: { emailId: id },
    dedupeKey: nextKey(id, m.attempts),
  });
  return async () => {
    let error: string | null = null;
    try {
      await transport().sendMail({
        from: env.BREAKWATER_MAIL_FROM,
        to: m.toAddress,
        subject: m.subject,
        text: m.text,
      });
    } catch (e) {
      error = String((e as Error).message ?? e).slice(0, 500);
    }
    await inTransaction(await getDb(), (t) => recordAttempt(t, m, error));
  };
};

async function recordAttempt(
  tx: Tx,
  m: { id: string; toAddress: string; subject: string; attempts: number },
  error: string | null,
) {
  const now = new Date();
  // Guarded on this attempt: a lapsed lease may have let another attempt start meanwhile.
  const mine = { id: m.id, status: "sending" as const, attempts: m.attempts };
  if (error === null) {
    await tx.emailMessage.updateMany({
      where: mine,
      data: { status: "sent", sentAt: now, leaseUntil: null, lastError: null },
    });
    await cancelTimer(tx, nextKey(m.id, m.attempts));
    return;
  }
  const giveUp = m.attempts >= env.BREAKWATER_EMAIL_MAX_ATTEMPTS;
  const nextAttemptAt = new Date(
    now.getTime() + env.BREAKWATER_EMAIL_RETRY_BASE_MS * 2 ** (m.attempts - 1),
  );
  const moved = await tx.emailMessage.updateMany({
    where: mine,
    data: giveUp
      ? { status: "failed", failedAt: now, leaseUntil: null, lastError: error }
      : { status: "pending", leaseUntil: null, lastError: error, nextAttemptAt },
  });
  logger.warn("e-mail send failed", { emailId: m.id, attempts: m.attempts, giveUp, error });
  if (moved.count !== 1) return;
  if (!giveUp) {
    await scheduleTimer(tx, {
      kind: EMAIL_TIMER,
      dueAt: nextAttemptAt,
      payload: { emailId: m.id },
      dedupeKey: nextKey(m.id, m.attempts),
    });
    return;
  }
  await cancelTimer(tx, nextKey(m.id, m.attempts));
  await appendAudit(tx, {
    actor: SYSTEM,
    action: "email.failed",
    target: { type: "email", id: m.id },
    details: { to: m.toAddress, subject: m.subject, attempts: m.attempts, error },
  });
}

// One transport per URL: nodemailer opens a connection per message unless pooled, and a
// pool would keep a socket to the mail server open for a process that mostly sends nothing.
let cached: { url: string; t: nodemailer.Transporter } | null = null;
function transport() {
  const url = env.BREAKWATER_SMTP_URL;
  if (!url) throw new Error("BREAKWATER_SMTP_URL is not set");
  if (cached?.url !== url)
    cached = {
      url,
      // Bounded, so a mail server that accepts the connection and then says nothing ends
      // the attempt instead of the timer loop's poll.
      t: nodemailer.createTransport({
        url,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 15_000,
      } as Parameters<typeof nodemailer.createTransport>[0]),
    };
  return cached.t;
}

export const NOTIFICATION_TIMER_HANDLERS: Record<string, TimerHandler> = {
  [EMAIL_TIMER]: deliverEmail,
};
