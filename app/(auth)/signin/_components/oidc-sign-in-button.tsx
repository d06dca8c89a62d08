import { Button } from "@/components/ui/button";
import { signInWithOidcAction } from "../actions";

/** A plain form posting a server action: works before hydration and without client JavaScript. */
export function OidcSignInButton({ providerName, callbackUrl }: { providerName: string; callbackUrl: string }) {
  return (
    <form action={signInWithOidcAction}>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Button type="submit" variant="secondary" className="w-full">
        Sign in with {providerName}
      </Button>
    </form>
  );
}
