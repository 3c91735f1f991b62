// How long the publish step takes: one 8-page/60-article edition (the synthetic
// test edition 2000-01-03), a 365-edition archive of it, and that archive with
// one new edition added (only the new day is rendered). Prints a table and
// writes the "publish" part of results/latest.json.
//
//   node tools/bench/publish.mjs            (builds the release publish binary)
//   EDITIONS=3650 node tools/bench/publish.mjs

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { log, saveResult } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORK = path.join(ROOT, 'target/bench/publish');
const COUNT = Number(process.env.EDITIONS || 365);
const SOURCE = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/editions/2000-01-03/edition.json'), 'utf8'));
const SHELL = path.join(ROOT, 'dist/.shell.html');

function day(i) {
  return new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
}

/** Writes `n` daily editions (copies of the test edition, marked test data) and their index. */
function archive(dir, n) {
  fs.rmSync(dir, { recursive: true, force: true });
  const editions = [];
  for (let i = 0; i < n; i++) editions.push(addEdition(dir, i));
  writeIndex(dir, editions);
  return editions;
}

function addEdition(dir, i) {
  const date = day(i);
  const edition = { ...SOURCE, date, issue_number: 10000 + i, test_data: true };
  fs.mkdirSync(path.join(dir, date), { recursive: true });
  fs.writeFileSync(path.join(dir, date, 'edition.json'), JSON.stringify(edition));
  return { date, issue_number: edition.issue_number, url: `${date}/edition.json` };
}

function writeIndex(dir, editions) {
  const sorted = [...editions].sort((a, b) => b.date.localeCompare(a.date));
  const index = { format: 'changji-epaper/index', version: 1, publication: '昌吉日报', latest: sorted[0].date, editions: sorted };
  fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify(index));
}

function publish(editions, out) {
  const started = process.hrtime.bigint();
  const stdout = execFileSync(path.join(ROOT, 'target/release/publish'), ['--editions', editions, '--out', out], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, line: stdout.trim() };
}

function freshOut(out) {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  fs.copyFileSync(SHELL, path.join(out, '.shell.html'));
}

function files(dir) {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? files(path.join(dir, e.name)) : 1;
  return n;
}

if (!fs.existsSync(SHELL)) throw new Error('no dist/.shell.html: run scripts/build.sh first');
log('publish bench: cargo build --release --bin publish');
execFileSync('cargo', ['build', '--quiet', '--release', '--bin', 'publish'], { cwd: ROOT, stdio: 'inherit' });

const rows = [];
const one = path.join(WORK, 'one');
const oneOut = path.join(WORK, 'one-site');
archive(one, 1);
freshOut(oneOut);
rows.push(['1 edition (8 pages, 60 articles), first publish', publish(one, oneOut)]);

const many = path.join(WORK, 'archive');
const manyOut = path.join(WORK, 'archive-site');
const list = archive(many, COUNT);
freshOut(manyOut);
rows.push([`${COUNT} editions, first publish`, publish(many, manyOut)]);
rows.push([`${COUNT} editions, nothing changed`, publish(many, manyOut)]);
list.push(addEdition(many, COUNT));
writeIndex(many, list);
rows.push([`${COUNT} editions + 1 new edition`, publish(many, manyOut)]);

console.log(`\n| run | time | publish says |\n| --- | ---: | --- |`);
for (const [what, r] of rows) console.log(`| ${what} | ${(r.ms / 1000).toFixed(2)} s | ${r.line.replace(/^publish: /, '')} |`);
console.log(`\nsite files for ${COUNT + 1} editions: ${files(manyOut)}`);
saveResult('publish', { editions: COUNT, runs: rows.map(([what, r]) => ({ what, ms: Math.round(r.ms), output: r.line })) });
