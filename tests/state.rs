//! The app's state machine, without a browser: what the reader ends up seeing
//! for each sequence of loads and links.

#![cfg(not(target_arch = "wasm32"))]

use changji_epaper::edition::{read_edition, read_index, Edition};
use changji_epaper::error::LoadError;
use changji_epaper::route::Place;
use changji_epaper::state::{Action, AppState, Load};

const INDEX: &str = include_str!("fixtures/editions/index.json");
const LATEST: &str = include_str!("fixtures/editions/2000-01-03/edition.json");
const OLDER: &str = include_str!("fixtures/editions/2000-01-01/edition.json");
const INDEX_URL: &str = "test-editions/index.json";

fn edition(text: &str) -> Box<Edition> {
    Box::new(read_edition(text).unwrap())
}

fn started(hash: &str) -> AppState {
    let mut s = AppState::new(INDEX_URL.into(), Place::from_hash(hash));
    s.apply(Action::IndexLoaded(Ok(read_index(INDEX).unwrap())));
    s
}

fn loaded(hash: &str) -> AppState {
    let mut s = started(hash);
    let url = s.edition_url.clone().unwrap();
    let text = if url.contains("2000-01-03") {
        LATEST
    } else {
        OLDER
    };
    s.apply(Action::EditionLoaded {
        url,
        result: Ok(edition(text)),
    });
    s
}

#[test]
fn no_link_opens_page_one_of_the_latest_edition() {
    let s = started("");
    assert_eq!(
        s.edition_url.as_deref(),
        Some("test-editions/2000-01-03/edition.json")
    );
    let s = loaded("");
    assert_eq!(s.place.to_path("/"), "/2000-01-03/1/");
    assert_eq!(s.notice, None);
}

#[test]
fn an_article_link_opens_on_the_article_s_first_page() {
    let s = loaded("#/2000-01-03//p03-02");
    assert_eq!(s.place.article, None, "a malformed page drops the article");
    let s = loaded("#/2000-01-03/3/p03-02");
    assert_eq!(
        (s.place.page, s.place.article.as_deref()),
        (Some(3), Some("p03-02"))
    );
}

#[test]
fn links_to_missing_places_land_on_the_nearest_with_a_notice() {
    let s = loaded("#/2000-01-03/12");
    assert_eq!(s.place.page, Some(8));
    assert!(s.notice.as_deref().unwrap().contains("第12版"));
    let s = loaded("#/2000-01-03/2/no-such-article");
    assert_eq!((s.place.page, s.place.article.clone()), (Some(2), None));
    assert!(s.notice.is_some());
    let s = loaded("#/1999-12-31/1");
    assert_eq!(
        s.edition_url.as_deref(),
        Some("test-editions/2000-01-03/edition.json")
    );
    assert!(s.notice.as_deref().unwrap().contains("1999-12-31"));
}

#[test]
fn a_stale_edition_never_replaces_the_one_wanted_now() {
    let mut s = loaded("");
    s.apply(Action::Navigate(Place::from_hash("#/2000-01-01/1")));
    assert!(matches!(s.edition, Load::Loading));
    // The older request for 2000-01-03 answers late: ignored.
    s.apply(Action::EditionLoaded {
        url: "test-editions/2000-01-03/edition.json".into(),
        result: Ok(edition(LATEST)),
    });
    assert!(matches!(s.edition, Load::Loading));
    s.apply(Action::EditionLoaded {
        url: "test-editions/2000-01-01/edition.json".into(),
        result: Ok(edition(OLDER)),
    });
    assert_eq!(s.current_edition().unwrap().date, "2000-01-01");
}

#[test]
fn failures_show_and_retry_loads_again() {
    let mut s = started("");
    let url = s.edition_url.clone().unwrap();
    s.apply(Action::EditionLoaded {
        url: url.clone(),
        result: Err(LoadError::Http { status: 404, url }),
    });
    assert!(matches!(
        s.edition,
        Load::Failed(LoadError::Http { status: 404, .. })
    ));
    let before = s.attempt;
    s.apply(Action::Retry);
    assert!(matches!(s.edition, Load::Loading));
    assert_eq!(s.attempt, before + 1);

    let mut s = AppState::new(INDEX_URL.into(), Place::default());
    s.apply(Action::IndexLoaded(Err(LoadError::Timeout)));
    assert!(matches!(s.edition, Load::Failed(LoadError::Timeout)));
    s.apply(Action::Retry);
    assert!(matches!(s.index, Load::Loading));
}

#[test]
fn turning_pages_and_closing_the_reader_keep_the_edition() {
    let mut s = loaded("#/2000-01-03/2/p02-05");
    s.apply(Action::Navigate(Place::from_hash("#/2000-01-03/2")));
    assert_eq!(s.place.article, None);
    assert!(
        s.current_edition().is_some(),
        "no reload for a move inside the edition"
    );
    s.apply(Action::Navigate(Place::from_hash("#/2000-01-03/3")));
    assert_eq!(s.page_number(), Some(3));
}

#[test]
fn the_continued_article_stands_on_two_pages() {
    let e = read_edition(LATEST).unwrap();
    let a = e.article("p02-05").unwrap();
    assert_eq!(a.pages(), vec![2, 3]);
    assert_eq!(e.neighbour_page(8, 1), None);
    assert_eq!(e.neighbour_page(1, -1), None);
    let last_of_1 = e.articles_on(1).last().unwrap().id.clone();
    let first_of_2 = e.articles_on(2).first().unwrap().id.clone();
    assert_eq!(e.neighbour(&last_of_1, 1).unwrap().id, first_of_2);
}

