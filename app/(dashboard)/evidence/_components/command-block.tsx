import { CopyButton } from "@/components/copy-button";

/** A shell command (or a key) shown as text, never markup, with a button that copies it exactly. */
export function CommandBlock({ text, copyLabel, testId }: { text: string; copyLabel: string; testId?: string }) {
  return (
    <div className="mt-2 flex flex-wrap items-start gap-2">
      <pre className="min-w-0 flex-1 rounded-md bg-zinc-900 px-3 py-2 font-mono text-xs break-all whitespace-pre-wrap text-zinc-100" data-testid={testId}>
        {text}
      </pre>
      <CopyButton text={text} label={copyLabel} />
    </div>
  );
}
