"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { useChangeSeverity } from "@/lib/incidents/queries";
import { SEVERITIES } from "@/lib/protocol/events";

/** Set the severity up or down, with a reason for the timeline. The current value is not
 *  offered: the server refuses a no-op (409) and the button would only invite one. */
export function SeverityControl({
  incidentRef,
  severity,
}: {
  incidentRef: string;
  severity: string;
}) {
  const m = useChangeSeverity(incidentRef);
  const others = SEVERITIES.filter((s) => s !== severity);
  const [to, setTo] = useState<string>("");
  const [reason, setReason] = useState("");
  const chosen = others.includes(to as (typeof SEVERITIES)[number]) ? to : "";
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      aria-label="Change severity"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen)
          m.mutate(
            { severity: chosen, ...(reason.trim() ? { reason: reason.trim() } : {}) },
            {
              onSuccess: () => {
                setTo("");
                setReason("");
              },
            },
          );
      }}
    >
      <div>
        <Label htmlFor="severity-to">Severity (now {severity})</Label>
        <Select id="severity-to" value={chosen} onChange={(e) => setTo(e.target.value)}>
          <option value="">— change to —</option>
          {others.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </div>
      <div className="min-w-48 flex-1">
        <Label htmlFor="severity-reason">Reason (optional)</Label>
        <Input
          id="severity-reason"
          value={reason}
          maxLength={1000}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Why — goes on the timeline"
        />
      </div>
      <Button type="submit" variant="secondary" disabled={!chosen || m.isPending}>
        Change severity
      </Button>
      {m.error ? (
        <div className="w-full">
          <ProblemAlert error={m.error} />
        </div>
      ) : null}
    </form>
  );
}
