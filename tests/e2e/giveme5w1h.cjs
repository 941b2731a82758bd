// Giveme5W1H gold-standard article files (one JSON object each) to JSON Lines of articles as
// `tidings ingest` reads them: id, url, outlet, published, title, text.
"use strict";
const fs = require("fs");
const path = require("path");

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node giveme5w1h.cjs DIR > articles.jsonl");
  process.exit(2);
}
for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
  const a = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
  // As `tidings eval fusion` reads them: the title, a blank line, the text.
  const text = [a.title, a.text].filter(Boolean).join("\n\n");
  // Some files say "None" where the date is unknown.
  const published = /^\d{4}-\d{2}-\d{2}/.test(a.date_publish || "") ? a.date_publish.replace(" ", "T") : null;
  process.stdout.write(JSON.stringify({
    id: `giveme5w1h-${a.dId}`, url: a.url || null, outlet: a.publisher || null,
    published, title: a.title || null, text,
  }) + "\n");
}
