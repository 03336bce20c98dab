import { expect, type Page } from "@playwright/test";
import { test, LANGS, t, browserLocale, signIn, bodyRows, expectNoAxeViolations, waitForHydration, type Lang } from "./helpers";

// Signing in with Mon dossier N.-É. / My NS Account: the test OpenID provider
// (end2end/oidc-provider.mjs) stands in for it, with its own login page (in English).
// Each language links a user of its own (an identity acts once per organisation); sam is in
// no organisation.
const USERS = {
  fr: { login: "marie", password: "marie-2026", email: "marie.dupuis@example.org", userId: "mdupuis" },
  en: { login: "alex", password: "alex-2026", email: "alex.martin@example.org", userId: "amartin" },
};

/** Invites the contact `last` with one EFO profile, as admin@example.org; the emailed link. */
async function invite(page: Page, lang: Lang, last: string, email: string, profile: string): Promise<string> {
  await signIn(page, lang, "admin@example.org", "demo-admin-2026");
  await waitForHydration(page);
  await page.getByLabel(t(lang, "contacts.last_name"), { exact: true }).fill(last);
  await expect(page).toHaveURL(new RegExp(`last_name=${last}`));
  await expect(bodyRows(page)).toHaveCount(1);
  await bodyRows(page).first().getByRole("link", { name: t(lang, "contacts.invite_action") }).click();
  await waitForHydration(page);
  await page.getByRole("checkbox", { name: profile, exact: true }).check();
  await page.getByRole("button", { name: t(lang, "invitations.send") }).click();
  await page.getByRole("dialog").getByRole("button", { name: t(lang, "common.ok") }).click();
  await expect(page).toHaveURL(/\/organization\/contacts\?last_name=/);
  await page.goto("/dev/mailbox");
  const mail = page.getByRole("article").filter({ hasText: t(lang, "invitations.mail_to", { to: email }) }).first();
  const href = await mail.getByRole("link", { name: t(lang, "invitations.mail_open_link") }).getAttribute("href");
  return href!;
}

/** The test provider's login page: fills it and presses Sign in. */
async function logInAtProvider(page: Page, login: string, password: string) {
  await expect(page.getByRole("heading", { level: 1, name: "Test identity provider" })).toBeVisible();
  await page.getByLabel("Username").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

for (const lang of LANGS) {
  test.describe(`Mon dossier N.-É. (${lang})`, () => {
    test.use({ locale: browserLocale(lang) });
    const user = USERS[lang];
    const invitee =
      lang === "fr"
        ? { last: "Landry", first: "Annie", email: "annie.landry@vallee.example.org", profile: "Utilisateur EFO" }
        : { last: "Chiasson", first: "Monique", email: "monique.chiasson@vallee.example.org", profile: "OFA User" };

    test("an invitee accepts with their identity account, signs out there, and signs in again", async ({ page, browser }) => {
      const link = await invite(page, lang, invitee.last, invitee.email, invitee.profile);

      const other = await browser.newContext({ locale: browserLocale(lang) });
      const guest = await other.newPage();
      await guest.goto(link);
      await expect(guest.getByRole("heading", { level: 1, name: t(lang, "invitations.accept_title") })).toBeVisible();
      await expectNoAxeViolations(guest);
      await guest.getByRole("button", { name: t(lang, "invitations.provider_accept") }).click();
      await logInAtProvider(guest, user.login, user.password);
      await expect(guest).toHaveURL(/\/organization\/contacts\?welcome=1$/);
      await expect(guest.getByText(t(lang, "contacts.welcome"))).toBeVisible();
      await expect(guest.locator(".banner")).toContainText(user.email);
      await guest.screenshot({ path: `screenshots/oidc-accepted-${lang}.png` });

      // The administrator sees the identity account: its email beside the one entered, its user ID.
      await page.goto(`/organization/contacts?last_name=${invitee.last}`);
      const row = bodyRows(page).first();
      await expect(row).toContainText(t(lang, "contacts.linked"));
      await expect(row).toContainText(invitee.email);
      await expect(row).toContainText(user.email);
      await waitForHydration(page);
      await row.getByRole("link", { name: `${invitee.last}, ${invitee.first}` }).click();
      await expect(page.locator(".user-id")).toContainText(user.userId);
      await expect(page.locator(".identity-email")).toContainText(user.email);

      // Signing out ends the provider's session too, then comes back here.
      await guest.getByRole("button", { name: t(lang, "common.sign_out") }).click();
      await guest.getByRole("button", { name: "Sign out", exact: true }).click();
      await expect(guest).toHaveURL(/\/login\?signed_out=1$/);
      await expect(guest.getByRole("status").filter({ hasText: t(lang, "auth.signed_out") })).toBeVisible();

      // Signing in again asks the provider for the password again, and lands where she was going.
      await guest.goto("/organization/contacts?page=2");
      await expect(guest).toHaveURL(/\/login\?next=/);
      await guest.getByRole("button", { name: t(lang, "auth.provider_submit") }).click();
      await logInAtProvider(guest, user.login, user.password);
      await expect(guest).toHaveURL(/\/organization\/contacts\?page=2$/);
      await expect(guest.locator(".banner")).toContainText(user.email);
      await other.close();
    });

    test("a wrong password stays at the provider; cancelling there comes back with a message", async ({ page }) => {
      await page.goto("/login");
      await expect(page.getByRole("heading", { level: 1, name: t(lang, "auth.title") })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.screenshot({ path: `screenshots/login-oidc-${lang}.png`, fullPage: true });
      await page.getByRole("button", { name: t(lang, "auth.provider_submit") }).click();
      await logInAtProvider(page, user.login, "not-the-password");
      await expect(page.getByRole("alert")).toContainText("Invalid username or password.");
      await page.getByRole("button", { name: "Cancel" }).click();
      await expect(page).toHaveURL(/\/login\?error=cancelled$/);
      await expect(page.getByRole("alert")).toContainText(t(lang, "auth.cancelled"));
      await page.screenshot({ path: `screenshots/login-cancelled-${lang}.png` });
    });

    test("an identity account of no organisation is told so", async ({ page }) => {
      await page.goto("/login");
      await page.getByRole("button", { name: t(lang, "auth.provider_submit") }).click();
      await logInAtProvider(page, "sam", "sam-2026");
      await expect(page).toHaveURL(/\/login\?error=no_organization/);
      await expect(page.getByRole("alert")).toContainText(t(lang, "auth.no_organization"));
    });
  });
}

// The same sign-in without JavaScript: plain forms and redirects all the way (each language's
// user was linked above).
for (const lang of LANGS) {
  test.describe(`Mon dossier N.-É. without JavaScript (${lang})`, () => {
    test.use({ locale: browserLocale(lang), javaScriptEnabled: false });
    const user = USERS[lang];

    test("signing in and out through the provider works with plain forms", async ({ page }) => {
      await page.goto("/organization/contacts?active=0");
      await expect(page).toHaveURL(/\/login\?next=/);
      await page.getByRole("button", { name: t(lang, "auth.provider_submit") }).click();
      await logInAtProvider(page, user.login, user.password);
      await expect(page).toHaveURL(/\/organization\/contacts\?active=0$/);
      await expect(page.locator(".banner")).toContainText(user.email);
      await expect(bodyRows(page)).toHaveCount(10);
      await page.getByRole("button", { name: t(lang, "common.sign_out") }).click();
      // The provider's confirmation page; without JavaScript its button submits its form.
      await page.getByRole("button", { name: "Sign out", exact: true }).click();
      await expect(page).toHaveURL(/\/login\?signed_out=1$/);
    });
  });
}
