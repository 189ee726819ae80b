// The simulated plugin inventory of a reference-agent host. Deterministic from the host's
// seed, so a host reports the same plugins on every run, and every host running a given
// plugin version reports the same sha256 — which is what correlation across the fleet and
// the blast-radius view key on.
import crypto from "node:crypto";
import type { Plugin } from "../lib/protocol/hosts.ts";

type CatalogEntry = {
  name: string;
  versions: string[];
  origin: string;
  signer: string | null;
  permissions: string[];
  /** Share of hosts that have it installed. */
  share: number;
};

const MARKET = "https://plugins.inkwell.app";
// A desktop editor's plugin ecosystem: marketplace plugins signed by their publishers,
// an internal one signed by the company, and a couple of side-loaded unsigned ones.
export const CATALOG: CatalogEntry[] = [
  {
    name: "pdf-annotator",
    versions: ["4.0.3", "4.1.0"],
    origin: MARKET,
    signer: "CN=Paperlane Software GmbH",
    permissions: ["fs.read:workspace", "fs.write:workspace", "render.canvas"],
    share: 1,
  },
  {
    name: "markdown-preview",
    versions: ["2.8.1", "2.9.0"],
    origin: MARKET,
    signer: "CN=Inkwell Labs Inc.",
    permissions: ["fs.read:workspace", "render.webview"],
    share: 1,
  },
  {
    name: "clipboard-sync",
    versions: ["1.3.2"],
    origin: MARKET,
    signer: "CN=Tandem Apps Ltd",
    permissions: ["clipboard.read", "clipboard.write", "net.fetch:sync.tandem.io"],
    share: 0.6,
  },
  {
    name: "git-timeline",
    versions: ["0.19.4", "0.20.0"],
    origin: MARKET,
    signer: "CN=Branchwise OÜ",
    permissions: ["fs.read:workspace", "process.spawn:git"],
    share: 0.7,
  },
  {
    name: "spellcheck-pro",
    versions: ["7.2.0"],
    origin: MARKET,
    signer: "CN=Lexicon Tools AB",
    permissions: ["fs.read:workspace", "net.fetch:dict.lexicon.se"],
    share: 0.5,
  },
  {
    name: "diagram-studio",
    versions: ["3.5.1", "3.6.0"],
    origin: MARKET,
    signer: "CN=Vectorforge LLC",
    permissions: ["fs.read:workspace", "fs.write:workspace", "render.webview"],
    share: 0.35,
  },
  {
    name: "ai-autocomplete",
    versions: ["0.9.12"],
    origin: MARKET,
    signer: "CN=Promptly AI Inc.",
    permissions: ["fs.read:workspace", "net.fetch:api.promptly.ai", "telemetry.send"],
    share: 0.4,
  },
  {
    name: "theme-nightfall",
    versions: ["1.0.8"],
    origin: MARKET,
    signer: "CN=Inkwell Labs Inc.",
    permissions: ["ui.theme"],
    share: 0.55,
  },
  {
    name: "secrets-vault-bridge",
    versions: ["2.1.0"],
    origin: "https://plugins.corp.example/inkwell",
    signer: "CN=Example Corp Internal CA",
    permissions: ["keychain.read", "net.fetch:vault.corp.example"],
    share: 0.3,
  },
  {
    name: "csv-lens",
    versions: ["1.12.0"],
    origin: MARKET,
    signer: "CN=Tabular Co.",
    permissions: ["fs.read:workspace"],
    share: 0.45,
  },
  {
    name: "remote-pair",
    versions: ["5.0.2"],
    origin: MARKET,
    signer: "CN=Duet Systems Inc.",
    permissions: ["net.listen:127.0.0.1", "net.fetch:*.duet.dev", "fs.read:workspace", "ipc.host"],
    share: 0.2,
  },
  {
    name: "macro-runner",
    versions: ["0.4.1"],
    origin: "file:///home/user/Downloads/macro-runner-0.4.1.inkx",
    signer: null,
    permissions: ["process.spawn:*", "fs.write:home"],
    share: 0.08,
  },
  {
    name: "emoji-picker",
    versions: ["2.2.2"],
    origin: "https://github.com/f00bar/inkwell-emoji/releases",
    signer: null,
    permissions: ["clipboard.write"],
    share: 0.12,
  },
];

/** sha256 of a plugin build: a function of name and version only (same build everywhere). */
export const pluginSha256 = (name: string, version: string) =>
  crypto.createHash("sha256").update(`inkwell-plugin:${name}@${version}`).digest("hex");

/** mulberry32: a tiny seeded PRNG, enough for stable simulated choices. */
export function seededRandom(seed: string): () => number {
  let a = crypto.createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function simulatedInventory(seed: string): Plugin[] {
  const rnd = seededRandom(`inventory:${seed}`);
  const plugins: Plugin[] = [];
  for (const c of CATALOG) {
    if (rnd() >= c.share) continue;
    // Most hosts run the newest version; a tail lags one release behind.
    const version =
      c.versions.length > 1 && rnd() < 0.3
        ? c.versions[c.versions.length - 2]
        : c.versions[c.versions.length - 1];
    plugins.push({
      name: c.name,
      version,
      origin: c.origin,
      signer: c.signer,
      sha256: pluginSha256(c.name, version),
      permissions: [...c.permissions],
      state: rnd() < 0.05 ? "disabled" : "active",
    });
  }
  return plugins;
}
