// What a simulated host reports. `escape`: a plugin tries to break out of its sandbox in
// bursts; `violation`: plugins overstep their declared permissions now and then (with the
// odd quota breach or IPC anomaly); `quiet`: nothing but heartbeats and inventory.
import crypto from "node:crypto";
import type { EventType, Severity, WireEvent as WireEvent } from "../lib/protocol/events.ts";
import type { Plugin } from "../lib/protocol/hosts.ts";

export const SCENARIOS = ["escape", "violation", "quiet"] as const;
export type Scenario = (typeof SCENARIOS)[number];

type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const int = (rnd: Rnd, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

const ESCAPE_TECHNIQUES = [
  { syscall: "ptrace", target: "/proc/1/mem", technique: "T1055.008 ptrace system calls" },
  {
    syscall: "process_vm_writev",
    target: "pid:host-renderer",
    technique: "T1055 process injection",
  },
  { syscall: "mount", target: "/proc/sys/kernel/core_pattern", technique: "T1611 escape to host" },
  { syscall: "unshare", target: "CLONE_NEWUSER", technique: "T1611 escape to host" },
  { syscall: "execve", target: "/bin/sh", technique: "T1059.004 unix shell" },
  { syscall: "openat", target: "/dev/kmsg", technique: "T1611 escape to host" },
] as const;

const VIOLATIONS = [
  { permission: "fs.read:home", operation: "openat(O_RDONLY)", path: "~/.ssh/id_ed25519" },
  {
    permission: "fs.write:home",
    operation: "openat(O_WRONLY|O_CREAT)",
    path: "~/.config/autostart/update.desktop",
  },
  { permission: "net.fetch:*", operation: "connect", path: "203.0.113.77:443" },
  { permission: "clipboard.read", operation: "clipboard.readText", path: "system clipboard" },
  { permission: "keychain.read", operation: "SecItemCopyMatching", path: "login keychain" },
  { permission: "process.spawn:*", operation: "execve", path: "/usr/bin/curl" },
] as const;

export type SourceOptions = {
  /** Fixed events per second for this host instead of the scenario's natural rhythm. */
  rate?: number;
  random?: Rnd;
  /** The host's live containment state (inventory after commands, network isolation). */
  host?: () => { inventory: Plugin[]; isolated: boolean };
};

/** Only an active plugin runs, so only it can misbehave: a quarantined, revoked or disabled
 *  one emits nothing (the simulated host honours its own containment). */
const runs = (p: Plugin) => p.state === "active";

/** Produces the events that fall due by `now`; call it on a timer. */
export class EventSource {
  private readonly rnd: Rnd;
  private last: number | null = null;
  private carry = 0;
  private nextBurstAt: number | null = null;
  private burstLeft = 0;
  private readonly target: Plugin | null;

  constructor(
    readonly scenario: Scenario,
    private readonly plugins: Plugin[],
    private readonly opts: SourceOptions = {},
  ) {
    this.rnd = opts.random ?? Math.random;
    // Escape bursts come from one plugin (the most widely installed one, pdf-annotator,
    // when it runs here) so the fleet's events correlate into one incident. It must be one
    // that runs: a host whose only candidate was disabled from the start emitted nothing,
    // and a finite run (maxEvents) on it never ended — the CI soak hung on such a host.
    this.target =
      plugins.find((p) => p.name === "pdf-annotator" && runs(p)) ?? plugins.find(runs) ?? null;
  }

  tick(now: number): WireEvent[] {
    if (this.last === null) {
      this.last = now;
      if (this.opts.rate === undefined) this.nextBurstAt = now + 2000 + this.rnd() * 8000;
      return [];
    }
    const dt = Math.max(0, now - this.last) / 1000;
    this.last = now;
    if (this.scenario === "quiet") return [];
    let n = 0;
    if (this.opts.rate !== undefined) {
      this.carry += this.opts.rate * dt;
      n = Math.floor(this.carry);
      this.carry -= n;
    } else if (this.scenario === "escape") {
      // A burst of 3–8 attempts within about a second, every 15–45 s.
      if (this.burstLeft === 0 && this.nextBurstAt !== null && now >= this.nextBurstAt) {
        this.burstLeft = int(this.rnd, 3, 8);
        this.nextBurstAt = now + 15_000 + this.rnd() * 30_000;
      }
      n = Math.min(this.burstLeft, int(this.rnd, 1, 3));
      this.burstLeft -= n;
    } else {
      // Poisson-ish, about one violation every five seconds.
      this.carry += 0.2 * dt * (0.5 + this.rnd());
      n = Math.floor(this.carry);
      this.carry -= n;
    }
    const host = this.opts.host?.();
    const live = host ? host.inventory : this.plugins;
    const out: WireEvent[] = [];
    for (let i = 0; i < n; i++) {
      const e = this.make(now, live);
      if (e) out.push(e);
    }
    // On an isolated host the attempts still happen but cannot reach anything: reported as
    // what they are — containment holding — in one response event per tick, never as new
    // detections (which would open a fresh incident after the old one closed).
    if (host?.isolated && out.length) return [this.blocked(now, out)];
    return out;
  }

  private blocked(now: number, attempts: WireEvent[]): WireEvent {
    const first = attempts[0];
    const plugin = first.plugin;
    return {
      eventId: crypto.randomUUID(),
      type: "containment_applied",
      observedAt: new Date(now).toISOString(),
      severity: "low",
      ...(plugin ? { plugin } : {}),
      details: {
        action: "attempt_blocked",
        blockedBy: "host_isolation",
        attempts: attempts.length,
        attemptedTypes: [...new Set(attempts.map((a) => a.type))],
        example: first.details,
      },
    };
  }

  /** One event, or null when the plugin that would produce it does not run any more. */
  make(now = Date.now(), live: Plugin[] = this.plugins): WireEvent | null {
    // A host with no plugins at all still reports host-level events (benchmarks use it).
    if (this.scenario === "escape") {
      if (!this.target) return this.escape(now, null);
      const target = live.find((p) => p.name === this.target!.name);
      return target && runs(target) ? this.escape(now, target) : null;
    }
    const running = live.filter(runs);
    if (!running.length && live.length) return null;
    return this.violation(now, running);
  }

  private ref(p: Plugin | null) {
    return p ? { name: p.name, version: p.version, sha256: p.sha256 } : undefined;
  }

  private base(
    type: EventType,
    severity: Severity,
    now: number,
    p: Plugin | null,
    details: Record<string, unknown>,
  ): WireEvent {
    return {
      eventId: crypto.randomUUID(),
      type,
      observedAt: new Date(now - Math.floor(this.rnd() * 50)).toISOString(),
      severity,
      ...(p ? { plugin: this.ref(p) } : {}),
      details,
    };
  }

  private escape(now: number, target: Plugin | null): WireEvent {
    const t = pick(this.rnd, ESCAPE_TECHNIQUES);
    return this.base(
      "sandbox_escape_attempt",
      this.rnd() < 0.7 ? "critical" : "high",
      now,
      target,
      {
        pid: int(this.rnd, 2000, 65000),
        syscall: t.syscall,
        target: t.target,
        technique: t.technique,
        blocked: true,
        sandboxProfile: "inkwell-strict-v3",
      },
    );
  }

  private violation(now: number, running: Plugin[]): WireEvent {
    const p = running.length ? pick(this.rnd, running) : null;
    const roll = this.rnd();
    if (roll < 0.1) {
      return this.base("quota_exceeded", "low", now, p, {
        resource: pick(this.rnd, ["memory", "cpu", "file_handles"] as const),
        limit: "512MiB",
        observed: `${int(this.rnd, 513, 900)}MiB`,
        action: "throttled",
      });
    }
    if (roll < 0.15) {
      return this.base("ipc_anomaly", "medium", now, p, {
        channel: "plugin-host",
        messagesPerSecond: int(this.rnd, 5000, 40000),
        baseline: 120,
        pattern: "fuzzing-like message sizes",
      });
    }
    const v = pick(this.rnd, VIOLATIONS);
    return this.base("permission_violation", this.rnd() < 0.2 ? "high" : "medium", now, p, {
      permission: v.permission,
      operation: v.operation,
      path: v.path,
      declared: p?.permissions ?? [],
      blocked: true,
    });
  }
}
