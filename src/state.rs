//! The app's state and the actions that change it. Plain Rust: the Yew layer
//! wraps it in a `Reducible`, the views only read it and send actions.

use crate::edition::{check_entry, resolve_url, Edition, EditionIndex};
use crate::error::LoadError;
use crate::route::{Links, Place};
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(LoadError),
}

impl<T> Load<T> {
    pub fn ready(&self) -> Option<&T> {
        match self {
            Load::Ready(t) => Some(t),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// Where the index is, relative to the app.
    pub index_url: String,
    pub index: Load<Rc<EditionIndex>>,
    /// The edition wanted now; results for any other URL are stale.
    pub edition_url: Option<String>,
    pub edition: Load<Rc<Edition>>,
    /// Where the reader is (settled against the edition once it is loaded).
    pub place: Place,
    /// A one-off message, e.g. that a link named a page that does not exist.
    pub notice: Option<String>,
    /// Article under the pointer or focus: all its regions light up.
    pub hovered: Option<String>,
    /// Bumped by 重试 so that the loaders run again.
    pub attempt: u32,
}

/// What the app starts from: read off the page's address in the browser, or
/// set by the publish step for the page it renders.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Boot {
    /// Where the index is (absolute path on the site, or an https URL).
    pub index_url: String,
    pub place: Place,
    pub links: std::rc::Rc<Links>,
    /// Inside a host app's webview (`?embed=1`): no masthead.
    pub embed: bool,
    /// A notice to show at once (e.g. an address that names no page).
    pub notice: Option<String>,
    /// The edition already at hand (the publish step), with its file's URL.
    pub edition: Option<(String, Rc<Edition>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The location changed (link, back button, in-app navigation).
    Navigate(Place),
    IndexLoaded(Result<EditionIndex, LoadError>),
    EditionLoaded {
        url: String,
        result: Result<Box<Edition>, LoadError>,
    },
    Retry,
    Hover(Option<String>),
    DismissNotice,
}

impl AppState {
    pub fn new(index_url: String, place: Place) -> Self {
        AppState {
            index_url,
            index: Load::Loading,
            edition_url: None,
            edition: Load::Loading,
            place,
            notice: None,
            hovered: None,
            attempt: 0,
        }
    }

    pub fn from_boot(boot: &Boot) -> Self {
        let mut state = AppState::new(boot.index_url.clone(), boot.place.clone());
        state.notice = boot.notice.clone();
        if let Some((url, edition)) = &boot.edition {
            state.edition_url = Some(url.clone());
            state.edition = Load::Ready(edition.clone());
            state.settle();
        }
        state
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Navigate(place) => {
                let date_changed = place.date != self.place.date;
                self.place = place;
                if date_changed {
                    self.choose_edition();
                } else {
                    self.settle();
                }
            }
            Action::IndexLoaded(Ok(index)) => {
                self.index = Load::Ready(Rc::new(index));
                self.choose_edition();
            }
            Action::IndexLoaded(Err(err)) => {
                self.index = Load::Failed(err.clone());
                self.edition = Load::Failed(err);
            }
            Action::EditionLoaded { url, result } => {
                if self.edition_url.as_deref() != Some(url.as_str()) {
                    return; // a stale answer for an edition no longer wanted
                }
                let mismatch = match &result {
                    Ok(edition) => self.check_against_index(&url, edition),
                    Err(_) => Vec::new(),
                };
                self.edition = match result {
                    // The index and the file must name the same day, or the
                    // address made from the file's date names no edition.
                    Ok(_) if !mismatch.is_empty() => Load::Failed(LoadError::Invalid {
                        url,
                        problems: mismatch,
                    }),
                    Ok(edition) => Load::Ready(Rc::from(edition)),
                    Err(err) => Load::Failed(err),
                };
                self.settle();
            }
            Action::Retry => {
                self.attempt += 1;
                if matches!(self.index, Load::Failed(_)) {
                    self.index = Load::Loading;
                }
                self.edition = Load::Loading;
            }
            Action::Hover(id) => self.hovered = id,
            Action::DismissNotice => self.notice = None,
        }
    }

    /// Picks the edition for the place's date from the index (the latest when
    /// none is named, or when the named one does not exist).
    fn choose_edition(&mut self) {
        let Some(index) = self.index.ready().cloned() else {
            return;
        };
        let wanted = self
            .place
            .date
            .clone()
            .unwrap_or_else(|| index.latest.clone());
        let entry = match index.editions.iter().find(|e| e.date == wanted) {
            Some(entry) => entry,
            None => {
                self.notice = Some(format!("没有找到 {wanted} 的报纸，已为您打开最新一期。"));
                self.place = Place::default();
                match index.editions.iter().find(|e| e.date == index.latest) {
                    Some(entry) => entry,
                    None => {
                        self.edition = Load::Failed(LoadError::NoSuchEdition(wanted));
                        return;
                    }
                }
            }
        };
        let url = resolve_url(&self.index_url, &entry.url);
        if self.edition_url.as_deref() != Some(url.as_str()) {
            self.edition_url = Some(url);
            self.edition = Load::Loading;
            self.hovered = None;
        }
        self.settle();
    }

    /// Problems between the index entry that points at `url` and the edition read from it.
    fn check_against_index(&self, url: &str, edition: &Edition) -> Vec<crate::edition::Problem> {
        let Some(index) = self.index.ready() else {
            return Vec::new();
        };
        index
            .editions
            .iter()
            .enumerate()
            .find(|(_, entry)| resolve_url(&self.index_url, &entry.url) == url)
            .map(|(i, entry)| check_entry(i, entry, edition))
            .unwrap_or_default()
    }

    fn settle(&mut self) {
        if let Some(edition) = self.edition.ready() {
            let (place, notice) = self.place.settle(edition);
            self.place = place;
            if notice.is_some() {
                self.notice = notice;
            }
        }
    }

    pub fn current_edition(&self) -> Option<&Rc<Edition>> {
        self.edition.ready()
    }

    /// The page shown now, once the edition is loaded.
    pub fn page_number(&self) -> Option<u32> {
        self.edition.ready().and(self.place.page)
    }
}
