"use client";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { InputField } from "@/components/ui/input";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { Time } from "@/components/ui/time";
import { can } from "@/lib/auth/permissions";
import {
  approvalLabel,
  useApproveRequest,
  useCancelCommand,
  useCommand,
  useExtendTimeBox,
} from "@/lib/commands/queries";
import { useLiveChanges } from "@/lib/query/live";
import { useMe } from "@/lib/users/queries";
import { CommandStatusBadge } from "./status-badge";

const STEPS = [
  ["awaiting_approval", "createdAt"],
  ["queued", "queuedAt"],
  ["delivered", "deliveredAt"],
  ["acknowledged", "acknowledgedAt"],
  ["succeeded", "succeededAt"],
  ["failed", "failedAt"],
  ["expired", "expiredAt"],
  ["cancelled", "cancelledAt"],
] as const;

/** One command: its lifecycle, the signed envelope and key id, every receipt, the result. Live. */
export function CommandDetail({ id, canIssue }: { id: string; canIssue: boolean }) {
  const q = useCommand(id);
  const live = useLiveChanges({ command: id });
  const cancel = useCancelCommand();
  const approve = useApproveRequest();
  const extend = useExtendTimeBox();
  const [reason, setReason] = useState("");
  const me = useMe();
  const c = q.data;
  if (q.error)
    return (
      <p role="alert" className="text-danger">
        {(q.error as Error).message}
      </p>
    );
  if (!c) return <p className="text-muted">Loading…</p>;
  const open = ["awaiting_approval", "queued", "delivered", "acknowledged"].includes(c.status);
  const err = (cancel.error ?? approve.error ?? extend.error) as Error | null;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-muted">
        <Link href="/commands" className="hover:text-fg">
          Commands
        </Link>
        {c.request.incident && c.incidentId ? (
          <>
            {" "}
            /{" "}
            <Link href={`/incidents/${c.request.incident.key}`} className="hover:text-fg">
              {c.request.incident.key}
            </Link>
          </>
        ) : null}
        {" / "}
        <span aria-current="page">
          {c.type} → {c.host.hostname}
        </span>
      </nav>
      <PageHeader
        title={`${c.type} → ${c.host.hostname}`}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <CommandStatusBadge status={c.status} cancelRequested={!!c.cancelRequestedAt} />
            <span className="font-mono text-xs" title="command id">
              {c.id}
            </span>
            <span className="text-xs text-muted" data-testid="live-state">
              {live ? "● live" : "○ polling"}
            </span>
          </span>
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 text-sm font-semibold">Request</h2>
          <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
            <dt className="text-muted">Requested by</dt>
            <dd>
              {c.request.requestedByLabel} at <Time value={c.request.requestedAt} />
            </dd>
            <dt className="text-muted">Why</dt>
            <dd>{c.request.comment}</dd>
            <dt className="text-muted">Approval</dt>
            <dd data-testid="approval">{approvalLabel(c.status, c.request)}</dd>
            {c.request.breakGlassReason ? (
              <>
                <dt className="text-danger">Break-glass</dt>
                <dd className="text-danger">{c.request.breakGlassReason}</dd>
              </>
            ) : null}
            <dt className="text-muted">Hosts in request</dt>
            <dd>
              <Link
                className="text-accent hover:underline"
                href={`/commands?requestId=${c.request.id}`}
              >
                {c.request.hostCount}
              </Link>
            </dd>
            {c.request.incident ? (
              <>
                <dt className="text-muted">Incident</dt>
                <dd>
                  <Link
                    className="text-accent hover:underline"
                    href={`/incidents/${c.request.incident.key}`}
                  >
                    {c.request.incident.key}
                  </Link>{" "}
                  <span className="text-muted">{c.request.incident.title}</span>
                </dd>
              </>
            ) : null}
            {c.step ? (
              <>
                <dt className="text-muted">Playbook step</dt>
                <dd>
                  {c.step.title} <span className="text-muted">({c.step.playbook})</span>
                </dd>
              </>
            ) : null}
            {c.containmentEndsAt ? (
              <>
                <dt className="text-muted">Time box ends</dt>
                <dd>
                  <Time value={c.containmentEndsAt} />
                </dd>
              </>
            ) : null}
            {c.cancelRequestedAt ? (
              <>
                <dt className="text-warn">Cancel requested</dt>
                <dd className="text-warn">
                  {c.cancelRequestedBy} at <Time value={c.cancelRequestedAt} /> — the agent already
                  has it; its receipt decides
                </dd>
              </>
            ) : null}
            {c.failureReason ? (
              <>
                <dt className="text-danger">Failure</dt>
                <dd className="text-danger">{c.failureReason}</dd>
              </>
            ) : null}
          </dl>
          {canIssue ? (
            <div className="mt-4 flex flex-wrap items-end gap-2">
              {c.status === "awaiting_approval" &&
              me.data &&
              can(me.data.role, "commands:approve") &&
              c.request.requestedById !== me.data.id ? (
                <Button
                  onClick={() => approve.mutate({ requestId: c.request.id })}
                  disabled={approve.isPending}
                >
                  Approve request
                </Button>
              ) : null}
              {open ? (
                <>
                  <InputField
                    id="cancel-reason"
                    label="Cancel reason"
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    placeholder="why cancel"
                  />
                  <Button
                    variant="danger"
                    disabled={reason.trim().length < 3 || cancel.isPending}
                    onClick={() => cancel.mutate({ id: c.id, reason })}
                  >
                    Cancel command
                  </Button>
                </>
              ) : null}
              {c.containmentEndsAt && c.request.durationSeconds ? (
                <Button
                  variant="secondary"
                  onClick={() =>
                    extend.mutate({ requestId: c.request.id, seconds: c.request.durationSeconds! })
                  }
                >
                  Extend time box
                </Button>
              ) : null}
            </div>
          ) : null}
          <ProblemAlert error={err} className="mt-2 text-sm text-danger" />
        </Card>
        <Card>
          <h2 className="mb-2 text-sm font-semibold">Lifecycle</h2>
          <ol className="space-y-1 text-sm" aria-live="polite">
            {/* Milliseconds: delivered → acknowledged → succeeded often happen within one second. */}
            {STEPS.filter(([, k]) => c[k]).map(([s, k]) => (
              <li key={s} className="flex justify-between gap-3" data-lifecycle={s}>
                <span>{s.replace("_", " ")}</span>
                <span className="font-mono text-xs text-muted">
                  <Time value={c[k]} ms />
                </span>
              </li>
            ))}
          </ol>
          <p className="mt-2 text-xs text-muted">
            Deliveries: {c.deliveryCount} · lease until <Time value={c.leaseUntil} ms /> · expires{" "}
            <Time value={c.expiresAt} />
          </p>
        </Card>
        <Card>
          <h2 className="mb-2 text-sm font-semibold">Receipts</h2>
          {c.receipts.length === 0 ? (
            <p className="text-sm text-muted">None yet.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {c.receipts.map((r) => (
                <li key={r.status} className="rounded border border-line p-2">
                  <div className="flex justify-between">
                    <strong>{r.status}</strong>
                    <span className="text-xs text-muted">
                      agent <Time value={r.at} ms /> · server <Time value={r.receivedAt} ms />
                    </span>
                  </div>
                  {r.reason ? <p className="text-danger">{r.reason}</p> : null}
                  {r.result ? (
                    <pre className="mt-1 overflow-x-auto text-xs">
                      {JSON.stringify(r.result, null, 2)}
                    </pre>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <h2 className="mb-2 text-sm font-semibold">Signed envelope</h2>
          {c.envelope ? (
            <>
              <p className="text-sm">
                Verification key id: <code data-testid="command-kid">{c.envelope.kid}</code>
              </p>
              <pre className="mt-2 max-h-80 overflow-auto rounded bg-panel-2 p-2 text-xs">
                {JSON.stringify(c.envelope, null, 2)}
              </pre>
            </>
          ) : (
            <p className="text-sm text-muted">
              Not signed yet: it is signed when a second person approves it.
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
