//! The app's state and the actions that change it. Plain Rust: the Yew layer
//! wraps it in a `Reducible`, the views only read it and send actions.

use crate::archive::{parse_date, ArchiveYear, IndexArchive};
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

/// The year lists by year, in a Vec sorted by year (a handful of entries: the
/// wasm links no B-tree code for it).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct YearLoads(Vec<(i32, Load<Rc<ArchiveYear>>)>);

impl YearLoads {
    pub fn get(&self, year: &i32) -> Option<&Load<Rc<ArchiveYear>>> {
        let i = self.0.binary_search_by_key(year, |(y, _)| *y).ok()?;
        Some(&self.0[i].1)
    }

    pub fn contains_key(&self, year: &i32) -> bool {
        self.get(year).is_some()
    }

    pub fn insert(&mut self, year: i32, load: Load<Rc<ArchiveYear>>) {
        match self.0.binary_search_by_key(&year, |(y, _)| *y) {
            Ok(i) => self.0[i].1 = load,
            Err(i) => self.0.insert(i, (year, load)),
        }
    }

    /// In year order.
    pub fn iter(&self) -> impl Iterator<Item = (&i32, &Load<Rc<ArchiveYear>>)> {
        self.0.iter().map(|(y, l)| (y, l))
    }

    pub fn values(&self) -> impl Iterator<Item = &Load<Rc<ArchiveYear>>> {
        self.0.iter().map(|(_, l)| l)
    }
}

/// Dates (`YYYY-MM-DD`) sorted and each once, looked up by binary search (the
/// wasm links no B-tree code for it).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dates(Vec<String>);

impl Dates {
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    pub fn contains(&self, date: &str) -> bool {
        self.0.binary_search_by(|d| d.as_str().cmp(date)).is_ok()
    }
}

