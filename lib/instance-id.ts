import crypto from "node:crypto";
import { processSingleton } from "./process-singleton.ts";

// This process among the deployment's instances. New at every start: a restarted instance
// must not mistake what its previous life held in memory (a drill's fleet) for its own.
const id = processSingleton("instanceId", () => crypto.randomUUID());

export const instanceId = (): string => id;
