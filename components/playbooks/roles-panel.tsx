"use client";
import { AlertTriangle } from "lucide-react";
import { Card } from "@/components/ui/card";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { type IncidentPlaybook, useAssignRole } from "@/lib/playbooks/queries";

/** Incident roles; an empty seat is shown loudly, because nobody owns what it covers. */
export function RolesPanel({
  incidentRef,
  roles,
  people,
  canWrite,
}: {
  incidentRef: string;
  roles: IncidentPlaybook["roles"];
  people: IncidentPlaybook["people"];
  canWrite: boolean;
}) {
  const assign = useAssignRole(incidentRef);
  const empty = roles.filter((r) => !r.userId);
  return (
    <Card aria-labelledby="roles-h">
      <div className="mb-2 flex items-center gap-2">
        <h3 id="roles-h" className="font-semibold">
          Roles
        </h3>
        {empty.length ? (
          <span
            role="status"
            className="inline-flex items-center gap-1 rounded bg-danger/15 px-2 py-0.5 text-xs font-semibold text-danger"
            data-testid="unfilled-roles"
          >
            <AlertTriangle size={14} aria-hidden /> {empty.length} role
            {empty.length === 1 ? "" : "s"} unfilled
          </span>
        ) : null}
      </div>
      <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-1">
        {roles.map((r) => (
          <li
            key={r.key}
            className={
              r.userId
                ? "rounded-md border border-line p-2"
                : "rounded-md border-2 border-danger/70 bg-danger/10 p-2"
            }
            data-role={r.key}
          >
            <label htmlFor={`role-${r.key}`} className="block text-sm font-medium">
              {r.label}{" "}
              {r.userId ? null : <span className="font-bold text-danger">— UNFILLED</span>}
            </label>
            {r.instructions ? <p className="text-xs text-muted">{r.instructions}</p> : null}
            {canWrite ? (
              <select
                id={`role-${r.key}`}
                className="mt-1 w-full rounded-md border border-line bg-panel-2 px-2 py-1 text-sm"
                value={r.userId ?? ""}
                disabled={assign.isPending}
                onChange={(e) => assign.mutate({ key: r.key, userId: e.target.value || null })}
              >
                <option value="">— nobody —</option>
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.role})
                  </option>
                ))}
              </select>
            ) : (
              <p className="mt-1 text-sm">{r.userName ?? "nobody"}</p>
            )}
          </li>
        ))}
      </ul>
      <ProblemAlert error={assign.error} className="mt-2 text-sm text-danger" />
    </Card>
  );
}
