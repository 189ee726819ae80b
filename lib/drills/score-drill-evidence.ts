// What the scorer reads: the drill's incidents as machine timestamps (wall ms), and for each
// expected action, when it first happened and — when it was late or never came — what it
// waited on, and on whom. Pure, like score-drill.ts.
import { formatDuration } from "../metrics/format-duration.ts";
import { drillStamp } from "./drill-stamp.ts";
import type { ExpectedAction } from "./scenario-schema.ts";

type Ms = number | null;

export type EvidenceHostCommand = {
  hostname: string;
  status: string;
  succeededAt: Ms;
  failedAt: Ms;
  expiredAt: Ms;
  failureReason: string | null;
  deliveryCount: number;
};

export type EvidenceRequest = {
  type: string;
  requestedAt: number;
  requestedByLabel: string;
  approval: string;
  approvedAt: Ms;
  approvedByLabel: string | null;
  rejectedAt: Ms;
  hosts: EvidenceHostCommand[];
};

export type EvidenceStep = {
  key: string;
  kind: string;
  title: string;
  role: string | null;
  status: string;
  readyAt: Ms;
  requestedAt: Ms;
  completedAt: Ms;
  completedByName: string | null;
};

export type EvidenceIncident = {
  key: string;
  openedAt: number;
  acknowledgedAt: Ms;
  containedAt: Ms;
  containmentVerifiedAt: Ms;
  recoveredAt: Ms;
  roles: { key: string; holder: string | null; assignedAt: Ms }[];
  steps: EvidenceStep[];
  requests: EvidenceRequest[];
};

export type DrillEvidence = {
  /** Playbook role key → the participant who played it. */
  people: Readonly<Record<string, string>>;
  incidents: readonly EvidenceIncident[];
};

type ToDrill = (wall: number) => number;
export type Occurrence = {
  /** Wall ms it first happened (by the end), or null. */
  at: Ms;
  why: (toDrill: ToDrill, refMs: number, untilWall: number) => string;
};

const CONTAINMENT = new Set([
  "revoke_permissions",
  "quarantine_plugin",
  "kill_process",
  "isolate_host",
]);

const span = (toDrill: ToDrill, from: number, to: number) =>
  formatDuration(Math.max(0, (toDrill(to) - toDrill(from)) / 1000));
const first = (xs: Ms[]): Ms => {
  const ok = xs.filter((x): x is number => x !== null);
  return ok.length ? Math.min(...ok) : null;
};
const names = (hs: string[]) =>
  hs.length <= 3 ? hs.join(", ") : `${hs.slice(0, 3).join(", ")} and ${hs.length - 3} more`;

function whoPlays(ev: DrillEvidence, role: string | null | undefined) {
  if (!role) return "nobody in particular";
  const name = ev.people[role];
  return name ? `${role} (${name})` : `${role} (nobody played it)`;
}

/** Why the hosts of these requests had not all succeeded by `until` (or which one was last). */
export function hostsWhy(reqs: readonly EvidenceRequest[], until: number, toDrill: ToDrill) {
  const best = new Map<string, EvidenceHostCommand>();
  for (const r of reqs)
    for (const h of r.hosts) {
      const ok = h.succeededAt !== null && h.succeededAt <= until;
      const prev = best.get(h.hostname);
      const prevOk = prev && prev.succeededAt !== null && prev.succeededAt <= until;
      if (!prev || (ok && (!prevOk || (h.succeededAt as number) < (prev.succeededAt as number))))
        best.set(h.hostname, h);
    }
  const failed: string[] = [];
  const expired: string[] = [];
  const silent: string[] = [];
  let redelivered = 0;
  let last: EvidenceHostCommand | null = null;
  for (const h of best.values()) {
    if (h.succeededAt !== null && h.succeededAt <= until) {
      if (!last || h.succeededAt > (last.succeededAt as number)) last = h;
      continue;
    }
    if (h.deliveryCount > 1) redelivered++;
    if (h.failedAt !== null && h.failedAt <= until)
      failed.push(`${h.hostname}${h.failureReason ? `: ${h.failureReason}` : ""}`);
    else if (h.expiredAt !== null && h.expiredAt <= until) expired.push(h.hostname);
    else silent.push(h.hostname);
  }
  const parts: string[] = [];
  if (failed.length) parts.push(`failed on ${failed.length} host(s) (${names(failed)})`);
  if (expired.length)
    parts.push(`expired on ${expired.length} host(s) that never answered (${names(expired)})`);
  if (silent.length)
    parts.push(`waited on ${silent.length} host(s) that never answered (${names(silent)})`);
  if (redelivered) parts.push(`${redelivered} of them redelivered after the lease ran out`);
  if (!parts.length && last?.succeededAt)
    parts.push(
      `the last host, ${last.hostname}, succeeded at ${drillStamp(toDrill(last.succeededAt))}${last.deliveryCount > 1 ? ` after ${last.deliveryCount} deliveries` : ""}`,
    );
  return {
    allOk: best.size > 0 && !failed.length && !expired.length && !silent.length,
    parts,
    last,
  };
}

function approvalWhy(reqs: readonly EvidenceRequest[], until: number, toDrill: ToDrill) {
  const out: string[] = [];
  for (const r of reqs) {
    if (r.approval === "not_required") continue;
    if (r.approvedAt !== null && r.approvedAt <= until)
      out.push(
        `the request waited ${span(toDrill, r.requestedAt, r.approvedAt)} for approval (given by ${r.approvedByLabel ?? "someone"})`,
      );
    else if (r.rejectedAt !== null && r.rejectedAt <= until) out.push("the request was rejected");
    else
      out.push(
        `the request waited ${span(toDrill, r.requestedAt, until)} for an approval that never came`,
      );
  }
  return out;
}

