// Simulates the 丝路昌吉 app hosting the e-paper, and logs the traffic.
// The e-paper is framed on the same origin, so this page can also play the
// native bridges: it puts an Android-style object or an iOS-style handler
// into the frame's window before the app starts.
(function () {
  'use strict';
  var frame = document.getElementById('epaper');
  var log = document.getElementById('log');
  var BRIDGE = 'DemoHost';

  function record(direction, text) {
    var li = document.createElement('li');
    li.className = direction;
    li.textContent = (direction === 'out' ? 'e-paper → 宿主  ' : '宿主 → e-paper  ') + text;
    log.appendChild(li);
    log.scrollTop = log.scrollHeight;
  }

  function mode() {
    var checked = document.querySelector('input[name=mode]:checked');
    return checked ? checked.value : 'android';
  }

  // Installs the simulated native bridge as soon as the frame's document exists.
  function inject() {
    var w = frame.contentWindow;
    var started = Date.now();
    (function poll() {
      var ready = w && w.location.href.indexOf('embed=1') !== -1 && w.document.readyState !== 'uninitialized';
      if (!ready) {
        if (Date.now() - started < 5000) setTimeout(poll, 2);
        return;
      }
      var sink = { postMessage: function (json) { record('out', json); } };
      if (mode() === 'android') w[BRIDGE] = sink;
      if (mode() === 'ios') w.webkit = { messageHandlers: (function () { var h = {}; h[BRIDGE] = sink; return h; })() };
    })();
  }

  function load() {
    log.textContent = '';
    frame.src = '../?embed=1&bridge=' + BRIDGE;
    inject();
  }

  window.addEventListener('message', function (e) {
    if (e.source === frame.contentWindow && mode() === 'iframe') record('out', String(e.data));
  });

  Array.prototype.forEach.call(document.querySelectorAll('[data-command]'), function (button) {
    button.addEventListener('click', function () {
      var command = button.getAttribute('data-command');
      record('in', command);
      var w = frame.contentWindow;
      // A framing page posts from outside. (Native hosts run
      // window.postMessage(json, location.origin) inside the page through
      // evaluateJavascript; from here the parent posting is the closest match.)
      w.postMessage(command, location.origin);
    });
  });
  document.getElementById('back').addEventListener('click', function () {
    record('in', 'history.back()');
    frame.contentWindow.history.back();
  });
  Array.prototype.forEach.call(document.querySelectorAll('input[name=mode]'), function (r) {
    r.addEventListener('change', load);
  });
  load();
})();
