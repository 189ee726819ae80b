"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/card";
import { Time } from "@/components/ui/time";

/** Relative time with the exact one on hover (the one clock). */
export function Ago({ iso }: { iso: string }) {
  return <Time value={iso} relative />;
}

// Status is told by label and shape (dot/ring/hollow), not colour alone.
export function ConnectivityBadge({ c, revoked }: { c: string; revoked?: boolean }) {
  if (revoked) return <Badge tone="danger">✕ revoked</Badge>;
  if (c === "online") return <Badge tone="ok">● online</Badge>;
  if (c === "stale") return <Badge tone="warn">◐ stale</Badge>;
  return <Badge tone="neutral">○ offline</Badge>;
}

export function IsolationBadge({ isolation }: { isolation: string }) {
  return isolation === "isolated" ? (
    <Badge tone="warn">⊘ isolated</Badge>
  ) : (
    <span className="text-xs text-muted">not isolated</span>
  );
}

export function PluginStateBadge({ state }: { state: string }) {
  const tone =
    state === "active"
      ? "ok"
      : state === "quarantined"
        ? "warn"
        : state === "revoked"
          ? "danger"
          : "neutral";
  return <Badge tone={tone}>{state}</Badge>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  const tone =
    severity === "critical" || severity === "high"
      ? "danger"
      : severity === "medium"
        ? "warn"
        : "neutral";
  return <Badge tone={tone}>{severity}</Badge>;
}

export function PluginLink({
  name,
  version,
  label,
  className,
}: {
  name: string;
  version?: string;
  label?: string;
  className?: string;
}) {
  const q = new URLSearchParams({ name, ...(version ? { version } : {}) });
  return (
    <Link
      href={`/hosts/plugins?${q}`}
      className={className ?? "text-accent hover:underline"}
      title={`Blast radius of ${name}${version ? " " + version : ""}`}
    >
      {label ?? name}
    </Link>
  );
}

export const shortSha = (s: string) => `${s.slice(0, 12)}…`;
