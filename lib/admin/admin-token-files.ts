// File names the server publishes in its data directory for `npm run bw` (see admin-token.ts).
export const ADMIN_TOKEN_FILE = "admin-token";
export const SERVER_INFO_FILE = "server.json";
