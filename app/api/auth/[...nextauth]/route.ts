// GET|POST /api/auth/* — next-auth (sign-in, callback, session, sign-out)

import crypto from "node:crypto";
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { clientIp } from "@/lib/auth/client-ip";
import { assertLoginAllowed } from "@/lib/auth/rate-limit-login";
import { errorResponse } from "@/lib/http/problem";

export const GET = handlers.GET;

// Direct credential posts get the same rate limit as the login page, answered as 429.
export async function POST(req: NextRequest) {
  if (req.nextUrl.pathname.endsWith("/callback/credentials")) {
    try {
      const form = await req
        .clone()
        .formData()
        .catch(() => null);
      await assertLoginAllowed(String(form?.get("email") ?? ""), clientIp(req.headers));
    } catch (e) {
      return errorResponse(e, crypto.randomUUID());
    }
  }
  return handlers.POST(req);
}
