#!/usr/bin/env node
// Usage: node scripts/minify-imports.mjs WASM GLUE OUT_WASM OUT_GLUE
//
// Short import and export names for a wasm-bindgen module and its JavaScript
// glue (wasm-bindgen --target no-modules, as scripts/build.sh builds every
// module: run on each pair, after wasm-opt and before esbuild).
// wasm-bindgen names every import after the Rust item and a hash
// (`__wbg_getItem_8a3c…`, 247 of them) and every closure export after its
// whole type (up to 300 characters); the module and the glue both carry each
// name, and both are downloaded on first load (-7.1 KB gzip measured).
//
// Renamed: each import module (to "a", "b", …: wasm-bindgen uses one), each
// import field (a, b, …, aa, …) and each export the glue reads as `wasm.NAME`.
// Exports the glue never reads keep their names (listed on stderr): something
// else may look them up. OUT_* may equal the inputs.
//
// Fails loudly (exit 1), writing nothing, when the two do not match: an
// import whose module or field the glue does not name, a `wasm.NAME` the
// module does not export, an old name still in the rewritten glue, or a
// rewritten glue whose import object (taken from its initSync, nothing run)
// lacks a function for an import of the rewritten module.
import { readFileSync, writeFileSync } from 'node:fs';
import vm from 'node:vm';

const die = (msg) => {
  console.error(`minify-imports: error: ${msg}`);
  process.exit(1);
};

const args = process.argv.slice(2);
if (args.length !== 4) die('usage: minify-imports.mjs WASM GLUE OUT_WASM OUT_GLUE');
const [wasmIn, glueIn, wasmOut, glueOut] = args;
const bytes = readFileSync(wasmIn);
const glue = readFileSync(glueIn, 'utf8');

// ---- the module: find the import (2) and export (7) sections ----------------
function reader(buf, pos) {
  return {
    pos,
    u8() { return buf[this.pos++]; },
    u32() {
      let result = 0, shift = 0, b;
      do {
        b = buf[this.pos++];
        result |= (b & 0x7f) << shift;
        shift += 7;
      } while (b & 0x80);
      return result >>> 0;
    },
    name() {
      const len = this.u32();
      const s = buf.toString('utf8', this.pos, this.pos + len);
      this.pos += len;
      return s;
    },
  };
}
const leb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
};
const encName = (s) => {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([leb(b.length), b]);
};

if (bytes.readUInt32LE(0) !== 0x6d736100) die(`${wasmIn}: not a WebAssembly module`);
const sections = []; // { id, start, end } of each section's content
for (let r = reader(bytes, 8); r.pos < bytes.length;) {
  const id = r.u8();
  const size = r.u32();
  sections.push({ id, start: r.pos, end: r.pos + size });
  r.pos += size;
}

// Imports: [module, field, descriptor bytes]; exports: [name, kind + index bytes].
const imports = [];
const exports = [];
for (const s of sections) {
  const r = reader(bytes, s.start);
  if (s.id === 2) {
    for (let n = r.u32(); n > 0; n--) {
      const module = r.name(), field = r.name(), from = r.pos;
      const kind = r.u8();
      if (kind === 0) r.u32(); // function: type index
      else if (kind === 1 || kind === 2) { // table (reftype, limits), memory (limits)
        if (kind === 1) r.u8();
        const flags = r.u8();
        r.u32();
        if (flags & 1) r.u32();
      } else if (kind === 3) r.pos += 2; // global: value type, mutability
      else die(`${wasmIn}: import ${module}.${field} of unknown kind ${kind}`);
      imports.push({ module, field, kind, desc: bytes.subarray(from, r.pos) });
    }
  } else if (s.id === 7) {
    for (let n = r.u32(); n > 0; n--) {
      const name = r.name(), from = r.pos;
      r.u8();
      r.u32();
      exports.push({ name, desc: bytes.subarray(from, r.pos) });
    }
  }
}
if (imports.length === 0 && exports.length === 0) die(`${wasmIn}: no imports or exports`);
// Old names are replaced as whole identifiers: a name of one or two letters
// (a module already rewritten) would hit unrelated code.
for (const n of [...imports.flatMap((i) => [i.module, i.field])]) {
  if (n.length <= 2) die(`${wasmIn}: import name "${n}" is already short (run twice?)`);
}

