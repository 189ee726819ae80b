// The incident timeline has one writer, lib/incidents/append-timeline.ts: every row gets the
// same shape and the actor its one label. Ten writers drifted apart before (issue 11); this
// fails the moment an eleventh appears, whether through Prisma or raw SQL.
import path from "node:path";
import { expect, it } from "vitest";
import { sourcesMatching } from "../../test/product-sources.ts";

const WRITES = [
  /\btimelineEntry\s*\.\s*(create|createMany|createManyAndReturn|upsert)\b/,
  /INSERT\s+INTO\s+"?TimelineEntry"?/i,
];

it("writes timeline entries only in append-timeline.ts", () => {
  expect(sourcesMatching(WRITES, "lib", "app")).toEqual([
    path.join("lib", "incidents", "append-timeline.ts"),
  ]);
});
