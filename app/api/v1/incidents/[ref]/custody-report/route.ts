// GET /api/v1/incidents/{key or id}/custody-report — chain-of-custody report (all artifacts, hashes, sizes, entries) as a JSON download

import { getCustodyReport } from "@/lib/artifacts/custody-report";
import { json, withUser } from "@/lib/http/with-user";

export const dynamic = "force-dynamic";
type P = { ref: string };

export const GET = withUser<P>(
  async (_req, { params }) => {
    const report = await getCustodyReport(params.ref);
    return json(report, {
      headers: {
        "Content-Disposition": `attachment; filename="custody-${report.incident.key}.json"`,
      },
    });
  },
  { permission: "artifacts:read" },
);
