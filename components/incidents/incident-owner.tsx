"use client";
import type { IncidentView } from "@/lib/incidents/queries";

/** Moves focus to the commander's seat in the roles panel (its select, for writers). */
const focusCommanderSeat = () => {
  const seat = document.getElementById("role-commander");
  seat?.scrollIntoView({ block: "center" });
  seat?.focus();
};

/** The one owner, at the top: who commands this incident, or loudly that nobody does.
 *  A button, not a hover target, so the assign step is one Tab away from the title. */
export function IncidentOwner({
  commander,
  canWrite,
}: {
  commander: IncidentView["commander"];
  canWrite: boolean;
}) {
  return (
    <p className="text-sm" data-testid="incident-owner">
      {commander ? (
        <>
          Commander: <strong>{commander.name}</strong>
          {canWrite ? (
            <>
              {" "}
              ·{" "}
              <button
                type="button"
                className="text-accent hover:underline"
                onClick={focusCommanderSeat}
              >
                change
              </button>
            </>
          ) : null}
        </>
      ) : (
        <span className="font-semibold text-danger">
          No commander
          {canWrite ? (
            <>
              {" "}
              —{" "}
              <button type="button" className="underline" onClick={focusCommanderSeat}>
                assign
              </button>
            </>
          ) : null}
        </span>
      )}
    </p>
  );
}
