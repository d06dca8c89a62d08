import { CopyButton } from "@/components/copy-button";

/**
 * Pretty-printed JSON as a text node inside <pre>: React escapes it, so markup in a log line (a resource named
 * `<img onerror=…>`) is shown, never run. Focusable so keyboard users can scroll it.
 */
export function RawPayload({ payload }: { payload: Record<string, unknown> }) {
  const text = JSON.stringify(payload, null, 2);
  return (
    <div className="relative">
      <pre
        tabIndex={0}
        aria-label="Raw payload (JSON)"
        data-testid="raw-payload"
        className="max-h-[32rem] overflow-auto rounded-lg border border-zinc-200 bg-zinc-950 p-4 font-mono text-xs leading-relaxed text-zinc-100"
      >
        {text}
      </pre>
      <div className="absolute top-2 right-2">
        <CopyButton text={text} label="Copy JSON" />
      </div>
    </div>
  );
}
