#!/usr/bin/env node
// Measures the WebAssembly each page makes the browser load, as a newcomer's browser sees it.
//
// Usage: node scripts/wasm-size.mjs [base-url]   (default http://127.0.0.1:3000)
//
// Start the release server first (`cargo leptos build --release --split`, then
// `target/release/server` from the repository root on a fresh demo database). Signs in as
// admin@example.org, opens the pages below one by one in Debian's chromium, each in a fresh
// browser context (empty cache), waits until each page is hydrated, and reports for each the
// `.wasm` files it fetched: their size, gzipped (level 9, as a static host would), and as the
// server sent them (brotli from its precompressed copies, once a release server wrote them).
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";

const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("@playwright/test");

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const pages = [
  ["sign-in", "/login", false],
  ["contacts list", "/organization/contacts", true],
  ["contact details", "/organization/contacts/1", true],
  ["invite", "/organization/contacts/5/invite", true],
  ["add a contact", "/organization/contacts/new", true],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
});

// Signs the context in through the sign-in form's server function, without a page: a page
// would fill the browser's cache with the files the measured page must fetch itself.
async function signedIn(context) {
  const response = await context.request.post(`${base}/api/sign_in`, {
    form: { email: "admin@example.org", password: "demo-admin-2026", next: "" },
    maxRedirects: 0,
  });
  if (!(response.headers().location ?? "").startsWith("/organization")) {
    throw new Error(`sign-in refused: ${response.status()} ${response.headers().location}`);
  }
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
for (const [name, path, needsSession] of pages) {
  const context = await browser.newContext();
  if (needsSession) await signedIn(context);
  const page = await context.newPage();
  const files = [];
  page.on("response", async (response) => {
    if (!new URL(response.url()).pathname.endsWith(".wasm")) return;
    const body = await response.body();
    const { responseBodySize } = await response.request().sizes();
    files.push({
      file: new URL(response.url()).pathname,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      sent: responseBodySize,
      encoding: response.headers()["content-encoding"] ?? "identity",
    });
  });
  await page.goto(`${base}${path}`);
  await page.locator("body[data-hydrated=true]").waitFor({ timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  const raw = files.reduce((sum, f) => sum + f.raw, 0);
  const gzip = files.reduce((sum, f) => sum + f.gzip, 0);
  const sent = files.reduce((sum, f) => sum + f.sent, 0);
  const encodings = [...new Set(files.map((f) => f.encoding))].join(", ");
  console.log(
    `${name} (${path}): ${files.length} files, ${kb(raw)} raw, ${kb(gzip)} gzip, ${kb(sent)} sent (${encodings})`,
  );
  for (const f of files.sort((a, b) => b.gzip - a.gzip)) {
    console.log(
      `    ${f.file.padEnd(64)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)} ${kb(f.sent).padStart(10)}`,
    );
  }
  await context.close();
}
await browser.close();
