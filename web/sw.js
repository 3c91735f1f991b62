/*
 * 昌吉日报数字报 service worker: offline reading and instant return.
 *
 * Registered by web/boot.js (when the app asks) as {base}sw.js with the
 * scope {base}; everything here is relative to that scope, so the same file
 * works at / and under a base such as /test/. Served with Cache-Control:
 * no-cache and never content-hashed: the browser checks it on every visit.
 *
 *   hashed assets (assets/name.<10 hex>.ext)  cache-first, precached on install
 *   published pages (navigations)             network-first, cache fallback,
 *                                             then the cached 404 shell (the
 *                                             app opens the place by its path)
 *   lists (index.json, archive, search)       network-first, cache fallback
 *   edition files (…/editions/…)              from the cache when there, and
 *                                             refreshed in the background
 *
 * Only same-origin GETs under the scope are handled; errors, partial and
 * opaque responses are never stored. The page asks, by message, for what it
 * has already read to be stored ('seen': its first visit ran before the worker
 * did) and for a whole edition ('plan', then 'download': 下载本期; replies carry
 * the request's id and the line the page shows). What an edition needs is
 * worked out here from its edition file, so that none of it weighs on the
 * app's module.
 */
'use strict';

// scripts/build.sh replaces the next line with the build's version and assets.
var BUILD = { version: 'dev', assets: [] };

var SCOPE = new URL(self.registration.scope);
var ASSETS = 'epaper-assets-' + BUILD.version;
// Pages name the build's assets: they go with them when a new build arrives.
var PAGES = 'epaper-pages-' + BUILD.version;
// Editions and lists stay across builds (a downloaded edition is kept).
var DATA = 'epaper-data-v1';
var KEEP = [ASSETS, PAGES, DATA];
var SHELL = new URL('404.html', SCOPE).href;
var MATCH = { ignoreVary: true };

self.addEventListener('install', function (event) {
  event.waitUntil(
    Promise.all([
      caches.open(ASSETS).then(function (cache) { return cache.addAll(BUILD.assets); }),
      // Without the shell, a page never visited cannot open offline.
      store(PAGES, SHELL).catch(function () {})
    ]).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf('epaper-') === 0 && KEEP.indexOf(name) < 0;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () {
      var preload = self.registration.navigationPreload;
      return preload ? preload.enable() : null;
    }).then(function () { return self.clients.claim(); })
  );
});

/** Which rule a request falls under, or null: not ours to handle. */
function kindOf(url, navigate) {
  if (url.origin !== SCOPE.origin) { return null; }
  var path = url.pathname;
  if (/\/assets\/[^\/]+\.[0-9a-f]{10}\.[a-z0-9]+$/.test(path)) { return 'asset'; }
  if (path.indexOf(SCOPE.pathname) !== 0) { return null; }
  if (navigate) { return 'page'; }
  if (/\/editions\/.+\/edition\.json$/.test(path)) { return 'edition'; }
  if (/\.json$/.test(path)) { return 'list'; }
  // PDFs are opened by viewers with range requests: left to the network.
  if (/\/editions\/.+\.(?:jpe?g|png|webp|avif|gif|svg)$/i.test(path)) { return 'edition'; }
  if (/\/$|\.html$/.test(path)) { return 'page'; }
  return null;
}

function cacheFor(kind) {
  return kind === 'asset' ? ASSETS : kind === 'page' ? PAGES : DATA;
}

/** Only complete, successful, same-origin answers are kept. */
function storable(response) {
  return response && response.status === 200 && response.type === 'basic';
}

function put(name, request, response) {
  if (!storable(response)) { return Promise.resolve(response); }
  var copy = response.clone();
  return caches.open(name)
    .then(function (cache) { return cache.put(request, copy); })
    .catch(function () {}) // quota: still answer from the network
    .then(function () { return response; });
}

/** Fetches and stores one URL; resolves with the response (stored or not). */
function store(name, url) {
  return fetch(url, { credentials: 'same-origin' }).then(function (response) {
    return put(name, url, response);
  });
}

function cached(request) {
  return caches.match(request, MATCH);
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET' || request.headers.has('range')) { return; }
  var url = new URL(request.url);
  var kind = kindOf(url, request.mode === 'navigate');
  if (!kind) { return; }
  if (kind === 'asset') {
    event.respondWith(cached(request).then(function (hit) {
      return hit || fetch(request).then(function (r) { return put(ASSETS, request, r); });
    }));
  } else if (kind === 'edition') {
    event.respondWith(fromCacheThenRefresh(event, request, url));
  } else {
    event.respondWith(networkFirst(event, request, kind));
  }
});

