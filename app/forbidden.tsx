import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">403 — not for your role</h1>
      <p className="mt-2 text-muted">
        Your account cannot open this page. Ask an admin if you need access.
      </p>
      <Link href="/incidents" className="mt-6 inline-block text-accent underline">
        Back to incidents
      </Link>
    </main>
  );
}
