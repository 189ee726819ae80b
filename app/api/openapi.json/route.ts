// GET /api/openapi.json — the OpenAPI 3.1 document of the user API and the host-agent API (public)

import { json } from "@/lib/http/with-user";
import { getOpenApiDocument } from "@/lib/openapi/get-openapi-document";

export function GET() {
  return json(getOpenApiDocument());
}
