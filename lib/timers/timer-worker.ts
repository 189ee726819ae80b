import "server-only";
import { logger } from "../log.ts";
import { processSingleton } from "../process-singleton.ts";
import { runDueTimers } from "./run-due-timers.ts";
import { registeredTimerHandlers } from "./timer-registry.ts";

// One polling loop per process, however many times boot runs (dev-mode reloads).
const worker = processSingleton("timerWorker", () => ({ interval: null as NodeJS.Timeout | null }));

/** Polls for due timers once a second in this instance. Safe to run in every instance. */
export function startTimerWorker(intervalMs = 1000) {
  if (worker.interval) return;
  const handlers = registeredTimerHandlers();
  // A worker with nothing registered would poll for ever and fire nothing.
  if (Object.keys(handlers).length === 0)
    throw new Error(
      "no timer handlers registered: call registerHandlers() (lib/server/register-handlers.ts) before startTimerWorker()",
    );
  let busy = false;
  worker.interval = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      await runDueTimers(handlers);
    } catch (e) {
      logger.warn("timer poll failed", { error: e });
    } finally {
      busy = false;
    }
  }, intervalMs);
  worker.interval.unref();
}
