// The one allowed-transitions table for incident status (pure; shared by server and UI).
// Why each edge exists:
// - open → acknowledged → contained → recovered → closed is the normal path.
// - open/acknowledged → closed: dismissing a false positive or a duplicate; a note is
//   required so the timeline says why nobody contained anything.
// - recovered/closed → open: reopen when the problem comes back; a note is required.
// - No skipping containment on the way to recovered: metrics (MTTC) need that timestamp.
// Timestamps: acknowledgedAt and containedAt keep the FIRST time (MTTA/MTTC measure the
// first response, also after a reopen); recoveredAt and closedAt are set on each entry and
// cleared by a reopen; reopenedAt is the latest reopen. The timeline keeps every change.
export const INCIDENT_STATUSES = [
  "open",
  "acknowledged",
  "contained",
  "recovered",
  "closed",
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const ALLOWED_TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  open: ["acknowledged", "closed"],
  acknowledged: ["contained", "closed"],
  contained: ["recovered"],
  recovered: ["closed", "open"],
  closed: ["open"],
};

export const canTransition = (from: IncidentStatus, to: IncidentStatus) =>
  ALLOWED_TRANSITIONS[from].includes(to);

/** Edges that must carry a note explaining them. */
export const noteRequired = (from: IncidentStatus, to: IncidentStatus) =>
  to === "open" || (to === "closed" && (from === "open" || from === "acknowledged"));

export const TRANSITION_LABEL: Record<IncidentStatus, string> = {
  open: "Reopen",
  acknowledged: "Acknowledge",
  contained: "Mark contained",
  recovered: "Mark recovered",
  closed: "Close",
};

export const STATUS_LABEL: Record<IncidentStatus, string> = {
  open: "Open",
  acknowledged: "Acknowledged",
  contained: "Contained",
  recovered: "Recovered",
  closed: "Closed",
};
