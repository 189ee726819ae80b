"use server";
import { signIn } from "@/lib/auth/auth";
import { publicAction } from "@/lib/http/action";
import { setupFirstAdmin } from "@/lib/users/setup-first-admin";

// Public by necessity (there is no user yet); setupFirstAdmin refuses once any user exists.
export const setupAction = publicAction(
  async (form: { name: string; email: string; password: string }) => {
    const admin = await setupFirstAdmin(form, "setup_page");
    await signIn("credentials", {
      email: admin.email,
      password: form.password,
      redirectTo: "/incidents",
    });
    return null;
  },
);
