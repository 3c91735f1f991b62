//! Search, end to end in plain Rust: the index built from editions, written as
//! files, read back as a client would (manifest, then only the shards the
//! query names, then fragments), ranked and marked.

#![cfg(not(target_arch = "wasm32"))]

use changji_epaper::edition::{read_edition, Edition};
use changji_epaper::search::{
    build, candidates, fragment_files, rank, search_edition, verify, DocText, Field, Hit,
    IndexBuilder, Manifest, Query, SearchIndex, Shard,
};
use std::collections::HashMap;

const SAMPLE: &str = include_str!("../editions/2025-05-21/edition.json");
const TEST_EDITION: &str = include_str!("fixtures/editions/2000-01-03/edition.json");
const SMALL: &str = include_str!("fixtures/editions/2000-01-01/edition.json");

fn edition(text: &str) -> Edition {
    read_edition(text).expect("fixture is valid")
}

/// The site a client sees: every file by its path, and a log of what it fetched.
struct Site {
    files: HashMap<String, Vec<u8>>,
    fetched: std::cell::RefCell<Vec<String>>,
}

impl Site {
    fn new(index: &SearchIndex, editions: &[&Edition]) -> Site {
        let mut files: HashMap<String, Vec<u8>> = index.files().into_iter().collect();
        for e in editions {
            for (path, json) in fragment_files(e) {
                files.insert(path, json.into_bytes());
            }
        }
        Site {
            files,
            fetched: Default::default(),
        }
    }

    fn get(&self, url: &str) -> Vec<u8> {
        let path = url.split('?').next().unwrap();
        self.fetched.borrow_mut().push(path.to_string());
        self.files
            .get(path)
            .cloned()
            .unwrap_or_else(|| panic!("404 {path}"))
    }

    /// What the app's search service does, synchronously.
    fn search(&self, text: &str) -> Vec<Hit> {
        let manifest: Manifest = serde_json::from_slice(&self.get("manifest.json")).unwrap();
        let query = Query::parse(text);
        let shards: Vec<Shard> = query
            .shard_urls(&manifest)
            .iter()
            .map(|u| Shard::decode(self.get(u)).unwrap())
            .collect();
        let found = candidates(&query, &shards).unwrap();
        let mut hits: Vec<Hit> = found
            .iter()
            .filter_map(|c| {
                let doc: DocText =
                    serde_json::from_slice(&self.get(&c.fragment_url(&manifest))).unwrap();
                verify(&query, &doc, c.article)
            })
            .collect();
        rank(&mut hits);
        hits
    }
}

fn ids(hits: &[Hit]) -> Vec<(&str, &str)> {
    hits.iter()
        .map(|h| (h.date.as_str(), h.article.as_str()))
        .collect()
}

/// The same edition on another day (ties are broken by the date).
fn on(date: &str, e: &Edition) -> Edition {
    Edition {
        date: date.into(),
        ..e.clone()
    }
}

#[test]
fn suanli_finds_the_computing_centre_lead_first() {
    let sample = edition(SAMPLE);
    let index = build(&[&sample]).unwrap();
    let site = Site::new(&index, &[&sample]);
    let hits = site.search("算力");
    assert_eq!(
        ids(&hits),
        [
            ("2025-05-21", "computing-centre"),
            ("2025-05-21", "zhundong-projects")
        ],
        "the kicker hit ranks above the body-only one"
    );
    let lead = &hits[0];
    assert_eq!(lead.page, 1);
    assert_eq!(lead.field, Field::Heading);
    assert_eq!(hits[1].field, Field::Body);
    // The snippet marks 算力 where it stands.
    let marked: Vec<&str> = lead
        .snippet
        .pieces()
        .into_iter()
        .filter(|(_, hit)| *hit)
        .map(|(t, _)| t)
        .collect();
    assert!(
        !marked.is_empty() && marked.iter().all(|t| *t == "算力"),
        "{marked:?}"
    );
}

#[test]
fn zhundong_finds_the_feature_by_its_subtitle_before_the_photo() {
    let sample = edition(SAMPLE);
    let hits = search_edition(&sample, &Query::parse("准东"));
    assert_eq!(
        hits.iter().map(|h| h.article.as_str()).collect::<Vec<_>>(),
        ["zhundong-projects", "zhundong-aluminium-photo"]
    );
    assert_eq!(hits[0].field, Field::Heading);
}

#[test]
fn latin_and_digits_are_found_whatever_the_case_or_width() {
    let sample = edition(SAMPLE);
    let index = build(&[&sample]).unwrap();
    let site = Site::new(&index, &[&sample]);
    for q in ["2000P", "2000p", "２０００Ｐ"] {
        assert_eq!(
            ids(&site.search(q)),
            [("2025-05-21", "computing-centre")],
            "{q}"
        );
    }
    let ccus = site.search("ccus");
    assert_eq!(ids(&ccus), [("2025-05-21", "zhundong-projects")]);
    let s = &ccus[0].snippet;
    assert_eq!(
        &s.text[s.hits[0].clone()],
        "CCUS",
        "the original text is marked"
    );
    assert!(
        site.search("2000Nm").is_empty() && site.search("ccu").is_empty(),
        "words match whole, not as prefixes"
    );
}

