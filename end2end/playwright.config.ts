import { defineConfig } from "@playwright/test";
import { execSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";

// The release server on a port of its own, on a fresh SQLite file seeded with the demo world,
// signing people in with the test OpenID provider (oidc-provider.mjs) on the port beside it as
// well as with the demo identity provider.
const port = Number(process.env.E2E_PORT ?? 3100);
const providerPort = Number(process.env.E2E_OIDC_PORT ?? 3190);
const server = process.env.E2E_SERVER ?? "./target/release/server";
// E2E_TLS=1: the server serves HTTPS (HTTP/2) with a certificate made by openssl, which the
// browser trusts by its key's hash: an untrusted one would change what the browser does (no
// cache, no secure cookies set by scripts).
const tls = process.env.E2E_TLS === "1";
const scheme = tls ? "https" : "http";
let certificate = "";
const trust: string[] = [];
if (tls) {
  const dir = `${__dirname}/.tls`;
  if (!existsSync(`${dir}/cert.pem`)) {
    mkdirSync(dir, { recursive: true });
    execSync(
      `openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=127.0.0.1 ` +
        `-addext subjectAltName=IP:127.0.0.1 -keyout ${dir}/key.pem -out ${dir}/cert.pem`,
      { stdio: "ignore" },
    );
  }
  const spki = execSync(
    `openssl x509 -in ${dir}/cert.pem -pubkey -noout | openssl pkey -pubin -outform der | ` +
      `openssl dgst -sha256 -binary | base64`,
  )
    .toString()
    .trim();
  trust.push(`--ignore-certificate-errors-spki-list=${spki}`);
  certificate = `TLS_CERT=end2end/.tls/cert.pem TLS_KEY=end2end/.tls/key.pem `;
}

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  outputDir: "./test-results",
  use: {
    baseURL: `${scheme}://127.0.0.1:${port}`,
    ignoreHTTPSErrors: tls,
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
        ...trust,
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
        `rm -rf end2end/.tmp && mkdir -p end2end/.tmp && ${certificate}` +
        `DATABASE_URL=sqlite://end2end/.tmp/e2e.db LEPTOS_SITE_ADDR=127.0.0.1:${port} ` +
        `OIDC_ISSUER=http://127.0.0.1:${providerPort} OIDC_CLIENT_ID=lampss ` +
        `OIDC_CLIENT_SECRET=lampss-test-secret ` +
        `LEPTOS_SITE_ROOT=target/site RUST_LOG=warn ${server}`,
      cwd: "..",
      url: `${scheme}://127.0.0.1:${port}/login`,
      ignoreHTTPSErrors: tls,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
