import Link from "next/link";
import { credentialMentions, type NamedCredential } from "@/lib/domain/credential-mentions";

/**
 * A stored reason with the credentials it names by id shown by name, each linked to its page. The links sit in
 * running text, so they are underlined: colour alone would not tell them apart (axe link-in-text-block).
 */
export function ReasonText({ text, credentials }: { text: string; credentials: readonly NamedCredential[] }) {
  return (
    <>
      {credentialMentions(text, credentials).map((part, i) =>
        "credential" in part ? (
          <Link key={i} href={`/credentials/${part.credential.id}`} className="text-accent-700 underline" data-testid="reason-credential">
            {part.credential.name}
          </Link>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
