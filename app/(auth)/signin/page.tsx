import { redirect } from "next/navigation";
import { LeashLogo } from "@/components/leash-logo";
import { PageTitle } from "@/components/page-title";
import { oidcProviderName } from "@/lib/server/auth-config";
import { safeCallback } from "@/lib/server/safe-callback";
import { getViewer } from "@/lib/server/session";
import { OidcSignInButton } from "./_components/oidc-sign-in-button";
import { SignInForm } from "./_components/sign-in-form";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Auth.js sends failed identity-provider sign-ins back here with `?error=<kind>`. The kinds are mapped to fixed
 * texts: the query string is attacker-controlled, so it is never echoed.
 */
function providerErrorMessage(kind: string | undefined): string | undefined {
  if (!kind) return undefined;
  if (kind === "AccessDenied") {
    return "Your identity provider account may not sign in to Leash. Ask an administrator to add you with the same email.";
  }
  if (kind === "Configuration") return "Single sign-on is not configured correctly. Ask an administrator to check the server log.";
  return "Sign-in did not complete. Please try again.";
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  // Same-site paths only, so a crafted link cannot bounce a fresh session to another origin.
  const callbackUrl = safeCallback(first(params.callbackUrl));
  const providerError = providerErrorMessage(first(params.error));
  // Someone already signed in has nothing to do here.
  if (await getViewer()) redirect(callbackUrl);
  const oidcName = oidcProviderName();

  return (
    <main className="grid min-h-screen lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
      <PageTitle name="Sign in" />
      <aside className="hidden flex-col justify-between bg-zinc-950 p-10 text-zinc-300 lg:flex">
        <LeashLogo tone="light" className="text-lg" />
        <div className="max-w-md">
          <p className="text-2xl font-semibold tracking-tight text-white">Could an agent delete production in nine seconds?</p>
          <p className="mt-3 text-sm leading-relaxed text-zinc-400">
            Leash inventories your credentials, finds secrets where agents read them, attributes activity to humans
            or agents, and exports signed evidence for SOC 2 and PCI DSS auditors.
          </p>
        </div>
        <p className="text-xs text-zinc-400">Self-hosted. Secrets are never stored — only fingerprints.</p>
      </aside>

      <section className="flex items-center justify-center px-6 py-12">
        <div className="w-full max-w-sm">
          <LeashLogo className="mb-8 text-lg lg:hidden" />
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900">Sign in to Leash</h1>
          <p className="mt-1 text-sm text-zinc-600">Use the account your Leash administrator created for you.</p>

          {oidcName ? (
            <div className="mt-6">
              <OidcSignInButton providerName={oidcName} callbackUrl={callbackUrl} />
              <div className="my-6 flex items-center gap-3 text-xs text-zinc-500" aria-hidden="true">
                <span className="h-px flex-1 bg-zinc-200" />
                or with email
                <span className="h-px flex-1 bg-zinc-200" />
              </div>
            </div>
          ) : (
            <div className="mt-6" />
          )}

          <SignInForm callbackUrl={callbackUrl} initialError={providerError} />
        </div>
      </section>
    </main>
  );
}
