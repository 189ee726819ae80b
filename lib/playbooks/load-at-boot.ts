import "server-only";
import type { Db } from "../db/index.ts";
import { logger } from "../log.ts";
import { PlaybookStartupError, syncPlaybookFiles } from "./sync-playbook-files.ts";

/** Startup refuses (the process exits) when a playbook file is invalid or a published one changed. */
export async function loadPlaybooksAtBoot(db: Db) {
  try {
    const r = await syncPlaybookFiles({ db });
    logger.info("playbooks loaded", { files: r.checked, published: r.published });
  } catch (e) {
    if (!(e instanceof PlaybookStartupError)) throw e;
    process.stderr.write(`\n${e.message}\n\n`);
    logger.error("refusing to start: playbook files", { error: e.message });
    process.exit(1);
  }
}