// ---- new names ---------------------------------------------------------------
// a, b, …, Z, then aa, ab, …: valid identifiers, and not words that a strict
// or old parser might refuse as a bare property name.
const FIRST = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const REST = `${FIRST}0123456789_$`;
const RESERVED = new Set(['do', 'if', 'in', 'for', 'let', 'new', 'try', 'var']);
function* shortNames() {
  for (let len = 1; ; len++) {
    const idx = new Array(len).fill(0);
    for (;;) {
      const s = FIRST[idx[0]] + idx.slice(1).map((i) => REST[i]).join('');
      if (!RESERVED.has(s)) yield s;
      let k = len - 1;
      while (k >= 0 && ++idx[k] === (k === 0 ? FIRST.length : REST.length)) idx[k--] = 0;
      if (k < 0) break;
    }
  }
}

// A name as a whole JavaScript identifier (not part of a longer one).
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const token = (name) => new RegExp(`(?<![\\w$])${esc(name)}(?![\\w$])`, 'g');

let out = glue;

// Import modules: named once each in the glue, as a quoted key of the object
// the glue hands to WebAssembly.instantiate.
const moduleNames = [...new Set(imports.map((i) => i.module))];
const moduleMap = new Map();
{
  const gen = shortNames();
  for (const m of moduleNames) {
    const quoted = new RegExp(`(["'])${esc(m)}\\1(?=\\s*:)`, 'g');
    if (!quoted.test(out)) die(`import module "${m}" is not a key in ${glueIn}`);
    const short = gen.next().value;
    moduleMap.set(m, short);
    out = out.replace(quoted, `"${short}"`);
  }
}

// Import fields: keys of the glue's import objects. One name space per module.
const fieldMap = new Map(); // "module\0field" -> new field
{
  const gens = new Map(moduleNames.map((m) => [m, shortNames()]));
  const seen = new Set();
  for (const imp of imports) {
    const key = `${imp.module}\0${imp.field}`;
    if (fieldMap.has(key)) continue;
    if (seen.has(imp.field)) die(`import field ${imp.field} is in two modules: cannot rename it in ${glueIn} alone`);
    seen.add(imp.field);
    const asKey = new RegExp(`(?<![\\w$])${esc(imp.field)}(?=\\s*:)`);
    if (!asKey.test(out)) die(`import ${imp.module}.${imp.field} is not a key in ${glueIn}`);
    const short = gens.get(imp.module).next().value;
    fieldMap.set(key, short);
    out = out.replace(token(imp.field), short);
  }
}

// Exports: what the glue reads as `wasm.NAME` (the instance's exports object).
if (!/\bwasm = instance\.exports\b/.test(glue)) die(`${glueIn}: no \`wasm = instance.exports\`: not wasm-bindgen glue?`);
const exportNames = new Set(exports.map((e) => e.name));
const read = new Set([...glue.matchAll(/(?<![\w$])wasm\.([\w$]+)/g)].map((m) => m[1]));
for (const name of read) {
  if (!exportNames.has(name)) die(`${glueIn} reads wasm.${name}, which ${wasmIn} does not export`);
}
const exportMap = new Map();
const kept = [];
{
  for (const { name } of exports) if (!read.has(name)) kept.push(name);
  const gen = shortNames();
  for (const { name } of exports) {
    if (!read.has(name)) continue;
    let short;
    do short = gen.next().value; while (kept.includes(short));
    exportMap.set(name, short);
    out = out.replace(new RegExp(`(?<![\\w$])wasm\\.${esc(name)}(?![\\w$])`, 'g'), `wasm.${short}`);
  }
}