#[test]
fn no_hits_and_queries_the_index_cannot_answer() {
    let sample = edition(SAMPLE);
    let index = build(&[&sample]).unwrap();
    let site = Site::new(&index, &[&sample]);
    assert!(site.search("火星基地").is_empty());
    assert!(Query::parse("，。！").is_empty());
    let one = Query::parse("煤");
    assert!(
        !one.is_empty() && !one.is_indexable(),
        "a lone character needs the open edition"
    );
    assert!(
        !search_edition(&sample, &one).is_empty(),
        "…where it is found"
    );
}

#[test]
fn a_phrase_needs_its_characters_together() {
    // 中心 and 算力 both occur in the lead, but 心算 (their join) nowhere.
    let sample = edition(SAMPLE);
    let index = build(&[&sample]).unwrap();
    let site = Site::new(&index, &[&sample]);
    assert!(site.search("心算").is_empty());
    // Two words apart are both required, anywhere in the article.
    assert_eq!(
        ids(&site.search("CCUS 准东")),
        [("2025-05-21", "zhundong-projects")]
    );
    assert!(site.search("CCUS 算力中心").is_empty());
}

#[test]
fn title_hits_rank_first_then_headings_then_body_and_newer_first_on_ties() {
    let sample = edition(SAMPLE);
    let (older, newer) = (on("2025-05-20", &sample), on("2025-05-22", &sample));
    let index = build(&[&newer, &sample, &older]).unwrap();
    let site = Site::new(&index, &[&older, &sample, &newer]);
    let hits = site.search("昌吉");
    let order: Vec<(Field, &str)> = hits.iter().map(|h| (h.field, h.date.as_str())).collect();
    let mut sorted = order.clone();
    sorted.sort_by(|a, b| (a.0, b.1).cmp(&(b.0, a.1)));
    assert_eq!(order, sorted, "field first, then newest");
    assert_eq!(hits[0].field, Field::Title);
    assert_eq!(hits[0].date, "2025-05-22");
    // 昌吉 stands in the lead's column 栏目: a heading, after every title hit.
    assert_eq!(hits.last().unwrap().field, Field::Heading);
    assert_eq!(hits.last().unwrap().article, "computing-centre");
    // Within one day and field, the edition's order.
    let titles: Vec<&str> = hits
        .iter()
        .filter(|h| h.date == "2025-05-22" && h.field == Field::Title)
        .map(|h| h.article.as_str())
        .collect();
    assert_eq!(titles, ["social-science-week", "rumour-works"]);
}

#[test]
fn a_query_fetches_only_its_own_shards() {
    let (a, b, c) = (edition(SAMPLE), edition(TEST_EDITION), edition(SMALL));
    let mut builder = IndexBuilder::default();
    for e in [&c, &b, &a] {
        builder.add(e).unwrap();
    }
    let index = builder.finish_with_bits(6);
    assert_eq!(index.shards.len(), 64);
    let site = Site::new(&index, &[&a, &b, &c]);
    let hits = site.search("算力中心");
    assert_eq!(hits[0].article, "computing-centre");
    let fetched = site.fetched.borrow().clone();
    let shards: Vec<&String> = fetched.iter().filter(|p| p.starts_with("s/")).collect();
    // 算力 力中 中心: three terms, at most three shards of 64.
    assert!((1..=3).contains(&shards.len()), "{shards:?}");
    let expected: Vec<String> = Query::parse("算力中心")
        .shards(6)
        .iter()
        .map(|n| format!("s/{n:02x}.bin"))
        .collect();
    assert_eq!(shards, expected.iter().collect::<Vec<_>>());
    // Fragments only for the hits' articles.
    assert_eq!(
        fetched.iter().filter(|p| p.starts_with("f/")).count(),
        hits.len()
    );
}

#[test]
fn a_missing_or_broken_shard_is_an_error_not_a_panic() {
    let sample = edition(SAMPLE);
    let mut builder = IndexBuilder::default();
    builder.add(&sample).unwrap();
    let index = builder.finish_with_bits(4);
    let query = Query::parse("算力中心");
    assert!(candidates::<Shard>(&query, &[]).is_err(), "no shards given");
    let bytes = &index.shards[query.shards(4)[0] as usize];
    for cut in [0, 3, 5, bytes.len() / 2, bytes.len() - 1] {
        // Either refused when decoded, or when the postings are read.
        let ok = Shard::decode(bytes[..cut].to_vec())
            .map(|s| candidates(&query, &[s]).is_err())
            .unwrap_or(true);
        assert!(ok, "a shard cut at {cut} bytes was accepted");
    }
    assert!(Shard::decode(b"{\"not\":\"a shard\"}".to_vec()).is_err());
}

