import type { HostActor, UserActor } from "../audit/actor.ts";

/** Who is uploading: a host agent (host token) or a signed-in person (session), as the actor
 *  the route's wrapper built (ctx.actor). It is also who custody and the timeline name for the
 *  upload. An upload is only ever visible to the owner that created it (matched by id). */
export type UploadOwner = HostActor | UserActor;
