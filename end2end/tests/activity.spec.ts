import { expect, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { LANGS, bodyRows, browserLocale, expectNoAxeViolations, signIn, t, test, waitForHydration } from "./helpers";

/** Gives Gallant a new title from her details page, as an administrator would. */
async function retitleGallant(page: Page, lang: "fr" | "en", title: string) {
  await page.goto("/organization/contacts?last_name=gallant");
  await waitForHydration(page);
  await page.getByRole("link", { name: /Gallant, Denise/ }).click();
  await page.getByLabel(t(lang, "contacts.title_field"), { exact: true }).fill(title);
  await page.getByRole("button", { name: t(lang, "contacts.save"), exact: true }).click();
  await expect(page).toHaveURL(/\/organization\/contacts(\?|$)/);
}

for (const lang of LANGS) {
  test.describe(`activity log (${lang})`, () => {
    test.use({ locale: browserLocale(lang) });

    test("an administrator opens the log, filters it live, follows a line and exports it", async ({ page }) => {
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await retitleGallant(page, lang, `Coordonnatrice ${lang}`);
      await page.goto("/organization/contacts");
      await waitForHydration(page);
      await page.getByRole("link", { name: t(lang, "contacts.log_title"), exact: true }).click();
      await expect(page).toHaveURL(/\/organization\/activity$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t(lang, "contacts.log_title"));
      // 25 lines a page at most.
      await expect(bodyRows(page).first()).toBeVisible();
      const all = Number((await page.locator("#results-count").innerText()).match(/\d+/)![0]);
      await expect(bodyRows(page)).toHaveCount(Math.min(all, 25));
      // Newest first: the edit, by the administrator.
      const first = bodyRows(page).first();
      await expect(first).toContainText("Gallant");
      await expect(first).toContainText(t(lang, "contacts.ev_updated"));
      await expect(first).toContainText("admin@example.org");
      await expect(first).toContainText(`Coordonnatrice ${lang}`);
      await expectNoAxeViolations(page);

      // Live filters, in the URL: a kind of event, then a contact's name.
      await page.getByLabel(t(lang, "contacts.log_kind"), { exact: true }).selectOption("updated");
      await expect(page).toHaveURL(/kind=updated/);
      await page.getByLabel(t(lang, "contacts.log_contact"), { exact: true }).fill("gall");
      await expect(page).toHaveURL(/contact=gall/);
      // Gallant's edits only, this one first (the other language's run made one too).
      await expect(page.locator("#results-count")).toHaveText(/: [12]$/);
      const total = Number((await page.locator("#results-count").innerText()).match(/\d+/)![0]);
      await expect(bodyRows(page)).toHaveCount(total);
      await expect(bodyRows(page).first()).toContainText(`Coordonnatrice ${lang}`);
      for (const row of await bodyRows(page).all()) {
        await expect(row).toContainText("Gallant");
        await expect(row).toContainText(t(lang, "contacts.ev_updated"));
      }

      // The file holds what the filters select, in the interface language.
      const saved = page.waitForEvent("download");
      await page.getByRole("button", { name: t(lang, "contacts.export"), exact: true }).click();
      const download = await saved;
      expect(download.suggestedFilename()).toMatch(
        new RegExp(`^${t(lang, "contacts.log_export_file")}-services-d-emploi-de-la-vallee-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
      );
      const text = await readFile(await download.path(), "utf8");
      expect(text.startsWith("\uFEFF")).toBe(true);
      const lines = text.slice(1).trimEnd().split("\r\n");
      expect(lines).toHaveLength(total + 1);
      expect(lines[0].startsWith(`${t(lang, "contacts.log_col_when")},`)).toBe(true);
      expect(lines[1]).toContain("Gallant");
      expect(lines[1]).toContain(`Coordonnatrice ${lang}`);

      // Each line leads to its contact.
      await bodyRows(page).first().getByRole("link", { name: /Gallant/ }).click();
      await expect(page).toHaveURL(/\/organization\/contacts\/\d+$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t(lang, "contacts.details_title"));
      await page.goBack();
      await expect(page).toHaveURL(/contact=gall/);
      await expect(bodyRows(page)).toHaveCount(total);
    });

    test("a read-only member is refused the log", async ({ page }) => {
      await signIn(page, lang, "viewer@example.org", "demo-viewer-2026");
      const res = await page.goto("/organization/activity");
      expect(res?.status()).toBe(403);
      await expect(page.getByRole("alert")).toBeVisible();
      await page.goto("/organization/contacts");
      await expect(page.getByRole("link", { name: t(lang, "contacts.log_title"), exact: true })).toHaveCount(0);
    });
  });

  test.describe(`activity log without JavaScript (${lang})`, () => {
    test.use({ locale: browserLocale(lang), javaScriptEnabled: false });

    test("the filters are a plain form", async ({ page }) => {
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await page.goto("/organization/activity");
      await page.getByLabel(t(lang, "contacts.log_kind"), { exact: true }).selectOption("signed_in");
      await page.getByRole("button", { name: t(lang, "contacts.log_filter"), exact: true }).click();
      await expect(page).toHaveURL(/kind=signed_in/);
      await expect(bodyRows(page).first()).toContainText(t(lang, "contacts.ev_signed_in"));
      await expect(bodyRows(page).first()).toContainText("admin@example.org");
    });
  });
}