function networkFirst(event, request, kind) {
  var network = (kind === 'page' && event.preloadResponse ? event.preloadResponse : Promise.resolve())
    // Lists past the HTTP cache too (index.json may be cached for minutes):
    // the first open after publishing shows the new paper.
    .then(function (preloaded) {
      return preloaded || fetch(request, kind === 'list' ? { cache: 'no-cache' } : undefined);
    });
  return network.then(function (response) {
    // A server error is passed on, but an older copy beats an error page.
    if (response.status >= 500) {
      return cached(request).then(function (hit) { return hit || response; });
    }
    return put(cacheFor(kind), request, response);
  }, function (offline) {
    return cached(request).then(function (hit) {
      if (hit || kind !== 'page') { return hit || Promise.reject(offline); }
      return caches.match(SHELL).then(function (shell) { return shell || Promise.reject(offline); });
    });
  });
}

function fromCacheThenRefresh(event, request, url) {
  return cached(request).then(function (hit) {
    var refresh = fetch(request).then(function (r) { return put(DATA, request, r); });
    if (hit) {
      event.waitUntil(refresh.catch(function () {}));
      return hit;
    }
    return refresh.catch(function (offline) {
      return otherRendition(url).then(function (other) { return other || Promise.reject(offline); });
    });
  });
}

// Offline, a page picture at another width than the one stored (the reader
// zoomed in, or the screen turned) is better than none: the widest stored
// rendition of the same page (page-01-1200.jpg for page-01-2400.jpg).
function otherRendition(url) {
  var rendition = /^(.*-)(\d+)(\.[a-z]+)$/i;
  var want = rendition.exec(url.pathname);
  if (!want) { return Promise.resolve(null); }
  return caches.open(DATA).then(function (cache) {
    return cache.keys().then(function (keys) {
      var best = null;
      keys.forEach(function (key) {
        var m = rendition.exec(new URL(key.url).pathname);
        if (m && m[1] === want[1] && m[3] === want[3] && (!best || +m[2] > best.width)) {
          best = { key: key, width: +m[2] };
        }
      });
      return best ? cache.match(best.key, MATCH) : null;
    });
  });
}

/* ---------- messages from the page ---------- */

self.addEventListener('message', function (event) {
  var data = event.data || {};
  var client = event.source;
  var reply = function (message) {
    message.id = data.id;
    if (client) { client.postMessage(message); }
  };
  if (data.type === 'seen') {
    event.waitUntil(each(ours(data.urls), 2, function (item) {
      return cached(item.url).then(function (hit) { return hit || store(cacheFor(item.kind), item.url); });
    }));
  } else if (data.type === 'plan' || data.type === 'download') {
    var work = editionUrls(data, client ? client.url : SCOPE.href).then(function (urls) {
      return data.type === 'plan' ? plan(ours(urls), +data.pageGuess || 0).then(reply)
        : download(ours(urls), reply);
    }, function () {
      reply({ type: 'error', text: '暂时无法读取本期内容，请稍后再试。' });
    });
    event.waitUntil(work);
  }
});

/* ---------- 下载本期: what an edition needs ---------- */

var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
var ARTICLE_ID = /^[A-Za-z0-9_-]{1,64}$/; // is_article_id (src/edition/validate.rs)

function list(v) { return Array.isArray(v) ? v : []; }

// Everything a reader needs to read the edition offline: the index, the
// edition file, each page's picture at `data.px` device pixels across and its
// thumbnail, the published page of the edition, of each page and of each
// article on each page it stands on, and the articles' photos. Pages are
// addressed as the app links them (src/route.rs: {base}{date}/{page}/{id}/,
// keeping the test switch ?index=); files relative to the edition file.
function editionUrls(data, pageUrl) {
  var editionUrl = new URL(String(data.edition), pageUrl).href;
  var index = new URL(pageUrl).searchParams.get('index');
  // The app takes only a relative address there (location.rs, other_index).
  if (index && /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(index)) { index = null; }
  var query = index ? '?' + new URLSearchParams([['index', index]]) : '';
  var px = +data.px || 1200;
  return cached(editionUrl).then(function (hit) {
    return hit || fetch(editionUrl, { credentials: 'same-origin' });
  }).then(function (response) {
    if (!response.ok) { throw new Error('HTTP ' + response.status); }
    return response.json();
  }).then(function (edition) {
    if (!edition || !ISO_DATE.test(edition.date)) { throw new Error('no edition'); }
    var home = SCOPE.href + edition.date + '/';
    var file = function (image) {
      return image && typeof image.url === 'string' ? [new URL(image.url, editionUrl).href] : [];
    };
    var urls = [new URL(index || 'editions/index.json', SCOPE).href, editionUrl,
      SCOPE.href + query, home + query];
    list(edition.pages).forEach(function (page) {
      if (!(page.number > 0)) { return; }
      urls.push(home + page.number + '/' + query);
      urls.push.apply(urls, file(rendition(list(page.images), px)).concat(file(page.thumbnail)));
    });
    list(edition.articles).forEach(function (article) {
      if (!ARTICLE_ID.test(article.id)) { return; }
      list(article.regions).forEach(function (region) {
        if (region.page > 0) { urls.push(home + region.page + '/' + article.id + '/' + query); }
      });
      list(article.body).forEach(function (block) {
        if (block.type === 'figure') { urls.push.apply(urls, file(block.image)); }
      });
    });
    // Each once (an article on two regions of one page is one address).
    return urls.filter(function (url, i) { return urls.indexOf(url) === i; });
  });
}

