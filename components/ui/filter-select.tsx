import { Label, Select } from "./input";

export type FilterOption = string | { value: string; label: string };

/** A labelled filter drop-down whose first choice clears the filter: `onChange` gets undefined
 *  for it, the option's value otherwise. `extra` options go after the listed ones. */
export function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
  anyLabel = "any",
  format = (v) => v,
  extra,
}: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  options: readonly FilterOption[];
  anyLabel?: string;
  /** How a plain string option is shown (e.g. event types without underscores). */
  format?: (value: string) => string;
  extra?: React.ReactNode;
}) {
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{anyLabel}</option>
        {options.map((o) => {
          const { value: v, label: l } = typeof o === "string" ? { value: o, label: format(o) } : o;
          return (
            <option key={v} value={v}>
              {l}
            </option>
          );
        })}
        {extra}
      </Select>
    </div>
  );
}
