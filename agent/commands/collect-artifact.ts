// collect_artifact on the reference agent: writes the requested evidence to the state dir
// and uploads it to /artifacts (tus, resumable) linked to the command, so the server can
// attach it to the command's incident. On a simulated host the "process dump" is a header
// describing the host plus deterministic pseudo-random memory pages derived from the
// command id: real bytes of a real size whose hash the server must reproduce.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { CommandPayload } from "../../lib/protocol/commands.ts";
import type { HostAgent } from "../host-agent.ts";
import { uploadArtifact } from "../upload-artifact.ts";
import type { Outcome, SimState } from "./simulated-effects.ts";

const SIMULATED_BYTES = 4 * 1024 * 1024;
const EXT: Record<string, string> = {
  process_dump: "dmp",
  memory_image: "mem",
  network_capture: "pcap",
  log: "log",
  screenshot: "png",
  other: "bin",
};

async function writeSimulatedEvidence(
  file: string,
  cmd: CommandPayload,
  agent: HostAgent,
  size: number,
) {
  const header = Buffer.from(
    JSON.stringify({
      breakwaterSimulatedArtifact: 1,
      commandId: cmd.id,
      hostId: agent.hostId,
      kind: (cmd.params as { kind: string }).kind,
      what: (cmd.params as { what: string }).what,
      at: new Date().toISOString(),
    }) + "\n",
  );
  const out = fs.createWriteStream(file);
  out.write(header);
  let written = header.length;
  let block = crypto.createHash("sha256").update(cmd.id).digest();
  while (written < size) {
    // A hash chain makes the pages deterministic per command without holding them in memory.
    const page = Buffer.alloc(Math.min(65536, size - written));
    for (let i = 0; i < page.length; i += 32) {
      block = crypto.createHash("sha256").update(block).digest();
      block.copy(page, i, 0, Math.min(32, page.length - i));
    }
    if (!out.write(page)) await new Promise<void>((r) => out.once("drain", () => r()));
    written += page.length;
  }
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
}

export async function collectArtifact(
  agent: HostAgent,
  cmd: CommandPayload,
  state: SimState,
  signal: AbortSignal,
): Promise<Outcome> {
  const params = cmd.params as { kind: string; what: string; maxBytes: number };
  const dir = path.join(agent.state.dir, "artifacts");
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const filename = `${params.kind}-${cmd.id.slice(0, 8)}.${EXT[params.kind] ?? "bin"}`;
  const file = path.join(dir, filename);
  try {
    await writeSimulatedEvidence(file, cmd, agent, Math.min(params.maxBytes, SIMULATED_BYTES));
    const r = await uploadArtifact(
      {
        server: agent.http.server,
        token: agent.http.token ?? "",
        signal,
        backoff: agent.opts.backoff,
      },
      file,
      { filename, kind: params.kind, commandId: cmd.id },
    );
    return {
      status: "succeeded",
      result: { artifactId: r.artifactId, sha256: r.sha256, sizeBytes: r.sizeBytes, filename },
      state,
      events: [],
    };
  } catch (e) {
    return {
      status: "failed",
      reason: `collecting ${params.kind} failed: ${(e as Error).message}`,
      state,
      events: [],
    };
  } finally {
    await fs.promises.rm(file, { force: true });
  }
}
