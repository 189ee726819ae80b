import type { Permission } from "@/lib/auth/permissions";

export type NavItem = { href: string; label: string; permission: Permission; icon: string };

export const NAV_ITEMS: NavItem[] = [
  { href: "/incidents", label: "Incidents", permission: "incidents:read", icon: "siren" },
  { href: "/hosts", label: "Hosts", permission: "hosts:read", icon: "server" },
  { href: "/playbooks", label: "Playbooks", permission: "playbooks:read", icon: "book" },
  { href: "/commands", label: "Commands", permission: "commands:read", icon: "terminal" },
  { href: "/artifacts", label: "Artifacts", permission: "artifacts:read", icon: "archive" },
  { href: "/metrics", label: "Metrics", permission: "metrics:read", icon: "chart" },
  { href: "/follow-ups", label: "Follow-ups", permission: "incidents:read", icon: "list" },
  { href: "/drills", label: "Drills", permission: "drills:read", icon: "flag" },
  { href: "/audit", label: "Audit", permission: "audit:read", icon: "shield" },
  { href: "/settings", label: "Settings", permission: "settings:manage", icon: "settings" },
  { href: "/settings/api-tokens", label: "API tokens", permission: "console:read", icon: "key" },
  { href: "/api-reference", label: "API reference", permission: "console:read", icon: "code" },
];
