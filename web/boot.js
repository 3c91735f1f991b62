/*
 * 昌吉日报数字报 boot loader.
 *
 * A classic script in ES5 syntax: it must parse on Chrome 53 / iOS 10 webviews so
 * that readers there get a message and the page images instead of a blank screen.
 * No `let`, `const`, arrow functions, template strings, classes or async here.
 *
 * The build (scripts/build.sh) writes on this script's tag:
 *   data-wasm      URL of the (content-hashed) WebAssembly module
 *   data-editions  URL of editions/index.json (for the no-WebAssembly fallback;
 *                  `?index=<relative URL>` in the page's address overrides it,
 *                  as it does for the app)
 * The wasm-bindgen glue (target no-modules) is loaded before this script and
 * defines the global `wasm_bindgen`. The Rust app mounts itself from its
 * #[wasm_bindgen(start)] function: into #app on the 404 shell, or (a published
 * page, #app[data-published]) beside the static markup, which it then replaces
 * (src/web/take_over.rs).
 *
 * Outcome is recorded on <html data-boot="…">: "loading", "ok", "fallback"
 * (no WebAssembly, or the engine's policy refuses it) or "error" (it failed to
 * load); the e2e tests read it.
 */
(function () {
  'use strict';

  var doc = document;
  var root = doc.documentElement;
  var script = doc.currentScript || findBootScript();
  var wasmUrl = attr(script, 'data-wasm') || 'pkg/changji_epaper_bg.wasm';
  var editionsUrl = queryIndex() || attr(script, 'data-editions') || 'editions/index.json';
  applyStoredComfort();
  keepHostMessages();
  offerWorker();

  // A host app may command the page (docs/embedding.md) before the app's host
  // side listens: it comes with the second module, which the app starts only
  // when there is a host or a message. Messages are kept here raw, as
  // [data, origin, 1 own window | 2 parent | 0 other], the last 64, a string
  // cut past the 4 KB limit (the cut one is still refused as too long); the
  // first wakes the app (`wake`, set by src/web/host_bridge.rs), and the host
  // side (src/web/services/host.rs) checks them all, then calls `stop`.
  function keepHostMessages() {
    var inbox = window.__epaperInbox = [];
    function keep(e) {
      var data = e.data;
      if (typeof data === 'string' && data.length > 4096) { data = data.substring(0, 4097); }
      if (inbox.length >= 64) { inbox.shift(); inbox.lost = (inbox.lost || 0) + 1; }
      var from = e.source === window ? 1 : e.source && e.source === window.parent ? 2 : 0;
      inbox.push([data, e.origin, from]);
      var wake = inbox.wake;
      inbox.wake = null;
      if (wake) { wake(); }
    }
    window.addEventListener('message', keep);
    inbox.stop = function () { window.removeEventListener('message', keep); };
  }

  // The service worker (web/sw.js), registered here rather than in the app's
  // module. The app calls `__epaperOffline` once the edition shows
  // (src/web/components/offline.rs): registered earlier, the worker would
  // claim the page while the edition's files are still in flight, and 'seen'
  // would miss them. Only where it can work: a secure context with service
  // workers and Cache Storage (many webviews have neither); a refusal is a
  // warning, reading goes on without it.
  function offerWorker() {
    var sw;
    try {
      sw = window.isSecureContext && 'caches' in window && navigator.serviceWorker;
    } catch (e) { sw = null; }
    if (!sw) { return; }
    var waiting = false;
    window.__epaperOffline = function () {
      try {
        // Again on every start: the browser then checks the worker for an update.
        var base = root.getAttribute('data-base') || '';
        if (base.charAt(0) !== '/' || base.charAt(base.length - 1) !== '/' || base.indexOf('//') === 0) {
          base = '/';
        }
        sw.register(base + 'sw.js', { scope: base }).then(null, function (e) {
          window.console.warn('[昌吉日报数字报] 离线阅读不可用：' + ((e && e.message) || ''));
        });
        if (sw.controller) {
          seen();
        } else if (!waiting) {
          waiting = true;
          // The first visit's worker claims the page once it is active.
          sw.addEventListener('controllerchange', seen);
        }
      } catch (e) { log('service worker', e); }
    };
    // This page and every same-origin file it has loaded so far: on the first
    // visit they came before the worker, which stores them when asked.
    function seen() {
      var worker = sw.controller;
      if (!worker) { return; }
      var urls = [window.location.href];
      var origin = window.location.origin;
      var perf = window.performance;
      var list = perf && perf.getEntriesByType ? perf.getEntriesByType('resource') : [];
      for (var i = 0; i < list.length; i++) {
        if (typeof list[i].name === 'string' && list[i].name.indexOf(origin) === 0) { urls.push(list[i].name); }
      }
      worker.postMessage({ type: 'seen', id: 0, urls: urls });
    }
  }

  // The reader's own 夜间/字号 choice (src/web/services/storage.rs keeps it), applied
  // before the wasm arrives so a published page does not show the other theme first.
  function applyStoredComfort() {
    try {
      var theme = localStorage.getItem('epaper.theme');
      if (theme === 'dark' || theme === 'light') { root.setAttribute('data-theme', theme); }
      var size = parseInt(localStorage.getItem('epaper.text-size'), 10);
      if (size >= 800 && size <= 2000 && size !== 1000) {
        root.style.setProperty('--text-scale', String(size / 1000));
      }
    } catch (e) { /* storage refused (private mode, webview policy): defaults */ }
  }

  function findBootScript() {
    var list = doc.getElementsByTagName('script');
    for (var i = list.length - 1; i >= 0; i--) {
      if (list[i].getAttribute('data-wasm')) { return list[i]; }
    }
    return null;
  }

  // `?index=` points the app at another index on the same site (test editions);
  // the app accepts only relative URLs there, and so does this fallback.
  function queryIndex() {
    var pairs = (window.location.search || '').replace(/^\?/, '').split('&');
    for (var i = 0; i < pairs.length; i++) {
      var eq = pairs[i].indexOf('=');
      if (eq > 0 && pairs[i].substring(0, eq) === 'index') {
        var value;
        try {
          value = decodeURIComponent(pairs[i].substring(eq + 1).replace(/\+/g, ' '));
        } catch (e) {
          return null;
        }
        // Relative to the site's base (the page itself may be /2025-05-21/1/).
        var safe = safeUrl(value, root.getAttribute('data-base') || '/');
        return safe && !/^https:/i.test(safe) ? safe : null;
      }
    }
    return null;
  }

  function attr(el, name) {
    return el && el.getAttribute ? el.getAttribute(name) : null;
  }

  function setState(state) {
    root.setAttribute('data-boot', state);
  }

  function app() {
    return doc.getElementById('app');
  }

  function el(tag, className, text) {
    var e = doc.createElement(tag);
    if (className) { e.className = className; }
    if (text) { e.textContent = text; }
    return e;
  }

  function log(message, err) {
    if (window.console && window.console.warn) {
      window.console.warn('[boot] ' + message, err || '');
    }
  }

  /* ---------- safe URLs from editions/index.json ---------- */

  // Accept only https: URLs and relative URLs (no scheme, no protocol-relative
  // //host form, no backslashes that some parsers treat as slashes). Everything
  // else (javascript:, data:, http:, app schemes) is dropped.
  function safeUrl(url, base) {
    if (typeof url !== 'string') { return null; }
    url = url.replace(/^[\s\u0000-\u001f]+|[\s\u0000-\u001f]+$/g, '');
    if (!url || /[\u0000-\u001f\\]/.test(url)) { return null; }
    if (/^https:\/\/[^\/?#]/i.test(url)) { return url; }
    if (/^[a-z][a-z0-9+.\-]*:/i.test(url) || url.indexOf('//') === 0) { return null; }
    return resolve(url, base);
  }

  // Resolves a relative URL against the index file's URL (itself relative to the
  // page), without relying on the URL constructor (missing on old webviews).
  function resolve(url, base) {
    if (url.charAt(0) === '/' || url.charAt(0) === '?' || url.charAt(0) === '#') { return url; }
    var dir = base.replace(/[?#].*$/, '');
    dir = dir.substring(0, dir.lastIndexOf('/') + 1);
    return dir + url;
  }

  /* ---------- fallback: no WebAssembly, or it failed to load ---------- */

  function getJson(url, done) {
    var xhr;
    try {
      xhr = new XMLHttpRequest();
      xhr.open('GET', url, true);
      xhr.timeout = 15000;
    } catch (e) {
      done(null);
      return;
    }
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) { return; }
      var data = null;
      if (xhr.status >= 200 && xhr.status < 300) {
        try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
      }
      done(data);
    };
    try { xhr.send(); } catch (e) { done(null); }
  }

  function latestEntry(index) {
    if (!index || !index.editions || !index.editions.length) { return null; }
    var list = index.editions;
    for (var i = 0; i < list.length; i++) {
      if (list[i] && list[i].date === index.latest) { return list[i]; }
    }
    return list[0] || null;
  }

  function showPageLinks(box) {
    getJson(editionsUrl, function (index) {
      var entry = latestEntry(index);
      var images = entry && entry.page_images;
      if (!images || !images.length) { return; }
      var heading = '今日版面';
      if (typeof entry.date === 'string' && entry.date.length <= 20) {
        heading = entry.date + ' 版面';
      }
      var list = el('ul', 'boot-pages');
      var count = 0;
      for (var i = 0; i < images.length && i < 64; i++) {
        var href = safeUrl(images[i], editionsUrl);
        if (!href) { continue; }
        count++;
        var a = el('a', 'boot-page-link', '第' + (i + 1) + '版');
        a.setAttribute('href', href);
        a.setAttribute('rel', 'noopener');
        var li = el('li');
        li.appendChild(a);
        list.appendChild(li);
      }
      if (!count) { return; }
      box.appendChild(el('h2', 'boot-pages-title', heading));
      box.appendChild(list);
    });
  }

  // On a published page the static markup already is the paper (picture,
  // links to every story, the story's whole text): keep it, and say in a
  // short note what is missing instead of replacing it.
  function published() {
    var target = app();
    return target && target.hasAttribute('data-published') ? target : null;
  }

  function showNote(kind, text) {
    var target = published();
    target.removeAttribute('aria-busy');
    var note = el('p', 'boot-note', text);
    note.setAttribute('data-boot-' + kind, '');
    note.setAttribute('role', 'note');
    target.insertBefore(note, target.firstChild);
  }

  function showMessage(kind, lines, withReload) {
    if (published()) {
      showNote(kind, lines[lines.length - 1]);
      return;
    }
    var target = app();
    if (!target) { return; }
    while (target.firstChild) { target.removeChild(target.firstChild); }
    target.removeAttribute('aria-busy');
    var box = el('div', 'boot-message boot-message-' + kind);
    box.setAttribute('data-boot-' + kind, '');
    box.setAttribute('role', 'alert');
    box.appendChild(el('h1', 'boot-message-title', '昌吉日报 数字报'));
    for (var i = 0; i < lines.length; i++) {
      box.appendChild(el('p', 'boot-message-text', lines[i]));
    }
    if (withReload) {
      var button = el('button', 'boot-reload', '重新加载');
      button.setAttribute('type', 'button');
      button.onclick = function () { window.location.reload(); };
      box.appendChild(button);
    }
    target.appendChild(box);
    showPageLinks(box);
  }

  function showUnsupported() {
    setState('fallback');
    if (published()) {
      showNote('fallback', '此浏览器不支持数字报的缩放和翻版功能；点选版面或“本版标题”中的文章即可阅读全文。');
      return;
    }
    showMessage('fallback', [
      '您的浏览器或应用内置浏览器不支持 WebAssembly，无法打开数字报交互版。',
      '您可以直接查看今日各版面的图片，或换用系统浏览器（如 Chrome、Safari）的最新版本打开本页。'
    ], false);
  }

  function showError(err) {
    log('WebAssembly app failed to load', err);
    setState('error');
    if (published()) {
      showNote('error', '数字报的交互功能未能加载，您仍可点选文章阅读全文；网络恢复后可刷新页面重试。');
      return;
    }
    showMessage('error', [
      '数字报加载失败，可能是网络不稳定或浏览器版本过旧。',
      '请检查网络后重新加载；也可以先查看今日各版面的图片。'
    ], true);
  }

  /* ---------- the WebAssembly app ---------- */

  // Chrome 72 and older do not know 'wasm-unsafe-eval'. Sent the modern policy
  // by mistake (a User-Agent the server does not recognise, a cache that drops
  // Vary: User-Agent), Chrome 69 aborts its renderer and 70 segfaults inside
  // WebAssembly.instantiate, which can take a host app with it. Compiling the
  // 8-byte empty module synchronously throws a clean CompileError instead:
  // ask that first, and show the fallback when it refuses.
  function wasmCompiles() {
    try {
      return new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])) instanceof WebAssembly.Module;
    } catch (e) {
      log('this engine or its policy refuses WebAssembly', e);
      return false;
    }
  }

  function started() {
    var target = app();
    if (target && !target.hasAttribute('data-published')) { target.removeAttribute('aria-busy'); }
    setState('ok');
    askForSecondModule();
  }

  // The second module (the reader, search, 往期) is asked for as soon as the
  // first runs, while the app reads the edition: its bytes take ~0.75 s on a
  // 1.6 Mbit/s line, and a story tapped once the app has taken over waits for
  // them. The app's loader (src/web/lazy_loader.rs) takes this response
  // instead of asking again, and asks again after a failure; where it asked
  // first (a host app's start), it has left null here. Only on a published
  // page, whose picture has loaded already: on the shell the app has the
  // edition and the picture still to fetch, and asks once the page is shown.
  function askForSecondModule() {
    var url = attr(script, 'data-lazy-wasm');
    if (!url || typeof window.fetch !== 'function' || window.__epaperLazyWasm !== undefined || !published()) { return; }
    var early = window.fetch(url, { credentials: 'same-origin' });
    early.then(null, function () {}); // the loader reports it
    window.__epaperLazyWasm = early;
  }

  // Downloads the module ourselves, for webviews whose streaming compile throws
  // (some Android WebView / WKWebView builds, fetch wrapped by debug consoles).
  function fetchBytes(url) {
    if (typeof window.fetch === 'function') {
      return window.fetch(url, { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status + ' for ' + url); }
        return response.arrayBuffer();
      });
    }
    return new Promise(function (resolveBytes, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open('GET', url, true);
      xhr.responseType = 'arraybuffer';
      xhr.onload = function () {
        if (xhr.status >= 200 && xhr.status < 300) { resolveBytes(xhr.response); }
        else { reject(new Error('HTTP ' + xhr.status + ' for ' + url)); }
      };
      xhr.onerror = function () { reject(new Error('network error for ' + url)); };
      xhr.send();
    });
  }

  function start() {
    // The glue declares `let wasm_bindgen` at its top level: a global binding,
    // but not a property of window.
    /* global wasm_bindgen */
    var init = typeof wasm_bindgen === 'function' ? wasm_bindgen : null;
    if (!init) {
      // The glue did not load or did not parse on this engine.
      showError(new Error('wasm_bindgen glue missing'));
      return;
    }
    var first;
    try {
      first = init({ module_or_path: wasmUrl });
    } catch (e) {
      first = Promise.reject(e);
    }
    first.then(started, function (err) {
      if (err instanceof WebAssembly.RuntimeError) {
        // The module was compiled and ran, then trapped (a panic in the app's
        // start): downloading it again would not help.
        showError(err);
        return;
      }
      log('streaming start failed, retrying with an ArrayBuffer', err);
      fetchBytes(wasmUrl).then(function (bytes) {
        return init({ module_or_path: bytes });
      }).then(started, showError);
    });
  }

  // The page picture comes first: a published page is complete without the
  // app, so the module starts only once the page has loaded (nothing competes
  // with the picture for the phone's bandwidth, and a tap meanwhile is an
  // ordinary link to the story's own page).
  // The picture may be loaded but not yet painted when 'load' fires: start the
  // module's work (compile, first render) only after the next frame.
  function whenLoaded(run) {
    function afterPaint() {
      if (typeof window.requestAnimationFrame === 'function') {
        window.requestAnimationFrame(function () { setTimeout(run, 0); });
      } else {
        setTimeout(run, 0);
      }
    }
    if (doc.readyState === 'complete') {
      afterPaint();
    } else {
      window.addEventListener('load', afterPaint);
    }
  }

  /* ---------- a trap once the app runs: the recovery screen ---------- */

  // The release module aborts on a panic at once, running no Rust (panic =
  // immediate-abort, scripts/build.sh): the trap reaches us as a
  // WebAssembly.RuntimeError thrown from an event handler ('error') or a
  // promise job ('unhandledrejection'). The module is dead by then, so the
  // screen is plain DOM with a link back to the same address.
  function showCrash(err) {
    var target = app();
    var state = root.getAttribute('data-boot');
    if (!(err instanceof WebAssembly.RuntimeError) || !target || state === 'error' ||
        target.getElementsByClassName('crashed').length) { return; }
    log('the app stopped (WebAssembly trap)', err);
    var twins = doc.getElementsByClassName('app-twin');
    while (twins.length) { twins[0].parentNode.removeChild(twins[0]); }
    while (target.firstChild) { target.removeChild(target.firstChild); }
    target.removeAttribute('data-published');
    target.removeAttribute('aria-busy');
    var panel = el('div', 'error-panel crashed');
    panel.setAttribute('role', 'alert');
    panel.appendChild(el('h2', '', '数字报出了点问题'));
    panel.appendChild(el('p', '', '很抱歉，页面遇到意外错误。重新加载即可回到刚才阅读的位置。'));
    var reload = el('a', 'button primary', '重新加载');
    reload.setAttribute('href', window.location.href);
    panel.appendChild(reload);
    target.appendChild(panel);
  }

  setState('loading');
  if (typeof WebAssembly !== 'object' || typeof Promise !== 'function' || !wasmCompiles()) {
    showUnsupported();
  } else {
    window.addEventListener('error', function (e) { showCrash(e.error); });
    window.addEventListener('unhandledrejection', function (e) { showCrash(e.reason); });
    whenLoaded(start);
  }
})();
