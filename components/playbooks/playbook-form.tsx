"use client";
// The playbook as a form, for managers who do not write YAML. It edits the same value the
// YAML editor does (the caller turns every change into YAML), and shows each validation
// message under the field it is about.
import { BUILTIN_ROLES } from "@/lib/playbooks/definition";
import { addStep, issuesAt, put } from "@/lib/playbooks/playbook-form-edits";
import type { PlaybookDraft } from "@/lib/playbooks/playbook-form-yaml";
import type { Issue } from "@/lib/playbooks/queries";
import { EVENT_TYPES, SEVERITIES } from "@/lib/protocol/events";
import {
  AddButton,
  CheckboxSet,
  Messages,
  RemoveButton,
  roleKeys,
  SelectField,
  TextField,
} from "./playbook-form-fields";
import { StepCard } from "./playbook-step-card";

type Props = {
  value: PlaybookDraft;
  issues: Issue[];
  readOnly?: boolean;
  onChange: (next: PlaybookDraft) => void;
};

export function PlaybookForm({ value: p, issues, readOnly, onChange }: Props) {
  const roles = roleKeys(p, BUILTIN_ROLES);
  const msg = (path: string) => issuesAt(issues, path);
  const top = (key: string) => (v: unknown) => onChange(put(p, key, v));
  const own = (path: string) => issues.filter((i) => i.path === path).map((i) => i.message);
  return (
    <div className="space-y-6" data-testid="playbook-form">
      <section aria-labelledby="pf-meta-h" className="space-y-3">
        <h2 id="pf-meta-h" className="font-semibold">
          Playbook
        </h2>
        <p className="text-sm text-muted">
          <span className="font-mono">{p.slug}</span>, version {String(p.version ?? "?")} (the
          version is set when you publish).
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            path="title"
            label="Title"
            readOnly={readOnly}
            messages={msg("title")}
            value={p.title}
            onChange={top("title")}
          />
          <TextField
            path="team"
            label="Team"
            readOnly={readOnly}
            messages={msg("team")}
            value={p.team}
            onChange={(v) => top("team")(v === "" ? undefined : v)}
          />
        </div>
        <TextField
          path="description"
          label="Description"
          multiline
          readOnly={readOnly}
          messages={msg("description")}
          value={p.description}
          onChange={(v) => top("description")(v === "" ? undefined : v)}
        />
        <Messages id="pf-root" messages={own("(root)")} />
      </section>

      <section aria-labelledby="pf-triggers-h" className="space-y-3">
        <h2 id="pf-triggers-h" className="font-semibold">
          Triggers
        </h2>
        <p className="text-sm text-muted">
          An incident opened by a matching event starts this playbook.
        </p>
        <ol className="space-y-3">
          {(p.triggers ?? []).map((t, i) => {
            const set = (next: typeof t) =>
              onChange({ ...p, triggers: (p.triggers ?? []).map((x, k) => (k === i ? next : x)) });
            return (
              <li key={i} className="space-y-2 rounded-md border border-line p-3">
                <CheckboxSet
                  path={`triggers.${i}.eventTypes`}
                  label={`Trigger ${i + 1}: event types`}
                  readOnly={readOnly}
                  messages={msg(`triggers.${i}.eventTypes`)}
                  value={t.eventTypes ?? []}
                  choices={EVENT_TYPES}
                  onChange={(v) => set({ ...t, eventTypes: v as typeof t.eventTypes })}
                />
                <div className="grid gap-2 sm:grid-cols-[12rem_1fr_auto]">
                  <SelectField
                    path={`triggers.${i}.minSeverity`}
                    label="Minimum severity"
                    readOnly={readOnly}
                    messages={msg(`triggers.${i}.minSeverity`)}
                    value={t.minSeverity}
                    options={[
                      { value: "", label: "low (default)" },
                      ...SEVERITIES.map((s) => ({ value: s, label: s })),
                    ]}
                    onChange={(v) => set(put(t, "minSeverity", v))}
                  />
                  <TextField
                    path={`triggers.${i}.plugin`}
                    label="Plugin (glob, empty = any)"
                    readOnly={readOnly}
                    messages={msg(`triggers.${i}.plugin`)}
                    value={t.plugin}
                    onChange={(v) => set(put(t, "plugin", v === "" ? undefined : v))}
                  />
                  <RemoveButton
                    className="sm:mt-5"
                    disabled={readOnly}
                    label={`Remove trigger ${i + 1}`}
                    onClick={() => top("triggers")((p.triggers ?? []).filter((_, k) => k !== i))}
                  />
                </div>
              </li>
            );
          })}
        </ol>
        <AddButton
          disabled={readOnly}
          onClick={() => top("triggers")([...(p.triggers ?? []), { eventTypes: [EVENT_TYPES[0]] }])}
        >
          Add trigger
        </AddButton>
      </section>

      <section aria-labelledby="pf-roles-h" className="space-y-3">
        <h2 id="pf-roles-h" className="font-semibold">
          Roles
        </h2>
        <p className="text-sm text-muted">
          Built in: {BUILTIN_ROLES.join(", ")}. Add the ones this playbook needs besides those.
        </p>
        <ol className="space-y-2">
          {(p.roles ?? []).map((r, i) => {
            const set = (next: typeof r) =>
              onChange({ ...p, roles: (p.roles ?? []).map((x, k) => (k === i ? next : x)) });
            return (
              <li
                key={i}
                className="grid gap-2 rounded-md border border-line p-3 sm:grid-cols-[12rem_12rem_1fr_auto]"
              >
                <TextField
                  path={`roles.${i}.key`}
                  label="Key"
                  readOnly={readOnly}
                  messages={msg(`roles.${i}.key`)}
                  value={r.key}
                  onChange={(v) => set({ ...r, key: v })}
                />
                <TextField
                  path={`roles.${i}.label`}
                  label="Label"
                  readOnly={readOnly}
                  messages={msg(`roles.${i}.label`)}
                  value={r.label}
                  onChange={(v) => set({ ...r, label: v })}
                />
                <TextField
                  path={`roles.${i}.instructions`}
                  label="Instructions"
                  readOnly={readOnly}
                  messages={msg(`roles.${i}.instructions`)}
                  value={r.instructions}
                  onChange={(v) => set(put(r, "instructions", v === "" ? undefined : v))}
                />
                <RemoveButton
                  className="sm:mt-5"
                  disabled={readOnly}
                  label={`Remove role ${r.key}`}
                  onClick={() => top("roles")((p.roles ?? []).filter((_, k) => k !== i))}
                />
              </li>
            );
          })}
        </ol>
        <AddButton
          disabled={readOnly}
          onClick={() =>
            top("roles")([
              ...(p.roles ?? []),
              { key: `role-${(p.roles ?? []).length + 1}`, label: "New role" },
            ])
          }
        >
          Add role
        </AddButton>
      </section>

      <section aria-labelledby="pf-steps-h" className="space-y-3">
        <h2 id="pf-steps-h" className="font-semibold">
          Steps
        </h2>
        <Messages
          id="pf-steps"
          messages={own("steps").filter((m) => !/^dependency cycle/.test(m))}
        />
        <ol className="space-y-4">
          {p.steps.map((s, i) => (
            <StepCard
              key={`${i}:${s.kind}`}
              p={p}
              index={i}
              roles={roles}
              issues={issues}
              readOnly={readOnly}
              onChange={onChange}
            />
          ))}
        </ol>
        <AddButton disabled={readOnly} onClick={() => onChange(addStep(p))}>
          Add step
        </AddButton>
      </section>
    </div>
  );
}
