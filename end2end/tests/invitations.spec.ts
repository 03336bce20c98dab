import { expect, type Page } from "@playwright/test";
import { test, LANGS, t, browserLocale, signIn, bodyRows, expectNoAxeViolations, waitForHydration, type Lang } from "./helpers";

// Each language invites people of its own (files run in name order; the list's counts are
// checked on the untouched demo world in contacts.spec.ts).

async function searchByLastName(page: Page, lang: Lang, name: string) {
  await page.getByLabel(t(lang, "contacts.last_name"), { exact: true }).fill(name);
  await expect(page).toHaveURL(new RegExp(`last_name=${name}`));
}

/** The invitation link of the latest email to `to`, read on the development mailbox. */
async function linkSentTo(page: Page, lang: Lang, to: string): Promise<string> {
  await page.goto("/dev/mailbox");
  await expect(page.getByRole("heading", { level: 1, name: t(lang, "invitations.mailbox_title") })).toBeVisible();
  const mail = page.getByRole("article").filter({ hasText: t(lang, "invitations.mail_to", { to }) }).first();
  await expect(mail).toContainText(lang === "fr" ? "Invitation au LaMPSS" : "Invitation to LaMPSS");
  const href = await mail.getByRole("link", { name: t(lang, "invitations.mail_open_link") }).getAttribute("href");
  expect(href).toMatch(/\/invitation\/[A-Za-z0-9_-]{43}$/);
  return href!;
}

