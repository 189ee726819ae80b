import type { DiffItem } from "@/lib/playbooks/queries";
import { listDelta } from "@/lib/playbooks/semantic-diff";

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** A semantic diff as a person reads it: lists as items added and removed, scalars as before → after. */
export function SemanticDiffList({ diff, testId }: { diff: DiffItem[]; testId: string }) {
  if (diff.length === 0) return <p className="text-sm text-muted">No semantic changes.</p>;
  return (
    <ul className="space-y-1 text-sm" data-testid={testId}>
      {diff.map((x, n) => {
        const delta = x.kind === "changed" ? listDelta(x.before, x.after) : null;
        return (
          <li key={n}>
            <span
              className={
                x.kind === "added" ? "text-ok" : x.kind === "removed" ? "text-danger" : "text-warn"
              }
            >
              {x.kind}
            </span>{" "}
            <span className="font-mono">{x.path}</span>
            {delta ? (
              <ul className="ml-4 text-xs">
                {delta.added.map((i) => (
                  <li key={`+${i}`} className="text-ok">
                    <span aria-label="added">+</span> {i}
                  </li>
                ))}
                {delta.removed.map((i) => (
                  <li key={`-${i}`} className="text-danger">
                    <span aria-label="removed">−</span> {i}
                  </li>
                ))}
                {!delta.added.length && !delta.removed.length ? (
                  <li className="text-muted">same items, new order</li>
                ) : null}
              </ul>
            ) : x.kind === "changed" ? (
              <span className="text-xs text-muted">
                {" "}
                {show(x.before)} → {show(x.after)}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
