import "server-only";
import type { TimerHandler } from "../timers/run-due-timers.ts";
import { CUSTODY_CHECKPOINT_TIMER, checkpointCustodyChains } from "./checkpoint-custody.ts";
import { UPLOAD_EXPIRE_TIMER } from "./create-upload.ts";
import { PURGE_TIMER } from "./finalize-upload.ts";
import { expireUpload, purgeExpiredArtifact } from "./purge-expired-artifact.ts";

export const ARTIFACT_TIMER_HANDLERS: Record<string, TimerHandler> = {
  [PURGE_TIMER]: purgeExpiredArtifact,
  [UPLOAD_EXPIRE_TIMER]: expireUpload,
  [CUSTODY_CHECKPOINT_TIMER]: checkpointCustodyChains,
};
