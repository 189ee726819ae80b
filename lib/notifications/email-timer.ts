// The timer kind that sends one e-mail (handler: lib/notifications/flows/deliver-email.ts).
export const EMAIL_TIMER = "email.deliver";
