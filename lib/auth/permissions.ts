// Who may do what. Every entry point names one permission; this table is the only place a
// role turns into a yes or a no. Per-incident roles (commander, …) come on top of this.
export const ROLES = ["admin", "manager", "responder", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const ALL: readonly Role[] = ROLES;
const OPS: readonly Role[] = ["admin", "manager", "responder"];
const LEADS: readonly Role[] = ["admin", "manager"];
const ADMIN: readonly Role[] = ["admin"];

export const PERMISSIONS = {
  "console:read": ALL,
  "incidents:read": ALL,
  "incidents:write": OPS,
  "hosts:read": ALL,
  "hosts:manage": ADMIN,
  "playbooks:read": ALL,
  "playbooks:publish": LEADS,
  "commands:read": ALL,
  "commands:issue": OPS,
  // A second person's yes to a destructive or fleet-wide request: a lead, never a peer
  // responder (separation of duties, docs/INCIDENTS.md "Who approves").
  "commands:approve": LEADS,
  "artifacts:read": ALL,
  "artifacts:download": OPS,
  "artifacts:upload": OPS,
  "artifacts:delete": LEADS,
  "incidents:legal_hold": LEADS,
  // Closing an incident as another's duplicate. The route admits responders (incidents:write)
  // because the incident's own commander may merge it too; merge-incident.ts checks both.
  "incidents:merge": LEADS,
  "metrics:read": ALL,
  "drills:read": ALL,
  "drills:run": LEADS,
  "audit:read": LEADS,
  "users:manage": ADMIN,
  "settings:manage": ADMIN,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_LABEL: Record<Role, string> = {
  admin: "Admin",
  manager: "Manager",
  responder: "Responder",
  viewer: "Viewer",
};

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/** Every permission a role holds, in the table's order. */
export const permissionsOf = (role: Role): Permission[] =>
  PERMISSION_NAMES.filter((p) => can(role, p));

/** The check for a request's user. A request made with an API token carries that token's
 *  scopes, and may do only what both the creator's current role and the scopes allow. */
export function userCan(
  user: { role: Role; scopes?: readonly Permission[] },
  permission: Permission,
): boolean {
  return can(user.role, permission) && (!user.scopes || user.scopes.includes(permission));
}
