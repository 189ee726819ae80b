import "server-only";
import type { TimerHandler } from "./run-due-timers.ts";

// Every timer kind and the function that fires it. Each domain adds its own entries here.
export const TIMER_HANDLERS: Record<string, TimerHandler> = {};
