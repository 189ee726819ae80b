import crypto from "node:crypto";
import type { IncidentStatus } from "../incidents/transitions.ts";
import type { EventType } from "../protocol/events.ts";

// The demo fleet's catalogue: what a mid-size engineering org's desktop editors run.
export const DEMO_PLUGINS = [
  {
    name: "acme-pdf",
    version: "2.3.1",
    origin: "marketplace",
    signer: "Acme Software Ltd",
    permissions: ["fs.read", "print"],
  },
  {
    name: "md-preview",
    version: "1.4.0",
    origin: "marketplace",
    signer: "Markdown Tools",
    permissions: ["fs.read"],
  },
  {
    name: "git-lens-lite",
    version: "0.9.2",
    origin: "marketplace",
    signer: "GitTools Inc",
    permissions: ["fs.read", "process.spawn"],
  },
  {
    name: "sql-formatter",
    version: "3.1.0",
    origin: "enterprise-catalog",
    signer: "Internal IT",
    permissions: [],
  },
  {
    name: "ai-autocomplete",
    version: "5.2.0",
    origin: "marketplace",
    signer: "Completa AI",
    permissions: ["fs.read", "net.outbound"],
  },
  {
    name: "remote-sync",
    version: "1.8.3",
    origin: "marketplace",
    signer: "SyncWorks",
    permissions: ["fs.read", "fs.write", "net.outbound"],
  },
  {
    name: "csv-viewer",
    version: "0.4.1",
    origin: "marketplace",
    signer: "DataView",
    permissions: ["fs.read"],
  },
  {
    name: "zip-preview",
    version: "2.1.0",
    origin: "sideloaded",
    signer: null,
    permissions: ["fs.read", "fs.write"],
  },
  {
    name: "docker-helper",
    version: "2.0.1",
    origin: "enterprise-catalog",
    signer: "Internal IT",
    permissions: ["process.spawn", "net.local"],
  },
  {
    name: "theme-nord",
    version: "1.2.0",
    origin: "marketplace",
    signer: "Arctic Studio",
    permissions: [],
  },
] as const;
type DemoPlugin = (typeof DEMO_PLUGINS)[number];

export const sha256Of = (p: Pick<DemoPlugin, "name" | "version">) =>
  crypto.createHash("sha256").update(`demo:${p.name}@${p.version}`).digest("hex");

export const demoHostname = (i: number) =>
  `${["ws", "dev", "lap", "build"][i % 4]}-${String(101 + i).padStart(3, "0")}.corp.example`;

/** Varied inventories: everyone has the basics, others depend on the host index. */
export function pluginsForHost(i: number) {
  return DEMO_PLUGINS.filter((_, k) => k < 2 || (i + k) % 3 !== 0).map((p) => ({
    name: p.name,
    version: p.version,
    origin: p.origin,
    signer: p.signer,
    sha256: sha256Of(p),
    permissions: [...p.permissions],
    state:
      p.name === "docker-helper" && i % 9 === 0 ? ("quarantined" as const) : ("active" as const),
  }));
}

type Scenario = {
  plugin?: string;
  types: EventType[];
  hosts: number[];
  minutesAgo: number;
  spreadMinutes: number;
  details: Record<string, unknown>;
  transitions: { to: IncidentStatus; by: "manager" | "responder" | "admin"; note?: string }[];
  responses?: number[];
};

export const DEMO_SCENARIOS: Scenario[] = [
  {
    plugin: "remote-sync",
    types: ["sandbox_escape_attempt", "permission_violation"],
    hosts: [2, 5, 8, 11, 14, 17],
    minutesAgo: 130,
    spreadMinutes: 2,
    details: { syscall: "ptrace", target: "/usr/bin/ssh-agent" },
    transitions: [
      { to: "acknowledged", by: "responder" },
      { to: "contained", by: "responder" },
    ],
    responses: [2, 5, 8],
  },
  {
    plugin: "ai-autocomplete",
    types: ["permission_violation"],
    hosts: [1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31, 34],
    minutesAgo: 35,
    spreadMinutes: 1,
    details: { permission: "net.outbound", destination: "203.0.113.44:443" },
    transitions: [{ to: "acknowledged", by: "manager" }],
  },
  {
    plugin: "zip-preview",
    types: ["unsigned_plugin_loaded"],
    hosts: [3, 23],
    minutesAgo: 6,
    spreadMinutes: 2,
    details: { path: "~/Downloads/zip-preview.vsix" },
    transitions: [],
  },
  {
    types: ["ipc_anomaly"],
    hosts: [9],
    minutesAgo: 12,
    spreadMinutes: 0,
    details: { channel: "renderer→main", messagesPerSecond: 4800 },
    transitions: [],
  },
  {
    plugin: "csv-viewer",
    types: ["quota_exceeded"],
    hosts: [0, 6, 12],
    minutesAgo: 1500,
    spreadMinutes: 5,
    details: { quota: "memory", limitMb: 512, usedMb: 2048 },
    transitions: [
      { to: "acknowledged", by: "responder" },
      { to: "contained", by: "responder" },
      { to: "recovered", by: "responder" },
      { to: "closed", by: "manager" },
    ],
  },
  {
    plugin: "docker-helper",
    types: ["plugin_quarantined"],
    hosts: [0, 9, 18, 27, 36],
    minutesAgo: 4300,
    spreadMinutes: 3,
    details: { reason: "spawned unexpected shell" },
    transitions: [
      { to: "acknowledged", by: "responder" },
      { to: "contained", by: "responder" },
      { to: "recovered", by: "manager" },
    ],
  },
  {
    plugin: "acme-pdf",
    types: ["quota_exceeded"],
    hosts: [20],
    minutesAgo: 600,
    spreadMinutes: 0,
    details: { quota: "cpu", seconds: 120 },
    transitions: [{ to: "closed", by: "responder", note: "Large print job, expected behaviour" }],
  },
];
