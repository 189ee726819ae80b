"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, Table } from "@/components/ui/card";
import { FormError, InputField, Select, SelectField } from "@/components/ui/input";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { Time } from "@/components/ui/time";
import { PASSWORD_MIN } from "@/lib/auth/password-rules";
import { errorsByField } from "@/lib/ui/problem-text";
import { useCreateUser, useUpdateUser, useUsers } from "@/lib/users/queries";

const ROLES = ["admin", "manager", "responder", "viewer"];

export function UsersView({ meId }: { meId: string }) {
  const users = useUsers();
  const update = useUpdateUser();
  return (
    <div className="space-y-6">
      <CreateUser />
      <ProblemAlert error={update.error} />
      <Table head={["Name", "Email", "Role", "Status", "Last sign-in", ""]}>
        {users.data?.users.map((u) => (
          <tr key={u.id} data-testid={`user-row-${u.email}`}>
            <td>
              {u.name}
              {u.id === meId ? <span className="ml-1 text-xs text-muted">(you)</span> : null}
            </td>
            <td className="font-mono text-xs">{u.email}</td>
            <td>
              <Select
                aria-label={`Role of ${u.email}`}
                value={u.role}
                disabled={update.isPending}
                onChange={(e) => update.mutate({ id: u.id, role: e.target.value })}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </Select>
            </td>
            <td>
              <Badge tone={u.status === "active" ? "ok" : "danger"}>{u.status}</Badge>
            </td>
            <td className="text-xs text-muted">
              {u.lastLoginAt ? <Time value={u.lastLoginAt} relative /> : "never"}
            </td>
            <td className="text-right">
              <Button
                variant={u.status === "active" ? "secondary" : "primary"}
                disabled={update.isPending}
                onClick={() =>
                  update.mutate({
                    id: u.id,
                    status: u.status === "active" ? "disabled" : "active",
                  })
                }
              >
                {u.status === "active" ? "Disable" : "Enable"}
              </Button>
            </td>
          </tr>
        ))}
      </Table>
      {users.isPending ? <p className="text-muted">Loading…</p> : null}
    </div>
  );
}

function CreateUser() {
  const create = useCreateUser();
  const [open, setOpen] = useState(false);
  const fieldErrors = errorsByField(create.error);
  if (!open) return <Button onClick={() => setOpen(true)}>Add user</Button>;
  return (
    <Card className="max-w-2xl">
      <form
        className="grid gap-3 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          const fd = new FormData(e.currentTarget);
          const form = e.currentTarget;
          create.mutate(
            {
              name: String(fd.get("name")),
              email: String(fd.get("email")),
              role: String(fd.get("role")),
              password: String(fd.get("password")),
            },
            {
              onSuccess: () => {
                form.reset();
                setOpen(false);
              },
            },
          );
        }}
      >
        <InputField id="nu-name" label="Name" error={fieldErrors.name} name="name" required />
        <InputField
          id="nu-email"
          label="Email"
          error={fieldErrors.email}
          name="email"
          type="email"
          required
        />
        <SelectField id="nu-role" label="Role" name="role" defaultValue="responder">
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </SelectField>
        <InputField
          id="nu-password"
          label={<>Initial password (≥ {PASSWORD_MIN})</>}
          error={fieldErrors.password}
          name="password"
          type="password"
          minLength={PASSWORD_MIN}
          required
        />
        <div className="flex gap-2 sm:col-span-2">
          <Button type="submit" disabled={create.isPending}>
            Create user
          </Button>
          <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <FormError error={create.error} />
        </div>
      </form>
    </Card>
  );
}
