"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { useTransitionIncident } from "@/lib/incidents/queries";
import { type IncidentStatus, noteRequired, TRANSITION_LABEL } from "@/lib/incidents/transitions";

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
      <div className="min-w-64 flex-1">
        <Label htmlFor="transition-note">
          Note {needsNote ? "(required to close without containment or to reopen)" : "(optional)"}
        </Label>
        <Input
          id="transition-note"
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
          placeholder="Why — goes on the timeline"
        />
      </div>
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
                { from, to: t, ...(note.trim() ? { note: note.trim() } : {}) },
                { onSuccess: () => setNote("") },
              )
            }
          >
            {TRANSITION_LABEL[t]}
          </Button>
        );
      })}
      {m.error ? (
        <div className="w-full">
          <ProblemAlert error={m.error} />
        </div>
      ) : null}
    </Card>
  );
}
