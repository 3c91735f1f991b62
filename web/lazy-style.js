/*
 * Appended by scripts/build.sh to the second module's glue (which defines
 * `changji_lazy`, the module's init): its screens' stylesheet
 * (styles/lazy/*.css), named like the glue with `.css` (one hash for both),
 * is added to the page as the glue runs, and the init the app awaits
 * (src/web/lazy_loader.rs) settles only once it applies, so no screen shows
 * unstyled. A stylesheet that failed is removed, and the next init (the
 * app's 重试) adds it again. None of this weighs on the first load.
 */
changji_lazy = (function (init) {
  var href = document.currentScript.src.replace(/\.js$/, '.css');
  var style;
  function styled() {
    style = style || new Promise(function (resolve, reject) {
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.onload = resolve;
      link.onerror = function () {
        link.remove();
        style = null;
        reject(new Error('could not load ' + href));
      };
      document.head.appendChild(link);
    });
    return style;
  }
  styled();
  return Object.assign(function (options) {
    return Promise.all([init(options), styled()]).then(function (done) { return done[0]; });
  }, init);
})(changji_lazy);
