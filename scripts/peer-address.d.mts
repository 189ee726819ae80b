// Types for peer-address.mjs (plain JS so Node runs it without a loader). With them the test
// that imports it needs no `@ts-expect-error`, which a formatter would part from the line it
// excuses once the import wraps.
import type { IncomingMessage, ServerResponse } from "node:http";

export const PEER_HEADER: string;
export function announcePeerHeader(): void;
export function withPeerAddress(
  listener: (req: IncomingMessage, res: ServerResponse) => unknown,
): (req: IncomingMessage, res: ServerResponse) => unknown;
