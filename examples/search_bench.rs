//! The app's archive search (`Searcher`) as a small module of its own, for
//! `tools/bench/search.mjs` to time in Chromium against Pagefind. Not shipped.
//! Build: `cargo build --release --example search_bench --target wasm32-unknown-unknown`
//! then `wasm-bindgen --target web`.
#![cfg(target_arch = "wasm32")]

use changji_epaper::web::Searcher;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Bench {
    searcher: Searcher,
}

#[wasm_bindgen]
impl Bench {
    #[wasm_bindgen(constructor)]
    pub fn new(base: &str) -> Bench {
        Bench {
            searcher: Searcher::new(base),
        }
    }

    /// Searches; `done` gets `[hits shown, total]`, or an error string.
    pub fn search(&self, query: &str, done: js_sys::Function) {
        let handle = self.searcher.search(query, Searcher::PAGE, move |result| {
            let value = match result {
                Ok(r) => {
                    let titles: js_sys::Array = r
                        .hits
                        .iter()
                        .map(|h| JsValue::from_str(&format!("{} {}", h.date, h.title.text)))
                        .collect();
                    js_sys::Array::of2(&JsValue::from(r.total as u32), &titles).into()
                }
                Err(e) => JsValue::from_str(&e.detail()),
            };
            let _ = done.call1(&JsValue::NULL, &value);
        });
        // Kept running: the benchmark never cancels.
        std::mem::forget(handle);
    }
}
