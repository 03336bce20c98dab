import { expect } from "@playwright/test";
import { test, LANGS, t, browserLocale, signIn, bodyRows, expectNoAxeViolations, waitForHydration } from "./helpers";

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
      // The guide's words name the action; what it does, to whom, is its description, and it
      // looks like the button it is, not like the invitation's state above it.
      const retract = row.getByRole("button", { name: t(lang, "contacts.retract_action") });
      await expect(retract).toHaveAccessibleDescription(t(lang, "contacts.retract_action_desc", { name: invited.name }));
      await expect(row.getByText(t(lang, "contacts.retract_action_desc", { name: invited.name }))).toBeHidden();
      expect(await retract.evaluate((b) => getComputedStyle(b).borderTopStyle)).toBe("solid");
      await row.screenshot({ path: `screenshots/row-actions-${lang}.png` });
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

    test("a person whose access is removed is told so, not that the session ended", async ({ page, browser }) => {
      // The demo accounts no other test signs in as after this file.
      const person =
        lang === "fr"
          ? { email: "efo.admin@example.org", password: "demo-efo-2026" }
          : { email: "viewer@example.org", password: "demo-viewer-2026" };
      const other = await browser.newContext({ locale: browserLocale(lang) });
      const theirs = await other.newPage();
      await signIn(theirs, lang, person.email, person.password);
      await expect(bodyRows(theirs).first()).toBeVisible();

      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);
      await page.getByLabel(t(lang, "contacts.email"), { exact: true }).fill(person.email);
      const rows = bodyRows(page);
      await expect(rows).toHaveCount(1);
      await rows.first().getByRole("button", { name: t(lang, "contacts.remove_access_action") }).click();
      await page.getByRole("dialog").getByRole("button", { name: t(lang, "common.ok") }).click();
      await expect(rows.first()).toContainText(t(lang, "contacts.no_access"));

      const told = t(lang, "common.error_access_removed", { org: "Services d'emploi de la Vallée" });
      await theirs.reload();
      await expect(theirs.getByRole("alert").first()).toContainText(told);
      await expect(theirs.getByText(t(lang, "common.error_unauthorized"))).toHaveCount(0);
      await theirs.screenshot({ path: `screenshots/access-removed-${lang}.png` });
      // Signing in again is offered.
      await theirs.getByRole("link", { name: t(lang, "common.sign_in_again") }).first().click();
      await expect(theirs).toHaveURL(/\/login/);
      await expect(theirs.getByRole("status").filter({ hasText: told })).toBeVisible();
      // Any page of the organisation leads there, saying the same.
      await theirs.goto("/organization/contacts");
      await expect(theirs).toHaveURL(/\/login\?next=/);
      await expect(theirs.getByRole("status").filter({ hasText: told })).toBeVisible();
      await other.close();
    });
  });
}
