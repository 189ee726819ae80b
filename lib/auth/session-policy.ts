// Pure session rules, unit-tested with an injected clock.
export type SessionLimits = { idleSeconds: number; maxSeconds: number; recheckSeconds: number };
export type SessionStamp = { signedInAt: number; lastActiveAt: number; checkedAt: number }; // epoch seconds

export type SessionVerdict = "valid" | "recheck" | "idle_timeout" | "absolute_timeout";

export function evaluateSession(
  s: SessionStamp,
  nowSeconds: number,
  limits: SessionLimits,
): SessionVerdict {
  if (nowSeconds - s.signedInAt >= limits.maxSeconds) return "absolute_timeout";
  if (nowSeconds - s.lastActiveAt >= limits.idleSeconds) return "idle_timeout";
  if (nowSeconds - s.checkedAt >= limits.recheckSeconds) return "recheck";
  return "valid";
}
