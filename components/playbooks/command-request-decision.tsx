"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { useApproveRequest, useRejectRequest } from "@/lib/commands/queries";
import type { RunStep } from "@/lib/playbooks/queries";

type Req = NonNullable<RunStep["commandRequest"]>;

/** A command step's latest request: who asked, when, and who it waits for. An approver (a
 *  manager or admin who did not ask) approves or rejects it here; the requester never sees
 *  an Approve button on their own request. */
export function CommandRequestDecision({
  request: r,
  me,
  canApprove,
}: {
  request: Req;
  me: { id: string };
  canApprove: boolean;
}) {
  const approve = useApproveRequest();
  const reject = useRejectRequest();
  const [reason, setReason] = useState("");
  const mine = r.requestedById === me.id;
  const err = (approve.error ?? reject.error) as Error | null;
  if (r.approval === "rejected") {
    return (
      <p className="mt-1 text-sm text-danger" data-testid="command-request">
        Request by {r.requestedByLabel} rejected by {r.rejectedByLabel}: {r.rejectionReason}. The
        command can be sent again.
      </p>
    );
  }
  if (r.approval !== "pending") {
    return (
      <p className="mt-1 text-xs text-muted" data-testid="command-request">
        Requested by {r.requestedByLabel} at <Time value={r.requestedAt} />
        {r.approvedByLabel ? ` · approved by ${r.approvedByLabel}` : ""}
      </p>
    );
  }
  return (
    <div
      className="mt-2 space-y-2 rounded-md border border-warn/60 p-2 text-sm"
      data-testid="command-request"
    >
      <p>
        <strong>Awaiting approval:</strong> {r.type} on {r.hostCount} host(s), requested by{" "}
        {r.requestedByLabel} at <Time value={r.requestedAt} /> — waiting for a manager or admin
        {mine ? " other than you" : ""}.
      </p>
      {canApprove && !mine ? (
        <div className="flex flex-wrap items-end gap-2">
          <Button
            type="button"
            disabled={approve.isPending}
            onClick={() => approve.mutate({ requestId: r.id })}
          >
            Approve request
          </Button>
          <label className="text-sm">
            <span className="sr-only">Reason to reject</span>
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="Reason to reject"
              className="rounded-md border border-line bg-panel-2 px-2 py-1 text-sm"
            />
          </label>
          <Button
            type="button"
            variant="danger"
            disabled={reason.trim().length < 3 || reject.isPending}
            onClick={() => reject.mutate({ requestId: r.id, reason })}
          >
            Reject request
          </Button>
        </div>
      ) : null}
      {err ? (
        <p role="alert" className="text-danger">
          {err.message}
        </p>
      ) : null}
    </div>
  );
}
