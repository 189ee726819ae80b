// Incidents are addressed by their human key (INC-2026-0042) in URLs people share, or by id.
const KEY = /^INC-\d{4}-\d{4,}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function resolveIncidentRef(ref: string): { key: string } | { id: string } {
  if (KEY.test(ref)) return { key: ref.toUpperCase() };
  if (UUID.test(ref)) return { id: ref.toLowerCase() };
  // Unparseable refs match nothing (404 downstream) instead of reaching the database as-is.
  return { id: "00000000-0000-0000-0000-000000000000" };
}
