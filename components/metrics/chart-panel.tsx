"use client";
import * as React from "react";
import { Card } from "@/components/ui/card";

/** A chart with its title, what it shows, and the same numbers as a table (for screen
 *  readers, for copying, and for anyone who would rather read than look). */
export function ChartPanel({
  id,
  title,
  description,
  table,
  children,
  empty,
}: {
  id: string;
  title: string;
  description: string;
  table: React.ReactNode;
  children: React.ReactNode;
  empty?: string | false;
}) {
  return (
    <Card className="flex min-w-0 flex-col gap-2" aria-labelledby={`${id}-title`}>
      <div>
        <h2 id={`${id}-title`} className="text-sm font-semibold">
          {title}
        </h2>
        <p className="text-xs text-muted">{description}</p>
      </div>
      {empty ? (
        <p className="py-10 text-center text-sm text-muted">{empty}</p>
      ) : (
        <div
          className="h-56 w-full"
          role="img"
          aria-label={`${title} chart; the table below has the numbers`}
        >
          {children}
        </div>
      )}
      {empty ? null : (
        <details className="text-xs">
          <summary className="cursor-pointer text-muted hover:text-fg">Table view</summary>
          <div className="mt-2 max-h-64 overflow-auto">{table}</div>
        </details>
      )}
    </Card>
  );
}

export function DataTable({ head, rows }: { head: string[]; rows: React.ReactNode[][] }) {
  return (
    <table className="w-full text-left text-xs [&_td]:border-t [&_td]:border-line [&_td]:px-2 [&_td]:py-1 [&_th]:px-2 [&_th]:py-1 [&_th]:font-medium [&_th]:text-muted">
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j} className="tabular-nums">
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Fill patterns so series differ by texture as well as colour. */
export function Patterns() {
  return (
    <defs>
      <pattern
        id="pat-diag"
        width="6"
        height="6"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="6" height="6" fill="var(--color-danger)" opacity="0.35" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="var(--color-danger)" strokeWidth="3" />
      </pattern>
      <pattern id="pat-dots" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="var(--color-warn)" opacity="0.35" />
        <circle cx="3" cy="3" r="1.6" fill="var(--color-warn)" />
      </pattern>
      <pattern id="pat-cross" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="var(--color-muted)" opacity="0.35" />
        <path d="M0 3h6M3 0v6" stroke="var(--color-muted)" strokeWidth="1.2" />
      </pattern>
    </defs>
  );
}

/** A series' fill and outline in Patterns: hatched red (the worst), dotted amber. */
export const HATCHED = { fill: "url(#pat-diag)", stroke: "var(--color-danger)" } as const;
export const DOTTED = { fill: "url(#pat-dots)", stroke: "var(--color-warn)" } as const;

/** Every line series: smoothed, 2 px, drawn at once (no animation to wait for or to print). */
export const LINE = { type: "monotone", strokeWidth: 2, isAnimationActive: false } as const;

export const AXIS = {
  stroke: "var(--color-muted)",
  tick: { fill: "var(--color-muted)", fontSize: 11 },
} as const;
export const GRID = { stroke: "var(--color-line)", strokeDasharray: "3 3" } as const;
export const TOOLTIP = {
  contentStyle: {
    background: "var(--color-panel)",
    border: "1px solid var(--color-line)",
    color: "var(--color-fg)",
    fontSize: 12,
  },
  labelStyle: { color: "var(--color-fg)" },
  itemStyle: { color: "var(--color-fg)" },
} as const;
