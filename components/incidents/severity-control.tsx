"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/input";
import { MutationForm, optionalText } from "@/components/ui/mutation-form";
import { useChangeSeverity } from "@/lib/incidents/queries";
import { SEVERITIES } from "@/lib/protocol/events";
import { ReasonField } from "./reason-field";

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
    <MutationForm
      className="flex flex-wrap items-end gap-3"
      label="Change severity"
      mutation={m}
      value={chosen ? { severity: chosen, ...optionalText("reason", reason) } : null}
      onDone={() => {
        setTo("");
        setReason("");
      }}
    >
      <SelectField
        id="severity-to"
        label={<>Severity (now {severity})</>}
        value={chosen}
        onChange={(e) => setTo(e.target.value)}
      >
        <option value="">— change to —</option>
        {others.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </SelectField>
      <ReasonField
        id="severity-reason"
        label="Reason (optional)"
        className="min-w-48"
        value={reason}
        maxLength={1000}
        onChange={setReason}
      />
      <Button type="submit" variant="secondary" disabled={!chosen || m.isPending}>
        Change severity
      </Button>
    </MutationForm>
  );
}
