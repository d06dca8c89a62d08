import { Code } from "@/components/ui/code";
import { formatDateTime } from "@/lib/client/format";
import type { PublicKeyDto } from "@/lib/server/evidence-keys";
import { CLI_CHECK_COMMAND, PUBLIC_KEY_FILE, STOCK_CHECK_STEPS } from "@/lib/evidence/package/stock-check";
import { CommandBlock } from "./command-block";

const STEPS = [
  ...STOCK_CHECK_STEPS,
  {
    title: "Or all of it at once, with the record counts, using the Leash CLI",
    note: "Exits 1 on any mismatch. --server <url> fetches this instance's published keys instead.",
    command: CLI_CHECK_COMMAND,
  },
];

/**
 * How to check a package without trusting Leash: stock tools and the published public key. A server component;
 * the key comes from publicKeys(), the same list GET /api/v1/evidence/public-key answers without authentication.
 */
export function VerifyPanel({ keys }: { keys: PublicKeyDto[] }) {
  const current = keys.find((k) => k.current);
  const retired = keys.filter((k) => !k.current);
  return (
    <section aria-labelledby="verify-title" className="rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="verify-title" className="text-base font-semibold text-zinc-900">
        Verify a package
      </h2>
      <p className="mt-1 text-sm text-zinc-600">Anyone holding a package can check it offline, on any machine, without Leash.</p>
      <ol className="mt-4 space-y-4 text-sm text-zinc-800">
        {STEPS.map((step, index) => (
          <li key={step.command}>
            <p className="font-medium">
              {index + 1}. {step.title}
            </p>
            <p className="text-xs text-zinc-600">{step.note}</p>
            <CommandBlock text={step.command} copyLabel="Copy command" />
          </li>
        ))}
      </ol>

      <h3 className="mt-6 text-sm font-semibold text-zinc-900">Public key</h3>
      {current ? (
        <>
          <p className="mt-1 text-xs text-zinc-600">
            Current key{" "}
            <span data-testid="current-key-id">
              <Code>{current.keyId}</Code>
            </span>
            , created {formatDateTime(current.createdAt)}. Compare it with the key the instance&apos;s administrator published out of band.
          </p>
          <CommandBlock text={current.publicKeyPem.trim()} copyLabel="Copy public key" testId="public-key-pem" />
          <p className="mt-2 flex flex-wrap gap-4 text-sm">
            <a
              href={`data:application/x-pem-file;charset=utf-8,${encodeURIComponent(current.publicKeyPem)}`}
              download={PUBLIC_KEY_FILE}
              className="font-medium text-accent-700 hover:underline"
            >
              Download {PUBLIC_KEY_FILE}
            </a>
            <a href="/api/v1/evidence/public-key" download="leash-public-keys.json" className="font-medium text-accent-700 hover:underline">
              All keys, current and retired (JSON)
            </a>
          </p>
        </>
      ) : (
        <p className="mt-1 text-sm text-zinc-600">No signing key yet: the first build creates one.</p>
      )}

      <h3 className="mt-6 text-sm font-semibold text-zinc-900">Retired keys</h3>
      {retired.length === 0 ? (
        <p className="mt-1 text-sm text-zinc-600">None. After a key rotation, packages signed before it still verify with the retired key.</p>
      ) : (
        <>
          <p className="mt-1 text-xs text-zinc-600">Packages signed before a rotation verify with the key they name; every key is in the JSON above.</p>
          <ul className="mt-2 space-y-1 text-sm" aria-label="Retired keys">
            {retired.map((key) => (
              <li key={key.keyId}>
                <Code>{key.keyId}</Code> <span className="text-xs text-zinc-600">retired {formatDateTime(key.retiredAt)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
