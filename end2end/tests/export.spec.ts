import { expect, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { LANGS, bodyRows, browserLocale, expectNoAxeViolations, signIn, t, test, waitForHydration } from "./helpers";

/** Clicks « Exporter (CSV) » and reads the file the browser saved: its name and its text. */
async function exportList(page: Page, lang: "fr" | "en") {
  const saved = page.waitForEvent("download");
  await page.getByRole("button", { name: t(lang, "contacts.export"), exact: true }).click();
  const download = await saved;
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, "utf8") };
}

for (const lang of LANGS) {
  test.describe(`export (${lang})`, () => {
    test.use({ locale: browserLocale(lang) });

    test("the filtered list is exported, every page of it, in the interface language", async ({ page }) => {
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);
      // Inactive contacts too: four pages of ten on the screen, one file.
      await page.getByRole("checkbox", { name: t(lang, "contacts.active_only"), exact: true }).uncheck();
      await expect(page).toHaveURL(/active=0/);
      await expect(bodyRows(page)).toHaveCount(10);
      const total = Number((await page.locator("#results-count").innerText()).match(/\d+/)![0]);
      await expectNoAxeViolations(page);
      const file = await exportList(page, lang);
      expect(file.name).toMatch(new RegExp(`^${t(lang, "contacts.export_file")}-services-d-emploi-de-la-vallee-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
      expect(file.text.startsWith("\uFEFF"), "a byte-order mark for Excel").toBe(true);
      const lines = file.text.slice(1).trimEnd().split("\r\n");
      expect(lines[0].startsWith(`${t(lang, "contacts.last_name")},${t(lang, "contacts.first_name")},`)).toBe(true);
      expect(lines).toHaveLength(total + 1);
      expect(lines[1].startsWith("Abel,")).toBe(true);
      expect(lines[1]).toContain(t(lang, "contacts.inactive"));

      // A last-name filter: the file holds what the list shows.
      await page.getByLabel(t(lang, "contacts.last_name"), { exact: true }).fill("Doi");
      await expect(bodyRows(page)).toHaveCount(1);
      const filtered = await exportList(page, lang);
      const rows = filtered.text.slice(1).trimEnd().split("\r\n");
      expect(rows).toHaveLength(2);
      expect(rows[1].startsWith("Doiron,Nadine,")).toBe(true);
      expect(rows[1]).toContain(t(lang, "contacts.export_pending"));
    });
  });

  test.describe(`export without JavaScript (${lang})`, () => {
    test.use({ locale: browserLocale(lang), javaScriptEnabled: false });

    test("the export is a plain form that downloads the file", async ({ page }) => {
      await signIn(page, lang, "viewer@example.org", "demo-viewer-2026");
      await page.goto("/organization/contacts?last_name=doi");
      const file = await exportList(page, lang);
      const rows = file.text.slice(1).trimEnd().split("\r\n");
      expect(rows).toHaveLength(2);
      expect(rows[1].startsWith("Doiron,Nadine,")).toBe(true);
    });
  });
}