for (const lang of LANGS) {
  test.describe(`invitations (${lang})`, () => {
    test.use({ locale: browserLocale(lang) });
    // The contact's language decides the email's; these two read the page's language.
    const invitee =
      lang === "fr"
        ? { last: "Gallant", first: "Denise", email: "denise.gallant@vallee.example.org", profile: "Utilisateur EFO" }
        : { last: "MacLeod", first: "Heather", email: "heather.macleod@vallee.example.org", profile: "OFA User" };
    const name = `${invitee.last}, ${invitee.first}`;

    test("an administrator invites a contact who accepts by the emailed link", async ({ page, browser }) => {
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);
      await searchByLastName(page, lang, invitee.last);
      const rows = bodyRows(page);
      await expect(rows).toHaveCount(1);
      await rows.first().getByRole("link", { name: t(lang, "contacts.invite_action") }).click();
      await expect(page.getByRole("heading", { level: 1, name: t(lang, "invitations.invite_title") })).toBeVisible();
      await waitForHydration(page);
      await expect(page.getByText(invitee.email)).toBeVisible();

      // Only the profiles of the modules this admin administers (GEC, EFO) can be chosen; the
      // profiles are grouped by module, named in full, those two first, and a module's group
      // says once why its profiles cannot be chosen.
      const groups = page.locator("fieldset.module-group > legend");
      const moduleNames =
        lang === "fr"
          ? ["Outil de gestion de cas (GEC)", "Ententes de financement d'organisme (EFO)", "Gestion de l'apprenant", "CPEP", "Inscription à un service"]
          : ["Case Management Tool (CMT)", "Organization Funding Agreements (OFA)", "Learner Management", "CPEP", "Service Registration"];
      await expect(groups).toHaveText(moduleNames);
      const cpepGroup = page.getByRole("group", { name: "CPEP", exact: true });
      const reason = t(lang, "invitations.not_your_module", { module: "CPEP" });
      await expect(cpepGroup.getByText(reason)).toHaveCount(1);
      const cpep = cpepGroup.getByRole("checkbox", { name: lang === "fr" ? "Admin CPEP" : "CPEP Admin." });
      await expect(cpep).toBeDisabled();
      await expect(cpep).toHaveAccessibleDescription(reason);
      const gecGroup = page.getByRole("group", { name: moduleNames[0] });
      const gecView = gecGroup.getByRole("checkbox", { name: lang === "fr" ? "Affichage GEC uniquement" : "CMT View Only" });
      await expect(gecView).toBeEnabled();
      await expect(gecGroup.getByText(t(lang, "invitations.not_your_module", { module: moduleNames[0] }))).toHaveCount(0);
      // Each checkbox sits on the first line of its label.
      for (const box of await page.locator(".profile-choices .check").all()) {
        const [input, label] = [await box.locator("input").boundingBox(), await box.locator("label").boundingBox()];
        expect(Math.abs(input!.y - label!.y)).toBeLessThan(8);
      }
      await page.locator("#profiles").screenshot({ path: `screenshots/profile-groups-${lang}.png` });

      // No profile: the summary says so.
      const save = page.getByRole("button", { name: t(lang, "invitations.send") });
      await save.click();
      const summary = page.locator(".error-summary");
      await expect(summary).toBeFocused();
      await expect(summary.getByRole("link", { name: t(lang, "invitations.err_no_profile") })).toBeVisible();

      await page.getByRole("checkbox", { name: invitee.profile, exact: true }).check();
      await page.getByLabel(t(lang, "invitations.message")).fill(lang === "fr" ? "Bienvenue dans l'équipe !" : "Welcome aboard!");
      await save.click();
      const dialog = page.getByRole("dialog", { name: t(lang, "contacts.confirm_title") });
      await expect(dialog).toBeVisible();
      // It opens on Annuler: Enter does not send at once.
      await expect(dialog.getByRole("button", { name: t(lang, "common.cancel") })).toBeFocused();
      const sentence = t(lang, "invitations.confirm_send", { name: `${invitee.first} ${invitee.last}`, date: "@" });
      await expect(dialog).toContainText(sentence.split("@")[0]);
      // One text, as the guide's pop-up reads: « … jusqu'au <date>. Cliquez sur OK … ».
      await expect(dialog).toContainText(`. ${t(lang, "contacts.confirm_continue")}`);
      await page.screenshot({ path: `screenshots/invite-dialog-${lang}.png` });
      await expectNoAxeViolations(page);
      // Annuler keeps the form as it was.
      await dialog.getByRole("button", { name: t(lang, "common.cancel") }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole("checkbox", { name: invitee.profile, exact: true })).toBeChecked();
      await save.click();
      await dialog.getByRole("button", { name: t(lang, "common.ok") }).click();

      await expect(page).toHaveURL(new RegExp(`/organization/contacts\\?last_name=${invitee.last}$`));
      await expect(page.getByRole("status").filter({ hasText: t(lang, "invitations.sent", { name }) })).toBeVisible();
      await expect(bodyRows(page).first()).toContainText(t(lang, "contacts.invitation_expires", { date: "" }).trim());

      // The email, on the development mailbox; the invitee opens it in a browser of their own.
      const link = await linkSentTo(page, lang, invitee.email);
      await page.screenshot({ path: `screenshots/mailbox-${lang}.png` });
      const other = await browser.newContext({ locale: browserLocale(lang) });
      const guest = await other.newPage();
      await guest.goto(link);
      await expect(guest.getByRole("heading", { level: 1, name: t(lang, "invitations.accept_title") })).toBeVisible();
      await expect(guest.getByText("admin@example.org", { exact: false })).toBeVisible();
      await expectNoAxeViolations(guest);
      await guest.screenshot({ path: `screenshots/accept-${lang}.png`, fullPage: true });
      // A wrong password keeps the email typed: only the password is typed again.
      const existing = guest.getByRole("form", { name: t(lang, "invitations.sign_in_heading") });
      await existing.getByLabel(t(lang, "auth.email")).fill("admin@example.org");
      await existing.getByLabel(t(lang, "auth.password")).fill("not-the-password");
      await existing.getByRole("button", { name: t(lang, "invitations.sign_in_accept") }).click();
      await expect(guest.getByRole("alert")).toContainText(t(lang, "invitations.err_invalid"));
      await expect(existing.getByLabel(t(lang, "auth.email"))).toHaveValue("admin@example.org");
      await expect(existing.getByLabel(t(lang, "auth.password"))).toHaveValue("");
      const create = guest.getByRole("form", { name: t(lang, "invitations.new_account_heading") });
      // The account is opened for the invited address, which cannot be changed.
      await expect(create.getByLabel(t(lang, "auth.email"))).toHaveValue(invitee.email);
      await expect(create.getByLabel(t(lang, "auth.email"))).not.toBeEditable();
      await expect(create.getByText(t(lang, "invitations.new_account_email"))).toBeVisible();
      await create.getByLabel(t(lang, "invitations.new_password")).fill("invitee-pass-2026");
      await create.getByRole("button", { name: t(lang, "invitations.new_account_accept") }).click();
      await expect(guest).toHaveURL(/\/organization\/contacts\?welcome=1$/);
      await expect(guest.getByText(t(lang, "contacts.welcome"))).toBeVisible();
      await guest.screenshot({ path: `screenshots/accepted-${lang}.png` });

      // The link works once.
      await guest.goto(link);
      await expect(guest.getByRole("heading", { level: 1, name: t(lang, "invitations.refused_title") })).toBeVisible();
      await expect(guest.getByText(t(lang, "invitations.refused_used"))).toBeVisible();
      await other.close();

      // The administrator's list shows the access.
      await page.goto(`/organization/contacts?last_name=${invitee.last}`);
      await expect(bodyRows(page)).toHaveCount(1);
      const row = bodyRows(page).first();
      await expect(row).toContainText(t(lang, "contacts.access"));
      await expect(row).toContainText(t(lang, "contacts.linked"));
      await expect(row).toContainText(invitee.email);
      await expect(row).toContainText(invitee.profile);
    });

    test("an administrator adds a contact with access", async ({ page }) => {
      const last = lang === "fr" ? "Aucoin" : "Kinsman";
      const first = lang === "fr" ? "Rachel" : "Dana";
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);
      await page.getByRole("button", { name: t(lang, "contacts.add_with_access_title") }).click();
      await expect(page.getByRole("heading", { level: 1, name: t(lang, "contacts.add_with_access_title") })).toBeVisible();
      await waitForHydration(page);
      await page.getByLabel(new RegExp(`^${t(lang, "contacts.last_name")}\\b`)).fill(last);
      await page.getByLabel(new RegExp(`^${t(lang, "contacts.first_name")}\\b`)).fill(first);
      await page.getByLabel(new RegExp(`^${t(lang, "contacts.email")}\\b`)).fill(`${last.toLowerCase()}@example.org`);
      await page.getByLabel(new RegExp(`^${t(lang, "contacts.office_location")}\\b`)).selectOption({ label: "Berwick" });
      await page.getByLabel(new RegExp(`^${t(lang, "contacts.fte")}\\b`)).fill("1");
      await page
        .getByLabel(new RegExp(`^${t(lang, "contacts.position_type")}\\b`))
        .selectOption({ label: t(lang, "contacts.pos_COUNSELLOR") });
      await page.getByRole("checkbox", { name: lang === "fr" ? "GEC Gest. de cas" : "CMT Case Mgmt." }).check();
      await page.getByRole("button", { name: t(lang, "contacts.save") }).click();
      const dialog = page.getByRole("dialog", { name: t(lang, "contacts.confirm_title") });
      const sentence = t(lang, "invitations.confirm_send", { name: `${first} ${last}`, date: "@" });
      await expect(dialog).toContainText(sentence.split("@")[0]);
      await expectNoAxeViolations(page);
      await dialog.getByRole("button", { name: t(lang, "common.ok") }).click();
      await expect(page.getByRole("status").filter({ hasText: t(lang, "invitations.sent", { name: `${last}, ${first}` }) })).toBeVisible();
      await searchByLastName(page, lang, last);
      await expect(bodyRows(page)).toHaveCount(1);
      await expect(bodyRows(page).first()).toContainText(t(lang, "contacts.invitation_expires", { date: "" }).trim());
      await linkSentTo(page, lang, `${last.toLowerCase()}@example.org`);
    });

    test("an administrator of one module cannot send again another module's invitation; a new email retracts it", async ({ page }) => {
      // The contact added with a GEC profile by the GEC and EFO administrator just above.
      const last = lang === "fr" ? "Aucoin" : "Kinsman";
      const first = lang === "fr" ? "Rachel" : "Dana";
      await signIn(page, lang, "efo.admin@example.org", "demo-efo-2026");
      await waitForHydration(page);
      await searchByLastName(page, lang, last);
      await page.getByRole("link", { name: `${last}, ${first}` }).click();
      await expect(page.getByRole("heading", { level: 1, name: t(lang, "contacts.details_title") })).toBeVisible();
      await waitForHydration(page);
      const section = page.getByRole("region", { name: t(lang, "invitations.section_invitation") });
      await expect(section).toContainText(t(lang, "invitations.resend_not_yours", { module: lang === "fr" ? "Outil de gestion de cas (GEC)" : "Case Management Tool (CMT)" }));
      await expect(page.getByRole("button", { name: t(lang, "invitations.resend") })).toHaveCount(0);
      await section.screenshot({ path: `screenshots/resend-not-yours-${lang}.png` });
      await expectNoAxeViolations(page);

      // A new email: the dialog says the pending invitation goes, and the message after saving.
      await page.getByLabel(new RegExp(`^${t(lang, "contacts.email")}\\b`)).fill(`${last.toLowerCase()}@example.net`);
      await page.getByRole("button", { name: t(lang, "contacts.save") }).click();
      const dialog = page.getByRole("dialog", { name: t(lang, "contacts.confirm_title") });
      await expect(dialog).toContainText(t(lang, "contacts.confirm_email_retracts"));
      await expect(dialog).toContainText(t(lang, "contacts.confirm_continue"));
      await dialog.getByRole("button", { name: t(lang, "common.ok") }).click();
      const saved = t(lang, "contacts.saved_invitation_retracted", { name: `${last}, ${first}` });
      await expect(page.getByRole("status").filter({ hasText: saved })).toBeVisible();
      await expect(bodyRows(page)).toHaveCount(1);
      await expect(bodyRows(page).first().getByRole("link", { name: t(lang, "contacts.invite_action") })).toBeVisible();
      await expect(bodyRows(page).first()).toContainText(`${last.toLowerCase()}@example.net`);
    });

    test("an expired invitation is sent again from the contact's details", async ({ page }) => {
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);
      await searchByLastName(page, lang, "Zwicker");
      await expect(bodyRows(page).first()).toContainText(t(lang, "contacts.invitation_expired", { date: "" }).trim());
      await page.getByRole("link", { name: "Zwicker, Paul" }).click();
      await expect(page.getByRole("heading", { level: 1, name: t(lang, "contacts.details_title") })).toBeVisible();
      // « Invitation pour le LaMPSS » starts from the expired invitation's profiles, and says so.
      const details = page.url();
      await page.goto(`${details.split("?")[0]}/invite`);
      const reused = t(lang, "invitations.reused_expired", { date: "@" }).split("@")[0];
      await expect(page.getByText(reused)).toBeVisible();
      await expect(page.locator("input[type=checkbox]:checked")).not.toHaveCount(0);
      await page.goto(details);
      await waitForHydration(page);
      await page.getByRole("button", { name: t(lang, "invitations.resend") }).click();
      const dialog = page.getByRole("dialog", { name: t(lang, "contacts.confirm_title") });
      const sentence = t(lang, "invitations.confirm_resend", { name: "Paul Zwicker", date: "@" });
      await expect(dialog).toContainText(sentence.split("@")[0]);
      await expectNoAxeViolations(page);
      if (lang === "fr") {
        // Annuler sends nothing: French leaves it expired for the English run.
        await dialog.getByRole("button", { name: t(lang, "common.cancel") }).click();
        await expect(dialog).toBeHidden();
        return;
      }
      await dialog.getByRole("button", { name: t(lang, "common.ok") }).click();
      await expect(page.getByRole("status").filter({ hasText: t(lang, "invitations.resent", { name: "Zwicker, Paul" }) })).toBeVisible();
      await expect(bodyRows(page).first()).toContainText(t(lang, "contacts.invitation_expires", { date: "" }).trim());
      await linkSentTo(page, lang, "paul.zwicker@vallee.example.org");
    });
  });
}
