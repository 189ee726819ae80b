import "server-only";
import { processSingleton } from "../process-singleton.ts";
import type { TimerHandler } from "./run-due-timers.ts";

// Timer kind → the function that fires it. Filled by the composition root
// (lib/server/register-handlers.ts), never by lib/timers itself: the domains import timers,
// so timers importing their handlers would point the arrow back up. Process-wide: boot fills
// it, and the routes (another module graph) schedule timers against it.
const handlers = processSingleton("timerHandlers", () => new Map<string, TimerHandler>());

export function registerTimerHandlers(entries: Record<string, TimerHandler>) {
  for (const [kind, fn] of Object.entries(entries)) {
    const had = handlers.get(kind);
    if (had && had !== fn) throw new Error(`timer kind "${kind}" has two handlers`);
    handlers.set(kind, fn);
  }
}

/** Every registered handler (what the timer worker fires). */
export function registeredTimerHandlers(): Record<string, TimerHandler> {
  return Object.fromEntries(handlers);
}

/** Scheduling a kind nothing would fire is a wiring bug: refuse it at the write instead of
 *  leaving a timer pending for ever. */
export function assertTimerKindRegistered(kind: string) {
  if (!handlers.has(kind)) {
    throw new Error(
      `no handler is registered for timer kind "${kind}": call registerHandlers() from lib/server/register-handlers.ts at this process's entry point, and register the kind there`,
    );
  }
}
