// The command lifecycle as one explicit table. Pure: imported by the server and by tests.
export const COMMAND_STATUSES = [
  "awaiting_approval",
  "queued",
  "delivered",
  "acknowledged",
  "succeeded",
  "failed",
  "expired",
  "cancelled",
] as const;
export type CommandStatusName = (typeof COMMAND_STATUSES)[number];

export const ALLOWED: Record<CommandStatusName, readonly CommandStatusName[]> = {
  awaiting_approval: ["queued", "cancelled"],
  queued: ["delivered", "cancelled", "expired"],
  // Only a never-received command can expire; once the agent has it, its receipt decides.
  delivered: ["acknowledged", "succeeded", "failed", "expired"],
  acknowledged: ["succeeded", "failed"],
  succeeded: [],
  failed: [],
  expired: [],
  cancelled: [],
};

/** A delivered command whose lease lapsed without a receipt is delivered again (at-least-once):
 *  a re-entry, not a move — the status stays and deliveredAt keeps the first delivery. */
export const REENTERABLE: ReadonlySet<CommandStatusName> = new Set(["delivered"]);

export const FINISHED: ReadonlySet<CommandStatusName> = new Set([
  "succeeded",
  "failed",
  "expired",
  "cancelled",
]);

export const canTransition = (from: CommandStatusName, to: CommandStatusName) =>
  ALLOWED[from].includes(to);

/** Every status a command may be in to move to `to`. */
export const sourcesOf = (to: CommandStatusName) =>
  COMMAND_STATUSES.filter((s) => ALLOWED[s].includes(to));

/** The per-transition timestamp column. */
export const TIMESTAMP_OF: Record<Exclude<CommandStatusName, "awaiting_approval">, string> = {
  queued: "queuedAt",
  delivered: "deliveredAt",
  acknowledged: "acknowledgedAt",
  succeeded: "succeededAt",
  failed: "failedAt",
  expired: "expiredAt",
  cancelled: "cancelledAt",
};
