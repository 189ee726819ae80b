// The incident timeline has one writer, lib/incidents/append-timeline.ts: every row gets the
// same shape and the actor its one label. Ten writers drifted apart before (issue 11); this
// fails the moment an eleventh appears, whether through Prisma or raw SQL.
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const WRITER = path.join("lib", "incidents", "append-timeline.ts");
const WRITES = [/\btimelineEntry\s*\.\s*(create|createMany|createManyAndReturn|upsert)\b/, /INSERT\s+INTO\s+"?TimelineEntry"?/i];

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "generated" || e.name === "node_modules" || e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

it("writes timeline entries only in append-timeline.ts", () => {
  const writers = [...sources("lib"), ...sources("app")].filter((f) => WRITES.some((re) => re.test(fs.readFileSync(f, "utf8"))));
  expect(writers).toEqual([WRITER]);
});
