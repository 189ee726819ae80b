import "server-only";
import { z } from "zod";
import { subscribeChanges } from "../db/change-feed.ts";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import { resolveIncidentRef } from "../incidents/resolve-incident-ref.ts";

export const liveQuery = z
  .object({
    incident: z.string().min(1).max(100).optional(),
    command: z.string().uuid("command must be a command id").optional(),
  })
  .refine((q) => q.incident || q.command, {
    message: "Name an incident or a command to watch",
    path: ["incident"],
  });

const HEARTBEAT_MS = 15_000;

/** A text/event-stream of "change" events for one incident and/or one command, sent the
 *  moment their transaction commits, on this instance or (through the cluster bus) another.
 *  The page re-reads on each event; it keeps polling as the fallback when the stream drops. */
export async function streamChanges(
  raw: Record<string, string | undefined>,
  signal: AbortSignal,
  db?: Db,
): Promise<ReadableStream<Uint8Array>> {
  const q = liveQuery.parse(raw);
  db ??= await getDb();
  const keys: string[] = [];
  if (q.incident) {
    const inc = await db.incident.findFirst({
      where: resolveIncidentRef(q.incident),
      select: { id: true },
    });
    if (!inc) throw new AppError("not_found", `Incident ${q.incident} does not exist.`);
    keys.push(`incident:${inc.id}`);
  }
  if (q.command) {
    const cmd = await db.command.findUnique({ where: { id: q.command }, select: { id: true } });
    if (!cmd) throw new AppError("not_found", "No such command.");
    keys.push(`command:${cmd.id}`);
  }
  const enc = new TextEncoder();
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(enc.encode(text));
        } catch {
          stop();
        }
      };
      // Tells the browser how soon to reconnect after a drop.
      send(`retry: 2000\nevent: ready\ndata: ${JSON.stringify({ keys })}\n\n`);
      const unsubscribe = subscribeChanges(keys, (key) =>
        send(`event: change\ndata: ${JSON.stringify({ key, at: new Date().toISOString() })}\n\n`),
      );
      // Proxies close idle streams; a comment line every 15 s keeps it open.
      const beat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      stop = () => {
        clearInterval(beat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      signal.addEventListener("abort", () => stop(), { once: true });
      // The browser may have gone while the lookups above ran: that abort has fired already.
      if (signal.aborted) stop();
    },
    cancel() {
      stop();
    },
  });
}
