// The notifications that also go out by e-mail, and the preference that turns each off.
export const EMAIL_KINDS = ["escalation", "approval", "assignment"] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const EMAIL_PREFERENCE_FIELD = {
  escalation: "emailEscalations",
  approval: "emailApprovals",
  assignment: "emailAssignments",
} as const satisfies Record<EmailKind, string>;

export const EMAIL_KIND_LABEL: Record<EmailKind, string> = {
  escalation: "SLA breaches and escalations",
  approval: "approval requests",
  assignment: "being given an incident role",
};
