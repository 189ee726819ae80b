"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { Time } from "@/components/ui/time";
import {
  type IncidentPlaybook,
  useIncidentPlaybook,
  useStartPlaybook,
} from "@/lib/playbooks/queries";
import { useNow } from "@/lib/ui/preferences";
import { RolesPanel } from "./roles-panel";
import { StepCard } from "./step-card";

/** The incident page's playbook: the steps that can be acted on now lead (with their SLA
 *  countdowns and actions); done and waiting steps fold away below them. Polled, so live. */
export function IncidentPlaybookSection({
  incidentRef,
  canWrite,
}: {
  incidentRef: string;
  canWrite: boolean;
}) {
  const q = useIncidentPlaybook(incidentRef);
  const now = useNow();
  if (q.isPending) return <Card aria-busy="true">Loading playbook…</Card>;
  if (q.isError)
    return (
      <Card role="alert" className="text-danger">
        Could not load the playbook run: {q.error.message}
      </Card>
    );
  const d = q.data;
  return (
    <section aria-labelledby="playbook-h" className="space-y-3" data-testid="playbook-section">
      <h2 id="playbook-h" className="text-lg font-semibold">
        Current steps
      </h2>
      {d.runs.length === 0 ? (
        <Card className="text-sm text-muted">No playbook is running on this incident.</Card>
      ) : null}
      {d.runs.map((run) => {
        const current = run.steps.filter((s) => s.status === "ready");
        const rest = run.steps.filter((s) => s.status !== "ready");
        const done = run.steps.filter((s) => s.status === "done" || s.status === "skipped").length;
        const stepCard = (s: (typeof run.steps)[number]) => (
          <StepCard
            key={s.id}
            step={s}
            incidentRef={incidentRef}
            me={d.me}
            canWrite={canWrite && run.status === "active"}
            now={now}
          />
        );
        return (
          <Card key={run.id} aria-label={`Run of ${run.title}`} className="space-y-3">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <h3 className="font-semibold">{run.title}</h3>
              <Badge tone="accent">v{run.version}</Badge>
              <code className="text-xs text-muted" title={`content sha256 ${run.contentHash}`}>
                #{run.contentHash.slice(0, 10)}
              </code>
              <Badge tone={run.status === "completed" ? "ok" : "neutral"}>{run.status}</Badge>
              <span className="text-xs text-muted">
                {done} of {run.steps.length} steps done · started{" "}
                <Time value={run.startedAt} relative />
              </span>
            </div>
            {current.length ? (
              <ol className="space-y-2" aria-label="Steps to act on now">
                {current.map(stepCard)}
              </ol>
            ) : (
              <p className="text-sm text-muted">
                {run.status === "active"
                  ? "Nothing to act on right now: the next steps wait for others to finish."
                  : "Every step is finished."}
              </p>
            )}
            {rest.length ? (
              <details className="rounded-md border border-line">
                <summary className="cursor-pointer px-3 py-2 text-sm text-muted">
                  All other steps ({rest.length})
                </summary>
                <ol className="space-y-2 p-2">{rest.map(stepCard)}</ol>
              </details>
            ) : null}
          </Card>
        );
      })}
      {canWrite && d.startable.length ? (
        <StartPlaybook incidentRef={incidentRef} startable={d.startable} />
      ) : null}
    </section>
  );
}

/** The incident's roles (from its playbooks), unfilled seats first and loud. */
export function IncidentRoles({
  incidentRef,
  canWrite,
}: {
  incidentRef: string;
  canWrite: boolean;
}) {
  const q = useIncidentPlaybook(incidentRef);
  if (!q.data) return null;
  const roles = [...q.data.roles].sort(
    (a, b) => Number(Boolean(a.userId)) - Number(Boolean(b.userId)),
  );
  return (
    <RolesPanel
      incidentRef={incidentRef}
      roles={roles}
      people={q.data.people}
      canWrite={canWrite}
    />
  );
}

function StartPlaybook({
  incidentRef,
  startable,
}: {
  incidentRef: string;
  startable: IncidentPlaybook["startable"];
}) {
  const start = useStartPlaybook(incidentRef);
  const [slug, setSlug] = useState(startable[0]?.slug ?? "");
  return (
    <form
      className="flex flex-wrap items-center gap-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        start.mutate(slug);
      }}
    >
      <label htmlFor="start-playbook" className="text-muted">
        Start a playbook by hand
      </label>
      <select
        id="start-playbook"
        value={slug}
        onChange={(e) => setSlug(e.target.value)}
        className="rounded-md border border-line bg-panel-2 px-2 py-1"
      >
        {startable.map((p) => (
          <option key={p.slug} value={p.slug}>
            {p.title} (v{p.version})
          </option>
        ))}
      </select>
      <Button type="submit" variant="secondary" disabled={start.isPending}>
        Start
      </Button>
      <ProblemAlert error={start.error} className="text-danger" />
    </form>
  );
}
