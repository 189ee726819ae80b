import { Card, PageHeader } from "@/components/ui/card";

/** For sections whose capability has not landed yet: says so plainly, pretends nothing. */
export function ComingSoon({ title, what, issue }: { title: string; what: string; issue: string }) {
  return (
    <>
      <PageHeader title={title} />
      <Card className="max-w-2xl">
        <p className="text-sm">Not available yet.</p>
        <p className="mt-2 text-sm text-muted">{what}</p>
        <p className="mt-2 text-xs text-muted">Tracked as: {issue}</p>
      </Card>
    </>
  );
}
