import { test, expect } from "@playwright/test";
import { LANGS, t, browserLocale, signIn, bodyRows, expectNoAxeViolations, waitForHydration } from "./helpers";

// Runs after contacts.spec.ts and edit.spec.ts (files run in name order); each language
// works on people of its own.

for (const lang of LANGS) {
  test.describe(`list actions (${lang})`, () => {
    test.use({ locale: browserLocale(lang) });
    const invited = lang === "fr" ? { last: "Doiron", name: "Doiron, Nadine" } : { last: "White", name: "White, Emily" };
    const linked = lang === "fr" ? { last: "Thériault" } : { last: "MacDonald" };

    test("an administrator retracts an invitation and removes access", async ({ page }) => {
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);
      const lastName = page.getByLabel(t(lang, "contacts.last_name"), { exact: true });
      const rows = bodyRows(page);

      // Retract: Annuler first, then OK; the row changes without a reload.
      await lastName.fill(invited.last);
      await expect(rows).toHaveCount(1);
      const row = rows.first();
      await expect(row).toContainText(t(lang, "contacts.invitation_expires", { date: "" }).trim());
      await page.evaluate(() => ((window as any).__marker = "still here"));
      const retract = row.getByRole("button", { name: t(lang, "contacts.retract_action") });
      await retract.click();
      const dialog = page.getByRole("dialog", { name: t(lang, "contacts.confirm_title") });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText(t(lang, "contacts.confirm_retract", { name: invited.name }));
      await expect(dialog).toContainText(t(lang, "contacts.confirm_continue"));
      await expectNoAxeViolations(page);
      await dialog.getByRole("button", { name: t(lang, "common.cancel") }).click();
      await expect(dialog).toBeHidden();
      await expect(retract).toBeFocused();
      await expect(row).toContainText(t(lang, "contacts.invitation_expires", { date: "" }).trim());

      await retract.click();
      await dialog.getByRole("button", { name: t(lang, "common.ok") }).click();
      await expect(page.getByText(t(lang, "contacts.retracted_done", { name: invited.name }))).toBeVisible();
      // The focus is on what came of it, not lost with the row's button.
      await expect(page.locator(".action-outcome")).toBeFocused();
      await expect(rows.first()).not.toContainText(t(lang, "contacts.invitation_expires", { date: "" }).trim());
      await expect(rows.first().getByRole("button", { name: t(lang, "contacts.retract_action") })).toHaveCount(0);
      expect(await page.evaluate(() => (window as any).__marker)).toBe("still here");

      // Nobody is offered to remove their own access.
      await lastName.fill("Arsenault");
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(t(lang, "contacts.access"));
      await expect(rows.first().getByRole("button", { name: t(lang, "contacts.remove_access_action") })).toHaveCount(0);

      // Remove access.
      await lastName.fill(linked.last);
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(t(lang, "contacts.access"));
      await rows.first().getByRole("button", { name: t(lang, "contacts.remove_access_action") }).click();
      await expect(dialog).toContainText(t(lang, "contacts.confirm_continue"));
      await page.screenshot({ path: `screenshots/remove-access-dialog-${lang}.png` });
      await dialog.getByRole("button", { name: t(lang, "common.ok") }).click();
      await expect(rows.first()).toContainText(t(lang, "contacts.no_access"));
      await expect(rows.first()).toContainText(t(lang, "contacts.none"));
      await expect(rows.first().getByRole("button", { name: t(lang, "contacts.remove_access_action") })).toHaveCount(0);
    });
  });
}
