// Measures how long the app's pages take to become usable on a first visit over a slow
// connection, and writes a Markdown table. For each page: the time from navigation to the
// first paint and to interactive (the WebAssembly has hydrated the page: `body[data-hydrated]`),
// the bytes on the wire and the number of requests; with an empty cache (cold), with the cache
// of a first visit (warm), and cold with the CPU slowed 4×. Chrome DevTools emulates the
// connection: 100 ms round trip, 10 Mbit/s down, 5 Mbit/s up. The median of N runs.
//
//   node end2end/measure/first-load.mjs --base URL [--base URL …] [--trust SPKI]
//        [--runs N] [--output FILE]
//
// Each --base is one server (e.g. plain HTTP/1.1 and HTTPS with HTTP/2) serving the demo
// world. --trust is the base64 SHA-256 of an HTTPS server's public key: the browser trusts its
// certificate as a real one (an untrusted one is never cached). scripts/first-load.sh starts
// the servers.
import { chromium } from "@playwright/test";
import { writeFileSync } from "node:fs";

const args = process.argv.slice(2);
const bases = [];
const trust = [];
let runs = 5;
let output = "docs/performance.md";
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--base") bases.push(args[++i]);
  else if (args[i] === "--trust") trust.push(`--ignore-certificate-errors-spki-list=${args[++i]}`);
  else if (args[i] === "--runs") runs = Number(args[++i]);
  else if (args[i] === "--output") output = args[++i];
  else throw new Error(`unknown argument ${args[i]}`);
}
if (bases.length === 0) throw new Error("give at least one --base");

const NETWORK = { offline: false, latency: 100, downloadThroughput: (10e6 / 8), uploadThroughput: (5e6 / 8) };
const MODES = [
  { name: "cold", cache: false, cpu: 1 },
  { name: "warm", cache: true, cpu: 1 },
  { name: "cold, CPU 4× slower", cache: false, cpu: 4 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", ...trust],
});

/** Records, in the page's own clock, when it first paints and when it has hydrated. */
const MARKERS = () => {
  const mark = () => {
    if (document.body?.dataset.hydrated === "true" && window.__interactive === undefined) {
      window.__interactive = performance.now();
    }
  };
  new MutationObserver(mark).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
};

/** A signed-in administrator's cookies, and the ids of the pages to measure. */
async function signIn(base) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: "fr-CA" });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel("Courriel", { exact: true }).fill("admin@example.org");
  await page.getByLabel("Mot de passe", { exact: true }).fill("demo-admin-2026");
  await page.getByRole("button", { name: "Ouvrir une session", exact: true }).click();
  await page.waitForURL(/\/organization\/contacts/);
  const idOf = async (last) => {
    await page.goto(`${base}/organization/contacts?last_name=${last}`);
    const href = await page.locator("table.contacts tbody tr a").first().getAttribute("href");
    return href.split("?")[0].split("/").pop();
  };
  const details = await idOf("Arsenault");
  const invite = await idOf("Fraser");
  const state = await context.storageState();
  await context.close();
  return {
    state,
    pages: [
      { name: "sign-in", path: "/login", signedIn: false },
      { name: "contacts list", path: "/organization/contacts", signedIn: true },
      { name: "contact details", path: `/organization/contacts/${details}`, signedIn: true },
      { name: "invite", path: `/organization/contacts/${invite}/invite`, signedIn: true },
      { name: "add a contact", path: "/organization/contacts/new", signedIn: true },
    ],
  };
}

/**
 * Whether the page hydrates within a minute; one that does not is counted, not hidden, and
 * what went wrong on it (`errors`) is printed.
 */
async function hydrated(page, errors) {
  try {
    await page.locator("body[data-hydrated=true]").waitFor({ state: "attached", timeout: 60_000 });
    return true;
  } catch {
    console.error(`${page.url()} did not hydrate within a minute`, errors);
    return false;
  }
}

