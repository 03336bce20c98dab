import { expect, type Page } from "@playwright/test";
import { test, LANGS, t, browserLocale, signIn, bodyRows, waitForHydration, type Lang } from "./helpers";

// A quick typist on a slow connection: the WebAssembly arrives late on purpose, the person
// types, checks and selects in the server's form before it has hydrated, and what they did is
// still there afterwards and is what the form acts on. Runs last (files run in name order), on
// people no other file changes.

/** Holds every WebAssembly file back for a while, so that hydration comes late. */
async function hydrateLate(page: Page) {
  await page.route(/\.wasm$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await route.continue();
  });
}

async function expectNotHydratedYet(page: Page) {
  await expect(page.locator("body[data-hydrated=true]")).toHaveCount(0);
}

function field(page: Page, lang: Lang, key: string) {
  return page.getByLabel(new RegExp(`^${t(lang, key)}\\b`));
}

/** The URL of a contact's details page, found through the list. */
async function detailsUrl(page: Page, lang: Lang, last: string): Promise<string> {
  await page.goto(`/organization/contacts?last_name=${encodeURIComponent(last)}`);
  await waitForHydration(page);
  await expect(bodyRows(page)).toHaveCount(1);
  const href = await bodyRows(page).first().getByRole("link").first().getAttribute("href");
  return href!.split("?")[0];
}

for (const lang of LANGS) {
  test.describe(`typing before hydration (${lang})`, () => {
    test.use({ locale: browserLocale(lang) });

    test("the sign-in form keeps what was typed", async ({ page }) => {
      await hydrateLate(page);
      await page.goto("/login", { waitUntil: "commit" });
      const email = page.getByLabel(t(lang, "auth.email"), { exact: true });
      await email.pressSequentially("admin@example.org");
      await page.getByLabel(t(lang, "auth.password"), { exact: true }).pressSequentially("demo-admin-2026");
      await expectNotHydratedYet(page);
      await waitForHydration(page);
      await expect(email).toHaveValue("admin@example.org");
      await page.getByRole("button", { name: t(lang, "auth.submit"), exact: true }).click();
      await expect(page).toHaveURL(/\/organization\/contacts/);
    });

    test("the search form keeps a typed name and an unchecked box, and filters by them", async ({ page }) => {
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);
      await hydrateLate(page);
      await page.goto("/organization/contacts", { waitUntil: "commit" });
      const lastName = page.getByLabel(t(lang, "contacts.last_name"), { exact: true });
      await lastName.pressSequentially("Abel");
      const activeOnly = page.getByRole("checkbox", { name: t(lang, "contacts.active_only") });
      await activeOnly.uncheck();
      await expectNotHydratedYet(page);
      await waitForHydration(page);
      await expect(lastName).toHaveValue("Abel");
      await expect(activeOnly).not.toBeChecked();
      // Abel, Josée is inactive: she shows only with both filters applied.
      await expect(page).toHaveURL(/last_name=Abel/);
      await expect(page).toHaveURL(/active=0/);
      await expect(bodyRows(page)).toHaveCount(1);
      await expect(bodyRows(page).first()).toContainText("Abel");
    });

    test("the add form keeps a typed name and a chosen office, and saves them", async ({ page }) => {
      const last = lang === "fr" ? "Zinck" : "Zeller";
      const first = lang === "fr" ? "Odile" : "Grant";
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);
      await hydrateLate(page);
      await page.goto("/organization/contacts/new", { waitUntil: "commit" });
      const lastName = field(page, lang, "contacts.last_name");
      await lastName.pressSequentially(last);
      const office = field(page, lang, "contacts.office_location");
      await office.selectOption({ label: "Kentville" });
      await expectNotHydratedYet(page);
      await waitForHydration(page);
      await expect(lastName).toHaveValue(last);
      await expect(office).toHaveValue("KENTVILLE");
      await field(page, lang, "contacts.first_name").fill(first);
      await field(page, lang, "contacts.email").fill(`${last.toLowerCase()}@example.org`);
      await field(page, lang, "contacts.fte").fill("1");
      await field(page, lang, "contacts.position_type").selectOption({ label: t(lang, "contacts.pos_COUNSELLOR") });
      await page.getByRole("button", { name: t(lang, "contacts.save") }).click();
      const name = `${last}, ${first}`;
      await expect(page.getByRole("status").filter({ hasText: t(lang, "contacts.saved", { name }) })).toBeVisible();
      await page.goto(`/organization/contacts?last_name=${last}`);
      await expect(bodyRows(page)).toHaveCount(1);
      await expect(bodyRows(page).first()).toContainText(name);
    });

    test("the details form keeps a typed title and saves it", async ({ page }) => {
      const last = lang === "fr" ? "Melanson" : "Surette";
      const title = lang === "fr" ? "Technicien principal" : "Senior Youth Counsellor";
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);
      const url = await detailsUrl(page, lang, last);
      await hydrateLate(page);
      await page.goto(url, { waitUntil: "commit" });
      const titleField = field(page, lang, "contacts.title_field");
      await titleField.fill(title);
      await expectNotHydratedYet(page);
      await waitForHydration(page);
      await expect(titleField).toHaveValue(title);
      // The rest of the form holds the contact's values.
      await expect(field(page, lang, "contacts.last_name")).toHaveValue(last);
      await page.getByRole("button", { name: t(lang, "contacts.save") }).click();
      await expect(page).toHaveURL(/\/organization\/contacts(\?|$)/);
      await page.goto(url);
      await waitForHydration(page);
      await expect(field(page, lang, "contacts.title_field")).toHaveValue(title);
    });

    test("the invitation form keeps a checked profile and a typed message, and sends them", async ({ page }) => {
      const invitee = lang === "fr" ? { last: "Pothier", first: "Lise" } : { last: "Smith", first: "John" };
      const profile = lang === "fr" ? "Utilisateur EFO" : "OFA User";
      const message = lang === "fr" ? "Bienvenue parmi nous !" : "Welcome to the team!";
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);
      const url = await detailsUrl(page, lang, invitee.last);
      await hydrateLate(page);
      await page.goto(`${url}/invite`, { waitUntil: "commit" });
      const box = page.getByRole("checkbox", { name: profile, exact: true });
      await box.check();
      const messageField = page.getByLabel(t(lang, "invitations.message"));
      await messageField.pressSequentially(message);
      await expectNotHydratedYet(page);
      await waitForHydration(page);
      await expect(box).toBeChecked();
      await expect(messageField).toHaveValue(message);
      await page.getByRole("button", { name: t(lang, "invitations.send") }).click();
      await page.getByRole("dialog").getByRole("button", { name: t(lang, "common.ok") }).click();
      const name = `${invitee.last}, ${invitee.first}`;
      await expect(page.getByRole("status").filter({ hasText: t(lang, "invitations.sent", { name }) })).toBeVisible();
      // The email says what was typed.
      await page.goto("/dev/mailbox");
      await expect(page.getByText(message).first()).toBeVisible();
    });
  });
}

