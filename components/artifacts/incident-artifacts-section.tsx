"use client";
import { FileDown, Printer, Scale } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { Time } from "@/components/ui/time";
import { useCollectProcessDump, useCustodyReport, useLegalHold } from "@/lib/artifacts/queries";
import { can } from "@/lib/auth/permissions";
import { useMe } from "@/lib/users/queries";
import { ArtifactUploader } from "./artifact-uploader";
import { ArtifactsTable } from "./artifacts-table";

/** The incident page's evidence section: artifacts (live), upload, one-click process dump
 *  per host, legal hold and the custody report. Permissions come from the signed-in role;
 *  the server enforces each of them again. */
export function IncidentArtifactsSection({
  incidentRef,
  hosts,
}: {
  incidentRef: string;
  hosts: { id: string; hostname: string }[];
}) {
  const me = useMe();
  const report = useCustodyReport(incidentRef);
  const role = me.data?.role ?? "viewer";
  const inc = report.data?.incident;
  return (
    <section aria-labelledby="artifacts-h" className="space-y-3" data-testid="incident-artifacts">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="artifacts-h" className="font-semibold">
          Artifacts and chain of custody
        </h2>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {inc?.legalHoldAt ? (
            <Badge tone="warn">
              <Scale className="h-3 w-3" aria-hidden /> legal hold since{" "}
              <Time value={inc.legalHoldAt} />
            </Badge>
          ) : null}
          {report.data ? (
            report.data.allChainsIntact ? (
              <Badge tone="ok">all custody chains intact</Badge>
            ) : (
              <Badge tone="danger">a custody chain is broken</Badge>
            )
          ) : null}
          <Link
            className="inline-flex items-center gap-1 text-accent hover:underline"
            href={`/artifacts/reports/${encodeURIComponent(incidentRef)}`}
          >
            <Printer className="h-4 w-4" aria-hidden /> Custody report
          </Link>
          <a
            className="inline-flex items-center gap-1 text-accent hover:underline"
            href={`/api/v1/incidents/${encodeURIComponent(incidentRef)}/custody-report`}
          >
            <FileDown className="h-4 w-4" aria-hidden /> JSON
          </a>
        </div>
      </div>
      {inc ? <ArtifactsTable incidentId={inc.id} showIncident={false} /> : null}
      {inc && can(role, "commands:issue") && hosts.length ? (
        <CollectButtons incidentId={inc.id} hosts={hosts} />
      ) : null}
      {inc && can(role, "artifacts:upload") ? (
        <Card>
          <ArtifactUploader incidentId={inc.id} />
        </Card>
      ) : null}
      {inc && can(role, "incidents:legal_hold") ? (
        <LegalHoldControl
          incidentRef={incidentRef}
          held={Boolean(inc.legalHoldAt)}
          reason={inc.legalHoldReason}
        />
      ) : null}
    </section>
  );
}

function CollectButtons({
  incidentId,
  hosts,
}: {
  incidentId: string;
  hosts: { id: string; hostname: string }[];
}) {
  const collect = useCollectProcessDump(incidentId);
  const [sent, setSent] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {hosts.map((h) => (
        <Button
          key={h.id}
          variant="secondary"
          disabled={collect.isPending}
          onClick={() =>
            collect.mutate(
              { hostId: h.id, hostname: h.hostname },
              {
                onSuccess: (r) =>
                  setSent(
                    `${h.hostname}: ${r.approval === "pending" ? "awaiting approval" : "sent"}`,
                  ),
              },
            )
          }
        >
          Collect process dump from {h.hostname}
        </Button>
      ))}
      {sent ? (
        <span className="text-sm text-muted" role="status">
          Command {sent}; the dump appears above when the agent has uploaded it.
        </span>
      ) : null}
      <ProblemAlert error={collect.error} />
    </div>
  );
}

function LegalHoldControl({
  incidentRef,
  held,
  reason,
}: {
  incidentRef: string;
  held: boolean;
  reason: string | null;
}) {
  const hold = useLegalHold(incidentRef);
  const [text, setText] = useState("");
  return (
    <Card className="max-w-2xl">
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          hold.mutate({ apply: !held, reason: text }, { onSuccess: () => setText("") });
        }}
      >
        <Label htmlFor="hold-reason">
          {held
            ? `Release legal hold (held: ${reason ?? "no reason"})`
            : "Apply legal hold — blocks purge and deletion of this incident's artifacts"}
        </Label>
        <Input
          id="hold-reason"
          value={text}
          onChange={(e) => setText(e.target.value)}
          required
          minLength={3}
          placeholder={held ? "Why the hold can end" : "Reason, e.g. litigation hold LH-2026-07"}
        />
        <Button type="submit" variant={held ? "secondary" : "primary"} disabled={hold.isPending}>
          {held ? "Release legal hold" : "Apply legal hold"}
        </Button>
        <ProblemAlert error={hold.error} />
      </form>
    </Card>
  );
}
