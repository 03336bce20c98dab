import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Playwright's `test`, failing any test whose pages the Content-Security-Policy refused
 * something (a script, a style, a connection, a form's target): the browser reports each
 * refusal on the console, with JavaScript on or off.
 */
export const test = base.extend<{ contentSecurityPolicy: void }>({
  contentSecurityPolicy: [
    async ({ context }, use) => {
      const refused: string[] = [];
      context.on("console", (message) => {
        if (message.text().includes("Content Security Policy")) refused.push(message.text());
      });
      await use();
      expect(refused, "refused by the Content-Security-Policy").toEqual([]);
    },
    { auto: true },
  ],
});

export type Lang = "fr" | "en";
export const LANGS: Lang[] = ["fr", "en"];

const cache = new Map<string, Record<string, string>>();

/** The text of `namespace.key` in the locale files, with `{{ var }}` replaced. */
export function t(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const [ns, name] = key.split(".");
  const file = join(__dirname, "..", "..", "locales", lang, `${ns}.json`);
  if (!cache.has(file)) cache.set(file, JSON.parse(readFileSync(file, "utf8")));
  const text = cache.get(file)![name];
  if (text === undefined) throw new Error(`no key ${key} in ${lang}`);
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, v) => String(vars[v]));
}

/** The browser locale of a user who reads `lang` (navigator.languages and Accept-Language). */
export function browserLocale(lang: Lang): string {
  return lang === "fr" ? "fr-CA" : "en-CA";
}

export async function signIn(page: Page, lang: Lang, email: string, password: string) {
  await page.goto("/organization/contacts");
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel(t(lang, "auth.email"), { exact: true }).fill(email);
  await page.getByLabel(t(lang, "auth.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: t(lang, "auth.submit"), exact: true }).click();
}

/** Waits until the WebAssembly has hydrated the page (the router then handles links). */
export async function waitForHydration(page: Page) {
  await page.locator("body[data-hydrated=true]").waitFor({ state: "attached" });
}

export function bodyRows(page: Page) {
  return page.locator("table.contacts tbody tr");
}

/** Checks the page with axe-core once it is hydrated, as the user works with it. */
export async function expectNoAxeViolations(page: Page) {
  await waitForHydration(page);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
}
