import { expect, type Page } from "@playwright/test";
import { test, LANGS, t, browserLocale, signIn, bodyRows, expectNoAxeViolations, type Lang } from "./helpers";

// Without JavaScript (or before the WebAssembly has arrived), every change is a plain HTML form:
// it posts to its server function, which answers with the next page; a confirmation is a page
// of its own, with OK and Annuler. Runs after invitations.spec.ts and list-actions.spec.ts
// (files run in name order), on people of its own: Zwicker's invitation was sent again there.

function field(page: Page, lang: Lang, key: string) {
  return page.getByLabel(new RegExp(`^${t(lang, key)}\\b`));
}

async function openDetails(page: Page, last: string, name: string) {
  await page.goto(`/organization/contacts?last_name=${encodeURIComponent(last)}&active=0`);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(field(page, "fr", "contacts.last_name").or(field(page, "en", "contacts.last_name"))).toHaveValue(last);
}

function status(page: Page, text: string) {
  return page.getByRole("status").filter({ hasText: text });
}

for (const lang of LANGS) {
  test.describe(`plain forms, without JavaScript (${lang})`, () => {
    test.use({ locale: browserLocale(lang), javaScriptEnabled: false });

    test("a contact is added: its errors come back on the form, as typed, then it is saved", async ({ page }) => {
      const person = lang === "fr" ? { last: "Poirier", first: "Nathalie" } : { last: "Young", first: "Kevin" };
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await page.getByRole("button", { name: t(lang, "contacts.add_title"), exact: true }).click();
      await field(page, lang, "contacts.last_name").fill(person.last);
      await field(page, lang, "contacts.first_name").fill(person.first);
      await field(page, lang, "contacts.email").fill("not-an-address");
      await field(page, lang, "contacts.office_location").selectOption({ label: "Kentville" });
      await field(page, lang, "contacts.fte").fill(lang === "fr" ? "0,5" : "0.5");
      // Save is there to press while nothing has loaded.
      const save = page.getByRole("button", { name: t(lang, "contacts.save") });
      await expect(save).toBeEnabled();
      await save.click();

      const summary = page.getByRole("alert").or(page.locator("#error-summary-title").locator(".."));
      await expect(page.getByText(t(lang, "contacts.error_summary"))).toBeVisible();
      await expect(summary.first()).toContainText(t(lang, "common.err_email"));
      await expect(field(page, lang, "contacts.email")).toHaveValue("not-an-address");
      await expect(field(page, lang, "contacts.last_name")).toHaveValue(person.last);
      await expect(field(page, lang, "contacts.office_location")).toHaveValue("KENTVILLE");
      await expect(field(page, lang, "contacts.email")).toHaveAttribute("aria-invalid", "true");
      await page.screenshot({ path: `screenshots/no-script-errors-${lang}.png`, fullPage: true });

      await field(page, lang, "contacts.email").fill(`${person.last.toLowerCase()}@example.org`);
      await field(page, lang, "contacts.position_type").selectOption({ label: t(lang, "contacts.pos_COUNSELLOR") });
      await page.getByRole("button", { name: t(lang, "contacts.save") }).click();
      const name = `${person.last}, ${person.first}`;
      await expect(page).toHaveURL(/\/organization\/contacts$/);
      await expect(status(page, t(lang, "contacts.saved", { name }))).toBeVisible();
      await page.goto(`/organization/contacts?last_name=${person.last}`);
      await expect(bodyRows(page)).toHaveCount(1);
      await expect(bodyRows(page).first()).toContainText(name);
    });

    test("deactivating asks on a page of its own; Annuler goes back to the form as it was", async ({ page }) => {
      const person = lang === "fr" ? { last: "Ouellette", name: "Ouellette, Denis" } : { last: "Comeau", name: "Comeau, Roger" };
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await openDetails(page, person.last, person.name);
      const active = page.getByRole("checkbox", { name: t(lang, "contacts.active"), exact: true });
      await active.uncheck();
      await page.getByRole("button", { name: t(lang, "contacts.save") }).click();

      const dialog = page.getByRole("dialog", { name: t(lang, "contacts.confirm_title") });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText(t(lang, "contacts.confirm_deactivate", { name: person.name }));
      await expect(dialog).toContainText(t(lang, "contacts.confirm_continue"));
      await page.screenshot({ path: `screenshots/no-script-confirm-${lang}.png`, fullPage: true });
      await dialog.getByRole("button", { name: t(lang, "common.cancel") }).click();
      await expect(active).not.toBeChecked();
      await expect(page.getByRole("dialog")).toHaveCount(0);

      await page.getByRole("button", { name: t(lang, "contacts.save") }).click();
      await dialog.getByRole("button", { name: t(lang, "common.ok") }).click();
      await expect(status(page, t(lang, "contacts.saved", { name: person.name }))).toBeVisible();
      await page.goto(`/organization/contacts?last_name=${person.last}`);
      await expect(bodyRows(page)).toHaveCount(0);
    });

    test("an invitation is sent again or retracted, and access removed, after a confirmation page", async ({ page }) => {
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      if (lang === "fr") {
        await openDetails(page, "Zwicker", "Zwicker, Paul");
        await page.getByRole("button", { name: t(lang, "invitations.resend") }).click();
        const dialog = page.getByRole("dialog", { name: t(lang, "contacts.confirm_title") });
        const sentence = t(lang, "invitations.confirm_resend", { name: "Paul Zwicker", date: "@" });
        await expect(dialog).toContainText(sentence.split("@")[0]);
        await dialog.getByRole("button", { name: t(lang, "common.ok") }).click();
        await expect(status(page, t(lang, "invitations.resent", { name: "Zwicker, Paul" }))).toBeVisible();

        // Pierre Boudreau administers a module this administrator does not: refused, and why.
        await page.goto("/organization/contacts?last_name=Boudreau");
        await bodyRows(page).first().getByRole("button", { name: t(lang, "contacts.remove_access_action") }).click();
        const refusal = page.getByRole("dialog", { name: t(lang, "contacts.confirm_title") });
        await expect(refusal).toContainText(t(lang, "contacts.confirm_remove_access", { name: "Boudreau, Pierre" }));
        await refusal.getByRole("button", { name: t(lang, "common.ok") }).click();
        await expect(page).toHaveURL(/last_name=Boudreau/);
        await expect(
          page.getByText(t(lang, "contacts.err_administers_other_module", { module: "Gestion de l'apprenant" })),
        ).toBeVisible();
        await expect(bodyRows(page).first()).toContainText(t(lang, "contacts.access"));
        await expect(bodyRows(page).first().getByRole("button", { name: t(lang, "contacts.remove_access_action") })).toHaveCount(1);

        await page.goto("/organization/contacts?last_name=Muise");
        await bodyRows(page).first().getByRole("button", { name: t(lang, "contacts.remove_access_action") }).click();
        const removal = page.getByRole("dialog", { name: t(lang, "contacts.confirm_title") });
        await expect(removal).toContainText(t(lang, "contacts.confirm_remove_access", { name: "Muise, André" }));
        await removal.getByRole("button", { name: t(lang, "common.ok") }).click();
        await expect(page).toHaveURL(/last_name=Muise/);
        await expect(status(page, t(lang, "contacts.access_removed_done", { name: "Muise, André" }))).toBeVisible();
        await expect(bodyRows(page).first().getByRole("button", { name: t(lang, "contacts.remove_access_action") })).toHaveCount(0);
      } else {
        await page.goto("/organization/contacts?last_name=Zwicker");
        await bodyRows(page).first().getByRole("button", { name: t(lang, "contacts.retract_action") }).click();
        const dialog = page.getByRole("dialog", { name: t(lang, "contacts.confirm_title") });
        await expect(dialog).toContainText(t(lang, "contacts.confirm_retract", { name: "Zwicker, Paul" }));
        await dialog.getByRole("button", { name: t(lang, "common.ok") }).click();
        await expect(page).toHaveURL(/last_name=Zwicker/);
        await expect(status(page, t(lang, "contacts.retracted_done", { name: "Zwicker, Paul" }))).toBeVisible();
        await expect(bodyRows(page).first().getByRole("button", { name: t(lang, "contacts.retract_action") })).toHaveCount(0);

        // Annuler removes nothing.
        await page.goto("/organization/contacts?last_name=LeBlanc");
        await bodyRows(page).first().getByRole("button", { name: t(lang, "contacts.remove_access_action") }).click();
        await page.getByRole("dialog").getByRole("button", { name: t(lang, "common.cancel") }).click();
        await expect(page).toHaveURL(/last_name=LeBlanc/);
        await expect(bodyRows(page).first().getByRole("button", { name: t(lang, "contacts.remove_access_action") })).toHaveCount(1);
      }
    });
  });

  test.describe(`invitations as plain forms, without JavaScript (${lang})`, () => {
    test.use({ locale: browserLocale(lang), javaScriptEnabled: false });
    const profile = lang === "fr" ? "Utilisateur EFO" : "OFA User";

    test("an invitation is sent after its confirmation page; a missing profile comes back on the form", async ({ page }) => {
      const invitee = lang === "fr" ? { last: "Bourque", first: "Alain" } : { last: "Hébert", first: "Rémi" };
      const message = lang === "fr" ? "Bienvenue dans l'équipe." : "Welcome aboard.";
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await page.goto(`/organization/contacts?last_name=${encodeURIComponent(invitee.last)}`);
      await bodyRows(page).first().getByRole("link", { name: t(lang, "contacts.invite_action") }).click();
      const messageField = page.getByLabel(t(lang, "invitations.message"));
      await messageField.fill(message);
      const send = page.getByRole("button", { name: t(lang, "invitations.send") });
      await expect(send).toBeEnabled();
      await send.click();
      await expect(page.getByText(t(lang, "invitations.err_no_profile")).first()).toBeVisible();
      await expect(messageField).toHaveValue(message);

      await page.getByRole("checkbox", { name: profile, exact: true }).check();
      await send.click();
      const dialog = page.getByRole("dialog", { name: t(lang, "contacts.confirm_title") });
      const sentence = t(lang, "invitations.confirm_send", { name: `${invitee.first} ${invitee.last}`, date: "@" });
      await expect(dialog).toContainText(sentence.split("@")[0]);
      await dialog.getByRole("button", { name: t(lang, "common.ok") }).click();
      const name = `${invitee.last}, ${invitee.first}`;
      await expect(status(page, t(lang, "invitations.sent", { name }))).toBeVisible();
      await expect(bodyRows(page).first().getByRole("button", { name: t(lang, "contacts.retract_action") })).toHaveCount(1);
      // The email says what was typed.
      await page.goto("/dev/mailbox");
      await expect(page.getByText(message).first()).toBeVisible();
    });

    test("a contact is added with access after its confirmation page", async ({ page }) => {
      const person = lang === "fr" ? { last: "Thibault", first: "Anne" } : { last: "Yorke", first: "Laura" };
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await page.getByRole("button", { name: t(lang, "contacts.add_with_access_title"), exact: true }).click();
      await field(page, lang, "contacts.last_name").fill(person.last);
      await field(page, lang, "contacts.first_name").fill(person.first);
      await field(page, lang, "contacts.email").fill(`${person.last.toLowerCase()}@example.org`);
      await field(page, lang, "contacts.office_location").selectOption({ label: "Kentville" });
      await field(page, lang, "contacts.fte").fill("1");
      await field(page, lang, "contacts.position_type").selectOption({ label: t(lang, "contacts.pos_COUNSELLOR") });
      await page.getByRole("checkbox", { name: profile, exact: true }).check();
      await page.getByRole("button", { name: t(lang, "contacts.save") }).click();
      const dialog = page.getByRole("dialog", { name: t(lang, "contacts.confirm_title") });
      const sentence = t(lang, "invitations.confirm_send", { name: `${person.first} ${person.last}`, date: "@" });
      await expect(dialog).toContainText(sentence.split("@")[0]);
      await page.screenshot({ path: `screenshots/no-script-with-access-${lang}.png`, fullPage: true });
      await dialog.getByRole("button", { name: t(lang, "common.ok") }).click();
      const name = `${person.last}, ${person.first}`;
      await expect(status(page, t(lang, "invitations.sent", { name }))).toBeVisible();
      await page.goto(`/organization/contacts?last_name=${person.last}`);
      await expect(bodyRows(page).first().getByRole("button", { name: t(lang, "contacts.retract_action") })).toHaveCount(1);
    });
  });

  test.describe(`confirmation page (${lang})`, () => {
    test.use({ locale: browserLocale(lang) });

    test("is accessible once the page is interactive too", async ({ page }) => {
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await page.goto("/organization/contacts?last_name=LeBlanc");
      const href = await bodyRows(page).first().getByRole("link").first().getAttribute("href");
      const id = href!.split("?")[0].split("/").pop();
      await page.goto(`/organization/contacts/${id}/confirm/remove-access?back=%2Forganization%2Fcontacts%3Flast_name%3DLeBlanc`);
      await expect(page.getByRole("dialog", { name: t(lang, "contacts.confirm_title") })).toBeVisible();
      await expectNoAxeViolations(page);
      // Annuler, hydrated or not, goes back to the list it came from.
      await page.getByRole("button", { name: t(lang, "common.cancel") }).click();
      await expect(page).toHaveURL(/\/organization\/contacts\?last_name=LeBlanc$/);
    });
  });
}