#[test]
fn the_index_round_trips_every_term_of_every_article() {
    let (a, b) = (edition(SAMPLE), edition(TEST_EDITION));
    let index = build(&[&a, &b]).unwrap();
    let manifest: Manifest = serde_json::from_slice(&index.files()[0].1).unwrap();
    assert_eq!(manifest, index.manifest);
    assert_eq!((manifest.editions, manifest.articles), (2, 5 + 60));
    assert_eq!(manifest.first.as_deref(), Some("2000-01-03"));
    assert_eq!(manifest.last.as_deref(), Some("2025-05-21"));
    let shards: Vec<Shard> = index
        .shards
        .iter()
        .map(|s| Shard::decode(s.clone()).unwrap())
        .collect();
    // Every article is found by its own title through the index, and the
    // index finds exactly what a scan of the edition finds.
    for e in [&a, &b] {
        for (n, art) in e.articles.iter().enumerate() {
            let q = Query::parse(&art.title);
            let found = candidates(&q, &shards).unwrap();
            let day = changji_epaper::archive::day_number(&e.date).unwrap();
            assert!(
                found.iter().any(|c| c.day == day && c.article == n as u32),
                "{} {} not found by its title",
                e.date,
                art.id
            );
        }
    }
    for text in ["测试", "算力", "第1版", "ccus", "本报讯"] {
        let q = Query::parse(text);
        let mut scanned: Vec<(String, String)> = [&a, &b]
            .iter()
            .flat_map(|e| search_edition(e, &q))
            .map(|h| (h.date, h.article))
            .collect();
        let docs: HashMap<(String, u32), DocText> = [&a, &b]
            .iter()
            .flat_map(|e| {
                DocText::all(e)
                    .into_iter()
                    .enumerate()
                    .map(|(n, d)| ((d.date.clone(), n as u32), d))
            })
            .collect();
        let mut indexed: Vec<(String, String)> = candidates(&q, &shards)
            .unwrap()
            .iter()
            .filter_map(|c| verify(&q, &docs[&(c.date(), c.article)], c.article))
            .map(|h| (h.date, h.article))
            .collect();
        scanned.sort();
        indexed.sort();
        assert_eq!(indexed, scanned, "{text}");
    }
}

#[test]
fn editions_given_twice_or_with_bad_dates_are_refused() {
    let a = edition(SAMPLE);
    assert!(build(&[&a, &a]).is_err());
    let mut bad = a.clone();
    bad.date = "2025-02-30".into();
    assert!(build(&[&bad]).is_err());
}

#[test]
fn snippets_show_a_line_around_the_first_hit_with_ranges_not_html() {
    let sample = edition(SAMPLE);
    let doc = DocText::new(&sample, sample.article("computing-centre").unwrap());
    let hit = verify(&Query::parse("2000P"), &doc, 0).unwrap();
    let s = &hit.snippet;
    assert!(s.text.starts_with('…'), "cut before the hit: {}", s.text);
    assert!(s.text.chars().count() <= 74, "{}", s.text);
    assert!(!s.text.contains('\n'));
    let pieces = s.pieces();
    assert_eq!(pieces.iter().map(|p| p.0).collect::<String>(), s.text);
    assert!(pieces.contains(&("2000P", true)));
    let before = s.text[..s.hits[0].start].chars().count();
    assert_eq!(before, 21, "an ellipsis and 20 characters of context");
    // A title hit marks the title; the snippet then shows the lead.
    let doc = DocText {
        date: "2000-01-01".into(),
        page: 2,
        article: "a".into(),
        title: "<b>算力</b>与算力".into(),
        heading: String::new(),
        body: "第一段没有那个词。\n第二段".into(),
    };
    let hit = verify(&Query::parse("算力"), &doc, 0).unwrap();
    assert_eq!(hit.field, Field::Title);
    assert_eq!(
        hit.title.pieces(),
        [
            ("<b>", false),
            ("算力", true),
            ("</b>与", false),
            ("算力", true)
        ]
    );
    assert_eq!(hit.snippet.text, "第一段没有那个词。");
    assert!(hit.snippet.hits.is_empty());
}

#[test]
fn bad_ranges_are_skipped_not_a_panic() {
    let s = changji_epaper::search::Snippet {
        text: "算力中心".into(),
        hits: vec![1..3, 6..12, 0..6, 99..100],
    };
    // 1..3 cuts a character, 0..6 goes back, 99..100 is past the end.
    assert_eq!(s.pieces(), [("算力", false), ("中心", true)]);
}

#[test]
fn marks_cover_every_part_and_merge_overlaps() {
    let q = Query::parse("昌吉 吉州");
    let text = "昌吉州的昌吉";
    let marks: Vec<&str> = q.marks(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(marks, ["昌吉州", "昌吉"]);
}
