import "server-only";
import type { Tx } from "../db/transaction.ts";
import type { OpenedIncident } from "../incidents/apply-correlation.ts";
import { processSingleton } from "../process-singleton.ts";

type Hook = (
  tx: Tx,
  opened: OpenedIncident[],
  host: { drillRunId?: string | null },
) => Promise<void>;

// A higher domain that must act when ingest opens incidents (a drill seats its participants
// in the new incident's roles) registers here from the composition root; events never
// imports it. Runs in the ingest transaction, after the playbooks started.
const slot = processSingleton("incidentOpenedHooks", () => ({ hooks: [] as Hook[] }));

export function registerIncidentOpenedHook(hook: Hook) {
  if (!slot.hooks.includes(hook)) slot.hooks.push(hook);
}

export async function runIncidentOpenedHooks(
  tx: Tx,
  opened: OpenedIncident[],
  host: { drillRunId?: string | null },
) {
  if (!opened.length) return;
  for (const h of slot.hooks) await h(tx, opened, host);
}