// What the server sends is the form as the URL or the record says, before any WebAssembly
// (and for whoever has none): the values, the boxes and the choices are in the HTML.
for (const lang of LANGS) {
  test.describe(`server-rendered forms (${lang})`, () => {
    test.use({ locale: browserLocale(lang), javaScriptEnabled: false });

    test("the search form shows the query it lists", async ({ page }) => {
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await page.goto("/organization/contacts?last_name=Abel&active=0");
      await expect(page.getByLabel(t(lang, "contacts.last_name"), { exact: true })).toHaveValue("Abel");
      await expect(page.getByRole("checkbox", { name: t(lang, "contacts.active_only") })).not.toBeChecked();
      await expect(bodyRows(page)).toHaveCount(1);
      await page.goto("/organization/contacts?first_name=Nadine");
      await expect(page.getByLabel(t(lang, "contacts.first_name"), { exact: true })).toHaveValue("Nadine");
      await expect(page.getByRole("checkbox", { name: t(lang, "contacts.active_only") })).toBeChecked();
      // Searching again from this form keeps « active only » (the box's value, sent after
      // its hidden companion's `0`, wins).
      await page.getByRole("button", { name: t(lang, "contacts.search"), exact: true }).click();
      await expect(page).toHaveURL(/first_name=Nadine&.*active=0&active=1$/);
      await expect(page.getByRole("checkbox", { name: t(lang, "contacts.active_only") })).toBeChecked();
      await expect(bodyRows(page)).toHaveCount(1);
      await expect(bodyRows(page).first()).toContainText("Doiron");
    });

    test("a contact's details show its values", async ({ page }) => {
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await page.goto("/organization/contacts?last_name=Richard");
      const href = await bodyRows(page).first().getByRole("link").first().getAttribute("href");
      await page.goto(href!);
      await expect(field(page, lang, "contacts.last_name")).toHaveValue("Richard");
      await expect(field(page, lang, "contacts.first_name")).toHaveValue("Yvon");
      await expect(field(page, lang, "contacts.office_location")).toHaveValue("WOLFVILLE");
      await expect(page.getByRole("checkbox", { name: t(lang, "contacts.active"), exact: true })).toBeChecked();
    });
  });
}
