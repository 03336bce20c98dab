import { expect, type Page } from "@playwright/test";
import { test, LANGS, t, browserLocale, signIn, bodyRows, expectNoAxeViolations, waitForHydration, type Lang } from "./helpers";

// Runs after contacts.spec.ts (files run in name order): the list's counts are checked there
// on the untouched demo world, and each language here works on a person of its own.

async function searchByLastName(page: Page, lang: Lang, name: string) {
  await page.getByLabel(t(lang, "contacts.last_name"), { exact: true }).fill(name);
  await expect(page).toHaveURL(new RegExp(`last_name=${name}`));
}

for (const lang of LANGS) {
  test.describe(`contact details (${lang})`, () => {
    test.use({ locale: browserLocale(lang) });
    const last = lang === "fr" ? "Thibodeau" : "Wentzell";
    const first = lang === "fr" ? "Anne" : "Mark";
    const email = `${last.toLowerCase()}@example.org`;
    const name = `${last}, ${first}`;

    test("an administrator adds, edits and deactivates a contact", async ({ page }) => {
      const consoleErrors: string[] = [];
      page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);

      // « Ajouter une personne-ressource » under the list.
      await page.getByRole("button", { name: t(lang, "contacts.add_title"), exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: t(lang, "contacts.add_title") })).toBeVisible();
      await waitForHydration(page);
      await expectNoAxeViolations(page);
      // Dates are written as the reader of the page writes them, which the hint says: today
      // is the start date.
      const startDate = page.getByLabel(new RegExp(`^${t(lang, "contacts.start_date")}\\b`));
      await expect(startDate).toHaveValue(lang === "fr" ? /^\d{2}-\d{2}-\d{4}$/ : /^\d{4}-\d{2}-\d{2}$/);
      await expect(startDate).toHaveAccessibleDescription(t(lang, "contacts.date_hint"));

      // Saving the empty form: the summary lists each problem and takes the focus.
      const save = page.getByRole("button", { name: t(lang, "contacts.save") });
      await save.click();
      const summary = page.locator(".error-summary");
      await expect(summary.getByRole("heading", { name: t(lang, "contacts.error_summary") })).toBeVisible();
      await expect(summary).toBeFocused();
      const required = (field: string) => t(lang, "common.err_required", { field: t(lang, field) });
      await expect(summary.getByRole("link", { name: required("contacts.last_name"), exact: true })).toBeVisible();
      await expect(summary.getByRole("link", { name: required("contacts.office_location"), exact: true })).toBeVisible();
      const lastName = page.getByLabel(new RegExp(`^${t(lang, "contacts.last_name")}\\b`));
      await expect(lastName).toHaveAttribute("aria-invalid", "true");
      await page.screenshot({ path: `screenshots/add-errors-${lang}.png`, fullPage: true });
      await expectNoAxeViolations(page);

      // A bad email is caught as soon as the field is left.
      const emailField = page.getByLabel(new RegExp(`^${t(lang, "contacts.email")}\\b`));
      await emailField.fill("not-an-email");
      await emailField.blur();
      await expect(page.locator("#email-error")).toContainText(t(lang, "common.err_email"));

      await lastName.fill(last);
      await page.getByLabel(new RegExp(`^${t(lang, "contacts.first_name")}\\b`)).fill(first);
      await emailField.fill(email);
      await page.getByLabel(new RegExp(`^${t(lang, "contacts.office_location")}\\b`)).selectOption({ label: "Kentville" });
      await page.getByLabel(new RegExp(`^${t(lang, "contacts.fte")}\\b`)).fill(lang === "fr" ? "0,5" : "0.5");
      await page
        .getByLabel(new RegExp(`^${t(lang, "contacts.position_type")}\\b`))
        .selectOption({ label: t(lang, "contacts.pos_COUNSELLOR") });
      await save.click();

      // Back on the list, which says so: active, no access, profiles « Aucun ».
      await expect(page).toHaveURL(/\/organization\/contacts$/);
      await expect(page.getByRole("status").filter({ hasText: t(lang, "contacts.saved", { name }) })).toBeVisible();
      await waitForHydration(page);
      await searchByLastName(page, lang, last);
      const rows = bodyRows(page);
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(name);
      await expect(rows.first()).toContainText(t(lang, "contacts.active"));
      await expect(rows.first()).toContainText(t(lang, "contacts.no_access"));
      await expect(rows.first()).toContainText(t(lang, "contacts.none"));

      // The name opens the details; Save returns to the list with its filters.
      await page.getByRole("link", { name }).click();
      await expect(page.getByRole("heading", { level: 1, name: t(lang, "contacts.details_title") })).toBeVisible();
      await waitForHydration(page);
      // The FTE is written with the language's decimal mark, as its hint promises.
      const fte = page.getByLabel(new RegExp(`^${t(lang, "contacts.fte")}\\b`));
      await expect(fte).toHaveValue(lang === "fr" ? "0,5" : "0.5");
      await page.getByLabel(new RegExp(`^${t(lang, "contacts.title_field")}\\b`)).fill("Coordonnatrice régionale");
      await fte.fill(lang === "fr" ? "0,75" : "0.75");
      await page.getByLabel(new RegExp(`^${t(lang, "contacts.end_date")}\\b`)).fill(lang === "fr" ? "31-12-2027" : "2027-12-31");
      await save.click();
      await expect(page).toHaveURL(new RegExp(`/organization/contacts\\?last_name=${last}$`));
      await expect(rows.first()).toContainText("Coordonnatrice régionale");

      // Deactivating asks first; Annuler changes nothing.
      await page.getByRole("link", { name }).click();
      await waitForHydration(page);
      const active = page.getByRole("checkbox", { name: t(lang, "contacts.active"), exact: true });
      await active.uncheck();
      await save.click();
      const dialog = page.getByRole("dialog", { name: t(lang, "contacts.confirm_title") });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText(t(lang, "contacts.confirm_deactivate", { name }));
      await expect(dialog).toContainText(t(lang, "contacts.confirm_continue"));
      await page.screenshot({ path: `screenshots/deactivate-dialog-${lang}.png` });
      await expectNoAxeViolations(page);
      await dialog.getByRole("button", { name: t(lang, "common.cancel") }).click();
      await expect(dialog).toBeHidden();
      await expect(save).toBeFocused();
      await expect(page.getByRole("heading", { level: 1, name: t(lang, "contacts.details_title") })).toBeVisible();

      // Esc is Annuler too; then OK saves.
      await save.click();
      await expect(dialog).toBeVisible();
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      await save.click();
      await dialog.getByRole("button", { name: t(lang, "common.ok") }).click();
      await expect(page).toHaveURL(new RegExp(`/organization/contacts\\?last_name=${last}$`));
      await expect(page.getByRole("status").filter({ hasText: t(lang, "contacts.results", { count: 0 }) })).toBeVisible();

      // Listed as inactive once « Actifs uniquement » is unchecked.
      await page.getByRole("checkbox", { name: t(lang, "contacts.active_only"), exact: true }).uncheck();
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(t(lang, "contacts.inactive"));

      // The history tells what happened, newest first.
      await page.getByRole("link", { name }).click();
      const history = page.getByRole("region", { name: t(lang, "contacts.history_title") });
      const entries = history.locator("ol.timeline > li");
      await expect(entries).toHaveCount(3);
      await expect(entries.nth(0)).toContainText(t(lang, "contacts.ev_deactivated"));
      await expect(entries.nth(1)).toContainText(t(lang, "contacts.ev_updated"));
      await expect(entries.nth(2)).toContainText(t(lang, "contacts.ev_created"));
      await expect(entries.nth(0)).toContainText(t(lang, "contacts.history_by", { who: "admin@example.org" }));
      // Numbers and dates in the history read as the language writes them.
      const changed = (field: string, from: string, to: string) =>
        t(lang, "contacts.change_from_to", { field: t(lang, field), from, to });
      await expect(entries.nth(1)).toContainText(changed("contacts.fte", lang === "fr" ? "0,5" : "0.5", lang === "fr" ? "0,75" : "0.75"));
      await expect(entries.nth(1)).toContainText(
        changed("contacts.end_date", t(lang, "contacts.empty_value"), lang === "fr" ? "31 déc. 2027" : "Dec 31, 2027"),
      );
      await page.screenshot({ path: `screenshots/details-${lang}.png`, fullPage: true });
      expect(consoleErrors).toEqual([]);

      // Switching language rewrites the FTE and the dates in the form.
      await waitForHydration(page);
      const other: Lang = lang === "fr" ? "en" : "fr";
      await page.getByRole("button", { name: t(lang, "common.switch_language") }).click();
      await expect(page.getByLabel(new RegExp(`^${t(other, "contacts.fte")}\\b`))).toHaveValue(other === "fr" ? "0,75" : "0.75");
      await expect(page.getByLabel(new RegExp(`^${t(other, "contacts.end_date")}\\b`))).toHaveValue(other === "fr" ? "31-12-2027" : "2027-12-31");
    });

    test("the history shows the demo world's invitation as its own kind of line", async ({ page }) => {
      const invited =
        lang === "fr"
          ? { name: "Doiron, Nadine", email: "nadine.doiron@vallee.example.org", expired: false }
          : { name: "Zwicker, Paul", email: "paul.zwicker@vallee.example.org", expired: true };
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);
      await page.getByLabel(t(lang, "contacts.email"), { exact: true }).fill(invited.email);
      await expect(bodyRows(page)).toHaveCount(1);
      await page.getByRole("link", { name: invited.name }).click();
      const history = page.getByRole("region", { name: t(lang, "contacts.history_title") });
      const entries = history.locator("ol.timeline > li");
      await expect(entries).toHaveCount(invited.expired ? 2 : 1);
      const sent = entries.last();
      await expect(sent).toContainText(t(lang, "contacts.ev_invitation_sent"));
      await expect(sent).toContainText(t(lang, "contacts.history_by", { who: "admin@example.org" }));
      // Who it went to and with which profiles, not an email changed from nothing.
      const set = (field: string, value: string) => t(lang, "contacts.change_set", { field, value });
      const quoted = (text: string) => (lang === "fr" ? `« ${text} »` : `“${text}”`);
      await expect(sent).toContainText(set(t(lang, "contacts.history_recipient"), quoted(invited.email)));
      const profile = quoted(lang === "fr" ? "Utilisateur EFO" : "OFA User");
      await expect(sent).toContainText(set(t(lang, "invitations.profiles"), profile));
      await expect(sent).not.toContainText(t(lang, "contacts.empty_value"));
      if (invited.expired) {
        await expect(entries.first()).toContainText(t(lang, "contacts.ev_invitation_expired"));
        await expect(entries.first()).toContainText(t(lang, "contacts.history_system"));
      }
      await history.screenshot({ path: `screenshots/history-invitation-${lang}.png` });
    });

    test("a save based on old values is refused and shows the current ones", async ({ browser }) => {
      const other = lang === "fr" ? "Richard" : "Saulnier";
      const context = await browser.newContext({ locale: browserLocale(lang) });
      const [first, second] = [await context.newPage(), await context.newPage()];
      await signIn(first, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(first);
      await searchByLastName(first, lang, other);
      await first.getByRole("link", { name: new RegExp(`^${other},`) }).click();
      // The details page's code loads before the router moves to its address.
      await expect(first).toHaveURL(/\/organization\/contacts\/\d+/);
      await waitForHydration(first);
      await second.goto(first.url());
      await waitForHydration(second);

      const title = (page: Page) => page.getByLabel(new RegExp(`^${t(lang, "contacts.title_field")}\\b`));
      await title(first).fill("Saved first");
      await first.getByRole("button", { name: t(lang, "contacts.save") }).click();
      await expect(first).toHaveURL(/\/organization\/contacts\?/);

      await title(second).fill("Saved second");
      await second.getByRole("button", { name: t(lang, "contacts.save") }).click();
      const [before] = t(lang, "contacts.stale", { by: "admin@example.org", at: "§" }).split("§");
      await expect(second.getByRole("alert")).toContainText(before);
      await expect(title(second)).toHaveValue("Saved first");
      await second.screenshot({ path: `screenshots/conflict-${lang}.png` });
      await context.close();
    });

    test("the primary contact cannot be deactivated", async ({ page }) => {
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);
      await page.getByRole("link", { name: "Arsenault, Marie" }).click();
      await waitForHydration(page);
      await expect(page.getByRole("checkbox", { name: t(lang, "contacts.active"), exact: true })).toBeDisabled();
      await expect(page.getByText(t(lang, "contacts.primary_cannot_deactivate"))).toBeVisible();
      await expect(page.getByRole("checkbox", { name: t(lang, "contacts.primary"), exact: true })).toBeDisabled();
    });

    test("a viewer reads the details without changing them", async ({ page }) => {
      await signIn(page, lang, "viewer@example.org", "demo-viewer-2026");
      await waitForHydration(page);
      await expect(page.getByRole("button", { name: t(lang, "contacts.add_title"), exact: true })).toHaveCount(0);
      await expect(page.getByRole("button", { name: t(lang, "contacts.add_with_access_title") })).toHaveCount(0);
      await searchByLastName(page, lang, "Fraser");
      await page.getByRole("link", { name: "Fraser, Ian" }).click();
      await expect(page.getByText(t(lang, "contacts.read_only"))).toBeVisible();
      await expect(page.getByRole("button", { name: t(lang, "contacts.save") })).toHaveCount(0);
      await expect(page.getByLabel(new RegExp(`^${t(lang, "contacts.last_name")}\\b`))).toBeDisabled();
    });
  });
}
