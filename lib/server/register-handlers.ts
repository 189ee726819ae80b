import "server-only";
import { ARTIFACT_TIMER_HANDLERS } from "../artifacts/timer-handlers.ts";
import { AUDIT_CHECKPOINT_TIMER, checkpointAuditChain } from "../audit/checkpoint-timer.ts";
import { registerCommandStepHandler } from "../commands/step-hook.ts";
import { COMMAND_TIMER_HANDLERS } from "../commands/timer-handlers.ts";
import { drillStepClock } from "../drills/drill-step-clock.ts";
import { seatDrillParticipants } from "../drills/seat-drill-participants.ts";
import { DRILL_TIMER_HANDLERS } from "../drills/timer-handlers.ts";
import { registerIncidentOpenedHook } from "../events/incident-opened-hook.ts";
import { EVENT_RETENTION_TIMER, purgeExpiredEventsTimer } from "../events/purge-expired-events.ts";
import { NOTIFICATION_TIMER_HANDLERS } from "../notifications/flows/deliver-email.ts";
import { completeCommandStep } from "../playbooks/act-on-step.ts";
import { registerStepClock } from "../playbooks/step-clock.ts";
import { PLAYBOOK_TIMER_HANDLERS } from "../playbooks/timer-handlers.ts";
import { processSingleton } from "../process-singleton.ts";
import { registerTimerHandlers } from "../timers/timer-registry.ts";

// The composition root: the one place that knows every domain and wires the seams where a
// lower layer calls back into a higher one (timer kinds → their handlers, a finished command
// → its playbook step). Every process that writes through lib/ calls registerHandlers() first:
// the server's boot (lib/server/boot-server.ts), scripts/bw.ts, test/crash-server.ts and
// the test databases (test/db.ts). Without it, scheduling a timer and finishing a step-linked
// command throw instead of silently doing nothing.
const done = processSingleton("handlersRegistered", () => ({ value: false }));

export function registerHandlers() {
  if (done.value) return;
  registerTimerHandlers({
    ...PLAYBOOK_TIMER_HANDLERS,
    ...ARTIFACT_TIMER_HANDLERS,
    ...COMMAND_TIMER_HANDLERS,
    ...DRILL_TIMER_HANDLERS,
    ...NOTIFICATION_TIMER_HANDLERS,
    [AUDIT_CHECKPOINT_TIMER]: checkpointAuditChain,
    [EVENT_RETENTION_TIMER]: purgeExpiredEventsTimer,
  });
  // A command step completes when its command's receipts say it finished.
  registerCommandStepHandler(async (tx, stepRunId, outcome, requestId) => {
    await completeCommandStep(tx, stepRunId, { status: outcome, requestId });
  });
  // A drill incident's SLAs, escalations and waits run on its drill's clock.
  registerStepClock(drillStepClock);
  // A drill's participants take their roles in the incidents its fleet opens.
  registerIncidentOpenedHook(seatDrillParticipants);
  done.value = true;
}
