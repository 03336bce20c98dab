import { expect } from "@playwright/test";
import { test, LANGS, t, browserLocale, signIn, bodyRows, expectNoAxeViolations, waitForHydration } from "./helpers";

for (const lang of LANGS) {
  test.describe(`contacts page (${lang})`, () => {
    test.use({ locale: browserLocale(lang) });

    test("the sign-in page is accessible", async ({ page }) => {
      await page.goto("/login");
      await expect(page.getByRole("heading", { level: 1, name: t(lang, "auth.title") })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.getByLabel(t(lang, "auth.email"), { exact: true }).fill("admin@example.org");
      await page.getByLabel(t(lang, "auth.password"), { exact: true }).fill("not the password");
      await page.getByRole("button", { name: t(lang, "auth.submit"), exact: true }).click();
      await expect(page.getByRole("alert")).toHaveText(t(lang, "auth.invalid"));
    });

    test("an administrator finds contacts with live filters", async ({ page }) => {
      const consoleErrors: string[] = [];
      page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await expect(page).toHaveURL(/\/organization\/contacts$/);
      await expect(
        page.getByText(t(lang, "common.banner", { login: "admin@example.org", org: "Services d'emploi de la Vallée" })),
      ).toBeVisible();
      await waitForHydration(page);

      // Primary contact first, ten rows, the total announced.
      const rows = bodyRows(page);
      await expect(rows).toHaveCount(10);
      await expect(rows.first()).toContainText("Arsenault, Marie");
      await expect(rows.first()).toContainText(t(lang, "contacts.primary"));
      await expect(page.getByRole("status").filter({ hasText: t(lang, "contacts.results", { count: 29 }) })).toBeVisible();
      await page.screenshot({ path: `screenshots/contacts-${lang}.png`, fullPage: true });
      await expectNoAxeViolations(page);

      // Unchecking « Actifs uniquement » lists inactive contacts, without a page load.
      await page.evaluate(() => ((window as any).__marker = "still here"));
      const activeOnly = page.getByRole("checkbox", { name: t(lang, "contacts.active_only"), exact: true });
      await expect(activeOnly).toBeChecked();
      await activeOnly.uncheck();
      await expect(rows.first()).toContainText("Abel, Josée");
      await expect(rows.first()).toContainText(t(lang, "contacts.inactive"));
      await expect(page).toHaveURL(/active=0/);
      expect(await page.evaluate(() => (window as any).__marker)).toBe("still here");

      // Typing filters (debounced), still without a page load.
      await page.getByLabel(t(lang, "contacts.last_name"), { exact: true }).pressSequentially("leb");
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText("LeBlanc, Luc");
      // The identity account's email, said as such, under the one entered in LaMPSS.
      await expect(rows.first().locator(".account-email")).toHaveText(
        t(lang, "contacts.identity_email_line", { email: "luc.leblanc@example.net" }),
      );
      await expect(page).toHaveURL(/last_name=leb/);
      expect(await page.evaluate(() => (window as any).__marker)).toBe("still here");

      // Reload keeps the filters.
      await page.reload();
      await expect(page.getByLabel(t(lang, "contacts.last_name"), { exact: true })).toHaveValue("leb");
      await expect(activeOnly).not.toBeChecked();
      await expect(rows).toHaveCount(1);
      await waitForHydration(page);

      // Clear brings back the default view.
      await page.getByRole("button", { name: t(lang, "contacts.clear"), exact: true }).click();
      await expect(rows).toHaveCount(10);
      await expect(rows.first()).toContainText("Arsenault, Marie");
      await expect(activeOnly).toBeChecked();
      await expect(page.getByLabel(t(lang, "contacts.last_name"), { exact: true })).toHaveValue("");

      // Page 2, then Back.
      await page.evaluate(() => ((window as any).__marker = "page two"));
      await page.getByRole("link", { name: t(lang, "contacts.page_n", { page: 2 }), exact: true }).click();
      await expect(page).toHaveURL(/page=2/);
      await expect(page.getByText(t(lang, "contacts.page_status", { page: 2, pages: 3 }))).toBeVisible();
      await expect(rows).toHaveCount(10);
      await expect(rows.first()).not.toContainText("Arsenault");
      expect(await page.evaluate(() => (window as any).__marker)).toBe("page two");
      await page.goBack();
      await expect(rows.first()).toContainText("Arsenault, Marie");

      // A page past the last (an old link) shows the last one, never « Page 9 de 3 ».
      await page.goto("/organization/contacts?page=9");
      await expect(page.getByText(t(lang, "contacts.page_status", { page: 3, pages: 3 }))).toBeVisible();
      await expect(rows).toHaveCount(9);

      expect(consoleErrors).toEqual([]);
    });

    test("Back and Forward show the filters of each step", async ({ page }) => {
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);
      const activeOnly = page.getByRole("checkbox", { name: t(lang, "contacts.active_only") });
      const lastName = page.getByLabel(t(lang, "contacts.last_name"), { exact: true });
      const rows = bodyRows(page);
      await activeOnly.uncheck();
      await expect(page).toHaveURL(/active=0/);
      await lastName.fill("Abel");
      await expect(page).toHaveURL(/last_name=Abel/);
      await expect(rows).toHaveCount(1);
      // Back: the unchecked box without the name; Back again: the default view.
      await page.goBack();
      await expect(page).not.toHaveURL(/last_name/);
      await expect(page).toHaveURL(/active=0/);
      await expect(lastName).toHaveValue("");
      await expect(activeOnly).not.toBeChecked();
      await page.goBack();
      await expect(page).not.toHaveURL(/active=0/);
      await expect(activeOnly).toBeChecked();
      // Forward: each step again, the form as the URL says.
      await page.goForward();
      await expect(page).toHaveURL(/active=0/);
      await expect(activeOnly).not.toBeChecked();
      await page.goForward();
      await expect(lastName).toHaveValue("Abel");
      await expect(activeOnly).not.toBeChecked();
      await expect(rows).toHaveCount(1);
    });

    test("a page whose code is still loading says so", async ({ page }) => {
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);
      // A slow network: the code of a contact's pages takes a while to arrive.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\/pkg\/split_contact_pages_.*\.wasm$/, async (route) => {
        await held;
        await route.continue();
      });
      await bodyRows(page).first().getByRole("link", { name: /^Arsenault, Marie/ }).click();
      const loading = page.getByRole("status").getByText(t(lang, "common.loading"), { exact: true });
      await expect(loading).toBeVisible();
      await expect(page).toHaveURL(/\/organization\/contacts(\?|$)/);
      release();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t(lang, "contacts.details_title"));
      await expect(loading).toHaveCount(0);
    });

    test("a contact's user ID reads as the language writes it", async ({ page }) => {
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await bodyRows(page).first().getByRole("link", { name: /^Arsenault, Marie/ }).click();
      const line = page.locator(".user-id");
      await expect(line).toContainText("admin@example.org");
      // The colon comes from the stylesheet: « Identifiant de l'utilisateur : », "User ID:".
      const colon = await line.locator(".label").evaluate((label) => getComputedStyle(label, "::after").content);
      expect(colon).toBe(lang === "fr" ? '" :"' : '":"');
    });

    test("switching language changes every label and keeps the filters", async ({ page }) => {
      const other = lang === "fr" ? "en" : "fr";
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await waitForHydration(page);
      await page.getByLabel(t(lang, "contacts.first_name"), { exact: true }).fill("eve");
      const rows = bodyRows(page);
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText("Robichaud, Ève");
      await page.evaluate(() => ((window as any).__marker = "kept"));
      await page.getByRole("button", { name: t(lang, "common.switch_language") }).click();
      await expect(page.getByLabel(t(other, "contacts.first_name"), { exact: true })).toHaveValue("eve");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t(other, "contacts.title"));
      await expect(page.getByRole("checkbox", { name: t(other, "contacts.active_only"), exact: true })).toBeChecked();
      await expect(rows.first()).toContainText(t(other, "contacts.lang_fr"));
      await expect(page.locator("html")).toHaveAttribute("lang", other);
      await expect(page).toHaveTitle(`${t(other, "common.contacts")} — LaMPSS`);
      expect(await page.evaluate(() => (window as any).__marker)).toBe("kept");
      // The choice persists: a reload renders in the other language, and so does any other
      // page of the site.
      await page.reload();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t(other, "contacts.title"));
      await expect(rows).toHaveCount(1);
      await page.goto("/organization");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t(other, "common.org_home"));
      await expect(page.locator("html")).toHaveAttribute("lang", other);
    });

    test("the search form works before the WebAssembly loads", async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled: false, locale: browserLocale(lang) });
      const page = await context.newPage();
      await signIn(page, lang, "admin@example.org", "demo-admin-2026");
      await expect(page).toHaveURL(/\/organization\/contacts$/);
      await page.getByRole("checkbox", { name: t(lang, "contacts.active_only"), exact: true }).uncheck();
      await page.getByLabel(t(lang, "contacts.last_name"), { exact: true }).fill("a");
      await page.getByRole("button", { name: t(lang, "contacts.search"), exact: true }).click();
      const rows = bodyRows(page);
      await expect(rows).toHaveCount(3);
      await expect(rows.first()).toContainText("Abel, Josée");
      await context.close();
    });
  });
}

