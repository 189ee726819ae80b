import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">404 — nothing here</h1>
      <Link href="/incidents" className="mt-6 inline-block text-accent underline">
        Back to incidents
      </Link>
    </main>
  );
}
