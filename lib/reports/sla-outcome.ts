/** A step against its SLA: met (with how much to spare), breached (by how much), running
 *  (time left or already over) or none. Seconds, so every view formats them the same way. */
export type SlaOutcome = { state: "met" | "breached" | "running" | "none"; seconds: number | null };

export function stepSlaOutcome(
  s: { dueAt: Date | null; completedAt: Date | null; breachedAt?: Date | null },
  now: Date,
): SlaOutcome {
  if (!s.dueAt) return { state: "none", seconds: null };
  const end = s.completedAt ?? now;
  const over = (end.getTime() - s.dueAt.getTime()) / 1000;
  if (!s.completedAt)
    return over > 0 ? { state: "breached", seconds: over } : { state: "running", seconds: -over };
  return over > 0 ? { state: "breached", seconds: over } : { state: "met", seconds: -over };
}
