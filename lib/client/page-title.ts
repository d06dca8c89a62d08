/** Every tab title names its page, then Leash: the root layout's metadata template, and the pages that set their own. */
export const TITLE_TEMPLATE = "%s · Leash";

export function pageTitle(name: string): string {
  return TITLE_TEMPLATE.replace("%s", name);
}
