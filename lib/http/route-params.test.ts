// Issue 10: a `%00` in a dynamic segment reached a WHERE as U+0000 and PostgreSQL refused
// the query (a 500). No row can have such a key: it is a 404 before any query runs.
import { describe, expect, it } from "vitest";
import { routeParams } from "./route-params.ts";

describe("routeParams", () => {
  it.each([{ id: "a\u0000" }, { ref: "\ud800" }, { slug: ["ok", "x\u0000"] }])(
    "refuses %j as not_found",
    async (p) => {
      await expect(routeParams({ params: Promise.resolve(p) })).rejects.toMatchObject({
        code: "not_found",
      });
    },
  );
  it("passes ordinary segments through", async () => {
    expect(
      await routeParams({
        params: Promise.resolve({
          id: "00000000-0000-4000-8000-000000000000",
          ref: "INC-2026-0001",
        }),
      }),
    ).toEqual({ id: "00000000-0000-4000-8000-000000000000", ref: "INC-2026-0001" });
    expect(await routeParams(undefined)).toEqual({});
  });
});
