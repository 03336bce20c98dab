import { defineConfig } from "@playwright/test";

// The release server on a port of its own, on a fresh SQLite file seeded with the demo world,
// signing people in with the test OpenID provider (oidc-provider.mjs) on the port beside it as
// well as with the demo identity provider.
const port = Number(process.env.E2E_PORT ?? 3100);
const providerPort = Number(process.env.E2E_OIDC_PORT ?? 3190);
const server = process.env.E2E_SERVER ?? "./target/release/server";

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  outputDir: "./test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: `node oidc-provider.mjs --port ${providerPort}`,
      url: `http://127.0.0.1:${providerPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command:
        `rm -rf end2end/.tmp && mkdir -p end2end/.tmp && ` +
        `DATABASE_URL=sqlite://end2end/.tmp/e2e.db LEPTOS_SITE_ADDR=127.0.0.1:${port} ` +
        `OIDC_ISSUER=http://127.0.0.1:${providerPort} OIDC_CLIENT_ID=lampss ` +
        `OIDC_CLIENT_SECRET=lampss-test-secret ` +
        `LEPTOS_SITE_ROOT=target/site RUST_LOG=warn ${server}`,
      cwd: "..",
      url: `http://127.0.0.1:${port}/login`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
