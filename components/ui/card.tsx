import * as React from "react";
import { cn } from "@/lib/ui/cn";

export function Card({ className, ...props }: React.HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("rounded-lg border border-line bg-panel p-4", className)} {...props} />;
}

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: React.ReactNode;
  actions?: React.ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-muted">{description}</p> : null}
      </div>
      {actions ? <div className="flex gap-2">{actions}</div> : null}
    </div>
  );
}

export function Badge({
  tone = "neutral",
  className,
  ...props
}: React.HTMLAttributes<HTMLSpanElement> & {
  tone?: "neutral" | "ok" | "warn" | "danger" | "accent";
}) {
  const tones = {
    neutral: "border-line text-muted",
    ok: "border-ok/50 text-ok",
    warn: "border-warn/50 text-warn",
    danger: "border-danger/50 text-danger",
    accent: "border-accent/50 text-accent",
  };
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-medium",
        tones[tone],
        className,
      )}
      {...props}
    />
  );
}

/** A column heading of `Table`: its text, or the text with classes (alignment, hiding). */
export type TableHeader = React.ReactNode | { label: React.ReactNode; className?: string };

/** A table that turns into a readable list of rows below 768 px (see .table-stack in
 *  globals.css); give a cell data-label when its value means nothing without its header.
 *  `head` lists the column headings (null or false for a column that is not shown) and makes
 *  the children the body rows; `empty`, when given, is the one row in place of none, across
 *  every column. */
export function Table({
  className,
  head,
  empty,
  children,
  ...props
}: React.TableHTMLAttributes<HTMLTableElement> & {
  head?: readonly TableHeader[];
  empty?: React.ReactNode;
}) {
  const headers = head?.filter((h) => h !== null && h !== false);
  return (
    <div className="overflow-x-auto rounded-lg border border-line">
      <table
        className={cn(
          "table-stack w-full text-left text-sm [&_th]:bg-panel-2 [&_th]:px-3 [&_th]:py-2 [&_th]:font-medium [&_th]:text-muted [&_td]:border-t [&_td]:border-line [&_td]:px-3 [&_td]:py-2",
          className,
        )}
        {...props}
      >
        {headers ? (
          <>
            <thead>
              <tr>
                {headers.map((h, i) =>
                  isHeaderWithClass(h) ? (
                    <th key={i} className={h.className}>
                      {h.label}
                    </th>
                  ) : (
                    <th key={i}>{h}</th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {children}
              {empty !== undefined && empty !== null ? (
                <tr>
                  <td colSpan={headers.length} className="py-8 text-center text-muted">
                    {empty}
                  </td>
                </tr>
              ) : null}
            </tbody>
          </>
        ) : (
          children
        )}
      </table>
    </div>
  );
}

function isHeaderWithClass(h: TableHeader): h is { label: React.ReactNode; className?: string } {
  return typeof h === "object" && h !== null && "label" in h && !React.isValidElement(h);
}
