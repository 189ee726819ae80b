// POST /api/agent/v1/artifacts — tus 1.0.0 creation of an artifact upload by a host agent (OPTIONS: tus discovery)

import { tusCreate, tusOptions } from "@/lib/artifacts/tus/tus-handlers";
import { withAgent } from "@/lib/http/with-agent";

export const dynamic = "force-dynamic";

export const POST = withAgent((req, { actor }) => tusCreate(req, actor, "/api/agent/v1/artifacts"));

export function OPTIONS() {
  return tusOptions();
}
