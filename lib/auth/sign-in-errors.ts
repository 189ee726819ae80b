// What the login page says when a sign-in came back refused (`/login?error=<code>`): our own
// OIDC refusals, and the codes next-auth itself puts on its error redirect.
const MESSAGES: Record<string, string> = {
  oidc_email_unverified:
    "Your identity provider has not verified your email address, so it cannot be used to sign in to Breakwater. Verify the address with your provider, then try again.",
  oidc_subject_mismatch:
    "This email address belongs to a Breakwater account that is linked to a different single sign-on identity. Ask an administrator.",
  oidc_no_email:
    "Your identity provider did not send an email address, so no Breakwater account could be found or created.",
  oidc_disabled: "This account is disabled. Ask an administrator.",
  AccessDenied: "Single sign-on was refused.",
  Configuration: "Single sign-on is misconfigured on the server. Ask an administrator.",
};

export function signInErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  return Object.hasOwn(MESSAGES, code)
    ? MESSAGES[code]
    : "Single sign-on did not complete. Try again.";
}
