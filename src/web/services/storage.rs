//! The reader's settings — text size and theme — remembered in localStorage
//! and applied to `<html>` (`--text-scale`, `data-theme`), where the CSS
//! (styles/40-reader.css, styles/60-theme.css) reads them. The reader's
//! controls and the host's `text-size` command set the same values.
//!
//! localStorage through web-sys directly, not gloo-storage: two strings need
//! no serde layer, and gloo's `storage` feature would add its JSON glue.

/// The reader's text sizes, as a scale of its base size (1.0 = 18px at the
/// browser's default 16px root size). The host may set any 0.8–2.0.
pub const TEXT_SCALES: [f64; 5] = [0.875, 1.0, 1.15, 1.3, 1.5];
/// Their names, for the control and screen readers.
pub const TEXT_SIZE_NAMES: [&str; 5] = ["小", "标准", "大", "特大", "超大"];

/// Stored in thousandths ("1300"): an integer parse, no float parser in the module.
const TEXT_KEY: &str = "epaper.text-size";
const THEME_KEY: &str = "epaper.theme";
/// Fired on `window` when a setting changed, so that an open reader's
/// controls follow a host command.
pub const CHANGED_EVENT: &str = "epaper-settings";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follows `prefers-color-scheme` (nothing stored).
    System,
    Light,
    Dark,
}

impl Theme {
    fn parse(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
    /// The `data-theme` value on `<html>`; none follows the system.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub text_scale: f64,
    pub theme: Theme,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            text_scale: 1.0,
            theme: Theme::System,
        }
    }
}

/// A stored scale (thousandths), if it is one the reader can show.
pub fn parse_scale(s: &str) -> Option<f64> {
    let permille = s
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|v| (800..=2000).contains(v))?;
    Some(f64::from(permille) / 1000.0)
}

fn stored_scale(scale: f64) -> String {
    ((scale * 1000.0).round() as u32).to_string()
}

/// The step at or nearest below `scale` (a host may set one between steps).
pub fn step_of(scale: f64) -> usize {
    TEXT_SCALES
        .iter()
        .rposition(|s| *s <= scale + 1e-6)
        .unwrap_or(0)
}

/// The scale one step smaller (`-1`) or larger (`+1`), if there is one.
pub fn stepped(scale: f64, by: isize) -> Option<f64> {
    let here = step_of(scale);
    // Between two steps, "smaller" is the step below.
    let off_step = (TEXT_SCALES[here] - scale).abs() > 1e-6;
    let to = if by < 0 && off_step {
        here as isize
    } else {
        here as isize + by
    };
    usize::try_from(to)
        .ok()
        .and_then(|i| TEXT_SCALES.get(i).copied())
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;
    use wasm_bindgen::JsCast;

    fn store() -> Option<web_sys::Storage> {
        // Throws where storage is disabled (some webviews, privacy modes).
        gloo::utils::window().local_storage().ok().flatten()
    }

    /// A stored string; storage off or failing is "nothing stored".
    pub fn get(key: &str) -> Option<String> {
        store()?.get_item(key).ok().flatten()
    }

    /// Stores quietly: where storage is off or full, nothing happens.
    pub fn set(key: &str, value: &str) {
        if let Some(s) = store() {
            let _ = s.set_item(key, value);
        }
    }

    pub fn load() -> Settings {
        Settings {
            text_scale: get(TEXT_KEY)
                .as_deref()
                .and_then(parse_scale)
                .unwrap_or(1.0),
            theme: get(THEME_KEY)
                .as_deref()
                .map(Theme::parse)
                .unwrap_or(Theme::System),
        }
    }

    /// Applies to the page, remembers (quietly failing where storage is
    /// full or refused) and tells an open reader.
    pub fn save(settings: Settings) {
        apply(settings);
        if let Some(s) = store() {
            let _ = s.set_item(TEXT_KEY, &stored_scale(settings.text_scale));
            let _ = match settings.theme.attribute() {
                Some(t) => s.set_item(THEME_KEY, t),
                None => s.remove_item(THEME_KEY),
            };
        }
        if let Ok(event) = web_sys::Event::new(CHANGED_EVENT) {
            let _ = gloo::utils::window().dispatch_event(&event);
        }
    }

    pub fn apply(settings: Settings) {
        let Some(root) = gloo::utils::document().document_element() else {
            return;
        };
        let _ = match settings.theme.attribute() {
            Some(t) => root.set_attribute("data-theme", t),
            None => root.remove_attribute("data-theme"),
        };
        if let Ok(el) = root.dyn_into::<web_sys::HtmlElement>() {
            let style = el.style();
            let _ = if (settings.text_scale - 1.0).abs() < 1e-6 {
                style.remove_property("--text-scale").map(drop)
            } else {
                style.set_property(
                    "--text-scale",
                    &crate::geometry::num(settings.text_scale, 3),
                )
            };
        }
    }
}
#[cfg(target_arch = "wasm32")]
pub use browser::{apply, get, load, save, set};

// The publish step renders the defaults; the browser applies the stored values.
#[cfg(not(target_arch = "wasm32"))]
pub fn load() -> Settings {
    Settings::default()
}
#[cfg(not(target_arch = "wasm32"))]
pub fn save(_: Settings) {}
#[cfg(not(target_arch = "wasm32"))]
pub fn apply(_: Settings) {}
#[cfg(not(target_arch = "wasm32"))]
pub fn get(_: &str) -> Option<String> {
    None
}
#[cfg(not(target_arch = "wasm32"))]
pub fn set(_: &str, _: &str) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_go_up_and_down_and_stop_at_the_ends() {
        assert_eq!(stepped(1.0, 1), Some(1.15));
        assert_eq!(stepped(1.0, -1), Some(0.875));
        assert_eq!(stepped(0.875, -1), None);
        assert_eq!(stepped(1.5, 1), None);
        // The host set 1.2: one step up is 1.3, one down is 1.15.
        assert_eq!(stepped(1.2, 1), Some(1.3));
        assert_eq!(stepped(1.2, -1), Some(1.15));
        assert_eq!(stepped(2.0, 1), None);
        assert_eq!(stepped(2.0, -1), Some(1.5));
        assert_eq!(step_of(0.8), 0);
    }

    #[test]
    fn stored_values_are_checked() {
        assert_eq!(parse_scale(&stored_scale(1.3)), Some(1.3));
        assert_eq!(parse_scale(&stored_scale(0.875)), Some(0.875));
        assert_eq!(parse_scale("1.3"), None);
        assert_eq!(parse_scale("9000"), None);
        assert_eq!(parse_scale("NaN"), None);
        assert_eq!(parse_scale(""), None);
        assert_eq!(Theme::parse("dark"), Theme::Dark);
        assert_eq!(Theme::parse("<script>"), Theme::System);
    }
}
