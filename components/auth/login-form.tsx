"use client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FieldError, InputField } from "@/components/ui/input";
import { type Refusal, useActionSubmit } from "./use-action-submit";

// The server actions come in as props from app/login/page.tsx: components never import app/.
export type LoginActions = {
  login: (form: {
    email: string;
    password: string;
    next?: string;
  }) => Promise<{ ok: true } | { ok: false; error: Refusal }>;
  oidcLogin: (next?: string) => Promise<unknown>;
};

export function LoginForm({
  next,
  oidcName,
  actions,
}: {
  next?: string;
  oidcName: string | null;
  actions: LoginActions;
}) {
  const { onSubmit, pending, refusal } = useActionSubmit((fd) =>
    actions.login({ email: String(fd.get("email")), password: String(fd.get("password")), next }),
  );
  return (
    <Card>
      <form className="space-y-4" onSubmit={onSubmit}>
        <InputField
          id="email"
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
        />
        <InputField
          id="password"
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <FieldError>{refusal?.message}</FieldError>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oidcName ? (
        <form
          className="mt-3"
          action={async () => {
            await actions.oidcLogin(next);
          }}
        >
          <Button type="submit" variant="secondary" className="w-full">
            Continue with {oidcName}
          </Button>
        </form>
      ) : null}
    </Card>
  );
}
