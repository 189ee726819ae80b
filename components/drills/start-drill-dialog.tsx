"use client";
import { useRouter } from "next/navigation";
import { Dialog } from "radix-ui";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/input";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { useStartDrill } from "@/lib/drills/queries";
import type { ScenarioSummary } from "@/lib/drills/views";

export type DrillPerson = { id: string; name: string; role: string };

/** Start a run: the speed, and who plays each of the scenario's roles. The facilitator is
 *  whoever starts it (the server records that). */
export function StartDrillDialog({
  scenario,
  people,
}: {
  scenario: ScenarioSummary;
  people: DrillPerson[];
}) {
  const router = useRouter();
  const start = useStartDrill();
  const [open, setOpen] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [cast, setCast] = useState<Record<string, string>>({});
  const participants = Object.entries(cast)
    .filter(([, userId]) => userId)
    .map(([role, userId]) => ({ role, userId }));
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button data-testid={`start-${scenario.slug}`}>Start drill</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/60" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[min(94vw,32rem)] -translate-x-1/2 -translate-y-1/2 space-y-4 overflow-auto rounded-lg border border-line bg-panel p-5 shadow-xl">
          <Dialog.Title className="text-base font-semibold">Start “{scenario.title}”</Dialog.Title>
          <Dialog.Description className="text-sm text-muted">
            {scenario.fleetHosts} simulated hosts, {scenario.injectCount} injects over{" "}
            {Math.round(scenario.durationSeconds / 60)} drill minutes. Real hosts are never touched.
          </Dialog.Description>
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              start.mutate(
                { scenario: scenario.slug, speed, participants },
                { onSuccess: (run) => router.push(`/drills/${run.id}`) },
              );
            }}
          >
            <div>
              <Label htmlFor={`speed-${scenario.slug}`}>Speed: ×{speed}</Label>
              <input
                id={`speed-${scenario.slug}`}
                type="range"
                min={1}
                max={10}
                step={1}
                value={speed}
                onChange={(e) => setSpeed(Number(e.target.value))}
                className="w-full accent-[var(--color-drill)]"
                aria-valuetext={`times ${speed}`}
              />
              <p className="text-xs text-muted">
                ×{speed}: the drill&rsquo;s {Math.round(scenario.durationSeconds / 60)} minutes take
                about {Math.max(1, Math.round(scenario.durationSeconds / 60 / speed))} wall minutes;
                injects, SLAs and escalations all run at this speed.
              </p>
            </div>
            {scenario.roles.map((r) => (
              <div key={r.key}>
                <Label htmlFor={`role-${scenario.slug}-${r.key}`}>{r.key}</Label>
                <Select
                  id={`role-${scenario.slug}-${r.key}`}
                  value={cast[r.key] ?? ""}
                  onChange={(e) => setCast({ ...cast, [r.key]: e.target.value })}
                >
                  <option value="">nobody (left for the team to fill)</option>
                  {people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} ({p.role})
                    </option>
                  ))}
                </Select>
                {r.brief ? <p className="text-xs text-muted">{r.brief}</p> : null}
              </div>
            ))}
            <ProblemAlert error={start.error} />
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button type="button" variant="secondary">
                  Cancel
                </Button>
              </Dialog.Close>
              <Button type="submit" disabled={start.isPending}>
                {start.isPending ? "Starting…" : "Start"}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
