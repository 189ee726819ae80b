"use client";
import { CheckCircle2, Download, ShieldAlert } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InputField } from "@/components/ui/input";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { Time } from "@/components/ui/time";
import { useArtifact, useDeleteArtifact } from "@/lib/artifacts/queries";
import { StatusBadge } from "./artifacts-table";
import { describeCustodyAction, formatBytes, KIND_LABEL } from "./format";

function describe(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" · ");
}

export function ArtifactDetail({
  id,
  canDownload,
  canDelete,
  viewRecordedAt,
}: {
  id: string;
  canDownload: boolean;
  canDelete: boolean;
  viewRecordedAt: string | null;
}) {
  const q = useArtifact(id);
  if (q.isPending) return <p className="text-sm text-muted">Loading…</p>;
  if (q.error)
    return (
      <p role="alert" className="text-sm text-danger">
        {q.error.message}
      </p>
    );
  const { artifact: a, custody, verification: v } = q.data;
  const hashVerified = custody.some((c) => c.action === "verified");
  return (
    <div className="space-y-6">
      <Card className="grid gap-3 sm:grid-cols-2">
        <Field label="Kind">{KIND_LABEL[a.kind]}</Field>
        <Field label="Status">
          <StatusBadge status={a.status} legalHold={a.legalHold} />
        </Field>
        <Field label="Size">
          {formatBytes(a.sizeBytes)} ({a.sizeBytes.toLocaleString()} bytes)
        </Field>
        <Field label="Incident">
          {a.incidentKey ? (
            <Link className="text-accent hover:underline" href={`/incidents/${a.incidentKey}`}>
              {a.incidentKey}
            </Link>
          ) : (
            "—"
          )}
        </Field>
        <Field label="SHA-256 (server-computed)" wide>
          <span className="break-all font-mono text-xs">{a.sha256}</span>{" "}
          {hashVerified ? (
            <Badge tone="ok" data-testid="hash-verified">
              <CheckCircle2 className="h-3 w-3" aria-hidden /> verified
            </Badge>
          ) : null}
        </Field>
        <Field label="Host">{a.hostname ?? "uploaded by a responder"}</Field>
        <Field label="Command">
          {a.commandId ? <span className="font-mono text-xs">{a.commandId}</span> : "—"}
        </Field>
        <Field label="Collected">
          <Time value={a.collectedAt} />
        </Field>
        {a.status !== "available" ? (
          <Field label="Removed">
            <Time value={a.removedAt ?? a.expiresAt} />
          </Field>
        ) : a.legalHold ? (
          // Purge skips held artifacts, so the date would be a promise the vault will not keep.
          <Field label="Expires">
            <span data-testid="artifact-expiry">held — expiry suspended</span>
          </Field>
        ) : (
          <Field label="Expires">
            <span data-testid="artifact-expiry">
              <Time value={a.expiresAt} />
            </span>
          </Field>
        )}
        <div className="flex flex-wrap gap-2 sm:col-span-2">
          {a.status === "available" && canDownload ? (
            // A plain link: the browser streams the attachment to disk; the server records it in custody.
            <a
              href={`/api/v1/artifacts/${a.id}/download`}
              className="inline-flex items-center gap-2 rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:brightness-110"
              data-testid="download-artifact"
            >
              <Download className="h-4 w-4" aria-hidden /> Download
            </a>
          ) : null}
          {a.status === "available" && !canDownload ? (
            <p className="text-sm text-muted">
              Your role may view this record but not download the evidence.
            </p>
          ) : null}
        </div>
      </Card>

      <section aria-labelledby="custody-h">
        <div className="mb-2 flex items-center gap-3">
          <h2 id="custody-h" className="text-lg font-semibold">
            Chain of custody
          </h2>
          {v.ok ? (
            <Badge tone="ok" data-testid="custody-intact">
              <CheckCircle2 className="h-3 w-3" aria-hidden /> chain intact ({v.entries} entries)
            </Badge>
          ) : (
            <Badge tone="danger" data-testid="custody-broken">
              <ShieldAlert className="h-3 w-3" aria-hidden /> tampered at entry {v.brokenSeq}:{" "}
              {v.reason}
            </Badge>
          )}
        </div>
        <ol className="relative space-y-3 border-l border-line pl-5">
          {custody.map((c) => (
            <li key={c.seq} className="relative">
              <span
                className={`absolute -left-[27px] top-1 h-3 w-3 rounded-full border-2 border-bg ${!v.ok && c.seq >= v.brokenSeq ? "bg-danger" : "bg-accent"}`}
                aria-hidden
              />
              <div className="text-sm">
                <span className="font-medium">{describeCustodyAction(c)}</span>
                {c.ip ? <span className="text-muted"> from {c.ip}</span> : null}
              </div>
              <div className="text-xs text-muted">
                <Time value={c.at} /> · #{c.seq} · hash{" "}
                <span className="font-mono">{c.hash.slice(0, 16)}…</span>
              </div>
              {describe(c.details) ? (
                <div className="mt-0.5 break-all text-xs text-muted">{describe(c.details)}</div>
              ) : null}
            </li>
          ))}
        </ol>
        {viewRecordedAt ? (
          <p className="mt-2 text-xs text-muted" data-testid="view-note">
            Your view is in the chain of custody (<Time value={viewRecordedAt} />
            ); views are recorded at most once per person per hour.
          </p>
        ) : null}
      </section>
      {canDelete && a.status === "available" ? (
        <DeleteArtifact id={a.id} filename={a.filename} legalHold={a.legalHold} />
      ) : null}
    </div>
  );
}

function Field({
  label,
  children,
  wide,
}: {
  label: string;
  children: React.ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <div className="text-xs uppercase tracking-wide text-muted">{label}</div>
      <div className="mt-0.5 text-sm">{children}</div>
    </div>
  );
}

function DeleteArtifact({
  id,
  filename,
  legalHold,
}: {
  id: string;
  filename: string;
  legalHold: boolean;
}) {
  const del = useDeleteArtifact();
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  return (
    <Card className="max-w-xl border-danger/40">
      {/* The form validates the reason first; only then does the dialog ask. */}
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(true);
        }}
      >
        <InputField
          id="delete-reason"
          label="Delete the evidence bytes (the record, hash and custody stay)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Reason, e.g. collected from the wrong host"
          required
          minLength={3}
        />
        {legalHold ? (
          <p className="text-xs text-warn">
            The incident is on legal hold: deletion will be refused until the hold is released.
          </p>
        ) : null}
        <Button type="submit" variant="danger" disabled={del.isPending}>
          Delete artifact
        </Button>
        <ProblemAlert error={del.error} />
      </form>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        destructive
        title={`Delete ${filename}?`}
        description={
          <>
            <p>
              The evidence bytes are removed from storage for good; nobody can download them again.
            </p>
            <p>
              The record, its SHA-256 and the chain of custody stay, with a &ldquo;Deleted&rdquo;
              entry giving your reason: &ldquo;{reason}&rdquo;.
            </p>
          </>
        }
        confirmLabel="Delete the bytes"
        onConfirm={() => del.mutate({ id, reason })}
      />
    </Card>
  );
}
