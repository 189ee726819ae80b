import "server-only";
import { z } from "zod";
import { verifyAllCustody, verifyCustody } from "../artifacts/custody.ts";
import { defineCommand, ok } from "./command.ts";

// `npm run custody:verify` (= `npm run bw -- custody verify`): runs in the CLI against
// PostgreSQL, or inside the server that holds the embedded database.
export const artifactCommands = [
  defineCommand({
    name: "custody verify",
    flags: ["artifact"],
    usage: "custody verify [--artifact ID]",
    summary:
      "Recompute every artifact's chain of custody (or one); exit 1 and name each broken entry",
    args: z.object({ artifact: z.string().uuid("Give an artifact id (UUID)").optional() }),
    async run(args, { db }) {
      if (args.artifact) {
        const r = await verifyCustody(args.artifact, db);
        return r.ok
          ? ok(`artifact ${args.artifact}: custody intact, ${r.entries} entries`)
          : {
              output: `artifact ${args.artifact}: broken at entry ${r.brokenSeq}: ${r.reason}`,
              exitCode: 1,
            };
      }
      const r = await verifyAllCustody(db);
      if (!r.broken.length)
        return ok(
          `verified ${r.artifacts} artifact custody chains (${r.entries} entries): all intact`,
        );
      return {
        output: [
          `${r.broken.length} of ${r.artifacts} custody chains are broken:`,
          ...r.broken.map(
            (b) => `  ${b.artifactId} (${b.filename}): entry ${b.brokenSeq}: ${b.reason}`,
          ),
        ].join("\n"),
        exitCode: 1,
      };
    },
  }),
];
