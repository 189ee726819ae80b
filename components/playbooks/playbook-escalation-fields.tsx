"use client";
import { Button } from "@/components/ui/button";
import { issuesAt } from "@/lib/playbooks/playbook-form-edits";
import type { StepDraft } from "@/lib/playbooks/playbook-form-yaml";
import type { Issue } from "@/lib/playbooks/queries";
import {
  AddButton,
  Messages,
  NumberField,
  RemoveButton,
  TargetField,
} from "./playbook-form-fields";

type Escalation = NonNullable<StepDraft["escalation"]>;

/** A step's escalation chain: levels that notify someone N minutes after the step became
 *  ready, then an optional repeat of the last level. */
export function EscalationFields({
  path,
  stepId,
  value,
  slaMinutes,
  roles,
  issues,
  readOnly,
  onChange,
}: {
  path: string;
  stepId: string;
  value: Escalation | undefined;
  slaMinutes: number | undefined;
  roles: string[];
  issues: Issue[];
  readOnly?: boolean;
  onChange: (v: Escalation | undefined) => void;
}) {
  // The chain-wide rule (increasing afterMinutes) is reported on the escalation itself.
  const own = issues.filter((i) => i.path === path).map((i) => i.message);
  if (!value)
    return (
      <div>
        <AddButton
          disabled={readOnly}
          onClick={() =>
            onChange({
              levels: [{ afterMinutes: slaMinutes ?? 15, notify: { role: "commander" } }],
            })
          }
        >
          Add escalation to {stepId}
        </AddButton>
        <Messages id={`${path}-own`} messages={own} />
      </div>
    );
  const levels = value.levels ?? [];
  const setLevels = (next: Escalation["levels"]) => onChange({ ...value, levels: next });
  return (
    <fieldset className="space-y-2 rounded-md border border-line p-3">
      <legend className="px-1 text-sm font-medium">Escalation</legend>
      <ol className="space-y-2">
        {levels.map((l, j) => (
          <li
            key={j}
            className="grid gap-2 sm:grid-cols-[8rem_1fr_auto] sm:items-start"
            data-testid="escalation-level"
          >
            <NumberField
              path={`${path}.levels.${j}.afterMinutes`}
              label={`Level ${j + 1} after (min)`}
              messages={issuesAt(issues, `${path}.levels.${j}.afterMinutes`)}
              readOnly={readOnly}
              value={l.afterMinutes}
              onChange={(n) =>
                setLevels(levels.map((x, k) => (k === j ? { ...x, afterMinutes: n as number } : x)))
              }
            />
            <TargetField
              path={`${path}.levels.${j}.notify`}
              label={`Level ${j + 1} notifies`}
              messages={issuesAt(issues, `${path}.levels.${j}.notify`)}
              readOnly={readOnly}
              value={l.notify}
              roles={roles}
              onChange={(t) => setLevels(levels.map((x, k) => (k === j ? { ...x, notify: t } : x)))}
            />
            <RemoveButton
              className="sm:mt-5"
              disabled={readOnly || levels.length === 1}
              label={`Remove escalation level ${j + 1} of ${stepId}`}
              onClick={() => setLevels(levels.filter((_, k) => k !== j))}
            />
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-end gap-3">
        <AddButton
          disabled={readOnly}
          onClick={() =>
            setLevels([
              ...levels,
              {
                afterMinutes: (levels.at(-1)?.afterMinutes ?? 0) + 15,
                notify: { managers: true },
              },
            ])
          }
        >
          Add escalation level
        </AddButton>
        <NumberField
          path={`${path}.repeatEveryMinutes`}
          label="Then repeat every (min)"
          className="w-48"
          messages={issuesAt(issues, `${path}.repeatEveryMinutes`)}
          readOnly={readOnly}
          value={value.repeatEveryMinutes}
          onChange={(n) => {
            const { repeatEveryMinutes: _old, ...rest } = value;
            onChange(n === undefined ? rest : { ...rest, repeatEveryMinutes: n });
          }}
        />
        <Button
          type="button"
          variant="ghost"
          disabled={readOnly}
          onClick={() => onChange(undefined)}
        >
          Remove escalation
        </Button>
      </div>
      <Messages id={`${path}-own`} messages={own} />
    </fieldset>
  );
}
