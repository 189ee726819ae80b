// Shared by the server schemas and the client forms (no server-only imports here).
export const PASSWORD_MIN = 12;
