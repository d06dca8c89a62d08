"use client";

import { useEffect, useState } from "react";
import { Button } from "./ui/button";

/** Copies text to the clipboard and says so in a live region, so screen-reader users hear the result too. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (status === "idle") return;
    const timer = setTimeout(() => setStatus("idle"), 2500);
    return () => clearTimeout(timer);
  }, [status]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("copied");
    } catch {
      // Clipboard access can be refused (insecure origin, permissions); the value stays selectable by hand.
      setStatus("failed");
    }
  }

  return (
    <>
      <Button variant="secondary" onClick={copy}>
        {status === "copied" ? "Copied" : label}
      </Button>
      <span role="status" className="sr-only">
        {status === "copied" ? "Copied to clipboard" : status === "failed" ? "Could not copy; select the text and copy it manually" : ""}
      </span>
    </>
  );
}
