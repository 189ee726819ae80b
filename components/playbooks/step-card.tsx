"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { Time } from "@/components/ui/time";
import { can, type Role } from "@/lib/auth/permissions";
import { type RunStep, useStepAction } from "@/lib/playbooks/queries";
import { cn } from "@/lib/ui/cn";
import { CommandRequestDecision } from "./command-request-decision";

const TONE = {
  pending: "neutral",
  ready: "accent",
  done: "ok",
  rejected: "danger",
  skipped: "neutral",
} as const;

function countdown(dueAt: string | null, now: number) {
  if (!dueAt) return null;
  const ms = new Date(dueAt).getTime() - now;
  const abs = Math.abs(ms);
  const m = Math.floor(abs / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const text = `${m}:${String(s).padStart(2, "0")}`;
  return ms >= 0 ? { late: false, text: `${text} left` } : { late: true, text: `${text} over SLA` };
}

/** One step: state, role, SLA countdown, escalation level, who did what, and its actions. */
export function StepCard({
  step: s,
  incidentRef,
  me,
  canWrite,
  now,
}: {
  step: RunStep;
  incidentRef: string;
  me: { id: string; role: string };
  canWrite: boolean;
  now: number;
}) {
  const act = useStepAction(incidentRef);
  const [note, setNote] = useState(s.note ?? "");
  const [ticks, setTicks] = useState<boolean[]>(() =>
    Array.isArray(s.checklist) ? (s.checklist as { done: boolean }[]).map((c) => c.done) : [],
  );
  const ready = s.status === "ready";
  const cd = ready ? countdown(s.dueAt, now) : null;
  const send = (body: Record<string, unknown>) => act.mutate({ stepId: s.id, body });
  const checklist = Array.isArray(s.checklist)
    ? (s.checklist as { item: string; done: boolean }[])
    : [];
  // Decisions and approvals are the role holder's (the server refuses others); an admin may override.
  // Anyone may ask for an approval; deciding it (or a decision step) is the holder's.
  const reserved =
    (s.kind === "decision" ||
      (s.kind === "approval" && !!s.requestedById && s.requestedById !== me.id)) &&
    !!s.expected?.userId &&
    s.expected.userId !== me.id;
  const mayDecide = !reserved || me.role === "admin";
  const override = reserved && me.role === "admin" ? " (admin override)" : "";
  const pending = s.commandRequest?.approval === "pending" ? s.commandRequest : null;
  return (
    <li
      className={cn(
        "rounded-md border p-3",
        ready ? "border-accent/60" : "border-line",
        s.breachedAt && ready ? "border-danger" : "",
      )}
      data-step={s.key}
      data-status={s.status}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={TONE[s.status]}>{s.status}</Badge>
        <span className="text-xs uppercase text-muted">{s.kind}</span>
        <span className="font-medium">{s.title}</span>
        {s.expected ? (
          <span className="text-xs text-muted" data-testid="expected-actor">
            for {s.expected.label}: {s.expected.userName ?? "role unfilled — anyone may act"}
          </span>
        ) : null}
        {cd ? (
          <span
            className={cn(
              "ml-auto font-mono text-xs",
              cd.late ? "font-bold text-danger" : "text-warn",
            )}
            data-testid="sla"
          >
            {cd.text}
          </span>
        ) : null}
        {s.escalationLevel > 0 ? (
          <Badge tone="danger" data-testid="escalation">
            escalated · level {s.escalationLevel}
          </Badge>
        ) : null}
      </div>
      {s.description ? <p className="mt-1 text-sm text-muted">{s.description}</p> : null}
      {s.completedAt && s.status !== "skipped" ? (
        <p className="mt-1 text-xs text-muted">
          {s.status === "rejected" ? "Rejected" : "Done"} by {s.completedByName ?? "system"} at{" "}
          <Time value={s.completedAt} />
          {s.choice
            ? ` · chose ${s.options?.find((o) => o.key === s.choice)?.label ?? s.choice}`
            : ""}
          {s.note ? ` · ${s.note}` : ""}
        </p>
      ) : null}
      {s.command ? (
        <p className="mt-1 font-mono text-xs text-muted">
          {s.command.type} {JSON.stringify(s.command.params)}
          {s.commandId ? ` · request ${s.commandId.slice(0, 8)}` : ""}
        </p>
      ) : null}
      {s.kind === "command" && s.commandRequest ? (
        <CommandRequestDecision
          request={s.commandRequest}
          me={me}
          canApprove={can(me.role as Role, "commands:approve")}
        />
      ) : null}
      {ready && canWrite && reserved && !mayDecide ? (
        <p className="mt-2 text-sm text-muted" data-testid="waiting-for">
          Waiting for {s.expected!.userName} ({s.expected!.label}) to act.
        </p>
      ) : null}
      {ready && canWrite && mayDecide ? (
        <form className="mt-2 space-y-2" onSubmit={(e) => e.preventDefault()}>
          {checklist.length ? (
            <fieldset className="space-y-1">
              <legend className="sr-only">Checklist</legend>
              {checklist.map((c, i) => (
                <label key={i} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={ticks[i] ?? false}
                    onChange={(e) =>
                      setTicks((t) => t.map((x, j) => (j === i ? e.target.checked : x)))
                    }
                  />{" "}
                  {c.item}
                </label>
              ))}
            </fieldset>
          ) : null}
          {s.kind === "approval" ? <p className="text-sm">{s.request}</p> : null}
          {s.kind === "decision" ? <p className="text-sm">{s.question}</p> : null}
          {s.kind !== "wait" && s.kind !== "notify" ? (
            <label className="block text-sm">
              <span className="sr-only">Note for {s.title}</span>
              <textarea
                value={note}
                onChange={(e) => setNote(e.target.value)}
                rows={2}
                placeholder={
                  s.kind === "command"
                    ? "What was done and seen (required when completing by hand)"
                    : "Notes"
                }
                className="w-full rounded-md border border-line bg-panel-2 px-2 py-1 text-sm"
              />
            </label>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {s.kind === "task" ? (
              <>
                <Button
                  type="button"
                  onClick={() =>
                    send({ action: "complete", note: note || undefined, checklist: ticks })
                  }
                >
                  Mark done
                </Button>
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() =>
                    send({ action: "save", note: note || undefined, checklist: ticks })
                  }
                >
                  Save
                </Button>
              </>
            ) : null}
            {s.kind === "command" ? (
              <>
                {pending ? null : (
                  <Button type="button" onClick={() => send({ action: "issue_command" })}>
                    Send command to hosts
                  </Button>
                )}
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => send({ action: "complete", note })}
                >
                  Complete by hand
                </Button>
              </>
            ) : null}
            {s.kind === "approval" && !s.requestedById ? (
              <Button
                type="button"
                onClick={() => send({ action: "request_approval", note: note || undefined })}
              >
                Request approval
              </Button>
            ) : null}
            {s.kind === "approval" && s.requestedById ? (
              s.requestedById === me.id ? (
                <p className="text-sm text-warn">
                  You requested this approval; a second person must approve or reject it.
                </p>
              ) : (
                <>
                  <span className="text-sm text-muted">
                    Requested by {s.requestedByName ?? "someone"}
                  </span>
                  <Button
                    type="button"
                    onClick={() => send({ action: "approve", note: note || undefined })}
                  >
                    Approve{override}
                  </Button>
                  <Button
                    type="button"
                    variant="danger"
                    onClick={() => send({ action: "reject", note })}
                  >
                    Reject{override}
                  </Button>
                </>
              )
            ) : null}
            {s.kind === "decision"
              ? s.options?.map((o) => (
                  <Button
                    key={o.key}
                    type="button"
                    variant="secondary"
                    onClick={() =>
                      send({ action: "decide", choice: o.key, note: note || undefined })
                    }
                  >
                    {o.label}
                    {override}
                  </Button>
                ))
              : null}
            {s.kind === "wait" ? (
              <p className="text-sm text-muted">Waiting; completes by itself.</p>
            ) : null}
          </div>
          <ProblemAlert error={act.error} />
        </form>
      ) : null}
    </li>
  );
}