function stepWhy(
  e: ExpectedAction,
  ev: DrillEvidence,
  steps: EvidenceStep[],
  toDrill: ToDrill,
  refMs: number,
  until: number,
) {
  const s = steps[0];
  if (!s) return `the playbook never reached step "${e.step}"`;
  if (s.readyAt === null || s.readyAt > until)
    return `step "${s.title}" never became ready: the steps before it were not done`;
  const ready = `step "${s.title}" became ready at ${drillStamp(toDrill(s.readyAt))}`;
  const waitedEarlier =
    toDrill(s.readyAt) - refMs > e.within * 1000 ? " (it waited on the steps before it)" : "";
  const end = s.completedAt !== null && s.completedAt <= until ? s.completedAt : until;
  if (s.kind === "approval") {
    if (s.requestedAt === null || s.requestedAt > until)
      return `${ready}${waitedEarlier}, but nobody requested the approval for ${span(toDrill, s.readyAt, end)}`;
    return `${ready}${waitedEarlier}; the approval waited ${span(toDrill, s.requestedAt, end)} for ${whoPlays(ev, s.role)}`;
  }
  return `${ready}${waitedEarlier} and waited ${span(toDrill, s.readyAt, end)} for ${whoPlays(ev, s.role)}`;
}

/** When the expected action first happened by `until`, and how to explain it if late or missed. */
export function occurrenceOf(e: ExpectedAction, ev: DrillEvidence, until: number): Occurrence {
  const inc = ev.incidents;
  const by = (x: Ms) => (x !== null && x <= until ? x : null);
  const noIncident = () => "no drill incident was opened, so there was nothing to act on";
  const generic =
    (what: string, at: Ms) =>
    (toDrill: ToDrill, refMs: number, u: number): string => {
      if (!inc.length) return noIncident();
      const opened = Math.min(...inc.map((i) => i.openedAt));
      const from = Math.max(toDrill(opened), refMs);
      const end = at ?? u;
      return `${what} waited ${formatDuration(Math.max(0, (toDrill(end) - from) / 1000))} from ${drillStamp(from)} for ${whoPlays(ev, e.role)}`;
    };
  switch (e.action) {
    case "incident_acknowledged": {
      const at = first(inc.map((i) => by(i.acknowledgedAt)));
      return { at, why: generic("the acknowledgement", at) };
    }
    case "incident_contained": {
      const at = first(inc.map((i) => by(i.containedAt)));
      return { at, why: generic("marking the incident contained", at) };
    }
    case "incident_recovered": {
      const at = first(inc.map((i) => by(i.recoveredAt)));
      return { at, why: generic("recovery", at) };
    }
    case "role_assigned": {
      const at = first(
        inc.flatMap((i) =>
          i.roles.filter((r) => r.key === e.assignRole && r.holder).map((r) => by(r.assignedAt)),
        ),
      );
      return { at, why: generic(`the ${e.assignRole} role stayed unfilled and`, at) };
    }
    case "command_issued": {
      const reqs = inc.flatMap((i) => i.requests).filter((r) => r.type === e.commandType);
      const at = first(reqs.map((r) => by(r.requestedAt)));
      return { at, why: generic(`the first ${e.commandType} request`, at) };
    }
    case "command_succeeded_all": {
      const reqs = inc
        .flatMap((i) => i.requests)
        .filter((r) => r.type === e.commandType && r.requestedAt <= until);
      const summary = (toDrill: ToDrill) => hostsWhy(reqs, until, toDrill);
      const h = summary((x) => x);
      const at = h.allOk && h.last ? h.last.succeededAt : null;
      return {
        at,
        why: (toDrill, _refMs, u) => {
          if (!reqs.length)
            return `no ${e.commandType} was ever requested; it was ${whoPlays(ev, e.role)}'s to send`;
          const first = reqs[0];
          const parts = [
            `first ${e.commandType} requested at ${drillStamp(toDrill(first.requestedAt))} by ${first.requestedByLabel}`,
            ...approvalWhy(reqs, u, toDrill),
            ...hostsWhy(reqs, u, toDrill).parts,
          ];
          return parts.join("; ");
        },
      };
    }
    case "containment_verified": {
      const at = first(inc.map((i) => by(i.containmentVerifiedAt)));
      return {
        at,
        why: (toDrill, refMs, u) => {
          const reqs = inc
            .flatMap((i) => i.requests)
            .filter((r) => CONTAINMENT.has(r.type) && r.requestedAt <= u);
          if (!reqs.length)
            return inc.length
              ? `no containment command was sent; it was ${whoPlays(ev, e.role)}'s to send`
              : noIncident();
          const parts = [...approvalWhy(reqs, u, toDrill), ...hostsWhy(reqs, u, toDrill).parts];
          return parts.length
            ? `containment ${parts.join("; ")}`
            : generic("verification", at)(toDrill, refMs, u);
        },
      };
    }
    case "approval_given":
    case "step_completed": {
      const steps = inc
        .flatMap((i) => i.steps)
        .filter((s) => s.key === e.step)
        .sort((a, b) => (a.readyAt ?? Infinity) - (b.readyAt ?? Infinity));
      const done = first(steps.filter((s) => s.status === "done").map((s) => by(s.completedAt)));
      let at = done;
      // A command's own two-person approval counts for approval_given when it names the type.
      if (e.action === "approval_given" && e.commandType) {
        const reqs = inc.flatMap((i) => i.requests).filter((r) => r.type === e.commandType);
        at = first([done, ...reqs.map((r) => by(r.approvedAt))]);
      }
      return {
        at,
        why: (toDrill, refMs, u) =>
          inc.length ? stepWhy(e, ev, steps, toDrill, refMs, at ?? u) : noIncident(),
      };
    }
  }
}
