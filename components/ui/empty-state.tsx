import type { ReactNode } from "react";

type EmptyStateProps = {
  icon?: ReactNode;
  title: string;
  description: ReactNode;
  /** What fills this page: shown as a short list so the next step is obvious. */
  steps?: ReactNode[];
  action?: ReactNode;
};

export function EmptyState({ icon, title, description, steps, action }: EmptyStateProps) {
  return (
    <section className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center">
      {icon ? (
        <div aria-hidden="true" className="mx-auto mb-4 flex size-11 items-center justify-center rounded-full bg-accent-50 text-accent-600">
          {icon}
        </div>
      ) : null}
      <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
      <p className="mx-auto mt-1.5 max-w-xl text-sm text-zinc-600">{description}</p>
      {steps && steps.length > 0 ? (
        <ol className="mx-auto mt-5 max-w-md space-y-2 text-left text-sm text-zinc-700">
          {steps.map((step, index) => (
            <li key={index} className="flex gap-3">
              <span className="flex size-5 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-xs font-semibold text-zinc-600">
                {index + 1}
              </span>
              <span>{step}</span>
            </li>
          ))}
        </ol>
      ) : null}
      {action ? <div className="mt-6 flex justify-center">{action}</div> : null}
    </section>
  );
}
