import Link from "next/link";
import type * as React from "react";

/** "Parent / here" above a page: `parent` links back to the list the page belongs to. A
 *  record's page (`record`: an incident, a drill run) sets it in monospace and marks `here`
 *  as the current page. */
export function Breadcrumb({
  parent,
  here,
  record = false,
}: {
  parent: { href: string; label: string };
  here: React.ReactNode;
  record?: boolean;
}) {
  return (
    <nav
      aria-label="Breadcrumb"
      className={record ? "font-mono text-sm text-muted" : "mb-3 text-sm text-muted"}
    >
      <Link href={parent.href} className={record ? "hover:underline" : "hover:text-fg"}>
        {parent.label}
      </Link>{" "}
      / {record ? <span aria-current="page">{here}</span> : here}
    </nav>
  );
}
