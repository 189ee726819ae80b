"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Label, SelectField } from "@/components/ui/input";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { elapsedAt } from "@/lib/drills/drill-clock";
import { drillStamp } from "@/lib/drills/drill-stamp";
import { useDrillControl } from "@/lib/drills/queries";
import type { DrillRunView } from "@/lib/drills/views";

/** T+mm:ss, ticking locally from the clock segments between refetches (paused: it stands). */
export function DrillClock({ run }: { run: DrillRunView }) {
  const [now, setNow] = useState(() => Date.now());
  const ticking = run.status === "running";
  useEffect(() => {
    if (!ticking) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [ticking]);
  const ms = ticking
    ? Math.min(elapsedAt(run.clockSegments, now), run.durationSeconds * 1000)
    : run.elapsedMs;
  return (
    <span
      className="font-mono text-3xl font-bold tabular-nums"
      data-testid="drill-clock"
      aria-label={`Drill time ${drillStamp(ms)}`}
    >
      {drillStamp(ms)}
    </span>
  );
}

/** Pause / resume, speed and end, for the facilitator; each is on the drill's timeline. */
export function DrillRunControls({ run }: { run: DrillRunView }) {
  const control = useDrillControl(run.id);
  const [confirmEnd, setConfirmEnd] = useState(false);
  if (!run.canControl || run.status === "ended") return null;
  return (
    <div className="flex flex-wrap items-end gap-2" aria-label="Drill controls" role="group">
      {run.status === "paused" ? (
        <Button disabled={control.isPending} onClick={() => control.mutate({ action: "resume" })}>
          ▶ Resume
        </Button>
      ) : (
        <Button
          variant="secondary"
          disabled={control.isPending}
          onClick={() => control.mutate({ action: "pause" })}
        >
          ❚❚ Pause
        </Button>
      )}
      <SelectField
        id="drill-speed"
        label="Speed"
        value={String(run.speed)}
        disabled={control.isPending}
        onChange={(e) => control.mutate({ action: "speed", speed: Number(e.target.value) })}
      >
        {Array.from({ length: 10 }, (_, i) => i + 1).map((s) => (
          <option key={s} value={s}>
            ×{s}
          </option>
        ))}
      </SelectField>
      <ConfirmDialog
        open={confirmEnd}
        onOpenChange={setConfirmEnd}
        title={`End ${run.key} now?`}
        description="The simulated fleet stops, pending injects are skipped and the run is scored as it stands: what has not happened yet counts as missed."
        confirmLabel="End the drill"
        destructive
        onConfirm={() => control.mutate({ action: "end" })}
        trigger={
          <Button variant="danger" disabled={control.isPending}>
            ■ End drill
          </Button>
        }
      />
      <ProblemAlert error={control.error} />
    </div>
  );
}

/** The facilitator's notes: what they saw, for the report. Read-only for everyone else. The
 *  draft is local state, not remounted on a refetch, so a poll never eats what is being typed. */
export function DrillNotes({ run }: { run: DrillRunView }) {
  const control = useDrillControl(run.id);
  const [notes, setNotes] = useState(run.facilitatorNotes);
  const dirty = notes !== run.facilitatorNotes;
  return (
    <section aria-labelledby="drill-notes" className="space-y-2">
      <h2 id="drill-notes" className="text-lg font-semibold">
        Facilitator&rsquo;s notes
      </h2>
      {run.canControl ? (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            control.mutate({ action: "notes", notes });
          }}
        >
          <Label htmlFor="drill-notes-text" className="sr-only">
            Notes
          </Label>
          <textarea
            id="drill-notes-text"
            className="min-h-28 w-full rounded-md border border-line bg-panel-2 p-2 text-sm"
            value={notes}
            maxLength={20000}
            onChange={(e) => setNotes(e.target.value)}
            placeholder="What you saw: who waited on whom, what to change in the playbook"
          />
          <div className="flex items-center gap-2">
            <Button type="submit" disabled={!dirty || control.isPending}>
              Save notes
            </Button>
            {control.isSuccess && !dirty ? <span className="text-xs text-ok">Saved ✓</span> : null}
          </div>
          <ProblemAlert error={control.error} />
        </form>
      ) : (
        <p className="whitespace-pre-wrap text-sm">{run.facilitatorNotes || "No notes yet."}</p>
      )}
    </section>
  );
}
