"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/server/auth";
import { safeCallback } from "@/lib/server/safe-callback";

export type SignInState = { error?: string } | undefined;

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  try {
    await signIn("credentials", {
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
      redirectTo: safeCallback(formData.get("callbackUrl")),
    });
    return undefined;
  } catch (error) {
    if (!(error instanceof AuthError)) throw error; // includes the success redirect
    const code = "code" in error && typeof error.code === "string" ? error.code : "";
    if (code.startsWith("locked")) {
      const minutes = Number(code.split(":")[1]) || 15;
      return { error: `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
    }
    return { error: "Wrong email or password." };
  }
}

export async function signInWithOidcAction(formData: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: safeCallback(formData.get("callbackUrl")) });
}
