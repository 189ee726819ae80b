import fs from "node:fs";
import path from "node:path";

export class DataDirBusyError extends Error {
  constructor(
    public pid: number,
    dir: string,
  ) {
    super(
      `The embedded database in ${dir} is in use by process ${pid}. PGlite is single-process: ` +
        `stop that process, or run admin commands through it (npm run bw -- … talks to the running server).`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

// Two processes opening one PGlite directory corrupt it, so the first one to open writes
// its pid here; a stale file from a crashed process is taken over.
export function acquireDataDirLock(dir: string): () => void {
  const file = path.join(dir, "pglite.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
        } catch {}
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(fs.readFileSync(file, "utf8"));
      if (pid && pid !== process.pid && alive(pid)) throw new DataDirBusyError(pid, dir);
      fs.unlinkSync(file);
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

export function dataDirOwner(dir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, "pglite.pid"), "utf8"));
    return pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}
