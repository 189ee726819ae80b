// GET /api/v1/playbooks — every playbook with its published versions and open drafts
import { json, withUser } from "@/lib/http/with-user";
import { listPlaybooks } from "@/lib/playbooks/list-playbooks";

export const GET = withUser(async () => json(await listPlaybooks()), {
  permission: "playbooks:read",
});
