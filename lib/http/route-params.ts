import { AppError } from "../errors/app-error.ts";
import { unstorableText } from "../protocol/safe-schemas.ts";

/** A route's dynamic segments, refused when no row could have them as a key: `%00` in a
 *  path decodes to U+0000, which PostgreSQL refuses in a WHERE (a 500) — such a thing
 *  simply does not exist (404). */
export async function routeParams<P>(route: { params: Promise<P> } | undefined): Promise<P> {
  const params = (await route?.params) ?? ({} as P);
  for (const v of Object.values(params as Record<string, unknown>)) {
    for (const s of Array.isArray(v) ? v : [v]) {
      if (typeof s === "string" && unstorableText(s))
        throw new AppError("not_found", "No such resource.");
    }
  }
  return params;
}