// ---- checks on the rewritten glue -----------------------------------------------
for (const imp of imports) {
  if (token(imp.field).test(out)) die(`import name ${imp.field} still in the rewritten glue`);
}
for (const name of exportMap.keys()) {
  if (new RegExp(`(?<![\\w$])wasm\\.${esc(name)}(?![\\w$])`).test(out)) die(`wasm.${name} still in the rewritten glue`);
}

// ---- the rewritten module ------------------------------------------------------
const newImports = imports.map((imp) => ({
  ...imp,
  module: moduleMap.get(imp.module),
  field: fieldMap.get(`${imp.module}\0${imp.field}`),
}));
const newExports = exports.map((e) => ({ ...e, name: exportMap.get(e.name) ?? e.name }));
const parts = [bytes.subarray(0, 8)];
for (const s of sections) {
  let content;
  if (s.id === 2) {
    content = Buffer.concat([leb(newImports.length),
      ...newImports.flatMap((i) => [encName(i.module), encName(i.field), i.desc])]);
  } else if (s.id === 7) {
    content = Buffer.concat([leb(newExports.length), ...newExports.flatMap((e) => [encName(e.name), e.desc])]);
  } else {
    content = bytes.subarray(s.start, s.end);
  }
  parts.push(Buffer.from([s.id]), leb(content.length), content);
}
const wasmBytes = Buffer.concat(parts);

// The module must still compile, with exactly the new names.
let mod;
try {
  mod = new WebAssembly.Module(wasmBytes);
} catch (e) {
  die(`rewritten module does not compile: ${e.message}`);
}
const gotImports = WebAssembly.Module.imports(mod).map((i) => `${i.module}.${i.name}`).join(' ');
if (gotImports !== newImports.map((i) => `${i.module}.${i.field}`).join(' ')) die('rewritten module: imports not as written');
const gotExports = WebAssembly.Module.exports(mod).map((e) => e.name).join(' ');
if (gotExports !== newExports.map((e) => e.name).join(' ')) die('rewritten module: exports not as written');

// The glue's own import object (built by its initSync and caught before any
// instance exists) must hold a function for each function import of the new module.
{
  const caught = Symbol('caught');
  let given;
  const fakeWasm = {
    Module: WebAssembly.Module,
    Instance: function Instance(_module, importObject) {
      given = importObject;
      throw caught;
    },
  };
  const ctx = vm.createContext({ WebAssembly: fakeWasm, TextDecoder, TextEncoder, console });
  try {
    vm.runInContext(out, ctx, { filename: glueOut });
    // --target no-modules: `let wasm_bindgen = (function(exports) {…` (or the
    // name given by --no-modules-global).
    const global = /^(?:let|var|const) ([\w$]+) = \(function\(exports\)/m.exec(out)?.[1];
    const initSync = global && vm.runInContext(`${global}.initSync`, ctx);
    if (typeof initSync !== 'function') throw new Error(`no ${global ?? 'global'}.initSync (not no-modules glue?)`);
    // The glue tells its argument form by Object.prototype: make it in its realm.
    const arg = vm.runInContext('({})', ctx);
    arg.module = mod;
    initSync(arg);
  } catch (e) {
    if (e !== caught) die(`rewritten glue failed before instantiation: ${e?.message ?? e}`);
  }
  if (!given) die('rewritten glue never instantiated the module');
  for (const [n, i] of WebAssembly.Module.imports(mod).entries()) {
    const v = given[i.module]?.[i.name];
    if (i.kind === 'function' ? typeof v !== 'function' : v === undefined) {
      const was = imports[n];
      die(`rewritten glue gives no ${i.kind} for import ${i.module}.${i.name} (was ${was.module}.${was.field})`);
    }
  }
}

writeFileSync(wasmOut, wasmBytes);
writeFileSync(glueOut, out);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.error(`minify-imports: ${imports.length} imports, ${exportMap.size} exports renamed; `
  + `module ${kb(bytes.length)} -> ${kb(wasmBytes.length)}, glue ${kb(glue.length)} -> ${kb(out.length)}`
  + (kept.length ? `; kept (not read by the glue): ${kept.join(', ')}` : ''));
