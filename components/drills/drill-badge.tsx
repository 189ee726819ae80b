import Link from "next/link";
import { cn } from "@/lib/ui/cn";

/** The mark every drill incident, host and command carries: the word, not the colour alone. */
export function DrillBadge({ runKey, className }: { runKey?: string | null; className?: string }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded border border-drill bg-drill/15 px-1.5 py-0.5 text-xs font-bold tracking-wide text-drill",
        className,
      )}
      title={runKey ? `Drill ${runKey}: not a real incident` : "Drill: not a real incident"}
    >
      DRILL{runKey ? ` · ${runKey}` : ""}
    </span>
  );
}

/** The banner at the top of a drill incident: nobody should mistake it for production. */
export function DrillBanner({ run }: { run: { id: string; key: string } }) {
  return (
    <div
      role="note"
      aria-label="Drill incident"
      className="mb-4 flex flex-wrap items-center gap-3 rounded-lg border-2 border-dashed border-drill bg-drill/10 px-4 py-3 text-drill"
      data-testid="drill-banner"
    >
      <span className="text-lg font-bold tracking-wide">
        DRILL — {run.key} — not a real incident
      </span>
      <Link className="ml-auto font-medium underline" href={`/drills/${run.id}`}>
        Open the drill run
      </Link>
    </div>
  );
}
