import * as React from "react";
import { cn } from "@/lib/ui/cn";

export type Column<Row> = {
  key: string;
  header: React.ReactNode;
  cell: (row: Row) => React.ReactNode;
  /** On the header and every cell of the column (alignment, width). */
  className?: string;
  /** On the cells only (type size, truncation). */
  cellClassName?: string;
  /** Shown before the value when rows stack on narrow screens (.table-stack in globals.css):
   *  give it where a value means nothing without its header. */
  label?: string;
};

/** A real <table> from columns and rows: named for assistive technology (by `label`, or by the
 *  heading `labelledBy` names), header cells that stay in view while the rows scroll, an empty
 *  message in place of the rows, and an optional full-width detail row under a row (`detail`).
 *  Colours are theme tokens, so dark and light follow the theme; below 768 px rows stack. */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  label,
  labelledBy,
  empty,
  detail,
  dense = false,
  framed = true,
  className,
  ...rest
}: {
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  label?: string;
  labelledBy?: string;
  /** Shown as the only row when there are none; nothing when undefined (still loading). */
  empty?: React.ReactNode;
  detail?: (row: Row) => { id: string; content: React.ReactNode } | null;
  dense?: boolean;
  /** Bordered and height-capped with its own scroll (the default), or bare inside a card. */
  framed?: boolean;
  className?: string;
  "data-testid"?: string;
}) {
  const pad = dense ? "py-1" : "py-2";
  const table = (
    <table
      aria-label={label}
      aria-labelledby={labelledBy}
      className={cn("table-stack w-full text-left text-sm", className)}
      data-testid={rest["data-testid"]}
    >
      <thead>
        <tr>
          {columns.map((c) => (
            <th
              key={c.key}
              scope="col"
              className={cn(
                "sticky top-0 z-10 font-medium text-muted",
                framed ? "bg-panel-2 px-3" : "bg-panel",
                pad,
                c.className,
              )}
            >
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const more = detail?.(row) ?? null;
          return (
            <React.Fragment key={rowKey(row)}>
              <tr>
                {columns.map((c) => (
                  <td
                    key={c.key}
                    data-label={c.label}
                    className={cn(
                      "border-t border-line",
                      framed && "px-3",
                      pad,
                      c.className,
                      c.cellClassName,
                    )}
                  >
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
              {more ? (
                <tr id={more.id}>
                  <td colSpan={columns.length} className={cn(framed && "px-3", pad)}>
                    {more.content}
                  </td>
                </tr>
              ) : null}
            </React.Fragment>
          );
        })}
        {rows.length === 0 && empty !== undefined ? (
          <tr>
            <td
              colSpan={columns.length}
              className="border-t border-line py-6 text-center text-muted"
            >
              {empty}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
  return framed ? (
    <div className="max-h-[75vh] overflow-auto rounded-lg border border-line">{table}</div>
  ) : (
    table
  );
}
