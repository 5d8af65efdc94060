// Runs chrono-node over the documents of the date-finding benchmark.
//
// Reads from standard input a JSON array of {"id", "text", "published"} (published is an
// ISO day) and writes to standard output one JSON object: {"version", "repeat",
// "parse_seconds", "documents": {id: [{"index", "text", "earliest", "latest"}]}}.
// parse_seconds is the best of `--repeat N` passes (default 3) over all documents and
// times chrono.parse alone, so it excludes node's start-up and the reading of the input.
//
// chrono gives each result a start (and sometimes an end) whose components are either
// certain (written in the text) or implied (filled in from the reference date). The
// bounds follow the finest certain component: a certain day (or weekday) gives that day,
// a certain month without a day the whole month, a certain year alone the whole year.
// A result with no certain calendar component ("3 days ago") keeps chrono's resolved day.
// Run with TZ=UTC: the reference date is noon UTC of the publication day.

import { readFileSync } from "node:fs";
import * as chrono from "chrono-node";

// chrono-node's exports map hides its package.json, so the version is read from disk.
const version = JSON.parse(
  readFileSync(new URL("./node_modules/chrono-node/package.json", import.meta.url), "utf8"),
).version;

const repeatFlag = process.argv.indexOf("--repeat");
const repeat = repeatFlag >= 0 ? Number(process.argv[repeatFlag + 1]) : 3;

const pad = (n, width = 2) => String(n).padStart(width, "0");
const iso = (y, m, d) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function bounds(components) {
  const y = components.get("year");
  const m = components.get("month");
  const d = components.get("day");
  if (components.isCertain("day") || components.isCertain("weekday")) {
    return [iso(y, m, d), iso(y, m, d)];
  }
  if (components.isCertain("month")) {
    return [iso(y, m, 1), iso(y, m, lastDay(y, m))];
  }
  if (components.isCertain("year")) {
    return [iso(y, 1, 1), iso(y, 12, 31)];
  }
  return [iso(y, m, d), iso(y, m, d)];
}

const documents = JSON.parse(readFileSync(0, "utf8"));
const inputs = documents.map((doc) => {
  const [y, m, d] = doc.published.split("-").map(Number);
  return { id: doc.id, text: doc.text, ref: new Date(Date.UTC(y, m - 1, d, 12)) };
});

let best = Infinity;
let parsed = null;
for (let run = 0; run < Math.max(1, repeat); run++) {
  const start = process.hrtime.bigint();
  const results = inputs.map((input) => chrono.parse(input.text, input.ref, { forwardDate: false }));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (seconds < best) best = seconds;
  parsed = results;
}

const out = {};
inputs.forEach((input, i) => {
  out[input.id] = parsed[i].map((result) => {
    const [earliest, startLatest] = bounds(result.start);
    const latest = result.end ? bounds(result.end)[1] : startLatest;
    // chrono counts UTF-16 code units; Python counts code points.
    const index = [...input.text.slice(0, result.index)].length;
    return { index, text: result.text, earliest, latest };
  });
});
process.stdout.write(JSON.stringify({ version, repeat, parse_seconds: best, documents: out }));
