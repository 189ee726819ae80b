import "server-only";
import type { NextRequest } from "next/server";
import { clientIp } from "../../auth/client-ip.ts";
import { env } from "../../env.ts";
import { AppError } from "../../errors/app-error.ts";
import { createUpload } from "../create-upload.ts";
import { terminateUpload } from "../terminate-upload.ts";
import type { UploadOwner } from "../upload-owner.ts";
import { currentOffset, findSettledUpload, writeUploadChunk } from "../write-upload-chunk.ts";
import {
  assertTusResumable,
  intHeader,
  OFFSET_CONTENT_TYPE,
  optionsResponse,
  parseUploadMetadata,
  tusHeaders,
} from "./protocol.ts";

// The tus verbs, shared by the agent endpoint (host token) and the responder endpoint
// (session): the route files only wrap these in withAgent / withUser. The body is read as a
// stream from the request, never buffered; no middleware or proxy may match these paths
// (see no-upload-middleware.test.ts): Next's proxy buffers and truncates large bodies.

export const ARTIFACT_ID_HEADER = "Breakwater-Artifact-Id";

export function tusOptions(): Response {
  return optionsResponse(env.BREAKWATER_ARTIFACT_MAX_BYTES);
}

export async function tusCreate(
  req: NextRequest,
  owner: UploadOwner,
  basePath: string,
): Promise<Response> {
  assertTusResumable(req);
  if (req.headers.get("upload-defer-length"))
    throw new AppError(
      "invalid_input",
      "Upload-Defer-Length is not supported: declare Upload-Length.",
    );
  const length = intHeader(req, "upload-length", true);
  const metadata = parseUploadMetadata(req.headers.get("upload-metadata"));
  const { id, expiresAt } = await createUpload({ owner, length, metadata });
  return new Response(null, {
    status: 201,
    headers: tusHeaders({
      Location: `${basePath}/${id}`,
      "Upload-Expires": expiresAt.toUTCString(),
    }),
  });
}

export async function tusHead(id: string, owner: UploadOwner): Promise<Response> {
  const u = await findSettledUpload(id, owner);
  const offset = u.artifactId ? Number(u.length) : await currentOffset(u);
  const h = tusHeaders({
    "Upload-Offset": String(offset),
    "Upload-Length": String(u.length),
    "Upload-Expires": u.expiresAt.toUTCString(),
  });
  if (u.artifactId) h.set(ARTIFACT_ID_HEADER, u.artifactId);
  return new Response(null, { status: 200, headers: h });
}

export async function tusPatch(
  req: NextRequest,
  id: string,
  owner: UploadOwner,
): Promise<Response> {
  assertTusResumable(req);
  const ct = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (ct !== OFFSET_CONTENT_TYPE)
    throw new AppError("unsupported_media_type", `PATCH bodies must be ${OFFSET_CONTENT_TYPE}.`);
  const offset = intHeader(req, "upload-offset", true);
  const contentLength = intHeader(req, "content-length");
  const r = await writeUploadChunk({
    id,
    owner,
    offset,
    contentLength,
    body: req.body,
    ip: clientIp(req.headers),
  });
  const h = tusHeaders({ "Upload-Offset": String(r.offset) });
  if (r.artifactId) h.set(ARTIFACT_ID_HEADER, r.artifactId);
  return new Response(null, { status: 204, headers: h });
}

export async function tusDelete(
  req: NextRequest,
  id: string,
  owner: UploadOwner,
): Promise<Response> {
  assertTusResumable(req);
  await terminateUpload(id, owner);
  return new Response(null, { status: 204, headers: tusHeaders() });
}