test.describe("static files", () => {
  test.use({ locale: browserLocale("fr") });

  test("after the first visit, pages load their WebAssembly from the browser's cache", async ({ page, context }) => {
    await signIn(page, "fr", "admin@example.org", "demo-admin-2026");
    await waitForHydration(page);

    // Where the WebAssembly files of the next page loads come from, as the browser tells.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const loads: { url: string; cached: boolean; cacheControl: string }[] = [];
    cdp.on("Network.responseReceived", ({ response }) => {
      if (!new URL(response.url).pathname.endsWith(".wasm")) return;
      const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      loads.push({
        url: response.url,
        cached: Boolean(response.fromDiskCache || response.fromMemoryCache),
        cacheControl: String(headers["cache-control"] ?? ""),
      });
    });

    // A full load of a page the session has not opened yet: its own files come from the server,
    // named after their content and to be kept.
    await page.goto("/organization/contacts/1");
    await waitForHydration(page);
    const first = loads.splice(0);
    expect(first.length).toBeGreaterThan(1);
    for (const load of first) {
      expect(load.url).toMatch(/\.[A-Za-z0-9_-]{22}\.wasm$/);
      if (!load.cached) expect(load.cacheControl).toBe("public, max-age=31536000, immutable");
    }
    expect(first.some((load) => !load.cached)).toBe(true);

    // The same page, loaded in full again: nothing is asked of the server.
    await page.goto("/organization/contacts/1?again");
    await waitForHydration(page);
    expect(loads.map((load) => load.url).sort()).toEqual(first.map((load) => load.url).sort());
    expect(loads.filter((load) => !load.cached)).toEqual([]);
  });
});

