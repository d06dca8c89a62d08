import type { InputHTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

type CheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: ReactNode; hint?: ReactNode };

/** A checkbox wrapped in its label, so the whole row is the click target. */
export function Checkbox({ label, hint, className, ...props }: CheckboxProps) {
  return (
    <label className={cn("flex cursor-pointer items-start gap-2 text-sm text-zinc-800", className)}>
      <input type="checkbox" className="mt-0.5 size-4 rounded border-zinc-300 accent-accent-600" {...props} />
      <span>
        <span className="font-medium">{label}</span>
        {hint ? <span className="block text-xs text-zinc-500">{hint}</span> : null}
      </span>
    </label>
  );
}
