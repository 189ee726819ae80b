import { z } from "zod";
import { PASSWORD_MIN } from "../auth/password-rules.ts";
import { ROLES } from "../auth/permissions.ts";
import { safeText } from "../protocol/safe-schemas.ts";

export const roleSchema = z.enum(ROLES);
export const emailSchema = safeText()
  .trim()
  .toLowerCase()
  .email("Enter a valid email address")
  .max(320);
export const passwordSchema = safeText()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(256, "Use at most 256 characters");

export const createUserInput = z.object({
  email: emailSchema,
  name: safeText().trim().min(1, "Name is required").max(120),
  role: roleSchema,
  password: passwordSchema,
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const setupInput = createUserInput.omit({ role: true });

export const updateUserInput = z
  .object({
    role: roleSchema.optional(),
    status: z.enum(["active", "disabled"]).optional(),
  })
  .refine((v) => v.role !== undefined || v.status !== undefined, "Change the role or the status");

// The DTO every user-facing read returns: never the password hash or OIDC subject.
export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  status: true,
  disabledAt: true,
  lastLoginAt: true,
  createdAt: true,
} as const;

export type UserDto = {
  id: string;
  email: string;
  name: string;
  role: z.infer<typeof roleSchema>;
  status: "active" | "disabled";
  disabledAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
};