impl FromIterator<String> for Dates {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut dates: Vec<String> = iter.into_iter().collect();
        dates.sort_unstable();
        dates.dedup();
        Dates(dates)
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
    /// Bumped by 重试 so that the loaders run again.
    pub attempt: u32,
    /// The index's archive fields: per-year lists and the search manifest.
    pub archive: Rc<IndexArchive>,
    /// Year lists asked for (`Loading`: the loader fetches it) or read.
    pub years: YearLoads,
    /// The search screen is open with this query (`/search/?q=…`).
    pub search: Option<String>,
    /// The query whose hits the reader marks (an article opened from results).
    pub marks: Option<Rc<str>>,
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
    /// The address is the search screen's, with this query.
    pub search: Option<String>,
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
    DismissNotice,
    /// The index's archive fields (read from the same file, before `IndexLoaded`).
    ArchiveLoaded(IndexArchive),
    /// The calendar shows a month of this year: fetch its list if there is one.
    WantYear(i32),
    YearLoaded {
        year: i32,
        result: Result<ArchiveYear, LoadError>,
    },
    /// Open (`Some`, possibly empty) or leave (`None`) the search screen.
    Search(Option<String>),
    /// Mark this query's hits in the reader (`None`: no marks).
    Marks(Option<Rc<str>>),
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
            attempt: 0,
            archive: Rc::default(),
            years: YearLoads::default(),
            search: None,
            marks: None,
        }
    }

    pub fn from_boot(boot: &Boot) -> Self {
        let mut state = AppState::new(boot.index_url.clone(), boot.place.clone());
        state.notice = boot.notice.clone();
        state.search = boot.search.clone();
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
                if place.article.is_none() {
                    self.marks = None;
                }
                self.search = None;
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
            Action::DismissNotice => self.notice = None,
            Action::ArchiveLoaded(archive) => self.archive = Rc::new(archive),
            Action::WantYear(year) => {
                if self.year_ref(year).is_some() && !self.years.contains_key(&year) {
                    self.years.insert(year, Load::Loading);
                }
            }
            Action::YearLoaded { year, result } => {
                if !matches!(self.years.get(&year), Some(Load::Loading)) {
                    return;
                }
                self.years.insert(
                    year,
                    match result {
                        Ok(list) => Load::Ready(Rc::new(list)),
                        Err(err) => Load::Failed(err),
                    },
                );
                // The edition asked for may be in this year's list.
                if self.edition_url.is_none() && self.year_of_place() == Some(year) {
                    self.choose_edition();
                }
            }
            Action::Search(query) => self.search = query,
            Action::Marks(marks) => self.marks = marks,
        }
    }

    fn year_ref(&self, year: i32) -> Option<&crate::archive::YearRef> {
        self.archive.years.iter().find(|y| y.year == year)
    }

    fn year_of_place(&self) -> Option<i32> {
        parse_date(self.place.date.as_deref()?).map(|(y, ..)| y)
    }

    /// The URL of a year's list (relative to the app, like the index).
    pub fn year_url(&self, year: i32) -> Option<String> {
        self.year_ref(year)
            .map(|y| resolve_url(&self.index_url, &y.url))
    }

    /// A year list the loader should fetch now (one at a time).
    pub fn year_to_load(&self) -> Option<(i32, String)> {
        self.years
            .iter()
            .find(|(_, l)| matches!(l, Load::Loading))
            .and_then(|(y, _)| Some((*y, self.year_url(*y)?)))
    }

    /// Every date known to have an edition: the index's latest ones and the
    /// years' lists read so far.
    pub fn known_dates(&self) -> Dates {
        let index = self
            .index
            .ready()
            .map(|i| &i.editions[..])
            .unwrap_or_default();
        let lists = self.years.values().filter_map(Load::ready);
        let listed = lists.flat_map(|list| list.editions.iter().map(|e| &e.date));
        index
            .iter()
            .map(|e| &e.date)
            .chain(listed)
            .cloned()
            .collect()
    }

    /// The year whose list the calendar needs to show `(year, month)`: the
    /// month starts before the index's oldest entry and the list is not read.
    pub fn year_needed(&self, (year, month): (i32, u32)) -> Option<i32> {
        let oldest = self.index.ready()?.editions.iter().map(|e| &e.date).min()?;
        let start = format!("{year:04}-{month:02}-01");
        (start < *oldest && self.year_ref(year).is_some() && !self.years.contains_key(&year))
            .then_some(year)
    }

    /// The archive's first and last dates, as far as known: the oldest
    /// year's list gives the first day, else that year's 1 January.
    pub fn archive_span(&self) -> Option<(String, String)> {
        let index = self.index.ready()?;
        let oldest_year = self.archive.years.iter().map(|y| y.year).min();
        let first = match oldest_year {
            Some(y) => match self.years.get(&y).and_then(Load::ready) {
                Some(list) => list.editions.last().map(|e| e.date.clone()),
                None => Some(format!("{y:04}-01-01")),
            },
            None => index.editions.iter().map(|e| e.date.clone()).min(),
        }?;
        Some((first, index.latest.clone()))
    }

    /// More than one edition to choose from: 往期 is worth showing.
    pub fn has_archive(&self) -> bool {
        let listed = self.index.ready().map_or(0, |i| i.editions.len());
        let counted: u32 = self.archive.years.iter().map(|y| y.count).sum();
        listed > 1 || counted > 1
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
        let found = index
            .editions
            .iter()
            .find(|e| e.date == wanted)
            .map(|e| resolve_url(&self.index_url, &e.url));
        let found = match found {
            Some(url) => Some(url),
            None => match self.in_year_list(&wanted) {
                Ok(url) => url,
                // Its year's list is on the way: choose again when it is in.
                Err(()) => {
                    self.edition_url = None;
                    self.edition = Load::Loading;
                    return;
                }
            },
        };
        let url = match found {
            Some(url) => url,
            None => {
                self.notice = Some(format!("没有找到 {wanted} 的报纸，已为您打开最新一期。"));
                self.place = Place::default();
                match index.editions.iter().find(|e| e.date == index.latest) {
                    Some(entry) => resolve_url(&self.index_url, &entry.url),
                    None => {
                        self.edition = Load::Failed(LoadError::NoSuchEdition(wanted));
                        return;
                    }
                }
            }
        };
        if self.edition_url.as_deref() != Some(url.as_str()) {
            self.edition_url = Some(url);
            self.edition = Load::Loading;
        }
        self.settle();
    }

    /// An edition older than the index's latest entries, from its year's
    /// list: `Ok(None)` when no list has it, `Err` while the list loads.
    fn in_year_list(&mut self, date: &str) -> Result<Option<String>, ()> {
        let Some((year, ..)) = parse_date(date) else {
            return Ok(None);
        };
        let Some(list_url) = self.year_url(year) else {
            return Ok(None);
        };
        match self.years.get(&year) {
            None => {
                self.years.insert(year, Load::Loading);
                Err(())
            }
            Some(Load::Loading) => Err(()),
            Some(Load::Failed(_)) => Ok(None),
            Some(Load::Ready(list)) => Ok(list
                .editions
                .iter()
                .find(|e| e.date == date)
                .map(|e| resolve_url(&list_url, &e.url))),
        }
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
