"use client";
import { CommandsView } from "./commands-view";
import { IssueCommandForm } from "./issue-command-form";

/** The host page's command section: issue to this host, and its live command history. */
export function HostCommands({
  hostId,
  canIssue,
  isAdmin,
}: {
  hostId: string;
  canIssue: boolean;
  isAdmin: boolean;
}) {
  return (
    <section className="mt-6 space-y-3" aria-labelledby="host-commands">
      <h2 id="host-commands" className="text-lg font-semibold">
        Commands
      </h2>
      {canIssue ? (
        <IssueCommandForm
          target={{ hostIds: [hostId] }}
          isAdmin={isAdmin}
          title="Send a command to this host"
        />
      ) : null}
      <CommandsView fixed={{ hostId }} canIssue={canIssue} compact />
    </section>
  );
}
