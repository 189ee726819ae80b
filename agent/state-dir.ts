// The agent's state directory (one per host):
//   host.json        identity: hostname, os, seed (stable; the inventory derives from it)
//   enrollment.json  0600: the enrollmentId of the attempt in progress (kept across retries and
//                    restarts, so a lost 201 is replayed instead of enrolling the host twice)
//   credential.json  0600: server, hostId, hostToken, serverKeys, pollSeconds, maxBatchEvents
//   inventory.json   the plugin list as this host currently has it
//   queue.log        the durable event queue (event-queue.ts)
//   rejected.jsonl   dead letters: events the server refused for good, with its problem
//   agent.pid        a lock: two agents on one state dir would corrupt the queue
// Writes are atomic (tmp + fsync + rename + dir fsync): a crash leaves the old or the new file.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { EnrollReply, Plugin } from "../lib/protocol/hosts.ts";
import { syncDir } from "./event-queue.ts";

export type HostIdentity = { hostname: string; os: string; seed: string; createdAt: string };
export type Credential = EnrollReply & { server: string; enrolledAt: string };

export async function writeJsonAtomic(file: string, data: unknown, mode = 0o600) {
  const tmp = `${file}.${process.pid}.tmp`;
  const fh = await fs.promises.open(tmp, "w", mode);
  try {
    await fh.write(JSON.stringify(data, null, 2) + "\n");
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.promises.rename(tmp, file);
  await fs.promises.chmod(file, mode);
  await syncDir(path.dirname(file));
}

export async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await fs.promises.readFile(file, "utf8")) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`${file} is unreadable (${(e as Error).message}); fix or remove it`);
  }
}

const SITES = ["ber", "lis", "nyc", "sfo", "sgp", "tyo", "lon", "ams"];
const OSES = [
  "macOS 15.1 (arm64)",
  "Windows 11 23H2 (x64)",
  "Ubuntu 24.04 LTS (x86_64)",
  "macOS 14.6 (x86_64)",
  "Fedora 41 (x86_64)",
];

export class StateDir {
  constructor(readonly dir: string) {}
  file(name: string) {
    return path.join(this.dir, name);
  }

  /** Takes the directory for this process; a stale lock from a dead process is taken over. */
  lock(): () => void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = this.file("agent.pid");
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: "wx" });
        const release = () => {
          heldLocks.delete(release);
          try {
            if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
          } catch {}
        };
        // One process-wide exit hook for all locks (a fleet holds hundreds).
        heldLocks.add(release);
        if (heldLocks.size === 1 && !exitHooked) {
          exitHooked = true;
          process.once("exit", () => [...heldLocks].forEach((r) => r()));
        }
        return release;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        const pid = Number(fs.readFileSync(file, "utf8"));
        if (pid && pid !== process.pid && alive(pid))
          throw new Error(`State dir ${this.dir} is in use by agent process ${pid}.`);
        fs.unlinkSync(file);
      }
    }
    throw new Error(`Could not lock ${this.dir}`);
  }

  /** The host's identity, created on first use (`hostname`/`realOs` only apply then). A
   *  named single host reports this machine's OS; simulated ones get a plausible desktop OS. */
  async identity(opts: { hostname?: string; realOs?: boolean } = {}): Promise<HostIdentity> {
    const { hostname, realOs = false } = opts;
    const existing = await readJson<HostIdentity>(this.file("host.json"));
    if (existing) return existing;
    const seed = crypto.randomBytes(8).toString("hex");
    const rnd = crypto.randomBytes(3);
    const id: HostIdentity = {
      hostname:
        hostname ??
        `ws-${SITES[rnd[0] % SITES.length]}-${String(rnd.readUInt16BE(1) % 10000).padStart(4, "0")}`,
      os: realOs ? `${os.type()} ${os.release()} (${os.arch()})` : OSES[rnd[1] % OSES.length],
      seed,
      createdAt: new Date().toISOString(),
    };
    await writeJsonAtomic(this.file("host.json"), id, 0o644);
    return id;
  }

  credential() {
    return readJson<Credential>(this.file("credential.json"));
  }
  /** This host's enrolment attempt id, written before the first attempt is sent. */
  async enrollmentId(): Promise<string> {
    const saved = await readJson<{ enrollmentId: string }>(this.file("enrollment.json"));
    if (saved?.enrollmentId) return saved.enrollmentId;
    const enrollmentId = crypto.randomUUID();
    await writeJsonAtomic(this.file("enrollment.json"), { enrollmentId }, 0o600);
    return enrollmentId;
  }
  saveCredential(c: Credential) {
    return writeJsonAtomic(this.file("credential.json"), c, 0o600);
  }
  inventory() {
    return readJson<Plugin[]>(this.file("inventory.json"));
  }
  saveInventory(p: Plugin[]) {
    return writeJsonAtomic(this.file("inventory.json"), p, 0o644);
  }
  async deadLetter(entries: unknown[]) {
    if (!entries.length) return;
    await fs.promises.appendFile(
      this.file("rejected.jsonl"),
      entries.map((e) => JSON.stringify(e)).join("\n") + "\n",
      { mode: 0o600 },
    );
  }
}

const heldLocks = new Set<() => void>();
let exitHooked = false;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
