"use client";
import { useEffect, useState } from "react";
import { Card, Badge } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { useIncidentPlaybook, useStartPlaybook, type IncidentPlaybook } from "@/lib/playbooks/queries";
import { RolesPanel } from "./roles-panel";
import { StepCard } from "./step-card";
import { ProblemAlert } from "@/components/ui/problem-alert";

/** The incident page's playbook section: roles to fill, the run's steps with state, SLA
 *  countdown, escalation level and who did what — polled, so it is live. */
export function IncidentPlaybookSection({ incidentRef, canWrite }: { incidentRef: string; canWrite: boolean }) {
  const q = useIncidentPlaybook(incidentRef);
  const now = useNow();
  if (q.isPending) return <Card aria-busy="true">Loading playbook…</Card>;
  if (q.isError) return <Card role="alert" className="text-danger">Could not load the playbook run: {q.error.message}</Card>;
  const d = q.data;
  return (
    <section aria-labelledby="playbook-h" className="space-y-4" data-testid="playbook-section">
      <h2 id="playbook-h" className="font-semibold">Playbook</h2>
      <RolesPanel incidentRef={incidentRef} roles={d.roles} people={d.people} canWrite={canWrite} />
      {d.runs.length === 0 ? <Card className="text-sm text-muted">No playbook is running on this incident.</Card> : null}
      {d.runs.map((run) => (
        <Card key={run.id} aria-label={`Run of ${run.title}`} className="space-y-3">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-semibold">{run.title}</h3>
            <Badge tone="accent">v{run.version}</Badge>
            <code className="text-xs text-muted" title={`content sha256 ${run.contentHash}`}>#{run.contentHash.slice(0, 10)}</code>
            <Badge tone={run.status === "completed" ? "ok" : "neutral"}>{run.status}</Badge>
            <span className="text-xs text-muted">started {new Date(run.startedAt).toLocaleString()}</span>
          </div>
          <ol className="space-y-2">
            {run.steps.map((s) => (
              <StepCard key={s.id} step={s} incidentRef={incidentRef} me={d.me} canWrite={canWrite && run.status === "active"} now={now} />
            ))}
          </ol>
        </Card>
      ))}
      {canWrite && d.startable.length ? <StartPlaybook incidentRef={incidentRef} startable={d.startable} /> : null}
    </section>
  );
}

function StartPlaybook({ incidentRef, startable }: { incidentRef: string; startable: IncidentPlaybook["startable"] }) {
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
      <label htmlFor="start-playbook" className="text-muted">Start a playbook by hand</label>
      <select id="start-playbook" value={slug} onChange={(e) => setSlug(e.target.value)} className="rounded-md border border-line bg-panel-2 px-2 py-1">
        {startable.map((p) => <option key={p.slug} value={p.slug}>{p.title} (v{p.version})</option>)}
      </select>
      <Button type="submit" variant="secondary" disabled={start.isPending}>Start</Button>
      <ProblemAlert error={start.error} className="text-danger" />
    </form>
  );
}

function useNow() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}
