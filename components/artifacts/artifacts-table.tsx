"use client";
import Link from "next/link";
import { Badge, Table } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { useArtifacts } from "@/lib/artifacts/queries";
import { formatBytes, KIND_LABEL, shortHash } from "./format";

export function StatusBadge({ status, legalHold }: { status: string; legalHold?: boolean }) {
  if (status === "available")
    return legalHold ? (
      <Badge tone="warn">on legal hold</Badge>
    ) : (
      <Badge tone="ok">available</Badge>
    );
  return <Badge tone="neutral">{status}</Badge>;
}

/** Live list of artifacts (polls): everything, or one incident's. */
export function ArtifactsTable({
  incidentId,
  showIncident = true,
}: {
  incidentId?: string;
  showIncident?: boolean;
}) {
  const q = useArtifacts(incidentId);
  if (q.isPending) return <p className="text-sm text-muted">Loading artifacts…</p>;
  if (q.error)
    return (
      <p role="alert" className="text-sm text-danger">
        {q.error.message}
      </p>
    );
  const rows = q.data.artifacts;
  if (!rows.length) return <p className="text-sm text-muted">No artifacts yet.</p>;
  return (
    <Table
      data-testid="artifacts-table"
      head={[
        "File",
        "Kind",
        "Size",
        "SHA-256",
        showIncident ? "Incident" : null,
        "Host",
        "Received",
        "Expires",
        "Status",
      ]}
    >
      {rows.map((a) => (
        <tr key={a.id}>
          <td>
            <Link
              className="text-accent underline-offset-2 hover:underline"
              href={`/artifacts/${a.id}`}
            >
              {a.filename}
            </Link>
          </td>
          <td>{KIND_LABEL[a.kind]}</td>
          <td className="tabular-nums">{formatBytes(a.sizeBytes)}</td>
          <td className="font-mono text-xs" title={a.sha256}>
            {shortHash(a.sha256)}
          </td>
          {showIncident ? (
            <td>
              {a.incidentKey ? (
                <Link className="hover:underline" href={`/incidents/${a.incidentKey}`}>
                  {a.incidentKey}
                </Link>
              ) : (
                "—"
              )}
            </td>
          ) : null}
          <td>{a.hostname ?? "uploaded by a responder"}</td>
          <td className="text-xs text-muted">
            <Time value={a.receivedAt} />
          </td>
          <td className="text-xs text-muted">
            {a.status === "available" ? <Time value={a.expiresAt} /> : "—"}
          </td>
          <td>
            <StatusBadge status={a.status} legalHold={a.legalHold} />
          </td>
        </tr>
      ))}
    </Table>
  );
}
