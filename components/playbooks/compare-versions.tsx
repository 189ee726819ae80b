"use client";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { useCompareVersions } from "@/lib/playbooks/queries";
import { SemanticDiffList } from "./semantic-diff-list";

/** Pick two published versions and read what changed between them, in the playbook's own terms. */
export function CompareVersions({ slug, versions }: { slug: string; versions: number[] }) {
  const sorted = [...versions].sort((a, b) => a - b);
  const [from, setFrom] = useState<number | null>(
    sorted.length > 1 ? sorted[sorted.length - 2] : null,
  );
  const [to, setTo] = useState<number | null>(sorted.length > 1 ? sorted[sorted.length - 1] : null);
  const q = useCompareVersions(slug, from, to);
  if (sorted.length < 2) return null;
  const pick = (label: string, value: number | null, set: (n: number) => void) => (
    <label className="flex items-center gap-1 text-sm">
      {label}
      <select
        aria-label={`Compare ${label}`}
        value={value ?? ""}
        onChange={(e) => set(Number(e.target.value))}
        className="rounded-md border border-line bg-panel-2 px-2 py-1"
      >
        {sorted.map((v) => (
          <option key={v} value={v}>
            v{v}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Card aria-labelledby="compare-h" className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="compare-h" className="font-semibold">
          Compare versions
        </h2>
        {pick("from", from, setFrom)}
        {pick("to", to, setTo)}
      </div>
      {q.isError ? (
        <p role="alert" className="text-sm text-danger">
          {q.error.message}
        </p>
      ) : q.data ? (
        <SemanticDiffList diff={q.data.diff} testId="version-diff" />
      ) : (
        <p className="text-sm text-muted">Loading…</p>
      )}
    </Card>
  );
}
