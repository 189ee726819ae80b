// The authorization matrix, gathered: the rows files by area, each row with the API-token
// columns derived (token-columns.ts). README "The authorization matrix" explains the columns.
import { API_TOKEN_ROWS } from "./rows-api-tokens.ts";
import { ARTIFACT_ADMIN_ACTION_ROWS } from "./rows-artifacts-admin-actions.ts";
import { COMMAND_AND_AGENT_ROWS } from "./rows-commands-and-agent.ts";
import { DRILL_ROWS } from "./rows-drills.ts";
import { OPS_ROWS } from "./rows-ops.ts";
import { PUBLIC_AND_PAGE_ROWS } from "./rows-public-and-pages.ts";
import { USER_API_ROWS } from "./rows-user-api.ts";
import { withTokenColumns } from "./token-columns.ts";
import type { MatrixEntry } from "./types.ts";

export { DUTY_RULES, type DutyRule } from "./duty-rules.ts";
export { CONSOLE_READ_ROUTES } from "./token-columns.ts";
export type { BaseWho, MatrixEntry, Outcome, Who } from "./types.ts";

export const MATRIX: MatrixEntry[] = [
  ...PUBLIC_AND_PAGE_ROWS,
  ...USER_API_ROWS,
  ...COMMAND_AND_AGENT_ROWS,
  ...ARTIFACT_ADMIN_ACTION_ROWS,
  ...API_TOKEN_ROWS,
  ...DRILL_ROWS,
  ...OPS_ROWS,
].map(withTokenColumns);
