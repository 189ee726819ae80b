"use client";
import { RefreshCw, ShieldAlert, ShieldCheck } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, Table } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Time } from "@/components/ui/time";
import { type AuditFilters, useAuditEntries, useAuditVerify } from "@/lib/audit/queries";

export function AuditView() {
  const [filters, setFilters] = useState<AuditFilters>({});
  const set = (k: keyof AuditFilters) => (e: { target: { value: string } }) =>
    setFilters((f) => ({ ...f, [k]: e.target.value }));
  const text = (k: keyof AuditFilters, label: string, placeholder: string, width: string) => (
    <label className="text-sm text-muted">
      {label}
      <Input
        className={`mt-1 ${width}`}
        placeholder={placeholder}
        value={filters[k] ?? ""}
        onChange={set(k)}
      />
    </label>
  );
  const verify = useAuditVerify();
  const entries = useAuditEntries(filters);
  const rows = entries.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <div className="space-y-4">
      <Card className="flex items-center justify-between" data-testid="audit-verify">
        {verify.isPending ? (
          <span className="text-muted">Verifying the chain…</span>
        ) : verify.data?.ok ? (
          <span className="flex items-center gap-2 text-ok">
            <ShieldCheck size={18} aria-hidden /> Verified {verify.data.entries} entries — the chain
            is intact.
            {verify.data.unsealed > 0 ? (
              <span className="text-muted"> {verify.data.unsealed} newer still sealing.</span>
            ) : null}
          </span>
        ) : verify.data ? (
          <span className="flex items-center gap-2 text-danger">
            <ShieldAlert size={18} aria-hidden /> Broken at seq {verify.data.brokenSeq}:{" "}
            {verify.data.reason} ({verify.data.entries} entries verified before it).
          </span>
        ) : (
          <span className="text-danger">Could not verify: {verify.error?.message}</span>
        )}
        <Button variant="secondary" onClick={() => verify.refetch()} disabled={verify.isFetching}>
          <RefreshCw size={14} aria-hidden /> Verify again
        </Button>
      </Card>
      <fieldset className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        {text("action", "Action starts with", "e.g. incident. or host.", "w-48")}
        {text("actor", "Actor", "e-mail, hostname or id", "w-48")}
        <label className="text-sm text-muted">
          Actor kind
          <select
            className="mt-1 block h-9 rounded border border-line bg-transparent px-2 text-sm"
            value={filters.actorType ?? ""}
            onChange={set("actorType")}
          >
            <option value="">any</option>
            <option value="user">person</option>
            <option value="host">host</option>
            <option value="system">system</option>
          </select>
        </label>
        {text("targetType", "Target kind", "incident, host…", "w-36")}
        {text("target", "Target id starts with", "first characters", "w-40")}
      </fieldset>
      <Table head={["Seq", "When", "Actor", "Action", "Target", "Details"]}>
        {rows.map((r) => (
          <tr key={r.id}>
            <td className="font-mono">
              {r.seq ?? (
                <span className="text-muted" title="Committed; the chain takes it within a second">
                  sealing…
                </span>
              )}
            </td>
            <td className="whitespace-nowrap font-mono text-xs">
              <Time value={r.at} />
            </td>
            <td>
              {r.actorLabel} <span className="text-xs text-muted">({r.actorType})</span>
            </td>
            <td className="font-mono text-xs">{r.action}</td>
            <td className="text-xs text-muted" title={r.targetId ?? undefined}>
              {r.targetType ? `${r.targetType} ${r.targetId?.slice(0, 8)}` : "—"}
            </td>
            <td
              className="max-w-md truncate font-mono text-xs text-muted"
              title={JSON.stringify(r.details)}
            >
              {JSON.stringify(r.details)}
            </td>
          </tr>
        ))}
      </Table>
      {entries.hasNextPage ? (
        <Button
          variant="secondary"
          onClick={() => entries.fetchNextPage()}
          disabled={entries.isFetchingNextPage}
        >
          Load older
        </Button>
      ) : null}
    </div>
  );
}
