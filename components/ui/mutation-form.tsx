"use client";
import type * as React from "react";
import { ProblemAlert } from "./problem-alert";

type Mutation<V> = {
  mutate: (value: V, options?: { onSuccess?: () => void }) => void;
  error: unknown;
};

/** A form that sends one mutation: Enter or the submit button sends `value` (nothing while it
 *  is null, i.e. the form is not filled in), `onDone` clears the fields after a success, and
 *  the server's problem shows under the fields, across the whole row (a full-width item of a
 *  wrapping flex row). */
export function MutationForm<V>({
  label,
  mutation,
  value,
  onDone,
  className,
  children,
}: {
  label: string;
  mutation: Mutation<V>;
  value: V | null;
  onDone: () => void;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <form
      className={className}
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        if (value !== null) mutation.mutate(value, { onSuccess: onDone });
      }}
    >
      {children}
      <ProblemAlert error={mutation.error} className="mt-1 w-full text-sm text-danger" />
    </form>
  );
}

/** `{ [key]: text }` trimmed, or nothing when the text is blank (an optional field). */
export const optionalText = <K extends string>(key: K, text: string) =>
  (text.trim() ? { [key]: text.trim() } : {}) as Partial<Record<K, string>>;
