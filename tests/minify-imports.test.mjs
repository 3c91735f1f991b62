// scripts/minify-imports.mjs on a hand-made module and glue: it renames a
// matching pair, and refuses (exit 1, nothing written) every mismatch it
// promises to catch. Run: node --test tests/minify-imports.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../scripts/minify-imports.mjs');
const MODULE = './fake_bg.js';
const IMPORT = '__wbg_log_0123456789abcdef';
const EXPORT = 'greet_export';

const name = (s) => [s.length, ...Buffer.from(s)];
const section = (id, bytes) => [id, bytes.length, ...bytes];

/** A module importing MODULE.IMPORT (a function) and exporting EXPORT, which calls it. */
function wasm(module = MODULE, field = IMPORT) {
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 0]), // type 0: () -> ()
    ...section(2, [1, ...name(module), ...name(field), 0x00, 0]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name(EXPORT), 0x00, 1]),
    ...section(10, [1, 4, 0, 0x10, 0, 0x0b]), // call 0; end
  ]);
}

/** A no-modules glue in wasm-bindgen's shape, for wasm(). */
function glue({ key = IMPORT, value = 'function() { exports.called = true; }', reads = EXPORT, instance = 'wasm = instance.exports;' } = {}) {
  return `let wasm_bindgen = (function(exports) {
  let wasm;
  function getImports() {
    const import0 = { ${key}: ${value} };
    return { "${MODULE}": import0 };
  }
  function initSync(module) {
    if (Object.getPrototypeOf(module) === Object.prototype) module = module.module;
    const instance = new WebAssembly.Instance(module, getImports());
    ${instance}
    return wasm;
  }
  exports.initSync = initSync;
  exports.greet = function() { wasm.${reads}(); };
  return exports;
})({});
`;
}

function run(wasmBytes, glueText) {
  const dir = mkdtempSync(path.join(tmpdir(), 'minify-imports-'));
  const files = ['in.wasm', 'in.js', 'out.wasm', 'out.js'].map((f) => path.join(dir, f));
  writeFileSync(files[0], wasmBytes);
  writeFileSync(files[1], glueText);
  const r = spawnSync(process.execPath, [SCRIPT, ...files], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, out: files.slice(2) };
}

test('a matching pair: short names in both, and the pair still works', () => {
  const r = run(wasm(), glue());
  assert.equal(r.status, 0, r.stderr);
  const mod = new WebAssembly.Module(readFileSync(r.out[0]));
  assert.deepEqual(WebAssembly.Module.imports(mod).map((i) => `${i.module}.${i.name}`), ['a.a']);
  assert.deepEqual(WebAssembly.Module.exports(mod).map((e) => e.name), ['a']);
  const js = readFileSync(r.out[1], 'utf8');
  assert.ok(!js.includes(IMPORT) && !js.includes(EXPORT), js);
  const ctx = vm.createContext({ WebAssembly });
  vm.runInContext(js, ctx);
  const arg = vm.runInContext('({})', ctx);
  arg.module = mod;
  vm.runInContext('wasm_bindgen', ctx).initSync(arg);
  vm.runInContext('wasm_bindgen.greet()', ctx);
  assert.equal(vm.runInContext('wasm_bindgen.called', ctx), true, 'the export calls the renamed import');
});

const REFUSALS = [
  ['not a module', () => [Buffer.from('not wasm at all'), glue()], /not a WebAssembly module/],
  ['already minified (run twice)', () => [wasm('a', 'b'), glue()], /already short/],
  ['the glue lacks the import', () => [wasm(), glue({ key: '__wbg_other_fedcba9876543210' })], /is not a key/],
  ['the glue reads an export the module lacks', () => [wasm(), glue({ reads: 'missing_export' })], /does not export/],
  ['not wasm-bindgen glue', () => [wasm(), glue({ instance: 'wasm = instance;' })], /not wasm-bindgen glue/],
  ['the import is not a function', () => [wasm(), glue({ value: '42' })], /gives no function/],
];

for (const [what, make, message] of REFUSALS) {
  test(`refuses: ${what}, writing nothing`, () => {
    const r = run(...make());
    assert.equal(r.status, 1, `exit status (stderr: ${r.stderr})`);
    assert.match(r.stderr, message);
    for (const f of r.out) assert.ok(!existsSync(f), `${path.basename(f)} not written`);
  });
}
