import type { Actor } from "../audit/actor.ts";

/** Who is uploading: a host agent (host token) or a signed-in person (session). An upload
 *  is only ever visible to the owner that created it. */
export type UploadOwner = { type: "host"; id: string; label: string } | { type: "user"; id: string; label: string };

export const ownerActor = (o: UploadOwner): Actor => ({ type: o.type, id: o.id, label: o.label });
