"use client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FieldError, InputField } from "@/components/ui/input";
import { PASSWORD_MIN } from "@/lib/auth/password-rules";
import { type Refusal, useActionSubmit } from "./use-action-submit";

// The server action comes in as a prop from app/setup/page.tsx: components never import app/.
type SetupAction = (form: {
  name: string;
  email: string;
  password: string;
}) => Promise<{ ok: true } | { ok: false; error: Refusal }>;

export function SetupForm({ setup }: { setup: SetupAction }) {
  const { onSubmit, pending, refusal } = useActionSubmit((fd) =>
    setup({
      name: String(fd.get("name")),
      email: String(fd.get("email")),
      password: String(fd.get("password")),
    }),
  );
  const errors = refusal?.fieldErrors ?? {};
  return (
    <Card>
      <form className="space-y-4" onSubmit={onSubmit}>
        <InputField
          id="name"
          label="Your name"
          error={errors.name}
          name="name"
          required
          autoFocus
        />
        <InputField
          id="email"
          label="Email"
          error={errors.email}
          name="email"
          type="email"
          autoComplete="username"
          required
        />
        <InputField
          id="password"
          label={<>Password (at least {PASSWORD_MIN} characters)</>}
          error={errors.password}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
          required
        />
        {Object.keys(errors).length === 0 ? <FieldError>{refusal?.message}</FieldError> : null}
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Creating…" : "Create admin and sign in"}
        </Button>
      </form>
    </Card>
  );
}
