// Artifact routes for signed-in users (a signed-in admin: every permission, so validation and
// the write are reached, as for every user target).
import fc from "fast-check";
import { ARTIFACT_KINDS } from "../../../../lib/protocol/commands.ts";
import { reason, type Target, user } from "./builders.ts";
import { tusCreate, tusHead, tusPatch } from "./tus.ts";

export const ARTIFACTS_TARGETS: Record<string, Target> = {
  "POST /api/v1/artifacts/uploads": tusCreate("user", "/api/v1/artifacts/uploads"),
  "HEAD /api/v1/artifacts/uploads/[uploadId]": tusHead(
    "user",
    (f) => `/api/v1/artifacts/uploads/${f.userUploadId}`,
  ),
  "PATCH /api/v1/artifacts/uploads/[uploadId]": tusPatch(
    "user",
    (f) => `/api/v1/artifacts/uploads/${f.userUploadId}`,
  ),
  "DELETE /api/v1/artifacts/uploads/[uploadId]": tusHead(
    "user",
    (f) => `/api/v1/artifacts/uploads/${f.userUploadId}`,
  ),
  "DELETE /api/v1/artifacts/[id]": user(
    (f) => `/api/v1/artifacts/${f.artifactId}`,
    () => reason,
  ),
  "PUT /api/v1/artifacts/retention": user(
    () => "/api/v1/artifacts/retention",
    () =>
      fc.record({
        policies: fc.array(
          fc.record({
            kind: fc.constantFrom(...ARTIFACT_KINDS),
            days: fc.integer({ min: 1, max: 36_500 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
  ),
};
