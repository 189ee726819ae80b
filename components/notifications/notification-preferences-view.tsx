"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { Input, InputField, Label } from "@/components/ui/input";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { Time } from "@/components/ui/time";
import {
  type NotificationPreferences,
  type NotificationSettings,
  useNotificationPreferences,
  useSaveNotificationPreferences,
} from "@/lib/notifications/queries";

const KINDS = [
  ["emailEscalations", "SLA breaches and escalations", "A step you are on the chain for ran late."],
  ["emailApprovals", "Approval requests", "A command or a step waits for your yes."],
  ["emailAssignments", "Incident roles", "Someone gave you a role on an incident."],
] as const;

const STATUS_TONE = {
  pending: "neutral",
  sending: "accent",
  sent: "ok",
  failed: "danger",
} as const;

export function NotificationPreferencesView() {
  const q = useNotificationPreferences();
  if (q.isError) return <ProblemAlert error={q.error} />;
  if (!q.data) return <p className="text-muted">Loading…</p>;
  // The form starts from what was saved and is the user's from then on: the 10-second poll
  // refreshes the e-mail list below, never what they are typing.
  return <PreferencesForm settings={q.data} />;
}

function PreferencesForm({ settings }: { settings: NotificationSettings }) {
  const save = useSaveNotificationPreferences();
  const q = useNotificationPreferences();
  const [form, setForm] = useState<NotificationPreferences>(settings.preferences);
  const [quiet, setQuiet] = useState(settings.preferences.quietFrom !== null);
  const { email, recent } = q.data ?? settings;
  return (
    <div className="max-w-3xl space-y-6">
      {!email.enabled ? (
        <Card role="status" className="border-warn/60 text-sm">
          This server sends no e-mail yet (an admin sets <code>BREAKWATER_SMTP_URL</code>). Your
          choices are kept for when it does.
        </Card>
      ) : null}
      <Card>
        <form
          className="space-y-5"
          aria-label="E-mail preferences"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(quiet ? form : { ...form, quietFrom: null, quietTo: null });
          }}
        >
          <fieldset className="space-y-3">
            <legend className="mb-2 font-semibold">
              E-mail me at <span className="font-mono text-sm">{email.address}</span> for
            </legend>
            {KINDS.map(([field, label, hint]) => (
              <label key={field} className="flex items-start gap-3 text-sm">
                <input
                  type="checkbox"
                  className="mt-1 accent-[var(--color-accent)]"
                  checked={form[field]}
                  onChange={(e) => setForm({ ...form, [field]: e.target.checked })}
                />
                <span>
                  {label}
                  <span className="block text-muted">{hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset className="space-y-3">
            <legend className="mb-2 font-semibold">Quiet hours</legend>
            <label className="flex items-center gap-3 text-sm">
              <input
                type="checkbox"
                checked={quiet}
                onChange={(e) => {
                  setQuiet(e.target.checked);
                  if (e.target.checked && !form.quietFrom)
                    setForm({ ...form, quietFrom: "22:00", quietTo: "07:00" });
                }}
              />
              Hold e-mail during these hours and send it when they end.{" "}
              <strong>Critical incidents are always sent at once.</strong>
            </label>
            {quiet ? (
              <div className="grid gap-3 sm:grid-cols-3">
                <InputField
                  id="quiet-from"
                  label="From"
                  type="time"
                  value={form.quietFrom ?? ""}
                  onChange={(e) => setForm({ ...form, quietFrom: e.target.value || null })}
                />
                <InputField
                  id="quiet-to"
                  label="Until"
                  type="time"
                  value={form.quietTo ?? ""}
                  onChange={(e) => setForm({ ...form, quietTo: e.target.value || null })}
                />
                <div>
                  <Label htmlFor="quiet-tz">Time zone</Label>
                  <Input
                    id="quiet-tz"
                    value={form.timeZone}
                    list="time-zones"
                    onChange={(e) => setForm({ ...form, timeZone: e.target.value })}
                  />
                  <datalist id="time-zones">
                    {Intl.supportedValuesOf("timeZone").map((tz) => (
                      <option key={tz} value={tz} />
                    ))}
                  </datalist>
                </div>
              </div>
            ) : null}
          </fieldset>
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={save.isPending}>
              Save
            </Button>
            {save.isSuccess ? (
              <span role="status" className="text-sm text-ok">
                Saved.
              </span>
            ) : null}
          </div>
          <ProblemAlert error={save.error} />
        </form>
      </Card>
      <Card aria-labelledby="recent-h">
        <h2 id="recent-h" className="mb-3 font-semibold">
          E-mails sent to you lately
        </h2>
        {recent.length ? (
          <ul className="space-y-2 text-sm" data-testid="recent-emails">
            {recent.map((m) => (
              <li key={m.id} className="flex flex-wrap items-baseline gap-2">
                <Badge tone={STATUS_TONE[m.status]}>{m.status}</Badge>
                <span className="min-w-0 flex-1">{m.subject}</span>
                <span className="font-mono text-xs text-muted">
                  <Time value={m.sentAt ?? m.failedAt ?? m.nextAttemptAt} />
                  {m.attempts > 1 ? ` · ${m.attempts} attempts` : ""}
                </span>
                {m.lastError ? (
                  <span className="basis-full text-xs text-danger">{m.lastError}</span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted">None yet.</p>
        )}
      </Card>
    </div>
  );
}
