"use client";
import { ArrowDown, ArrowUp } from "lucide-react";
import { Button } from "@/components/ui/button";
import { STEP_KINDS } from "@/lib/playbooks/definition";
import {
  changeStepKind,
  issuesAt,
  moveStep,
  needsChoices,
  put,
  removeStep,
  renameStep,
  type StepKind,
} from "@/lib/playbooks/playbook-form-edits";
import type { PlaybookDraft, StepDraft } from "@/lib/playbooks/playbook-form-yaml";
import type { Issue } from "@/lib/playbooks/queries";
import { EscalationFields } from "./playbook-escalation-fields";
import {
  CheckboxSet,
  fieldId,
  NumberField,
  RemoveButton,
  SelectField,
  TextField,
} from "./playbook-form-fields";
import { KindFields } from "./playbook-kind-fields";

export type StepCardProps = {
  p: PlaybookDraft;
  index: number;
  roles: string[];
  issues: Issue[];
  readOnly?: boolean;
  onChange: (next: PlaybookDraft) => void;
};

/** One step of the playbook: what it is, who owns it, what it waits for, its SLA and
 *  escalation, and the fields of its kind. */
export function StepCard({ p, index, roles, issues, readOnly, onChange }: StepCardProps) {
  const s = p.steps[index];
  const at = `steps.${index}`;
  const msg = (field: string) => issuesAt(issues, `${at}.${field}`, p.steps);
  const set = (next: StepDraft) =>
    onChange({ ...p, steps: p.steps.map((x, i) => (i === index ? next : x)) });
  const field = (key: string) => (v: unknown) => set(put(s, key, v));
  return (
    <li
      className="space-y-3 rounded-lg border border-line bg-panel p-4"
      data-testid="form-step"
      data-step-id={s.id}
      aria-labelledby={`${fieldId(at)}-h`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`${fieldId(at)}-h`} className="font-semibold">
          Step {index + 1}: <span className="font-mono">{s.id}</span>
        </h3>
        <div className="flex gap-1">
          <Button
            type="button"
            variant="ghost"
            aria-label={`Move ${s.id} up`}
            disabled={readOnly || index === 0}
            onClick={() => onChange(moveStep(p, index, -1))}
          >
            <ArrowUp className="h-4 w-4" aria-hidden />
          </Button>
          <Button
            type="button"
            variant="ghost"
            aria-label={`Move ${s.id} down`}
            disabled={readOnly || index === p.steps.length - 1}
            onClick={() => onChange(moveStep(p, index, 1))}
          >
            <ArrowDown className="h-4 w-4" aria-hidden />
          </Button>
          <RemoveButton
            disabled={readOnly || p.steps.length === 1}
            label={`Remove step ${s.id}`}
            onClick={() => onChange(removeStep(p, index))}
          />
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextField
          path={`${at}.id`}
          label="Step id"
          messages={msg("id")}
          readOnly={readOnly}
          value={s.id}
          onChange={(id) => onChange(renameStep(p, index, id))}
        />
        <SelectField<StepKind>
          path={`${at}.kind`}
          label="Kind"
          messages={msg("kind")}
          readOnly={readOnly}
          value={s.kind}
          options={STEP_KINDS.map((k) => ({ value: k, label: k }))}
          onChange={(k) => k && set(changeStepKind(s, k))}
        />
        <SelectField
          path={`${at}.role`}
          label="Role"
          messages={msg("role")}
          readOnly={readOnly}
          value={s.role}
          options={[
            { value: "", label: "— nobody in particular —" },
            ...[...new Set([...roles, ...(s.role ? [s.role] : [])])].map((r) => ({
              value: r,
              label: r,
            })),
          ]}
          onChange={field("role")}
        />
        <NumberField
          path={`${at}.slaMinutes`}
          label="SLA (minutes)"
          messages={msg("slaMinutes")}
          readOnly={readOnly}
          value={s.slaMinutes}
          onChange={field("slaMinutes")}
        />
      </div>
      <TextField
        path={`${at}.title`}
        label="Title"
        messages={msg("title")}
        readOnly={readOnly}
        value={s.title}
        onChange={field("title")}
      />
      <TextField
        path={`${at}.description`}
        label="Description"
        multiline
        messages={msg("description")}
        readOnly={readOnly}
        value={s.description}
        onChange={(v) => field("description")(v === "" ? undefined : v)}
      />
      <CheckboxSet
        path={`${at}.needs`}
        label="Needs (runs after)"
        empty="No other steps yet."
        messages={msg("needs")}
        readOnly={readOnly}
        value={s.needs ?? []}
        choices={needsChoices(p, index)}
        onChange={(v) => field("needs")(v.length ? v : undefined)}
      />
      <KindFields {...{ p, index, roles, issues, readOnly }} set={set} />
      <EscalationFields
        path={`${at}.escalation`}
        stepId={s.id}
        value={s.escalation}
        slaMinutes={s.slaMinutes}
        roles={roles}
        issues={issues}
        readOnly={readOnly}
        onChange={field("escalation")}
      />
    </li>
  );
}
