import * as React from "react";
import { cn } from "@/lib/ui/cn";
import { errorsByField } from "@/lib/ui/problem-text";

export function Input({ className, ...props }: React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <input
      className={cn(
        "w-full rounded-md border border-line bg-bg px-3 py-1.5 text-sm text-fg placeholder:text-muted focus:border-accent focus:outline-none",
        className,
      )}
      {...props}
    />
  );
}

export function Select({ className, ...props }: React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select
      className={cn(
        "rounded-md border border-line bg-bg px-2 py-1.5 text-sm text-fg focus:border-accent focus:outline-none",
        className,
      )}
      {...props}
    />
  );
}

export function Label({ className, ...props }: React.LabelHTMLAttributes<HTMLLabelElement>) {
  return (
    <label
      className={cn("mb-1 block text-xs font-medium uppercase tracking-wide text-muted", className)}
      {...props}
    />
  );
}

export function FieldError({ children }: { children?: React.ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="mt-1 text-sm text-danger">
      {children}
    </p>
  );
}

/** A failed request's sentence, when it names no field: reasons that do name one show under
 *  their own fields (`error` of InputField), so saying them here too would repeat them. */
export function FormError({ error }: { error: Error | null }) {
  if (!error || Object.keys(errorsByField(error)).length) return null;
  return <FieldError>{error.message}</FieldError>;
}

type FieldProps = {
  id: string;
  label: React.ReactNode;
  /** The reason the server gave for this field; nothing shows while it is empty. */
  error?: React.ReactNode;
  /** On the block that holds label, control and error (grid spans, widths). */
  className?: string;
};

/** A labelled text input in a block of its own, its label tied to it by `id`, with room for
 *  the field's error under it. `inputClassName` goes on the input itself. */
export function InputField({
  id,
  label,
  error,
  className,
  inputClassName,
  ...props
}: FieldProps &
  Omit<React.InputHTMLAttributes<HTMLInputElement>, "id" | "className"> & {
    inputClassName?: string;
  }) {
  return (
    <div className={className}>
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} className={inputClassName} {...props} />
      <FieldError>{error}</FieldError>
    </div>
  );
}

/** `InputField` for a drop-down: the children are its options. */
export function SelectField({
  id,
  label,
  error,
  className,
  selectClassName,
  ...props
}: FieldProps &
  Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "id" | "className"> & {
    selectClassName?: string;
  }) {
  return (
    <div className={className}>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} className={selectClassName} {...props} />
      <FieldError>{error}</FieldError>
    </div>
  );
}
