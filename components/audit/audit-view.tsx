"use client";
import { useState } from "react";
import { ShieldCheck, ShieldAlert, RefreshCw } from "lucide-react";
import { useAuditEntries, useAuditVerify } from "@/lib/audit/queries";
import { Button } from "@/components/ui/button";
import { Card, Table } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Time } from "@/components/ui/time";

export function AuditView() {
  const [action, setAction] = useState("");
  const verify = useAuditVerify();
  const entries = useAuditEntries(action || undefined);
  const rows = entries.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <div className="space-y-4">
      <Card className="flex items-center justify-between" data-testid="audit-verify">
        {verify.isPending ? (
          <span className="text-muted">Verifying the chain…</span>
        ) : verify.data?.ok ? (
          <span className="flex items-center gap-2 text-ok"><ShieldCheck size={18} aria-hidden /> Verified {verify.data.entries} entries — the chain is intact.</span>
        ) : verify.data ? (
          <span className="flex items-center gap-2 text-danger"><ShieldAlert size={18} aria-hidden /> Broken at seq {verify.data.brokenSeq}: {verify.data.reason} ({verify.data.entries} entries verified before it).</span>
        ) : (
          <span className="text-danger">Could not verify: {verify.error?.message}</span>
        )}
        <Button variant="secondary" onClick={() => verify.refetch()} disabled={verify.isFetching}><RefreshCw size={14} aria-hidden /> Verify again</Button>
      </Card>
      <div className="flex items-center gap-2">
        <label htmlFor="audit-filter" className="text-sm text-muted">Action starts with</label>
        <Input id="audit-filter" className="max-w-xs" placeholder="e.g. auth. or user." value={action} onChange={(e) => setAction(e.target.value)} />
      </div>
      <Table>
        <thead><tr><th>Seq</th><th>When</th><th>Actor</th><th>Action</th><th>Target</th><th>Details</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seq}>
              <td className="font-mono">{r.seq}</td>
              <td className="whitespace-nowrap font-mono text-xs"><Time value={r.at} /></td>
              <td>{r.actorLabel} <span className="text-xs text-muted">({r.actorType})</span></td>
              <td className="font-mono text-xs">{r.action}</td>
              <td className="text-xs text-muted">{r.targetType ? `${r.targetType} ${r.targetId?.slice(0, 8)}` : "—"}</td>
              <td className="max-w-md truncate font-mono text-xs text-muted" title={JSON.stringify(r.details)}>{JSON.stringify(r.details)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      {entries.hasNextPage ? <Button variant="secondary" onClick={() => entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>Load older</Button> : null}
    </div>
  );
}
