"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, Table } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Time } from "@/components/ui/time";
import {
  useCreateWebhook,
  useDeleteWebhook,
  useWebhookDeliveries,
  useWebhooks,
  type WebhookForm,
} from "@/lib/notifications/queries";
import { ApiError } from "@/lib/query/client";

export function WebhooksView() {
  const endpoints = useWebhooks();
  const deliveries = useWebhookDeliveries();
  const [form, setForm] = useState<WebhookForm>({
    team: "platform-security",
    url: "",
    secret: "",
    format: "json",
  });
  const create = useCreateWebhook(() => setForm((f) => ({ ...f, url: "", secret: "" })));
  const remove = useDeleteWebhook();
  const fieldErrors = create.error instanceof ApiError ? (create.error.problem.errors ?? []) : [];
  return (
    <div className="space-y-6">
      <Card>
        <form
          className="grid gap-3 sm:grid-cols-5"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(form);
          }}
        >
          <label className="text-sm">
            Team
            <Input value={form.team} onChange={(e) => setForm({ ...form, team: e.target.value })} />
          </label>
          <label className="text-sm sm:col-span-2">
            URL
            <Input
              type="url"
              value={form.url}
              onChange={(e) => setForm({ ...form, url: e.target.value })}
              placeholder="https://hooks.example.com/…"
            />
          </label>
          <label className="text-sm">
            Secret (≥ 16 chars)
            <Input
              type="password"
              value={form.secret}
              onChange={(e) => setForm({ ...form, secret: e.target.value })}
            />
          </label>
          <label className="text-sm">
            Payload
            <select
              className="mt-1 block w-full rounded-md border border-line bg-panel-2 px-2 py-1.5"
              value={form.format}
              onChange={(e) => setForm({ ...form, format: e.target.value as "json" | "slack" })}
            >
              <option value="json">JSON</option>
              <option value="slack">Slack-compatible</option>
            </select>
          </label>
          <div className="sm:col-span-5">
            <Button type="submit" disabled={create.isPending}>
              Add webhook
            </Button>
          </div>
        </form>
        {create.isError ? (
          <div role="alert" className="mt-2 text-sm text-danger">
            {create.error.message}
            <ul>
              {fieldErrors.map((f, i) => (
                <li key={i}>
                  {f.path}: {f.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Card>
      <Table aria-label="Webhook endpoints" head={["Team", "URL", "Payload", "Secret", ""]}>
        {(endpoints.data?.endpoints ?? []).map((e) => (
          <tr key={e.id}>
            <td>{e.team}</td>
            <td className="font-mono text-xs">{e.url}</td>
            <td>{e.format}</td>
            <td className="font-mono text-xs">{e.secret}</td>
            <td>
              <Button type="button" variant="ghost" onClick={() => remove.mutate(e.id)}>
                Remove
              </Button>
            </td>
          </tr>
        ))}
      </Table>
      <section aria-labelledby="deliveries-h">
        <h2 id="deliveries-h" className="mb-2 font-semibold">
          Delivery log
        </h2>
        <Table head={["Created", "Team", "Status", "Attempts (response codes)", "Next attempt"]}>
          {(deliveries.data?.deliveries ?? []).map((d) => (
            <tr key={d.id}>
              <td className="font-mono text-xs">
                <Time value={d.createdAt} />
              </td>
              <td>{d.endpoint.team}</td>
              <td>
                <Badge
                  tone={d.status === "delivered" ? "ok" : d.status === "failed" ? "danger" : "warn"}
                >
                  {d.status}
                </Badge>
              </td>
              <td className="font-mono text-xs">
                {d.log.map((l) => l.statusCode ?? l.error ?? "?").join(" → ") || "—"}
              </td>
              <td className="font-mono text-xs">
                {d.status === "pending" ? <Time value={d.nextAttemptAt} date={false} /> : "—"}
              </td>
            </tr>
          ))}
        </Table>
      </section>
    </div>
  );
}
