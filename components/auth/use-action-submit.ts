"use client";
import { type FormEvent, useState, useTransition } from "react";

/** What the sign-in actions answer when they refuse: a sentence and, for a field's reason,
 *  the field. */
export type Refusal = { message: string; fieldErrors?: Record<string, string> };

/** Submits a pre-sign-in form to its server action in a transition: `send` gets the form's
 *  fields; a refusal stays until the next submit. */
export function useActionSubmit(
  send: (form: FormData) => Promise<{ ok: true } | { ok: false; error: Refusal }>,
) {
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [pending, start] = useTransition();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    setRefusal(null);
    start(async () => {
      const r = await send(fd);
      if (r && !r.ok) setRefusal(r.error);
    });
  };
  return { onSubmit, pending, refusal };
}
