"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, ApiError } from "@/lib/query/client";
import { Card, Table, Badge } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Time } from "@/components/ui/time";

type Endpoint = { id: string; team: string; url: string; format: "json" | "slack"; enabled: boolean; secret: string; createdAt: string };
type Delivery = { id: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; createdAt: string; nextAttemptAt: string; endpoint: { team: string; url: string }; log: { at: string; statusCode: number | null; error: string | null; durationMs: number }[] };
const keys = { endpoints: ["webhooks", "endpoints"] as const, deliveries: ["webhooks", "deliveries"] as const };

export function WebhooksView() {
  const qc = useQueryClient();
  const endpoints = useQuery({ queryKey: keys.endpoints, queryFn: () => apiFetch<{ endpoints: Endpoint[] }>("/api/v1/webhooks") });
  const deliveries = useQuery({ queryKey: keys.deliveries, queryFn: () => apiFetch<{ deliveries: Delivery[] }>("/api/v1/webhooks/deliveries"), refetchInterval: 5_000 });
  const [form, setForm] = useState({ team: "platform-security", url: "", secret: "", format: "json" as "json" | "slack" });
  const create = useMutation({
    mutationFn: () => apiFetch("/api/v1/webhooks", { method: "POST", body: JSON.stringify(form) }),
    onSuccess: () => setForm((f) => ({ ...f, url: "", secret: "" })),
    onSettled: () => qc.invalidateQueries({ queryKey: ["webhooks"] }),
  });
  const remove = useMutation({ mutationFn: (id: string) => apiFetch(`/api/v1/webhooks/${id}`, { method: "DELETE" }), onSettled: () => qc.invalidateQueries({ queryKey: ["webhooks"] }) });
  const fieldErrors = create.error instanceof ApiError ? create.error.problem.errors ?? [] : [];
  return (
    <div className="space-y-6">
      <Card>
        <form className="grid gap-3 sm:grid-cols-5" onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
          <label className="text-sm">Team<Input value={form.team} onChange={(e) => setForm({ ...form, team: e.target.value })} /></label>
          <label className="text-sm sm:col-span-2">URL<Input type="url" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} placeholder="https://hooks.example.com/…" /></label>
          <label className="text-sm">Secret (≥ 16 chars)<Input type="password" value={form.secret} onChange={(e) => setForm({ ...form, secret: e.target.value })} /></label>
          <label className="text-sm">Payload
            <select className="mt-1 block w-full rounded-md border border-line bg-panel-2 px-2 py-1.5" value={form.format} onChange={(e) => setForm({ ...form, format: e.target.value as "json" | "slack" })}>
              <option value="json">JSON</option><option value="slack">Slack-compatible</option>
            </select>
          </label>
          <div className="sm:col-span-5"><Button type="submit" disabled={create.isPending}>Add webhook</Button></div>
        </form>
        {create.isError ? <div role="alert" className="mt-2 text-sm text-danger">{create.error.message}<ul>{fieldErrors.map((f, i) => <li key={i}>{f.path}: {f.message}</li>)}</ul></div> : null}
      </Card>
      <Table aria-label="Webhook endpoints">
        <thead><tr><th>Team</th><th>URL</th><th>Payload</th><th>Secret</th><th></th></tr></thead>
        <tbody>
          {(endpoints.data?.endpoints ?? []).map((e) => (
            <tr key={e.id}><td>{e.team}</td><td className="font-mono text-xs">{e.url}</td><td>{e.format}</td><td className="font-mono text-xs">{e.secret}</td>
              <td><Button type="button" variant="ghost" onClick={() => remove.mutate(e.id)}>Remove</Button></td></tr>
          ))}
        </tbody>
      </Table>
      <section aria-labelledby="deliveries-h">
        <h2 id="deliveries-h" className="mb-2 font-semibold">Delivery log</h2>
        <Table>
          <thead><tr><th>Created</th><th>Team</th><th>Status</th><th>Attempts (response codes)</th><th>Next attempt</th></tr></thead>
          <tbody>
            {(deliveries.data?.deliveries ?? []).map((d) => (
              <tr key={d.id}>
                <td className="font-mono text-xs"><Time value={d.createdAt} /></td>
                <td>{d.endpoint.team}</td>
                <td><Badge tone={d.status === "delivered" ? "ok" : d.status === "failed" ? "danger" : "warn"}>{d.status}</Badge></td>
                <td className="font-mono text-xs">{d.log.map((l) => l.statusCode ?? l.error ?? "?").join(" → ") || "—"}</td>
                <td className="font-mono text-xs">{d.status === "pending" ? <Time value={d.nextAttemptAt} date={false} /> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
    </div>
  );
}
