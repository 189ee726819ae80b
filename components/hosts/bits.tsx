"use client";
import { useEffect, useState } from "react";
import Link from "next/link";
import { Badge } from "@/components/ui/card";

/** A clock that ticks so "12 s ago" stays true between polls. */
export function useNow(intervalMs = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export function relative(iso: string, now: number) {
  const s = Math.round((now - new Date(iso).getTime()) / 1000);
  // Clocks disagree by a little; anything within a minute ahead still reads as "just now".
  if (s < 5 && s > -60) return "just now";
  if (s < 0) return `in ${fmt(-s)}`;
  return `${fmt(s)} ago`;
}
function fmt(s: number) {
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}

export function Ago({ iso, now }: { iso: string; now: number }) {
  return <time dateTime={iso} title={new Date(iso).toLocaleString()}>{relative(iso, now)}</time>;
}

// Status is told by label and shape (dot/ring/hollow), not colour alone.
export function ConnectivityBadge({ c, revoked }: { c: string; revoked?: boolean }) {
  if (revoked) return <Badge tone="danger">✕ revoked</Badge>;
  if (c === "online") return <Badge tone="ok">● online</Badge>;
  if (c === "stale") return <Badge tone="warn">◐ stale</Badge>;
  return <Badge tone="neutral">○ offline</Badge>;
}

export function IsolationBadge({ isolation }: { isolation: string }) {
  return isolation === "isolated" ? <Badge tone="warn">⊘ isolated</Badge> : <span className="text-xs text-muted">not isolated</span>;
}

export function PluginStateBadge({ state }: { state: string }) {
  const tone = state === "active" ? "ok" : state === "quarantined" ? "warn" : state === "revoked" ? "danger" : "neutral";
  return <Badge tone={tone}>{state}</Badge>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  const tone = severity === "critical" || severity === "high" ? "danger" : severity === "medium" ? "warn" : "neutral";
  return <Badge tone={tone}>{severity}</Badge>;
}

export function PluginLink({ name, version, label, className }: { name: string; version?: string; label?: string; className?: string }) {
  const q = new URLSearchParams({ name, ...(version ? { version } : {}) });
  return (
    <Link href={`/hosts/plugins?${q}`} className={className ?? "text-accent hover:underline"} title={`Blast radius of ${name}${version ? " " + version : ""}`}>
      {label ?? name}
    </Link>
  );
}

export const shortSha = (s: string) => `${s.slice(0, 12)}…`;