test.describe("document title", () => {
  test.use({ locale: browserLocale("fr") });

  test("the tab keeps the page's title while the page's code loads", async ({ page }) => {
    await signIn(page, "fr", "admin@example.org", "demo-admin-2026");
    await waitForHydration(page);

    // Every text the document's title takes, from the start of the next page load.
    await page.addInitScript(() => {
      const titles: string[] = [];
      (window as unknown as { titles: string[] }).titles = titles;
      new MutationObserver((records) => {
        for (const record of records) {
          if (record.type === "childList" && record.target.nodeName === "TITLE") {
            titles.push([...record.addedNodes].map((node) => node.textContent ?? "").join(""));
          }
        }
      }).observe(document, { childList: true, subtree: true });
    });
    // A full load of a page whose code the browser does not have yet: it hydrates only once
    // that code has arrived.
    await page.goto("/organization/contacts/1");
    await waitForHydration(page);

    const titles = await page.evaluate(() => (window as unknown as { titles: string[] }).titles);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles).not.toContain("");
    expect(titles.at(-1)).toBe(`${t("fr", "contacts.details_title")} — LaMPSS`);
    await expect(page).toHaveTitle(`${t("fr", "contacts.details_title")} — LaMPSS`);

    // Pages opened in the browser name themselves too.
    await page.getByRole("navigation", { name: t("fr", "common.breadcrumb") }).getByRole("link", { name: t("fr", "common.contacts") }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("fr", "contacts.title"));
    await expect(page).toHaveTitle(`${t("fr", "common.contacts")} — LaMPSS`);
  });
});
