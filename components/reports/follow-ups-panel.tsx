"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { FieldError, InputField, SelectField } from "@/components/ui/input";
import {
  type FollowUpRow,
  useCreateFollowUp,
  useIncidentFollowUps,
  useProposePlaybookChange,
  useUpdateFollowUp,
} from "@/lib/follow-ups/queries";
import { ApiError } from "@/lib/query/client";

const day = (d: string | null) => (d ? d.slice(0, 10) : "—");

export function FollowUpStatus({ f }: { f: FollowUpRow }) {
  if (f.overdue) return <Badge tone="danger">OVERDUE since {day(f.dueAt)}</Badge>;
  return (
    <Badge tone={f.status === "done" ? "ok" : f.status === "cancelled" ? "neutral" : "warn"}>
      {f.status}
    </Badge>
  );
}

export function DraftLink({ f }: { f: FollowUpRow }) {
  if (!f.draft) return null;
  return f.draft.publishedVersion ? (
    <Link className="text-ok hover:underline" href={`/playbooks/${f.playbookSlug}`}>
      Published as {f.playbookSlug} v{f.draft.publishedVersion} ✓
    </Link>
  ) : (
    <Link className="text-accent hover:underline" href={`/playbooks/drafts/${f.draft.id}`}>
      Draft of {f.playbookSlug} v{f.playbookVersion} — not published yet
    </Link>
  );
}

/** Follow-ups of one incident: add, complete, and turn a lesson into a playbook draft. */
export function FollowUpsPanel({
  incidentRef,
  initial,
  people,
  canWrite,
  canPropose,
}: {
  incidentRef: string;
  initial: FollowUpRow[];
  people: { id: string; name: string }[];
  canWrite: boolean;
  canPropose: boolean;
}) {
  const q = useIncidentFollowUps(incidentRef, initial);
  const create = useCreateFollowUp(incidentRef);
  const update = useUpdateFollowUp();
  const propose = useProposePlaybookChange();
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [ownerId, setOwnerId] = useState("");
  const [dueAt, setDueAt] = useState("");
  const err = (create.error ?? update.error ?? propose.error) as ApiError | null;
  const items = q.data?.items ?? [];
  return (
    <section aria-labelledby="follow-ups" className="space-y-3">
      <h2 id="follow-ups" className="text-lg font-semibold">
        Follow-ups
      </h2>
      {items.length === 0 ? (
        <p className="text-sm text-muted">No follow-ups yet.</p>
      ) : (
        <ul className="space-y-2">
          {items.map((f) => (
            <li
              key={f.id}
              className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded border border-line p-2 text-sm break-inside-avoid"
              data-testid="follow-up"
            >
              <span className="font-medium">{f.title}</span>
              <FollowUpStatus f={f} />
              <span className="text-muted">
                owner {f.owner?.name ?? "unassigned"} · due {day(f.dueAt)}
              </span>
              <DraftLink f={f} />
              {canWrite && f.status === "open" ? (
                <span className="ml-auto flex gap-2 print:hidden">
                  {canPropose && !f.draft ? (
                    <Button
                      variant="secondary"
                      disabled={propose.isPending}
                      onClick={() =>
                        propose.mutate(f.id, {
                          onSuccess: (r) => router.push(`/playbooks/drafts/${r.draftId}`),
                        })
                      }
                    >
                      Propose playbook change
                    </Button>
                  ) : null}
                  <Button
                    variant="secondary"
                    disabled={update.isPending}
                    onClick={() => update.mutate({ id: f.id, status: "done" })}
                  >
                    Mark done
                  </Button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <form
          className="flex flex-wrap items-end gap-2 print:hidden"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              { title, ownerId: ownerId || null, dueAt: dueAt ? `${dueAt}T23:59:59Z` : null },
              {
                onSuccess: () => {
                  setTitle("");
                  setDueAt("");
                },
              },
            );
          }}
        >
          <InputField
            id="fu-title"
            label="New follow-up"
            className="min-w-64 flex-1"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="What needs doing"
            required
          />
          <SelectField
            id="fu-owner"
            label="Owner"
            value={ownerId}
            onChange={(e) => setOwnerId(e.target.value)}
          >
            <option value="">unassigned</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <InputField
            id="fu-due"
            label="Due"
            type="date"
            value={dueAt}
            onChange={(e) => setDueAt(e.target.value)}
          />
          <Button type="submit" disabled={create.isPending || !title.trim()}>
            Add follow-up
          </Button>
        </form>
      ) : null}
      <FieldError>
        {err
          ? [
              err.message,
              ...(err.problem?.errors ?? []).map((x) => `${x.path}: ${x.message}`),
            ].join(" — ")
          : null}
      </FieldError>
    </section>
  );
}
