import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { endpointSelect, maskEndpoint } from "./webhook-endpoint-dto.ts";

export async function listWebhooks(db?: Db) {
  const client = db ?? (await getDb());
  return {
    endpoints: (
      await client.webhookEndpoint.findMany({
        orderBy: { createdAt: "asc" },
        select: endpointSelect,
      })
    ).map(maskEndpoint),
  };
}
