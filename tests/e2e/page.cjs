// The page of `tidings serve` in headless Chromium: it loads, draws the timeline, filters,
// opens an event whose evidence and sources show, opens an actor; screenshots go to
// $TIDINGS_SCREENSHOTS. Started by run.sh, which starts the server and sets $TIDINGS_URL.
"use strict";
const path = require("path");
const { chromium } = require("playwright-core");

const url = process.env.TIDINGS_URL;
const shots = process.env.TIDINGS_SCREENSHOTS || ".";
// Debian's chromium; CHROMIUM names another build.
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const TIMEOUT = 15000;

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed += 1;
    console.log(`ok   ${name}`);
  } else {
    failed += 1;
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ""}`);
  }
}

async function main() {
  if (!url) throw new Error("TIDINGS_URL is not set (run tests/e2e/run.sh)");
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(TIMEOUT);
    const problems = [];
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("console", (msg) => { if (msg.type() === "error") problems.push(`console: ${msg.text()}`); });

    // 1. The list and the timeline.
    await page.goto(url);
    await page.waitForSelector("#events tbody tr");
    const rows = await page.locator("#events tbody tr").count();
    check("the event list shows events", rows > 0, `${rows} rows`);
    const bars = await page.locator("#timeline svg rect.bar").count();
    check("the timeline draws bars of events per day", bars > 0, `${bars} bars`);
    await page.screenshot({ path: path.join(shots, "list.png"), fullPage: true });

    // 2. Filter by the type of the first event: every row left has that type, and the
    // timeline only that type's colour.
    const type = (await page.locator("#events tbody tr:first-child td:nth-child(3) .tag").innerText()).trim();
    await page.selectOption("select[name=type]", type);
    await page.click("#apply");
    await page.waitForFunction((t) => location.hash.includes(`type=${t}`), type);
    await page.waitForSelector("#events tbody tr");
    const types = await page.locator("#events tbody tr td:nth-child(3) .tag").allInnerTexts();
    check(`filtering by type ${type} leaves only ${type} events`,
      types.length > 0 && types.every((t) => t.trim() === type), JSON.stringify(types));
    const barTypes = await page.locator("#timeline svg rect.bar").evaluateAll((rs) => rs.map((r) => r.dataset.type));
    check("the filtered timeline shows that type alone",
      barTypes.length > 0 && barTypes.every((t) => t === type), JSON.stringify(barTypes));

    // A filter nothing matches says so rather than showing stale rows.
    await page.fill("input[name=text]", "zzzqqqxyzzy");
    await page.click("#apply");
    await page.waitForFunction(() => document.querySelector("#summary")?.textContent.includes("No event"));
    check("a filter without matches empties the list", await page.locator("#events tbody tr").count() === 0);
    await page.click("#clear");
    await page.waitForSelector("#events tbody tr");

    // 3. Open an event: its evidence and sources must show.
    // The first event on the page told by the most articles: fusion at work.
    const counts = await page.locator("#events tbody tr td:nth-child(8)").allInnerTexts();
    const best = counts.map(Number).reduce((b, n, i, all) => (n > all[b] ? i : b), 0);
    const link = page.locator("#events tbody tr a.event-link").nth(best);
    const id = (await link.innerText()).trim();
    await link.click();
    await page.waitForSelector("#event .evidence li");
    check("the event page opens", page.url().includes(`#/event/${id}`), page.url());
    const sentences = await page.locator("#event .evidence li .sentence").count();
    check("the event shows its evidence sentences", sentences > 0, `${sentences}`);
    const triggers = await page.locator("#event .evidence mark.trigger").count();
    check("each evidence sentence highlights its trigger", triggers >= sentences, `${triggers} triggers, ${sentences} sentences`);
    const sources = await page.locator("#event .article").count();
    const outlets = await page.locator("#event .article .outlet").allInnerTexts();
    check("the event shows its source articles and outlets", sources > 0 && outlets.some((o) => o.trim()), JSON.stringify(outlets));
    const history = await page.locator("#event .history li").count();
    check("the event shows its status history", history > 0, `${history}`);
    await page.screenshot({ path: path.join(shots, "event.png"), fullPage: true });

    // 4. An actor page, from the first actor link anywhere on the event page.
    const actor = page.locator("#event a.actor-link").first();
    if (await actor.count() > 0) {
      await actor.click();
      await page.waitForSelector("#actor h1");
      const events = await page.locator("#actor .events tbody tr").count();
      check("the actor page lists the actor's events", events > 0, `${events}`);
      await page.screenshot({ path: path.join(shots, "actor.png"), fullPage: true });
    } else {
      check("the event names an actor to open", false, "no actor link");
    }

    check("no script errors", problems.length === 0, problems.join(" | "));
  } finally {
    await browser.close();
  }
}

main().then(
  () => {
    console.log(`e2e: ${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  },
  (err) => {
    console.error(`e2e: ${err.stack || err}`);
    console.log(`e2e: ${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  },
);
