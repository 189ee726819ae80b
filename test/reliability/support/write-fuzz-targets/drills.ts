// Drill controls (issue 14). A valid start would run a whole simulated fleet per fuzz case:
// the scenario is one that does not exist, so these exercise the parser, the participant
// checks and the 4xx path (test/drills/ starts real ones). No drill run exists in the
// fixtures either.
import fc from "fast-check";
import { type Target, text, user } from "./builders.ts";

const NO_RUN = "/api/v1/drills/00000000-0000-4000-8000-000000000000";
const empty = () => fc.record({}, { requiredKeys: [] });

export const DRILLS_TARGETS: Record<string, Target> = {
  "POST /api/v1/drills": user(
    () => "/api/v1/drills",
    (f) =>
      fc.record(
        {
          scenario: fc.constantFrom("no-such-scenario", "not-a-drill"),
          speed: fc.integer({ min: 1, max: 10 }),
          participants: fc.array(
            fc.record({
              userId: fc.constant(f.userId),
              role: fc.constantFrom("commander", "facilitator"),
            }),
            { maxLength: 3 },
          ),
        },
        { requiredKeys: ["scenario"] },
      ),
  ),
  "POST /api/v1/drills/[id]/pause": user(() => `${NO_RUN}/pause`, empty),
  "POST /api/v1/drills/[id]/resume": user(() => `${NO_RUN}/resume`, empty),
  "POST /api/v1/drills/[id]/end": user(() => `${NO_RUN}/end`, empty),
  "POST /api/v1/drills/[id]/speed": user(
    () => `${NO_RUN}/speed`,
    () => fc.record({ speed: fc.integer({ min: 1, max: 10 }) }),
  ),
  "PUT /api/v1/drills/[id]/notes": user(
    () => `${NO_RUN}/notes`,
    () => fc.record({ notes: text(500) }),
  ),
};
