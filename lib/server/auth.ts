import "server-only";
import { eq } from "drizzle-orm";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { OIDCConfig } from "next-auth/providers";
import { users } from "@/db/schema";
import { recordAudit } from "./audit";
import { SESSION_MAX_AGE_SECONDS } from "./auth-config";
import { db } from "./db";
import { env } from "./env";
import { authSecret } from "./instance-secrets";
import { clientIp } from "./request-context";
import { signInWithOidcProfile, signInWithPassword } from "./sign-in";

/** Carries the refusal kind to the sign-in form; the message never says whether the account exists. */
export class SignInRefused extends CredentialsSignin {
  constructor(kind: "invalid" | `locked:${number}`) {
    super();
    this.code = kind;
  }
}

function oidcProviders(): OIDCConfig<Record<string, unknown>>[] {
  const e = env();
  if (!e.oidcEnabled) return [];
  return [
    {
      id: "oidc",
      name: e.OIDC_NAME,
      type: "oidc",
      issuer: e.OIDC_ISSUER,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      checks: ["pkce", "state", "nonce"],
    },
  ];
}

function config(): NextAuthConfig {
  return {
    secret: authSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    // A refused sign-in is an expected outcome (and audited), not a server error worth a stack trace.
    logger: {
      error(error) {
        const name = (error as Error & { type?: string }).type ?? error.name;
        if (name === "CredentialsSignin" || name === "AccessDenied") return;
        console.error(`[auth] ${name}: ${error.message}`);
      },
    },
    providers: [
      Credentials({
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, request) {
          const result = await signInWithPassword(String(credentials.email ?? ""), String(credentials.password ?? ""), clientIp(request.headers));
          if (result.ok) return { id: result.userId };
          throw new SignInRefused(result.reason === "locked" ? `locked:${Math.ceil(result.retryAfterSeconds / 60)}` : "invalid");
        },
      }),
      ...oidcProviders(),
    ],
    callbacks: {
      async signIn({ account, profile, user }) {
        if (account?.provider !== "oidc") return true;
        const userId = await signInWithOidcProfile(profile as Record<string, unknown> | undefined);
        if (!userId) return false;
        user.id = userId;
        return true;
      },
      // The token carries only the user id: role, teams and active status are re-read on every request.
      jwt({ token, user }) {
        if (user?.id) token.uid = user.id;
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
    events: {
      async signOut(message) {
        const uid = "token" in message && typeof message.token?.uid === "string" ? message.token.uid : null;
        if (!uid) return;
        const [row] = await db().select({ email: users.email }).from(users).where(eq(users.id, uid));
        await recordAudit({ actorType: "user", actorId: uid, actorLabel: row?.email ?? uid, ip: null, requestId: null }, { action: "auth.sign_out" });
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
