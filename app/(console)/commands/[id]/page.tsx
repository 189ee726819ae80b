import { notFound } from "next/navigation";
import { CommandDetail } from "@/components/commands/command-detail";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";

export const metadata = { title: "Command" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser("commands:read", `/commands/${encodeURIComponent(id)}`);
  if (
    !/^[0-9a-f-]{36}$/i.test(id) ||
    !(await (await getDb()).command.findUnique({ where: { id }, select: { id: true } }))
  )
    notFound();
  return <CommandDetail id={id} canIssue={can(user.role, "commands:issue")} />;
}
