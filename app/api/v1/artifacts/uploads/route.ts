// POST /api/v1/artifacts/uploads — tus 1.0.0 creation of an artifact upload by a responder (OPTIONS: tus discovery)

import { tusCreate, tusOptions } from "@/lib/artifacts/tus/tus-handlers";
import { withUser } from "@/lib/http/with-user";

export const dynamic = "force-dynamic";

export const POST = withUser(
  (req, { actor }) => tusCreate(req, actor, "/api/v1/artifacts/uploads"),
  { permission: "artifacts:upload" },
);

export function OPTIONS() {
  return tusOptions();
}
