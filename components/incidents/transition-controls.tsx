"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { optionalText } from "@/components/ui/mutation-form";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { useTransitionIncident } from "@/lib/incidents/queries";
import { type IncidentStatus, noteRequired, TRANSITION_LABEL } from "@/lib/incidents/transitions";
import { ReasonField } from "./reason-field";

/** Offers exactly the edges of the allowed-transitions table from the current status; the
 *  server re-checks (with the status shown here as `from`, so a stale page gets a 409). */
export function TransitionControls({
  incidentRef,
  status,
  allowed,
}: {
  incidentRef: string;
  status: string;
  allowed: readonly string[];
}) {
  const m = useTransitionIncident(incidentRef);
  const [note, setNote] = useState("");
  const from = status as IncidentStatus;
  const needsNote = allowed.some((to) => noteRequired(from, to as IncidentStatus));
  return (
    <Card className="flex flex-wrap items-end gap-3" aria-label="Change status">
      <ReasonField
        id="transition-note"
        label={
          <>
            Note {needsNote ? "(required to close without containment or to reopen)" : "(optional)"}
          </>
        }
        className="min-w-64"
        value={note}
        maxLength={2000}
        onChange={setNote}
      />
      {allowed.map((to) => {
        const t = to as IncidentStatus;
        const blocked = noteRequired(from, t) && !note.trim();
        return (
          <Button
            key={to}
            variant={to === "closed" || to === "open" ? "secondary" : "primary"}
            disabled={m.isPending || blocked}
            title={blocked ? "Add a note first" : undefined}
            onClick={() =>
              m.mutate(
                { from, to: t, ...optionalText("note", note) },
                { onSuccess: () => setNote("") },
              )
            }
          >
            {TRANSITION_LABEL[t]}
          </Button>
        );
      })}
      <ProblemAlert error={m.error} className="mt-1 w-full text-sm text-danger" />
    </Card>
  );
}
