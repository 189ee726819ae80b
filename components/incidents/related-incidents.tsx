"use client";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, Label } from "@/components/ui/input";
import { ProblemAlert } from "@/components/ui/problem-alert";
import {
  type IncidentView,
  useLinkIncident,
  useMergeIncident,
  useUnlinkIncident,
} from "@/lib/incidents/queries";
import { StatusBadge } from "./badges";

type Props = {
  incident: IncidentView["incident"];
  links: IncidentView["links"];
  canWrite: boolean;
  canMerge: boolean;
};

/** "Related to" links (both ways, key + title), and for writers: link, unlink, merge. */
export function RelatedIncidents({ incident, links, canWrite, canMerge }: Props) {
  const unlink = useUnlinkIncident(incident.key);
  const open = incident.status !== "closed";
  if (!links.length && !canWrite) return null;
  return (
    <Card aria-labelledby="related-h" className="space-y-3">
      <h3 id="related-h" className="font-semibold">
        Related incidents
      </h3>
      {links.length ? (
        <ul className="space-y-1 text-sm" data-testid="related-incidents">
          {links.map((l) => (
            <li key={l.key} className="flex flex-wrap items-center gap-2">
              <Link className="font-mono text-accent hover:underline" href={`/incidents/${l.key}`}>
                {l.key}
              </Link>
              <span className="min-w-0 flex-1 truncate">{l.title}</span>
              <StatusBadge status={l.status} />
              {canWrite ? (
                <Button
                  variant="ghost"
                  className="px-1.5 py-0.5 text-xs"
                  disabled={unlink.isPending}
                  aria-label={`Unlink ${l.key}`}
                  onClick={() => unlink.mutate({ incident: l.key })}
                >
                  Unlink
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">None linked.</p>
      )}
      <ProblemAlert error={unlink.error} />
      {canWrite ? <LinkForm incidentRef={incident.key} /> : null}
      {canMerge && open && !incident.mergedInto ? <MergeForm incidentKey={incident.key} /> : null}
    </Card>
  );
}

/** The other incident's key, its button beside it (the children). */
function IncidentKeyInput({
  id,
  label,
  value,
  onChange,
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (key: string) => void;
  children: React.ReactNode;
}) {
  return (
    <>
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <Input
          id={id}
          value={value}
          maxLength={100}
          onChange={(e) => onChange(e.target.value)}
          placeholder="INC-2026-0042"
        />
        {children}
      </div>
    </>
  );
}

function LinkForm({ incidentRef }: { incidentRef: string }) {
  const m = useLinkIncident(incidentRef);
  const [other, setOther] = useState("");
  return (
    <form
      className="space-y-1"
      onSubmit={(e) => {
        e.preventDefault();
        if (other.trim()) m.mutate({ incident: other.trim() }, { onSuccess: () => setOther("") });
      }}
    >
      <IncidentKeyInput
        id="link-incident"
        label="Link to incident"
        value={other}
        onChange={setOther}
      >
        <Button type="submit" variant="secondary" disabled={!other.trim() || m.isPending}>
          Link
        </Button>
      </IncidentKeyInput>
      <ProblemAlert error={m.error} />
    </form>
  );
}

/** Merging closes this incident for good, so it goes through the confirm dialog. */
function MergeForm({ incidentKey }: { incidentKey: string }) {
  const m = useMergeIncident(incidentKey);
  const [into, setInto] = useState("");
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState(false);
  const target = into.trim().toUpperCase();
  return (
    <form
      className="space-y-1 border-t border-line pt-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (target) setConfirming(true);
      }}
    >
      <IncidentKeyInput
        id="merge-into"
        label="Merge this incident into (duplicate of)"
        value={into}
        onChange={setInto}
      >
        <Button type="submit" variant="danger" disabled={!target || m.isPending}>
          Merge…
        </Button>
      </IncidentKeyInput>
      <Input
        aria-label="Merge note (optional)"
        value={note}
        maxLength={1000}
        onChange={(e) => setNote(e.target.value)}
        placeholder="Why it is a duplicate (optional)"
      />
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        destructive
        title={`Merge ${incidentKey} into ${target}?`}
        description={
          <>
            <p>
              {incidentKey} will be closed as a duplicate and cannot be reopened; its page will
              point to {target}, and {target}&apos;s timeline will say it was merged in.
            </p>
            <p>Its hosts, events and commands stay on {incidentKey}.</p>
          </>
        }
        confirmLabel="Merge and close"
        onConfirm={() =>
          m.mutate(
            { into: target, ...(note.trim() ? { note: note.trim() } : {}) },
            {
              onSuccess: () => {
                setInto("");
                setNote("");
              },
            },
          )
        }
      />
      <ProblemAlert error={m.error} />
    </form>
  );
}
