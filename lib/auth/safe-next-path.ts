// Only same-site paths: an attacker-supplied ?next=https://evil must not bounce users away.
export function safeNextPath(next: unknown): string {
  if (
    typeof next !== "string" ||
    !next.startsWith("/") ||
    next.startsWith("//") ||
    next.startsWith("/\\")
  )
    return "/incidents";
  return next;
}
