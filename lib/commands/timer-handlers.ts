import "server-only";
import type { TimerHandler } from "../timers/run-due-timers.ts";
import { containmentEndTimer, expireCommandTimer } from "./command-timers.ts";
import { CONTAINMENT_END_TIMER, EXPIRE_TIMER } from "./issue-command.ts";

export const COMMAND_TIMER_HANDLERS: Record<string, TimerHandler> = {
  [EXPIRE_TIMER]: expireCommandTimer,
  [CONTAINMENT_END_TIMER]: containmentEndTimer,
};
