import "server-only";
import { buildOpenApiDocument } from "./build-openapi.ts";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/** Built on first use: the schemas do not change while the module lives. */
export const getOpenApiDocument = () => (document ??= buildOpenApiDocument());
