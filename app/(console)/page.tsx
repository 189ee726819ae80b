import { redirect } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";

export default async function Home() {
  await requirePageUser("console:read", "/");
  redirect("/incidents");
}
