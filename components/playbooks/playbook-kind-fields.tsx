"use client";
// The fields that belong to one kind of step (a task's checklist, a command's type and
// parameters, a decision's options …); the fields every step has are in playbook-step-card.tsx.
import { useState } from "react";
import { Label } from "@/components/ui/input";
import { issuesAt, needsChoices, put } from "@/lib/playbooks/playbook-form-edits";
import type { StepDraft } from "@/lib/playbooks/playbook-form-yaml";
import { COMMAND_TYPES } from "@/lib/protocol/commands";
import {
  AddButton,
  CheckboxSet,
  fieldId,
  invalidProps,
  Messages,
  NumberField,
  RemoveButton,
  SelectField,
  TargetField,
  TextField,
} from "./playbook-form-fields";
import type { StepCardProps as Props } from "./playbook-step-card";

export function KindFields({
  p,
  index,
  roles,
  issues,
  readOnly,
  set,
}: Omit<Props, "onChange"> & { set: (s: StepDraft) => void }) {
  const s = p.steps[index];
  const at = `steps.${index}`;
  const msg = (field: string) => issuesAt(issues, `${at}.${field}`);
  const common = { readOnly };
  switch (s.kind) {
    case "task": {
      const items = s.checklist ?? [];
      const setItems = (next: string[]) => set(put(s, "checklist", next.length ? next : undefined));
      return (
        <fieldset>
          <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-muted">
            Checklist
          </legend>
          <ol className="space-y-1">
            {items.map((c, j) => (
              <li key={j} className="flex items-start gap-2">
                <TextField
                  {...common}
                  className="flex-1"
                  path={`${at}.checklist.${j}`}
                  label={`Item ${j + 1}`}
                  messages={msg(`checklist.${j}`)}
                  value={c}
                  onChange={(v) => setItems(items.map((x, k) => (k === j ? v : x)))}
                />
                <RemoveButton
                  className="mt-5"
                  disabled={readOnly}
                  label={`Remove checklist item ${j + 1} of ${s.id}`}
                  onClick={() => setItems(items.filter((_, k) => k !== j))}
                />
              </li>
            ))}
          </ol>
          <AddButton className="mt-1" disabled={readOnly} onClick={() => setItems([...items, ""])}>
            Add checklist item
          </AddButton>
        </fieldset>
      );
    }
    case "command":
      return (
        <div className="grid gap-3 sm:grid-cols-[16rem_1fr]">
          <SelectField
            {...common}
            path={`${at}.command.type`}
            label="Command"
            messages={msg("command.type")}
            value={s.command.type}
            options={COMMAND_TYPES.map((t) => ({ value: t, label: t }))}
            onChange={(t) => t && set({ ...s, command: { ...s.command, type: t } })}
          />
          <ParamsField
            {...common}
            path={`${at}.command.params`}
            messages={msg("command.params")}
            value={s.command.params}
            onChange={(params) => set({ ...s, command: put(s.command, "params", params) })}
          />
        </div>
      );
    case "approval":
      return (
        <TextField
          {...common}
          multiline
          path={`${at}.request`}
          label="What the approver is asked"
          messages={msg("request")}
          value={s.request}
          onChange={(v) => set({ ...s, request: v })}
        />
      );
    case "notify":
      return (
        <div className="space-y-3">
          <TargetField
            {...common}
            path={`${at}.notify`}
            label="Notifies"
            messages={msg("notify")}
            value={s.notify}
            roles={roles}
            onChange={(t) => set({ ...s, notify: t })}
          />
          <TextField
            {...common}
            multiline
            path={`${at}.message`}
            label="Message"
            messages={msg("message")}
            value={s.message}
            onChange={(v) => set({ ...s, message: v })}
          />
        </div>
      );
    case "wait":
      return (
        <NumberField
          {...common}
          className="w-48"
          path={`${at}.minutes`}
          label="Wait (minutes)"
          messages={msg("minutes")}
          value={s.minutes}
          onChange={(n) => set(put(s, "minutes", n))}
        />
      );
    case "decision":
      return <DecisionFields {...{ p, index, issues, readOnly }} set={set} />;
  }
}

