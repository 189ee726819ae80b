"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Table } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { Time } from "@/components/ui/time";
import { useRetention, useUpdateRetention } from "@/lib/artifacts/queries";
import type { ArtifactKind } from "@/lib/artifacts/schemas";
import { KIND_LABEL } from "./format";

/** Days each kind of artifact is kept. A change applies to artifacts collected afterwards:
 *  an artifact's expiry is fixed when it is collected. */
export function RetentionSettings() {
  const q = useRetention();
  const save = useUpdateRetention();
  // Edits hold against the policies they were made on: new data from the server (after a
  // save) starts the form again from what it says.
  const [edits, setEdits] = useState<{ on: unknown; days: Record<string, string> }>({
    on: undefined,
    days: {},
  });
  if (q.isPending) return <p className="text-sm text-muted">Loading…</p>;
  if (q.error)
    return (
      <p role="alert" className="text-danger">
        {q.error.message}
      </p>
    );
  const days = edits.on === q.data ? edits.days : {};
  const draft = Object.fromEntries(
    q.data.policies.map((p) => [p.kind, days[p.kind] ?? String(p.days)]),
  );
  const changed = q.data.policies.filter((p) => draft[p.kind] !== String(p.days));
  return (
    <form
      className="max-w-2xl space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          changed.map((p) => ({ kind: p.kind as ArtifactKind, days: Number(draft[p.kind]) })),
        );
      }}
    >
      <Table head={["Kind", "Keep for (days)", ""]}>
        {q.data.policies.map((p) => (
          <tr key={p.kind}>
            <td>
              <label htmlFor={`ret-${p.kind}`}>{KIND_LABEL[p.kind]}</label>
            </td>
            <td>
              <Input
                id={`ret-${p.kind}`}
                type="number"
                min={1}
                max={36500}
                required
                className="w-32"
                value={draft[p.kind] ?? ""}
                onChange={(e) =>
                  setEdits({ on: q.data, days: { ...days, [p.kind]: e.target.value } })
                }
              />
            </td>
            <td>
              {p.isDefault ? (
                <Badge>default</Badge>
              ) : (
                <span className="text-xs text-muted">
                  set {p.updatedAt ? <Time value={p.updatedAt} /> : ""}
                </span>
              )}
            </td>
          </tr>
        ))}
      </Table>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={!changed.length || save.isPending}>
          Save retention
        </Button>
        {save.isSuccess && !changed.length ? (
          <span role="status" className="text-sm text-ok">
            Saved. New artifacts use these periods.
          </span>
        ) : null}
      </div>
      <ProblemAlert error={save.error} />
    </form>
  );
}
