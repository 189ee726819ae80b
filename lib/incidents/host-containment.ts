// Containment per host, from the incident's containment commands and their receipts. A host
// counts as contained only when every containment command sent to it (bar cancelled ones)
// has a succeeded receipt — the same rule that verifies the whole incident.

export type HostContainment = "not_started" | "in_progress" | "contained" | "failed";
const OPEN = new Set(["awaiting_approval", "queued", "delivered", "acknowledged"]);

export function hostContainment(statuses: string[]): HostContainment {
  const live = statuses.filter((s) => s !== "cancelled");
  if (live.length === 0) return "not_started";
  if (live.some((s) => OPEN.has(s))) return "in_progress";
  if (live.every((s) => s === "succeeded")) return "contained";
  return "failed";
}

export function containmentProgress(hosts: { containment: HostContainment }[]) {
  const count = (c: HostContainment) => hosts.filter((h) => h.containment === c).length;
  return {
    total: hosts.length,
    contained: count("contained"),
    inProgress: count("in_progress"),
    failed: count("failed"),
    notStarted: count("not_started"),
  };
}
