"use client";
// The small fields the playbook form is built from. Each takes the validation path it edits so
// the server's messages for that path appear under it (and are announced: role="alert").
import { Plus, Trash2 } from "lucide-react";
import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import type { PlaybookDraft } from "@/lib/playbooks/playbook-form-yaml";
import { cn } from "@/lib/ui/cn";

type Target = { role?: string; user?: string; managers?: true };
export const fieldId = (path: string) => `pf-${path.replace(/\./g, "-")}`;

/** Ties a field to its messages: marked invalid and described by them while there are any. */
export const invalidProps = (id: string, messages: string[]) => ({
  "aria-invalid": messages.length > 0 || undefined,
  "aria-describedby": messages.length ? `${id}-errors` : undefined,
});

type ButtonProps = { disabled?: boolean; className?: string; onClick: () => void };

/** A list item's delete button: an icon, so its label names what it deletes. */
export function RemoveButton({ label, ...props }: ButtonProps & { label: string }) {
  return (
    <Button type="button" variant="ghost" aria-label={label} {...props}>
      <Trash2 className="h-4 w-4" aria-hidden />
    </Button>
  );
}

export function AddButton({ children, ...props }: ButtonProps & { children: ReactNode }) {
  return (
    <Button type="button" variant="secondary" {...props}>
      <Plus className="h-3 w-3" aria-hidden /> {children}
    </Button>
  );
}

export function Messages({ id, messages }: { id: string; messages: string[] }) {
  if (!messages.length) return null;
  return (
    <ul id={`${id}-errors`} role="alert" className="mt-1 space-y-0.5 text-sm text-danger">
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}

type Common = { path: string; label: string; messages: string[]; readOnly?: boolean };
type Control = { id: string } & ReturnType<typeof invalidProps>;

/** A field's label over its control, with the messages for its path under it; `children`
 *  draws the control from the props that tie it to both. */
function Field({
  path,
  label,
  messages,
  className,
  children,
}: Omit<Common, "readOnly"> & { className?: string; children: (control: Control) => ReactNode }) {
  const id = fieldId(path);
  return (
    <div className={className}>
      <Label htmlFor={id}>{label}</Label>
      {children({ id, ...invalidProps(id, messages) })}
      <Messages id={id} messages={messages} />
    </div>
  );
}

export function TextField({
  readOnly,
  value,
  onChange,
  multiline,
  ...field
}: Common & {
  value: string | undefined;
  onChange: (v: string) => void;
  multiline?: boolean;
  className?: string;
}) {
  return (
    <Field {...field}>
      {(control) => {
        const props = {
          ...control,
          value: value ?? "",
          readOnly,
          onChange: (e: { target: { value: string } }) => onChange(e.target.value),
        };
        return multiline ? (
          <textarea
            {...props}
            rows={2}
            className="w-full rounded-md border border-line bg-bg px-3 py-1.5 text-sm text-fg focus:border-accent focus:outline-none"
          />
        ) : (
          <Input {...props} />
        );
      }}
    </Field>
  );
}

/** A number of minutes (or any positive number); empty means the field is left out. */
export function NumberField({
  readOnly,
  value,
  onChange,
  ...field
}: Common & {
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  className?: string;
}) {
  return (
    <Field {...field}>
      {(control) => (
        <Input
          {...control}
          type="number"
          min={1}
          inputMode="numeric"
          value={value ?? ""}
          readOnly={readOnly}
          onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
        />
      )}
    </Field>
  );
}

export function SelectField<T extends string>({
  readOnly,
  value,
  options,
  onChange,
  ...field
}: Common & {
  value: T | undefined;
  options: readonly { value: T | ""; label: string }[];
  onChange: (v: T | undefined) => void;
  className?: string;
}) {
  return (
    <Field {...field}>
      {(control) => (
        <Select
          {...control}
          value={value ?? ""}
          disabled={readOnly}
          className="w-full"
          onChange={(e) => onChange((e.target.value || undefined) as T | undefined)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}

/** A set of values picked from a list by checkboxes; values not in the list (a reference to
 *  a step that is gone) stay visible so they can be unticked. */
export function CheckboxSet({
  path,
  label,
  messages,
  readOnly,
  value,
  choices,
  onChange,
  empty,
}: Common & {
  value: readonly string[];
  choices: readonly string[];
  onChange: (v: string[]) => void;
  empty?: string;
}) {
  const id = fieldId(path);
  const all = [...choices, ...value.filter((v) => !choices.includes(v))];
  return (
    <fieldset {...invalidProps(id, messages)}>
      <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-muted">
        {label}
      </legend>
      {all.length === 0 ? <p className="text-sm text-muted">{empty ?? "None to pick."}</p> : null}
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {all.map((c) => (
          <label key={c} className="inline-flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={value.includes(c)}
              disabled={readOnly}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? all.filter((x) => x === c || value.includes(x))
                    : value.filter((x) => x !== c),
                )
              }
            />
            <span className={cn("font-mono", !choices.includes(c) && "text-danger")}>
              {c}
              {choices.includes(c) ? "" : " (unknown)"}
            </span>
          </label>
        ))}
      </div>
      <Messages id={id} messages={messages} />
    </fieldset>
  );
}

const TARGET_KINDS = [
  { value: "role", label: "Holder of role" },
  { value: "user", label: "User (email)" },
  { value: "managers", label: "Every manager" },
] as const;

/** Who an escalation level or notify step reaches: one of a role, a user or the managers. */
export function TargetField({
  path,
  label,
  messages,
  readOnly,
  value,
  roles,
  onChange,
}: Common & { value: Target | undefined; roles: string[]; onChange: (v: Target) => void }) {
  const kind = value?.managers ? "managers" : value?.user !== undefined ? "user" : "role";
  const [lastUser, setLastUser] = useState(value?.user ?? "");
  const id = fieldId(path);
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <SelectField
        path={`${path}.kind`}
        label={label}
        messages={[]}
        readOnly={readOnly}
        value={kind}
        options={TARGET_KINDS}
        onChange={(k) =>
          onChange(
            k === "managers"
              ? { managers: true }
              : k === "user"
                ? { user: lastUser }
                : { role: roles[0] ?? "commander" },
          )
        }
      />
      {kind === "role" ? (
        <SelectField
          path={`${path}.role`}
          label="Role"
          messages={[]}
          readOnly={readOnly}
          value={value?.role}
          options={[...new Set([...roles, ...(value?.role ? [value.role] : [])])].map((r) => ({
            value: r,
            label: r,
          }))}
          onChange={(r) => onChange({ role: r })}
        />
      ) : kind === "user" ? (
        <TextField
          path={`${path}.user`}
          label="Email"
          messages={[]}
          readOnly={readOnly}
          value={value?.user}
          onChange={(u) => {
            setLastUser(u);
            onChange({ user: u });
          }}
        />
      ) : null}
      <div className="sm:col-span-2">
        <Messages id={id} messages={messages} />
      </div>
    </div>
  );
}

/** The roles a step or target may name: the built-in ones and the playbook's own. */
export function roleKeys(p: PlaybookDraft, builtin: readonly string[]): string[] {
  return [...builtin, ...(p.roles ?? []).map((r) => r.key).filter((k) => !builtin.includes(k))];
}
