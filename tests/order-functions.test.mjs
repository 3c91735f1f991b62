// scripts/order-functions.mjs and the build's wasm-opt after it, on a small
// module: the functions end up grouped by signature, and the module still
// does what it did (calls, a table, an import, exports). Needs binaryen's
// wasm-as and wasm-opt (node_modules/.bin, scripts/setup.sh).
// Run: node --test tests/order-functions.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { functionTypes } from '../scripts/order-functions.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'node_modules/.bin');

// Signatures interleaved on purpose: (i32) -> i32 and (i32, i32) -> i32.
const WAT = `(module
  (import "env" "seen" (func $seen (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $twice $sum)
  (type $unary (func (param i32) (result i32)))
  (func $twice (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func $sum (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $thrice (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
  (func $diff (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
  (func $via_table (param i32) (result i32) (call_indirect (type $unary) (local.get 0) (i32.const 0)))
  (func (export "run") (param i32) (result i32)
    (call $seen (call $diff (call $sum (call $twice (local.get 0)) (call $thrice (local.get 0))) (call $via_table (i32.const 1)))))
)`;

async function run(bytes, x) {
  const seen = [];
  const { instance } = await WebAssembly.instantiate(bytes, { env: { seen: (v) => (seen.push(v), v) } });
  return [instance.exports.run(x), seen];
}

test('functions grouped by signature, behaviour unchanged', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'order-'));
  const file = (name) => path.join(dir, name);
  writeFileSync(file('in.wat'), WAT);
  execFileSync(path.join(BIN, 'wasm-as'), [file('in.wat'), '-o', file('in.wasm')]);
  // As scripts/build.sh does: no names in, ranks written, binaryen orders.
  execFileSync(path.join(BIN, 'wasm-opt'), ['--strip-debug', file('in.wasm'), '-o', file('stripped.wasm')]);
  execFileSync('node', [path.join(ROOT, 'scripts/order-functions.mjs'), file('stripped.wasm'), file('ranked.wasm')]);
  execFileSync(path.join(BIN, 'wasm-opt'), ['--reorder-functions-by-name', '--strip-debug', file('ranked.wasm'), '-o', file('out.wasm')]);
  const before = readFileSync(file('stripped.wasm'));
  const after = readFileSync(file('out.wasm'));

  const types = functionTypes(after);
  assert.equal(types.length, 6);
  // Each signature's functions in one run: no type comes back after another.
  const runs = types.filter((t, i) => i === 0 || t !== types[i - 1]);
  assert.equal(new Set(runs).size, runs.length, `types in order ${types}`);
  assert.notDeepEqual(functionTypes(before), types, 'the order changed');

  assert.ok(WebAssembly.validate(after));
  for (const x of [0, 1, 7, -5]) assert.deepEqual(await run(after, x), await run(before, x));
  assert.deepEqual(await run(after, 7), [7 * 2 + 7 * 3 - 2, [33]]);
});

test('refuses what is not a module with functions', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'order-'));
  writeFileSync(path.join(dir, 'empty.wasm'), Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  assert.throws(
    () => execFileSync('node', [path.join(ROOT, 'scripts/order-functions.mjs'), path.join(dir, 'empty.wasm'), path.join(dir, 'out.wasm')], { stdio: 'pipe' }),
    /no function section/,
  );
});
