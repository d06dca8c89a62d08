/** Every tab title names its page, then Leash (components/page-title.tsx renders it). */
export function pageTitle(name: string): string {
  return `${name} · Leash`;
}
