import "server-only";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { env } from "../../env.ts";
import { AppError } from "../../errors/app-error.ts";
import { familyOf } from "../../net/ip-address.ts";
import {
  isForbiddenAddress,
  literalHost,
  type Resolved,
  resolveAllowed,
} from "../webhook-target.ts";

/**
 * POSTs one webhook body and resolves with the response status. The host name is resolved
 * here, the answer checked, and the connection made to exactly that checked address (the
 * socket's DNS lookup is replaced by it): a name that answered with a public address for the
 * check cannot answer with 169.254.169.254 for the connect (DNS rebinding). TLS still
 * verifies the certificate against the host name. Redirects are not followed.
 */
export async function postWebhook(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  const url = new URL(rawUrl);
  const literal = literalHost(url);
  let target: Resolved;
  if (literal) {
    if (!env.BREAKWATER_WEBHOOK_ALLOW_PRIVATE && isForbiddenAddress(literal))
      throw new AppError(
        "invalid_input",
        `refused: ${literal} is a private, loopback, link-local or reserved address`,
      );
    target = { address: literal, family: familyOf(literal) === "ipv4" ? 4 : 6 };
  } else {
    target = await resolveAllowed(url.hostname).catch((e: unknown) => {
      throw e instanceof AppError ? new AppError("invalid_input", `refused: ${e.message}`) : e;
    });
  }
  const lookup: LookupFunction = (_host, opts, cb) => {
    if (opts.all) (cb as unknown as (e: null, a: Resolved[]) => void)(null, [target]);
    else cb(null, target.address, target.family);
  };
  const send = url.protocol === "https:" ? https.request : http.request;
  return new Promise<number>((resolve, reject) => {
    const req = send(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
