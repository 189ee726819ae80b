import { cn } from "@/lib/ui/cn";

// Colour plus a text label plus a shape cue, so severity and status read for colour-blind
// responders and on a dim screen at 3 a.m.
const SEVERITY_STYLE: Record<string, string> = {
  critical: "bg-danger/20 text-danger border-danger/60",
  high: "bg-warn/15 text-warn border-warn/60",
  medium: "bg-accent/15 text-accent border-accent/50",
  low: "bg-panel-2 text-muted border-line",
};
const SEVERITY_MARK: Record<string, string> = { critical: "▲▲", high: "▲", medium: "●", low: "○" };

export function SeverityBadge({ severity, className }: { severity: string; className?: string }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide",
        SEVERITY_STYLE[severity] ?? SEVERITY_STYLE.low,
        className,
      )}
    >
      <span aria-hidden>{SEVERITY_MARK[severity]}</span>
      {severity}
    </span>
  );
}

const STATUS_STYLE: Record<string, string> = {
  open: "border-danger/60 text-danger",
  acknowledged: "border-warn/60 text-warn",
  contained: "border-accent/60 text-accent",
  recovered: "border-ok/60 text-ok",
  closed: "border-line text-muted",
};

export function StatusBadge({ status, className }: { status: string; className?: string }) {
  return (
    <span
      className={cn(
        "inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium capitalize",
        STATUS_STYLE[status] ?? STATUS_STYLE.closed,
        className,
      )}
    >
      {status}
    </span>
  );
}