#[test]
fn an_edition_dated_unlike_its_index_entry_is_refused() {
    // The index says 2000-01-03; the file it points to is dated 2000-01-01.
    let mut s = started("");
    let url = s.edition_url.clone().unwrap();
    s.apply(Action::EditionLoaded {
        url: url.clone(),
        result: Ok(edition(OLDER)),
    });
    match &s.edition {
        Load::Failed(LoadError::Invalid { url: at, problems }) => {
            assert_eq!(at, &url);
            assert!(
                problems
                    .iter()
                    .any(|p| p.code == "index-edition-date" && p.path == "$.editions[0].date"),
                "{problems:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}

/// The index with only its latest entry (2000-01-03) and `years` naming the
/// two years' lists: what the publish step writes for a long archive.
fn archived(hash: &str) -> AppState {
    use changji_epaper::archive::{IndexArchive, YearRef};
    let mut index = read_index(INDEX).unwrap();
    index.editions.truncate(1);
    let mut s = AppState::new(INDEX_URL.into(), Place::from_hash(hash));
    s.apply(Action::ArchiveLoaded(IndexArchive {
        years: vec![
            YearRef {
                year: 2000,
                url: "archive/2000.json".into(),
                count: 2,
            },
            YearRef {
                year: 1999,
                url: "archive/1999.json".into(),
                count: 1,
            },
        ],
        search: Some("../search/manifest.json".into()),
    }));
    s.apply(Action::IndexLoaded(Ok(index)));
    s
}

fn year_2000() -> changji_epaper::archive::ArchiveYear {
    changji_epaper::archive::read_archive_year(
        r#"{"format":"changji-epaper/archive","version":1,"publication":"昌吉日报","year":2000,
        "editions":[{"date":"2000-01-03","issue_number":2,"url":"../2000-01-03/edition.json"},
                    {"date":"2000-01-01","issue_number":1,"url":"../2000-01-01/edition.json"}]}"#,
    )
    .unwrap()
}

#[test]
fn an_edition_older_than_the_latest_entries_is_found_in_its_year_s_list() {
    let mut s = archived("#/2000-01-01/2");
    assert!(matches!(s.edition, Load::Loading));
    assert_eq!(s.edition_url, None, "nothing to load before the list is in");
    assert_eq!(
        s.year_to_load(),
        Some((2000, "test-editions/archive/2000.json".into()))
    );
    s.apply(Action::YearLoaded {
        year: 2000,
        result: Ok(year_2000()),
    });
    assert_eq!(s.year_to_load(), None);
    assert_eq!(
        s.edition_url.as_deref(),
        Some("test-editions/2000-01-01/edition.json")
    );
    assert_eq!(s.notice, None);
    let url = s.edition_url.clone().unwrap();
    s.apply(Action::EditionLoaded {
        url,
        result: Ok(edition(OLDER)),
    });
    assert_eq!(s.place.to_path("/"), "/2000-01-01/2/");
}

#[test]
fn a_date_in_no_list_opens_the_latest_with_a_notice_and_a_failed_list_too() {
    let mut s = archived("#/2000-01-02/1");
    s.apply(Action::YearLoaded {
        year: 2000,
        result: Ok(year_2000()),
    });
    assert_eq!(
        s.edition_url.as_deref(),
        Some("test-editions/2000-01-03/edition.json")
    );
    assert!(s.notice.as_deref().unwrap().contains("2000-01-02"));

    let mut s = archived("#/1999-12-31/1");
    s.apply(Action::YearLoaded {
        year: 1999,
        result: Err(LoadError::Timeout),
    });
    assert_eq!(
        s.edition_url.as_deref(),
        Some("test-editions/2000-01-03/edition.json")
    );
    assert!(s.notice.is_some());
}

#[test]
fn the_calendar_fetches_a_year_only_for_months_the_latest_entries_do_not_cover() {
    let mut s = archived("");
    assert!(s.has_archive(), "the years count three editions");
    assert_eq!(
        s.year_needed((2000, 2)),
        None,
        "after the oldest entry: nothing to fetch"
    );
    assert_eq!(s.year_needed((2000, 1)), Some(2000));
    assert_eq!(s.year_needed((1998, 12)), None, "no such year");
    assert_eq!(
        s.archive_span(),
        Some(("1999-01-01".into(), "2000-01-03".into()))
    );
    s.apply(Action::WantYear(2000));
    s.apply(Action::YearLoaded {
        year: 2000,
        result: Ok(year_2000()),
    });
    assert_eq!(s.year_needed((2000, 1)), None, "fetched once");
    assert!(s.known_dates().contains("2000-01-01"));
    // An answer nobody asked for is dropped.
    s.apply(Action::YearLoaded {
        year: 1999,
        result: Ok(year_2000()),
    });
    assert!(!s.years.contains_key(&1999));
}

#[test]
fn search_marks_last_while_the_article_is_open() {
    let mut s = loaded("");
    s.apply(Action::Search(Some("测试".into())));
    assert_eq!(s.search.as_deref(), Some("测试"));
    s.apply(Action::Navigate(Place::from_hash("#/2000-01-03/2/p02-05")));
    s.apply(Action::Marks(Some("测试".into())));
    assert_eq!(s.search, None, "opening a result leaves the search screen");
    assert_eq!(s.marks.as_deref(), Some("测试"));
    s.apply(Action::Navigate(Place::from_hash("#/2000-01-03/2")));
    assert_eq!(s.marks, None, "closing the reader drops the marks");
}
