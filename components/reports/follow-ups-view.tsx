"use client";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/card";
import { SelectField } from "@/components/ui/input";
import { type FollowUpRow, useFollowUps, useUpdateFollowUp } from "@/lib/follow-ups/queries";
import { FOLLOW_UP_STATUSES } from "@/lib/follow-ups/schemas";
import { DraftLink, FollowUpStatus } from "./follow-ups-panel";

/** Every follow-up across incidents; overdue ones first and loud. */
export function FollowUpsView({
  initial,
  canWrite,
}: {
  initial: FollowUpRow[];
  canWrite: boolean;
}) {
  const [status, setStatus] = useState("open");
  const q = useFollowUps(status, status === "open" ? initial : undefined);
  const update = useUpdateFollowUp();
  const items = [...(q.data?.items ?? [])].sort((a, b) => Number(b.overdue) - Number(a.overdue));
  const overdue = items.filter((f) => f.overdue).length;
  return (
    <div className="space-y-3">
      <div className="flex items-end gap-3">
        <SelectField
          id="fu-status"
          label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
        >
          {[...FOLLOW_UP_STATUSES, "all"].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        {overdue ? (
          <p
            role="status"
            className="rounded border border-danger px-3 py-1.5 text-sm font-semibold text-danger"
          >
            {overdue} overdue
          </p>
        ) : null}
      </div>
      <Table
        empty={items.length === 0 ? "No follow-ups." : undefined}
        head={[
          "Follow-up",
          "Incident",
          "Owner",
          "Due",
          "Status",
          "Playbook change",
          <span key="actions" className="sr-only">
            Actions
          </span>,
        ]}
      >
        {items.map((f) => (
          <tr key={f.id} className={f.overdue ? "bg-danger/10" : ""} data-testid="follow-up-row">
            <td className="font-medium">{f.title}</td>
            <td>
              <Link
                className="text-accent hover:underline"
                href={`/incidents/${f.incident.key}/report`}
              >
                {f.incident.key}
              </Link>
              {f.incident.drill ? " (drill)" : ""}
            </td>
            <td>{f.owner?.name ?? "unassigned"}</td>
            <td className="whitespace-nowrap">{f.dueAt ? f.dueAt.slice(0, 10) : "—"}</td>
            <td>
              <FollowUpStatus f={f} />
            </td>
            <td>
              <DraftLink f={f} />
            </td>
            <td>
              {canWrite && f.status === "open" ? (
                <Button
                  variant="secondary"
                  onClick={() => update.mutate({ id: f.id, status: "done" })}
                >
                  Mark done
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
