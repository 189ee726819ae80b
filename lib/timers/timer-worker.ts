import "server-only";
import { runDueTimers } from "./run-due-timers.ts";
import { TIMER_HANDLERS } from "./handlers.ts";
import { logger } from "../log.ts";

const g = globalThis as unknown as { __bwTimerWorker?: NodeJS.Timeout };

/** Polls for due timers once a second in this instance. Safe to run in every instance. */
export function startTimerWorker(intervalMs = 1000) {
  if (g.__bwTimerWorker) return;
  let busy = false;
  g.__bwTimerWorker = setInterval(async () => {
    if (busy || Object.keys(TIMER_HANDLERS).length === 0) return;
    busy = true;
    try {
      await runDueTimers(TIMER_HANDLERS);
    } catch (e) {
      logger.warn("timer poll failed", { error: e });
    } finally {
      busy = false;
    }
  }, intervalMs);
  g.__bwTimerWorker.unref();
}