/** One visit of `url` (after a first one when the cache is warm): times, bytes, requests. */
async function visit(url, mode, state) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: "fr-CA", storageState: state });
  await context.addInitScript(MARKERS);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("requestfailed", (r) => errors.push(`${r.url()}: ${r.failure()?.errorText}`));
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", NETWORK);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: !mode.cache });
  if (mode.cache) {
    await page.goto(url);
    if (!(await hydrated(page, errors))) {
      await context.close();
      return null;
    }
    await page.goto("about:blank");
  }
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: mode.cpu });
  let bytes = 0;
  let requests = 0;
  const protocols = new Set();
  const started = new Map();
  const finished = new Map();
  cdp.on("Network.responseReceived", (e) => { if (e.response.protocol) protocols.add(e.response.protocol); });
  cdp.on("Network.requestWillBeSent", (e) => {
    requests += 1;
    if (!started.has(e.requestId)) started.set(e.requestId, { at: e.timestamp, document: e.type === "Document" });
  });
  cdp.on("Network.loadingFinished", (e) => {
    bytes += e.encodedDataLength;
    finished.set(e.requestId, e.timestamp);
  });
  await page.goto(url);
  if (!(await hydrated(page, errors))) {
    await context.close();
    return null;
  }
  const times = await page.evaluate(() => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    return { paint: paint ? paint.startTime : NaN, interactive: window.__interactive };
  });
  await context.close();
  return { ...times, bytes, requests, rounds: rounds(started, finished), protocols: [...protocols].join(", ") };
}

/**
 * How many rounds of files the page waited for after its HTML: a file asked for before any
 * other had arrived (the HTML aside) is in round 1; one asked for after files of round n had
 * arrived is in round n + 1. An upper bound on the chain of files that name the next.
 */
function rounds(started, finished) {
  const files = [...started.entries()].filter(([, r]) => !r.document)
    .map(([id, r]) => ({ start: r.at, end: finished.get(id) ?? Infinity }))
    .sort((a, b) => a.start - b.start);
  let deepest = 0;
  for (const file of files) {
    file.round = 1 + Math.max(0, ...files.filter((o) => o.end <= file.start && o.round).map((o) => o.round));
    deepest = Math.max(deepest, file.round);
  }
  return deepest;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const ms = (v) => (Number.isFinite(v) ? `${Math.round(v)} ms` : "–");
const kb = (v) => `${Math.round(v / 1024)} KB`;

const sections = [];
for (const base of bases) {
  const { state, pages } = await signIn(base);
  const rows = [];
  let protocol = "";
  for (const page of pages) {
    for (const mode of MODES) {
      const results = [];
      let stuck = 0;
      for (let run = 0; run < runs; run++) {
        const result = await visit(`${base}${page.path}`, mode, page.signedIn ? state : undefined);
        if (result) results.push(result);
        else stuck += 1;
      }
      if (results.length === 0) {
        rows.push(`| ${page.name} | ${mode.name} | – | never (${stuck} of ${runs}) | – | – | – |`);
        continue;
      }
      protocol ||= results[0].protocols;
      const never = stuck ? ` (${stuck} of ${runs} never)` : "";
      rows.push(`| ${page.name} | ${mode.name} | ${ms(median(results.map((r) => r.paint)))} | ` +
        `${ms(median(results.map((r) => r.interactive)))}${never} | ${kb(median(results.map((r) => r.bytes)))} | ` +
        `${median(results.map((r) => r.requests))} | ${median(results.map((r) => r.rounds))} |`);
      console.error(rows.at(-1));
    }
  }
  sections.push(`## ${base.startsWith("https") ? "HTTPS" : "HTTP"} (${protocol})\n\n` +
    "| page | cache | first paint | interactive | on the wire | requests | rounds after the HTML |\n" +
    "| --- | --- | --- | --- | --- | --- | --- |\n" + rows.join("\n") + "\n");
}
await browser.close();

const header = `# First load\n\nWritten by \`scripts/first-load.sh\` on ${new Date().toISOString().slice(0, 10)}: ` +
  `the release build on this machine, Debian's chromium with the connection emulated by DevTools ` +
  `(100 ms round trip, 10 Mbit/s down, 5 Mbit/s up), the median of ${runs} visits. *First paint* is ` +
  `the first contentful paint; *interactive* is when the WebAssembly has hydrated the page ` +
  `(\`body[data-hydrated]\`), from the start of navigation. *Cold*: an empty cache; *warm*: the ` +
  `files of a first visit cached; *CPU 4× slower*: cold, with DevTools' CPU throttling. *On the ` +
  `wire*: the encoded bytes of every response, headers included. *Rounds after the HTML*: a file asked for before any ` +
  `other file had arrived is in round 1, one asked for once a file of round n had arrived in round n + 1 ` +
  `(the longest chain of files the page may have waited for, one after the other).\n\n`;
writeFileSync(output, header + sections.join("\n"));
console.error(`wrote ${output}`);
