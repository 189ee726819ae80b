"use client";
import { useState } from "react";
import { DrillBadge } from "@/components/drills/drill-badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, InputField, Label, SelectField } from "@/components/ui/input";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { type IssueBody, useIssueCommand } from "@/lib/commands/queries";
import { COMMAND_TYPES, type CommandTypeName } from "@/lib/protocol/commands";

type Target =
  | { hostIds: string[] }
  | { fleet: { plugin: { name: string; version?: string; sha256?: string } }; hostCount: number };
// collect_artifact is left out: it needs what to collect, its kind and a size limit, which this form
// does not ask for.
type IssuableType = Exclude<CommandTypeName, "collect_artifact">;
const TYPES = COMMAND_TYPES.filter((t): t is IssuableType => t !== "collect_artifact");

/** Issue a command to one host, an incident's hosts, or every host running a plugin. */
export function IssueCommandForm({
  target,
  incidentId,
  defaultPlugin,
  isAdmin,
  title = "Issue a command",
  drillKey,
}: {
  target: Target;
  incidentId?: string;
  /** The drill run's key when this is a drill incident: its commands reach simulated hosts only. */
  drillKey?: string | null;
  defaultPlugin?: { name: string; version?: string };
  isAdmin?: boolean;
  title?: string;
}) {
  const issue = useIssueCommand();
  const [type, setType] = useState<IssuableType>("revoke_permissions");
  const [plugin, setPlugin] = useState(defaultPlugin?.name ?? "");
  const [version, setVersion] = useState(defaultPlugin?.version ?? "");
  const [perms, setPerms] = useState("");
  const [pid, setPid] = useState("");
  const [comment, setComment] = useState("");
  const [minutes, setMinutes] = useState("");
  const [breakGlass, setBreakGlass] = useState("");
  const [confirmBreakGlass, setConfirmBreakGlass] = useState(false);
  const needsPlugin = ["revoke_permissions", "restore_permissions", "quarantine_plugin"].includes(
    type,
  );
  const hostCount = "hostIds" in target ? target.hostIds.length : target.hostCount;

  function params(): Record<string, unknown> {
    const p = { name: plugin.trim(), ...(version.trim() ? { version: version.trim() } : {}) };
    const list = perms
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    switch (type) {
      case "revoke_permissions":
        return { plugin: p, permissions: perms.trim() === "all" ? "all" : list };
      case "restore_permissions":
        return { plugin: p, permissions: list };
      case "quarantine_plugin":
        return { plugin: p };
      case "kill_process":
        return plugin.trim() ? { plugin: p } : pid.trim() ? { pid: Number(pid) } : {};
      case "isolate_host":
        return {};
      case "release_host":
        return {};
      case "rollback_runtime":
        return { to: "last_known_good" };
    }
  }
  function send() {
    const body: IssueBody = {
      type,
      params: params(),
      comment,
      ...("hostIds" in target ? { hostIds: target.hostIds } : { fleet: target.fleet }),
      ...(incidentId ? { incidentId } : {}),
    };
    if (minutes && (type === "isolate_host" || type === "revoke_permissions"))
      body.durationSeconds = Math.round(Number(minutes) * 60);
    if (breakGlass.trim()) body.breakGlassReason = breakGlass.trim();
    issue.mutate(body);
  }
  function submit(e: React.FormEvent) {
    e.preventDefault();
    // Break-glass skips the second approver: the one place a single click bypasses a control.
    if (breakGlass.trim()) setConfirmBreakGlass(true);
    else send();
  }
  return (
    <Card className={drillKey ? "border-2 border-dashed border-drill" : undefined}>
      <form onSubmit={submit} className="space-y-3" aria-label={title}>
        <h2 className="text-sm font-semibold">
          {drillKey ? <DrillBadge className="mr-2" runKey={drillKey} /> : null}
          {title}{" "}
          <span className="font-normal text-muted">
            ({hostCount} host{hostCount === 1 ? "" : "s"})
          </span>
        </h2>
        {drillKey ? (
          <p className="text-xs text-drill" data-testid="drill-command-note">
            Drill command: it goes only to this drill&rsquo;s simulated hosts, never to a real one.
          </p>
        ) : null}
        <div className="flex flex-wrap gap-3">
          <SelectField
            id="ic-type"
            label="Type"
            value={type}
            onChange={(e) => setType(e.target.value as typeof type)}
          >
            {TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </SelectField>
          {needsPlugin || type === "kill_process" ? (
            <>
              <InputField
                id="ic-plugin"
                label="Plugin"
                value={plugin}
                onChange={(e) => setPlugin(e.target.value)}
              />
              <InputField
                id="ic-version"
                label="Version (optional)"
                value={version}
                onChange={(e) => setVersion(e.target.value)}
              />
            </>
          ) : null}
          {type === "revoke_permissions" || type === "restore_permissions" ? (
            <div>
              <Label htmlFor="ic-perms">
                Permissions (comma-separated{type === "revoke_permissions" ? ", or all" : ""})
              </Label>
              <Input id="ic-perms" value={perms} onChange={(e) => setPerms(e.target.value)} />
            </div>
          ) : null}
          {type === "kill_process" && !plugin ? (
            <InputField
              id="ic-pid"
              label="PID"
              inputMode="numeric"
              value={pid}
              onChange={(e) => setPid(e.target.value)}
            />
          ) : null}
          {type === "isolate_host" || type === "revoke_permissions" ? (
            <InputField
              id="ic-min"
              label="Time box, minutes (optional)"
              inputMode="numeric"
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />
          ) : null}
        </div>
        <InputField
          id="ic-comment"
          label="Why"
          inputClassName="w-full"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          required
          minLength={3}
        />
        {isAdmin ? (
          <div>
            <Label htmlFor="ic-bg">
              Break-glass reason (admins; skips the second approver, loudly audited)
            </Label>
            <Input
              id="ic-bg"
              className="w-full"
              value={breakGlass}
              onChange={(e) => setBreakGlass(e.target.value)}
            />
          </div>
        ) : null}
        <Button
          type="submit"
          variant={type === "isolate_host" || type === "rollback_runtime" ? "danger" : "primary"}
          disabled={issue.isPending}
        >
          {hostCount > 1 ? `${type} on all ${hostCount} hosts` : `Send ${type}`}
        </Button>
        <div aria-live="polite" className="text-sm">
          {issue.data ? (
            <p className="text-ok">
              {issue.data.approval === "pending"
                ? `Requested: waits for a second person's approval (${issue.data.commandIds.length} host(s)).`
                : `Signed and queued for ${issue.data.commandIds.length} host(s).`}
            </p>
          ) : null}
          <ProblemAlert error={issue.error} />
        </div>
      </form>
      <ConfirmDialog
        open={confirmBreakGlass}
        onOpenChange={setConfirmBreakGlass}
        destructive
        title={`Break glass: send ${type} to ${hostCount} host${hostCount === 1 ? "" : "s"} now?`}
        description={
          <>
            <p>
              The command is signed and queued immediately, without the second person&rsquo;s
              approval it would otherwise need.
            </p>
            <p>
              Your reason (&ldquo;{breakGlass.trim()}&rdquo;) goes on the command, the incident
              timeline and the audit log.
            </p>
          </>
        }
        confirmLabel="Break glass and send"
        onConfirm={send}
      />
    </Card>
  );
}