// The rendition that best fills `px` device pixels across: the narrowest at
// least that wide, else the widest there is (Page::rendition_for, src/edition/mod.rs).
function rendition(images, px) {
  var sorted = images.filter(function (i) { return i && i.width > 0; })
    .sort(function (a, b) { return a.width - b.width; });
  for (var i = 0; i < sorted.length; i++) {
    if (sorted[i].width >= px) { return sorted[i]; }
  }
  return sorted[sorted.length - 1];
}

/** The page's list, keeping only URLs under this scope (and their rule). */
function ours(list) {
  var out = [];
  (Array.isArray(list) ? list : []).slice(0, 2000).forEach(function (raw) {
    var url;
    try { url = new URL(String(raw), SCOPE); } catch (e) { return; }
    var path = url.pathname;
    // Pages the app links to end with '/': they are pages, not lists.
    var kind = kindOf(url, /\/$|\.html$/.test(path));
    if (kind) { out.push({ url: url.href, kind: kind }); }
  });
  return out;
}

/** Runs `task` over `items`, `width` at a time; never rejects. */
function each(items, width, task) {
  var next = 0;
  function worker() {
    if (next >= items.length) { return Promise.resolve(); }
    var item = items[next++];
    return Promise.resolve().then(function () { return task(item); })
      .catch(function () {}).then(worker);
  }
  var workers = [];
  for (var i = 0; i < width; i++) { workers.push(worker()); }
  return Promise.all(workers);
}

function sizeOf(response) {
  return response.blob().then(function (b) { return b.size; });
}

// 1.2 MB, 850 KB: one decimal at most, none when it is 0.
function size(bytes) {
  return bytes >= 1000 * 1024 ? +(bytes / 1048576).toFixed(1) + ' MB' : Math.ceil(bytes / 1024) + ' KB';
}

// The size before downloading: what is stored, plus what the server says of
// the rest (HEAD). Pages compressed on the fly name no length: each counts as
// the page the reader has open (`pageGuess`).
function plan(urls, pageGuess) {
  var stored = 0;
  var bytes = 0;
  return each(urls, 4, function (item) {
    return cached(item.url).then(function (hit) {
      if (hit) {
        stored++;
        return sizeOf(hit).then(function (n) { bytes += n; });
      }
      return fetch(item.url, { method: 'HEAD', credentials: 'same-origin' }).then(function (r) {
        var length = +r.headers.get('content-length');
        bytes += length > 0 ? length : item.kind === 'page' ? pageGuess : 0;
      });
    });
  }).then(function () {
    return {
      type: 'plan',
      text: '本期共' + urls.length + '个文件，约' + size(bytes) + (stored ? '，已存' + stored + '个' : '') +
        '。存到本机后，没有网络也能阅读。'
    };
  });
}

// Stores every URL afresh (the list is the edition as it is now), and tells
// the page after each: n of m done with the bytes so far; then the total.
function download(urls, reply) {
  var done = 0;
  var failed = 0;
  var bytes = 0;
  var total = urls.length;
  var progress = function () {
    reply({ type: 'progress', done: done, total: total, text: '正在下载 ' + done + '/' + total + ' · ' + size(bytes) });
  };
  progress();
  return each(urls, 3, function (item) {
    return store(cacheFor(item.kind), item.url).then(function (response) {
      if (!storable(response)) { throw new Error('HTTP ' + response.status); }
      return sizeOf(response.clone());
    }).then(function (n) {
      bytes += n;
    }, function () {
      failed++;
    }).then(function () {
      done++;
      progress();
    });
  }).then(function () {
    var text = '本期已存到本机：' + (total - failed) + '/' + total + '个文件，共' + size(bytes) + '，没有网络也能阅读。';
    reply({
      type: 'done',
      failed: failed,
      text: failed ? text + '有' + failed + '个文件未能下载，可稍后再试。' : text
    });
  });
}
