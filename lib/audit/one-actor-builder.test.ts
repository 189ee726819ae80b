// Actors are built only by lib/audit/actor.ts (actorOfUser, actorOfHost, systemActor), and
// routes take theirs from the wrapper's ctx.actor. Hand-built literals labelled a person by
// email in some domains and by name in others (issue 11); this fails when one comes back.
import path from "node:path";
import { expect, it } from "vitest";
import { sourcesMatching } from "../../test/product-sources.ts";

// Test code that still lives in lib/ (issue 11 moves it under test/).
const NOT_PRODUCT = path.join("lib", "hosts", "test-support.ts");
const LITERAL = /\{\s*type:\s*"(user|host|system)"(\s+as\s+const)?\s*,\s*(id:[^,{}]+,\s*)?label:/;

it("builds actors only in lib/audit/actor.ts", () => {
  expect(sourcesMatching([LITERAL], "lib", "app").filter((f) => f !== NOT_PRODUCT)).toEqual([
    path.join("lib", "audit", "actor.ts"),
  ]);
});
