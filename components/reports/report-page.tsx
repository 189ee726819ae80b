"use client";
import Link from "next/link";
import type * as React from "react";
import { Button } from "@/components/ui/button";

// On paper only the report: the console's navigation is hidden and the scrolling shell
// becomes a plain page so every section prints, not just the first screen.
const PRINT_CSS = `@media print {
  html, body { background: #fff !important; color: #000 !important; }
  nav[aria-label="Main"], .print-hide { display: none !important; }
  .h-screen { height: auto !important; display: block !important; }
  main { overflow: visible !important; padding: 0 !important; }
  [data-report] * { color: #000 !important; border-color: #999 !important; background-color: transparent !important; }
  [data-report] .recharts-text { fill: #000 !important; }
  [data-report] section { break-inside: avoid-page; }
}`;

/** What a report view is given: the report, and whether the viewer may add follow-ups
 *  (`canWrite`) and propose playbook changes from them (`canPropose`). */
export type ReportViewProps<R> = { report: R; canWrite: boolean; canPropose: boolean };

/** A timestamp as a report prints it: to the second, in UTC. */
export const utc = (d: string | null | undefined) =>
  d ? `${d.replace("T", " ").slice(0, 19)} UTC` : "—";

/** A report (an incident's, a drill's): its page styles for print, and the same bar on every
 *  report — back link, Markdown download and print — above its content. */
export function ReportPage({
  back,
  markdown,
  children,
}: {
  back: { href: string; label: string };
  markdown: string;
  children: React.ReactNode;
}) {
  return (
    <article data-report className="mx-auto max-w-5xl space-y-6">
      <style>{PRINT_CSS}</style>
      <div className="flex flex-wrap items-center justify-between gap-2 print:hidden">
        <Link className="text-sm text-accent hover:underline" href={back.href}>
          ← {back.label}
        </Link>
        <div className="flex gap-2">
          <a
            className="rounded-md border border-line bg-panel-2 px-3 py-1.5 text-sm hover:bg-line"
            href={markdown}
            download
          >
            Download Markdown
          </a>
          <Button onClick={() => window.print()}>Print / save as PDF</Button>
        </div>
      </div>
      {children}
    </article>
  );
}

export function ReportSection({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