function DecisionFields({
  p,
  index,
  issues,
  readOnly,
  set,
}: Pick<Props, "p" | "index" | "issues" | "readOnly"> & { set: (s: StepDraft) => void }) {
  const s = p.steps[index] as Extract<StepDraft, { kind: "decision" }>;
  const at = `steps.${index}`;
  const options = s.options ?? [];
  type Option = (typeof options)[number];
  const setOption = (j: number, o: Option) =>
    set({ ...s, options: options.map((x, k) => (k === j ? o : x)) });
  return (
    <div className="space-y-3">
      <TextField
        readOnly={readOnly}
        path={`${at}.question`}
        label="Question"
        messages={issuesAt(issues, `${at}.question`)}
        value={s.question}
        onChange={(v) => set({ ...s, question: v })}
      />
      <Messages
        id={`${fieldId(at)}-options`}
        messages={issues.filter((i) => i.path === `${at}.options`).map((i) => i.message)}
      />
      <ol className="space-y-2">
        {options.map((o, j) => (
          <li key={j} className="space-y-2 rounded-md border border-line p-3">
            <div className="grid gap-2 sm:grid-cols-[12rem_1fr_auto]">
              <TextField
                readOnly={readOnly}
                path={`${at}.options.${j}.key`}
                label={`Option ${j + 1} key`}
                messages={issuesAt(issues, `${at}.options.${j}.key`)}
                value={o.key}
                onChange={(v) => setOption(j, { ...o, key: v })}
              />
              <TextField
                readOnly={readOnly}
                path={`${at}.options.${j}.label`}
                label={`Option ${j + 1} label`}
                messages={issuesAt(issues, `${at}.options.${j}.label`)}
                value={o.label}
                onChange={(v) => setOption(j, { ...o, label: v })}
              />
              <RemoveButton
                className="sm:mt-5"
                disabled={readOnly || options.length <= 2}
                label={`Remove option ${j + 1} of ${s.id}`}
                onClick={() => set({ ...s, options: options.filter((_, k) => k !== j) })}
              />
            </div>
            <CheckboxSet
              readOnly={readOnly}
              path={`${at}.options.${j}.next`}
              label="Runs only when chosen"
              messages={issuesAt(issues, `${at}.options.${j}.next`)}
              value={o.next ?? []}
              choices={needsChoices(p, index)}
              onChange={(v) => setOption(j, put(o, "next", v.length ? v : undefined))}
            />
          </li>
        ))}
      </ol>
      <AddButton
        disabled={readOnly}
        onClick={() =>
          set({
            ...s,
            options: [...options, { key: `option-${options.length + 1}`, label: "", next: [] }],
          })
        }
      >
        Add option
      </AddButton>
    </div>
  );
}

/** Command parameters as JSON; text that does not parse yet is kept here, not written. */
function ParamsField({
  path,
  messages,
  readOnly,
  value,
  onChange,
}: {
  path: string;
  messages: string[];
  readOnly?: boolean;
  value: unknown;
  onChange: (v: Record<string, unknown> | undefined) => void;
}) {
  const [text, setText] = useState(() => JSON.stringify(value ?? {}, null, 1));
  const [bad, setBad] = useState<string | null>(null);
  // Parameters changed from outside (a step moved into this card, an undo in YAML): show them.
  const json = JSON.stringify(value ?? {});
  const [seen, setSeen] = useState(json);
  if (json !== seen) {
    setSeen(json);
    setText(JSON.stringify(value ?? {}, null, 1));
    setBad(null);
  }
  const id = fieldId(path);
  const all = bad ? [bad, ...messages] : messages;
  return (
    <div>
      <Label htmlFor={id}>Parameters (JSON)</Label>
      <textarea
        id={id}
        value={text}
        readOnly={readOnly}
        rows={3}
        spellCheck={false}
        {...invalidProps(id, all)}
        className="w-full rounded-md border border-line bg-bg px-3 py-1.5 font-mono text-xs text-fg focus:border-accent focus:outline-none"
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === "") {
            setBad(null);
            setSeen(JSON.stringify({}));
            onChange(undefined);
            return;
          }
          try {
            const v = JSON.parse(e.target.value) as unknown;
            if (typeof v !== "object" || v === null || Array.isArray(v))
              throw new Error("parameters are a JSON object: { … }");
            setBad(null);
            // What was typed is what the value now is: do not re-format it under the cursor.
            setSeen(JSON.stringify(v));
            onChange(v as Record<string, unknown>);
          } catch (err) {
            setBad(`Not saved yet: ${(err as Error).message}`);
          }
        }}
      />
      <Messages id={id} messages={all} />
    </div>
  );
}
