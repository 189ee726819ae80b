"use client";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, Table } from "@/components/ui/card";
import { SelectField } from "@/components/ui/input";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { Time } from "@/components/ui/time";
import { can } from "@/lib/auth/permissions";
import {
  type CommandFilters,
  type CommandListRow,
  useApproveRequest,
  useCommands,
  useRejectRequest,
} from "@/lib/commands/queries";
import { COMMAND_STATUSES } from "@/lib/commands/transitions";
import { COMMAND_TYPES } from "@/lib/protocol/commands";
import { useMe } from "@/lib/users/queries";
import { CommandStatusBadge } from "./status-badge";

/** Live table of commands with filters; requests awaiting a second approver are listed on top. */
export function CommandsView({
  fixed,
  canIssue,
  compact,
  hidePending,
}: {
  fixed?: CommandFilters;
  canIssue: boolean;
  compact?: boolean;
  hidePending?: boolean;
}) {
  const [f, setF] = useState<CommandFilters>({});
  const filters = { ...f, ...(fixed ?? {}) };
  const q = useCommands(filters);
  const pending = useCommands({ ...(fixed ?? {}), status: "awaiting_approval" });
  const items = q.data?.items ?? [];
  return (
    <div className="space-y-4">
      {canIssue && !hidePending && (pending.data?.items.length ?? 0) > 0 ? (
        <PendingApprovals rows={pending.data!.items} />
      ) : null}
      {!compact ? (
        <div className="flex flex-wrap items-end gap-3">
          <SelectField
            id="cf-status"
            label="Status"
            value={f.status ?? ""}
            onChange={(e) => setF({ ...f, status: e.target.value || undefined })}
          >
            <option value="">any</option>
            {COMMAND_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace("_", " ")}
                {q.data?.counts[s] ? ` (${q.data.counts[s]})` : ""}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="cf-type"
            label="Type"
            value={f.type ?? ""}
            onChange={(e) => setF({ ...f, type: e.target.value || undefined })}
          >
            <option value="">any</option>
            {COMMAND_TYPES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </SelectField>
          <p className="text-xs text-muted" aria-live="polite">
            {q.isFetching ? "refreshing…" : `live · ${items.length} shown`}
          </p>
        </div>
      ) : null}
      <ProblemAlert error={q.error} />
      <Table
        empty={!q.isLoading && items.length === 0 ? "No commands match." : undefined}
        head={["Command", "Host", "Status", "Requested by", "Why", "Updated"]}
      >
        {items.map((c) => (
          <tr key={c.id}>
            <td>
              <Link className="font-medium text-accent hover:underline" href={`/commands/${c.id}`}>
                {c.type}
              </Link>
            </td>
            <td>
              <Link className="hover:underline" href={`/hosts/${c.hostId}`}>
                {c.host.hostname}
              </Link>
            </td>
            <td>
              <CommandStatusBadge status={c.status} cancelRequested={!!c.cancelRequestedAt} />
              {c.failureReason ? (
                <div className="mt-1 max-w-xs truncate text-xs text-danger" title={c.failureReason}>
                  {c.failureReason}
                </div>
              ) : null}
            </td>
            <td className="text-muted">
              {c.request.requestedByLabel}
              {c.request.breakGlassReason ? (
                <span className="ml-1 text-danger">(break-glass)</span>
              ) : null}
            </td>
            <td className="max-w-xs truncate text-muted" title={c.request.comment}>
              {c.request.comment}
            </td>
            <td className="whitespace-nowrap text-xs text-muted">
              <Time value={lastTransition(c)} relative />
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

const lastTransition = (c: CommandListRow) =>
  c.succeededAt ??
  c.failedAt ??
  c.expiredAt ??
  c.cancelledAt ??
  c.acknowledgedAt ??
  c.deliveredAt ??
  c.queuedAt ??
  c.createdAt;

/** Each pending request once: an approver (manager/admin, not the requester) approves or
 *  rejects it with a reason; everyone else sees who it waits for. */
export function PendingApprovals({ rows }: { rows: CommandListRow[] }) {
  const approve = useApproveRequest();
  const reject = useRejectRequest();
  const me = useMe();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const approver = !!me.data && can(me.data.role, "commands:approve");
  const byRequest = new Map<string, CommandListRow>();
  for (const r of rows) if (!byRequest.has(r.requestId)) byRequest.set(r.requestId, r);
  return (
    <Card className="border-warn/50">
      <h2 className="mb-2 text-sm font-semibold text-warn">Awaiting a second approver</h2>
      <ul className="space-y-2">
        {[...byRequest.values()].map((r) => (
          <li
            key={r.requestId}
            className="flex flex-wrap items-center justify-between gap-2 text-sm"
          >
            <span>
              <strong>{r.type}</strong> on {r.request.hostCount} host(s), requested by{" "}
              {r.request.requestedByLabel}: <span className="text-muted">{r.request.comment}</span>
            </span>
            {approver && r.request.requestedById !== me.data!.id ? (
              <span className="flex flex-wrap items-center gap-2">
                <Button
                  variant="secondary"
                  disabled={approve.isPending}
                  onClick={() => approve.mutate({ requestId: r.requestId })}
                >
                  Approve
                </Button>
                <label>
                  <span className="sr-only">Reason to reject</span>
                  <input
                    value={reasons[r.requestId] ?? ""}
                    onChange={(e) => setReasons((x) => ({ ...x, [r.requestId]: e.target.value }))}
                    placeholder="Reason to reject"
                    className="rounded-md border border-line bg-panel-2 px-2 py-1"
                  />
                </label>
                <Button
                  variant="danger"
                  disabled={(reasons[r.requestId] ?? "").trim().length < 3 || reject.isPending}
                  onClick={() =>
                    reject.mutate({ requestId: r.requestId, reason: reasons[r.requestId]! })
                  }
                >
                  Reject
                </Button>
              </span>
            ) : (
              <span className="text-muted">
                {r.request.requestedById === me.data?.id
                  ? "Your request: waiting for a manager or admin"
                  : "Waiting for a manager or admin"}
              </span>
            )}
          </li>
        ))}
      </ul>
      <ProblemAlert error={approve.error ?? reject.error} className="mt-2 text-sm text-danger" />
    </Card>
  );
}
