import { Code } from "@/components/ui/code";

const CONTENTS: { path: string; what: string }[] = [
  { path: "manifest.json + manifest.sig", what: "what the package is and every file with its SHA-256, size and record count; the Ed25519 signature over it" },
  { path: "SHA256SUMS + SHA256SUMS.sig", what: "every file's SHA-256, for sha256sum -c; the Ed25519 signature over it" },
  { path: "README.txt", what: "the scope, who built it, and how to check it without Leash" },
  { path: "summary/controls.csv", what: "each control's status, score and population counts" },
  { path: "summary/daily-controls.csv", what: "each control's status and score on each day of the period (or the 30 days up to the instant)" },
  { path: "populations/<control>.csv", what: "every evaluated item of a control with its result and reason" },
  { path: "inventory/", what: "the credentials in scope" },
  { path: "findings/", what: "rule findings with status and due dates" },
  { path: "exceptions/", what: "the exceptions register with who decided and until when" },
  { path: "scans/", what: "the scanned corpora, every scan run, and the secrets found, redacted: previews only, never a value or its fingerprint" },
  { path: "activity/", what: "every event the populations evaluated, and the flagged operations" },
  { path: "audit/", what: "the audit log with its hash-chain verification" },
  { path: "report.pdf", what: "the printable report, one section per page" },
  { path: "oscal/", what: "OSCAL assessment results and plan of action and milestones (POA&M)" },
];

/** What a built package holds, so an auditor knows what to ask for before building one. */
export function PackageContents() {
  return (
    <section aria-labelledby="package-contents-title" className="rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="package-contents-title" className="text-base font-semibold text-zinc-900">
        What the package contains
      </h2>
      <ul className="mt-3 space-y-1.5 text-sm text-zinc-700">
        {CONTENTS.map((item) => (
          <li key={item.path}>
            <Code>{item.path}</Code> <span className="text-zinc-600">— {item.what}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
