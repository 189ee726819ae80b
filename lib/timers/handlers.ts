import "server-only";
import type { TimerHandler } from "./run-due-timers.ts";
import { PLAYBOOK_TIMER_HANDLERS } from "../playbooks/timer-handlers.ts";
import { ARTIFACT_TIMER_HANDLERS } from "../artifacts/timer-handlers.ts";
import { COMMAND_TIMER_HANDLERS } from "../commands/timer-handlers.ts";
import { AUDIT_CHECKPOINT_TIMER, checkpointAuditChain } from "../audit/checkpoint-timer.ts";

// Every timer kind and the function that fires it. Each domain adds its own entries here.
export const TIMER_HANDLERS: Record<string, TimerHandler> = {
  ...PLAYBOOK_TIMER_HANDLERS,
  ...ARTIFACT_TIMER_HANDLERS,
  ...COMMAND_TIMER_HANDLERS,
  [AUDIT_CHECKPOINT_TIMER]: checkpointAuditChain,
};
