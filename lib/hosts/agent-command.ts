// The command an admin copies to start the reference agent with a new enrollment token
// (pure: shared by the token page and its test). A multi-use token is meant for several
// hosts, so the command starts that many simulated hosts (--fleet N) instead of spending
// one use and leaving the rest idle; --scenario is spelled out so it is obvious where to
// switch the simulation from heartbeats only to escape attempts or violations.
export function agentStartCommand(o: { origin: string; token: string; maxUses: number }): string {
  const base = `npm run agent -- --server ${o.origin} --enroll ${o.token}`;
  return o.maxUses > 1
    ? `${base} --state ./agent-fleet --fleet ${o.maxUses} --scenario quiet`
    : `${base} --state ./agent-state --scenario quiet`;
}

/** How the token page describes a token's uses: "one-time" only when it is. */
export const tokenUsesLabel = (maxUses: number) =>
  maxUses === 1 ? "one-time (1 host)" : `multi-use (up to ${maxUses} hosts)`;
