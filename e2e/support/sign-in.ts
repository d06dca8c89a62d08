import { expect, type Page } from "@playwright/test";

/** Fills the real sign-in form, as a person would. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  if (!page.url().includes("/signin")) await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await submitSignIn(page, email, password);
  await expect(page).toHaveURL(/\/overview$/);
}

/** The sign-in error banner. Filtered by text because Next's route announcer is also a role="alert". */
export function alertWithText(page: Page, text: string | RegExp) {
  return page.getByRole("alert").filter({ hasText: text });
}
