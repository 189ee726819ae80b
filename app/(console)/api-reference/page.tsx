import { ApiReference } from "@/components/api-reference/api-reference";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { getOpenApiDocument } from "@/lib/openapi/get-openapi-document";

export const metadata = { title: "API reference" };

export default async function Page() {
  await requirePageUser("console:read", "/api-reference");
  return (
    <>
      <PageHeader
        title="API reference"
        description="Every operation of the user API and the host-agent API, from the same zod schemas the server validates with. The machine-readable document is /api/openapi.json (OpenAPI 3.1)."
      />
      <ApiReference document={getOpenApiDocument() as never} />
    </>
  );
}
