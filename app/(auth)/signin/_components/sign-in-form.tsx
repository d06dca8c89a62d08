"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { signInAction, type SignInState } from "../actions";

type SignInFormProps = { callbackUrl: string; initialError?: string };

export function SignInForm({ callbackUrl, initialError }: SignInFormProps) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, undefined);
  // An identity-provider error from the URL shows until the first password attempt replaces it.
  const error = state ? state.error : initialError;
  // Controlled so the email survives React's reset of the form after each submission; the password does not.
  const [email, setEmail] = useState("");

  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {error ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </div>
      ) : null}
      <Field label="Email">
        {({ id, describedBy }) => (
          <Input
            id={id}
            name="email"
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            autoComplete="username"
            required
            autoFocus
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
          />
        )}
      </Field>
      <Field label="Password">
        {({ id, describedBy }) => (
          <Input
            id={id}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
          />
        )}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
