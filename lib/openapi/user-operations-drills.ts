import "server-only";
import { listDrillsInput, notesInput, setSpeedInput, startDrillInput } from "../drills/schemas.ts";
import { type Operation, userOp as op } from "./operation.ts";

// The user API, part five: tabletop drills (docs/DRILLS.md). Replies are the views of
// lib/drills/views.ts.

const run = "/api/v1/drills/{id}";
const VIEW = "The drill run (DrillRunView)";
const WRONG_STATE = { 409: "The run is not in a state that allows this (e.g. already paused)" };

export const DRILL_OPERATIONS: Operation[] = [
  op("get", "/api/v1/drills/scenarios", "Drills", "The drill scenarios", "drills:read", {
    reply: "The scenarios (ScenarioSummary[])",
  }),
  op("get", "/api/v1/drills", "Drills", "Drill runs, newest first", "drills:read", {
    query: listDrillsInput,
    reply: "The runs (DrillRunSummary[])",
  }),
  op("post", "/api/v1/drills", "Drills", "Start a drill", "drills:run", {
    body: startDrillInput,
    status: 201,
    reply: VIEW,
  }),
  op("get", run, "Drills", "A drill run", "drills:read", { reply: VIEW }),
  op("post", `${run}/pause`, "Drills", "Pause a running drill", "drills:run", {
    reply: VIEW,
    also: WRONG_STATE,
  }),
  op("post", `${run}/resume`, "Drills", "Resume a paused drill", "drills:run", {
    reply: VIEW,
    also: WRONG_STATE,
  }),
  op("post", `${run}/speed`, "Drills", "Change the drill clock's speed (×1–×10)", "drills:run", {
    body: setSpeedInput,
    reply: VIEW,
    also: WRONG_STATE,
  }),
  op("post", `${run}/end`, "Drills", "End a drill (scores it)", "drills:run", {
    reply: VIEW,
    also: WRONG_STATE,
  }),
  op("put", `${run}/notes`, "Drills", "The facilitator's notes", "drills:run", {
    body: notesInput,
    reply: VIEW,
  }),
  op(
    "get",
    `${run}/score`,
    "Drills",
    "The run's score (kept once ended, live while it runs)",
    "drills:read",
    {
      reply: "{ live, score: DrillScore }",
    },
  ),
  op(
    "get",
    `${run}/comparison`,
    "Drills",
    "This run beside the scored runs of its scenario",
    "drills:read",
    {
      reply: "Targets and, per run, the overall score and each expected action's actual time",
    },
  ),
  op(
    "get",
    `${run}/report`,
    "Drills",
    "The run's after-action report (format=md for Markdown)",
    "drills:read",
    {
      reply: "The drill report (JSON), or Markdown with format=md",
    },
  ),
];
