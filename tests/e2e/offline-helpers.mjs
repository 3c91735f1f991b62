// What the offline and second-module e2e files share: the article list on a
// phone, and the texts the 下载本期 control shows as it goes.

/** Opens 本版标题 on a phone (a sheet); on a desktop it is always there. */
export async function showList(page, device) {
  if (device === 'phone') {
    await page.locator('.page-bar .list-toggle').tap();
    await page.locator('.side.list-open').waitFor({ timeout: 20_000 });
  }
}

/** Records every text the download control shows (its steps pass quickly);
 *  an init script: it runs in the page. */
export function recordDownloadTexts() {
  window.__downloadTexts = [];
  new MutationObserver(() => {
    const box = document.querySelector('#app .offline-download');
    const text = box && box.textContent;
    if (text && window.__downloadTexts[window.__downloadTexts.length - 1] !== text) window.__downloadTexts.push(text);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}
