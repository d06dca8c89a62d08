/** The slot the rules issue fills (findings of this credential); titled now so the page layout does not shift later. */
const SLOTS = [
  {
    title: "Findings",
    text: "Rules this credential fails, with severity and status. Fills in when the rules engine lands.",
  },
];

export function PlaceholderSections() {
  return (
    <div className="grid gap-4 md:grid-cols-1">
      {SLOTS.map((slot) => (
        <section key={slot.title} aria-label={slot.title} className="rounded-lg border border-dashed border-zinc-300 bg-white p-5">
          <h2 className="text-base font-semibold text-zinc-900">{slot.title}</h2>
          <p className="mt-1 text-sm text-zinc-600">{slot.text}</p>
        </section>
      ))}
    </div>
  );
}
