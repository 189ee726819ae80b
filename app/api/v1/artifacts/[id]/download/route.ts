// GET /api/v1/artifacts/{id}/download — streams the artifact as an attachment and records the download in its custody chain
import { Readable } from "node:stream";
import { attachmentDisposition, openArtifactDownload } from "@/lib/artifacts/download-artifact";
import { clientIp } from "@/lib/auth/client-ip";
import { withUser } from "@/lib/http/with-user";

export const dynamic = "force-dynamic";
type P = { id: string };

export const GET = withUser<P>(
  async (req, { user, params }) => {
    const d = await openArtifactDownload(params.id, user, {
      ip: clientIp(req.headers),
      userAgent: req.headers.get("user-agent"),
    });
    // Evidence is never rendered: octet-stream + attachment + nosniff + a sandboxing CSP.
    return new Response(Readable.toWeb(d.stream) as ReadableStream, {
      status: 200,
      headers: {
        "Content-Type": "application/octet-stream",
        "Content-Disposition": attachmentDisposition(d.filename),
        "Content-Length": String(d.sizeBytes),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "no-store",
        "Repr-Digest": `sha-256=:${Buffer.from(d.sha256, "hex").toString("base64")}:`,
      },
    });
  },
  { permission: "artifacts:download" },
);
