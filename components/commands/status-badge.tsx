import { Badge } from "@/components/ui/card";

const TONE: Record<string, "neutral" | "ok" | "warn" | "danger" | "accent"> = {
  awaiting_approval: "warn",
  queued: "neutral",
  delivered: "accent",
  acknowledged: "accent",
  succeeded: "ok",
  failed: "danger",
  expired: "danger",
  cancelled: "neutral",
};

export function CommandStatusBadge({
  status,
  cancelRequested,
}: {
  status: string;
  cancelRequested?: boolean;
}) {
  return (
    <span className="inline-flex items-center gap-1">
      <Badge tone={TONE[status] ?? "neutral"} data-testid="command-status">
        {status.replace("_", " ")}
      </Badge>
      {cancelRequested ? <Badge tone="warn">cancel requested</Badge> : null}
    </span>
  );
}
