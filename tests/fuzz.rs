//! Fuzzing the edition reader and validator (proptest): arbitrary bytes, and
//! structure-aware mutations of the test editions and indexes. Every input
//! must be answered without a panic, within a time bound, with a bounded
//! number of problems, and with memory in proportion to its size.
//!
//! `cargo test --test fuzz` runs a short smoke (64 cases per property);
//! `scripts/fuzz.sh [CASES]` runs a long one in release mode.

#![cfg(not(target_arch = "wasm32"))]

use changji_epaper::edition::{
    decode, parse_edition_by_hand, parse_index_by_hand, read_edition, read_edition_bytes,
    read_index, read_index_bytes, validate_edition, validate_index, Problem, MAX_EDITION_BYTES,
    MAX_PER_RULE,
};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Value};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------
// Memory: a counting allocator; each test thread tracks its own peak.

struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = LIVE.try_with(|live| {
            let now = live.get() + layout.size();
            live.set(now);
            let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
        });
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(layout.size())));
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns its result with the peak of memory it added on this thread.
fn measured<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let out = f();
    (out, PEAK.with(Cell::get) - base)
}

// ---------------------------------------------------------------------------
// The properties.

/// Time per input: generous (debug builds, a shared machine); a quadratic
/// check on a hostile input would take minutes, not seconds.
const TIME_BOUND: Duration = Duration::from_secs(5);

/// Reads `bytes` both ways and checks the bounds on the answer.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    for (kind, read) in [
        ("edition", read_as_edition as fn(&[u8]) -> Vec<Problem>),
        ("index", read_as_index),
    ] {
        let start = Instant::now();
        let (problems, peak) = measured(|| read(bytes));
        let took = start.elapsed();
        prop_assert!(
            took < TIME_BOUND,
            "{kind}: {took:?} for {} bytes",
            bytes.len()
        );
        // The model of a file takes a few times its size (points become f64
        // pairs, strings get headers); the report is capped per rule.
        let allowed = 64 * bytes.len() + (4 << 20);
        prop_assert!(
            peak <= allowed,
            "{kind}: {peak} bytes peak for {} bytes",
            bytes.len()
        );
        let mut codes: Vec<&str> = problems.iter().map(|p| p.code).collect();
        codes.sort_unstable();
        for code in &codes {
            let n = codes.iter().filter(|c| *c == code).count();
            prop_assert!(n <= MAX_PER_RULE + 1, "{kind}: {n} problems of [{code}]");
        }
        for p in &problems {
            prop_assert!(p.path.starts_with('$') && !p.message.is_empty(), "{p:?}");
            prop_assert!(p.message.chars().count() < 1000, "long message: {p}");
        }
    }
    agree(bytes)
}

/// The browser reads by hand (JSON.parse and reader.rs), the validator with
/// serde: both must accept the same files, as the same edition, and refuse
/// the same ones (the first problem may differ: serde stops at the first in
/// the file, the reader at the first in the model).
fn agree(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Ok(text) = decode(bytes, MAX_EDITION_BYTES) else {
        return Ok(());
    };
    fn valid<T>(t: T, problems: Vec<Problem>) -> Result<T, Vec<Problem>> {
        if problems.is_empty() {
            Ok(t)
        } else {
            Err(problems)
        }
    }
    let serde = read_edition(text);
    let by_hand = parse_edition_by_hand(text).and_then(|e| {
        let problems = validate_edition(&e);
        valid(e, problems)
    });
    check_agreement("edition", serde, by_hand)?;
    let serde = read_index(text);
    let by_hand = parse_index_by_hand(text).and_then(|i| {
        let problems = validate_index(&i);
        valid(i, problems)
    });
    check_agreement("index", serde, by_hand)
}

fn check_agreement<T: PartialEq + std::fmt::Debug>(
    kind: &str,
    serde: Result<T, Vec<Problem>>,
    by_hand: Result<T, Vec<Problem>>,
) -> Result<(), TestCaseError> {
    match (serde, by_hand) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a, b, "{}: read differently", kind),
        (Err(_), Err(problems)) => {
            for p in &problems {
                prop_assert!(p.path.starts_with('$') && !p.message.is_empty(), "{p:?}");
                prop_assert!(p.message.chars().count() < 1000, "long message: {p}");
            }
        }
        (a, b) => prop_assert!(false, "{kind}: serde {:?}, by hand {:?}", a.err(), b.err()),
    }
    Ok(())
}

fn read_as_edition(bytes: &[u8]) -> Vec<Problem> {
    read_edition_bytes(bytes).err().unwrap_or_default()
}

fn read_as_index(bytes: &[u8]) -> Vec<Problem> {
    read_index_bytes(bytes).err().unwrap_or_default()
}

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------
// Structure-aware mutations of real test files.

/// Largest mutated document: a little over the edition cap.
const MAX_GENERATED: usize = MAX_EDITION_BYTES + 64 * 1024;

const SEEDS: &[&str] = &[
    include_str!("fixtures/valid/minimal.json"),
    include_str!("fixtures/valid/index.json"),
    include_str!("fixtures/editions/2000-01-01/edition.json"),
    include_str!("fixtures/editions/2000-01-03/edition.json"),
    include_str!("fixtures/editions/index.json"),
    include_str!("../editions/2025-05-21/edition.json"),
];

/// One change: which node (a walk steered by `at`), what to do, a parameter.
#[derive(Debug, Clone)]
struct Mutation {
    at: u64,
    op: u8,
    param: u64,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (any::<u64>(), 0u8..12, any::<u64>()).prop_map(|(at, op, param)| Mutation { at, op, param })
}

/// Values that have broken something before: type changes, edge numbers,
/// strings that are invisible, long, not ids, not URLs.
fn hostile_value(param: u64) -> Value {
    let long = |s: &str, n: usize| s.repeat(n);
    match param % 24 {
        0 => json!(null),
        1 => json!(true),
        2 => json!(0),
        3 => json!(-1),
        4 => json!(4294967296u64),
        5 => json!(u64::MAX),
        6 => json!(1e308),
        7 => json!(-0.5),
        8 => json!(""),
        9 => json!("\u{200B}\u{2060}\u{FEFF}"),
        10 => json!(long("W", 30_000)),
        11 => json!(long("字", 2_500)),
        12 => json!("javascript:alert(1)"),
        13 => json!(" https://x.example/p.jpg"),
        14 => json!("2025-02-30"),
        15 => json!("../../../../etc/passwd"),
        16 => json!([]),
        17 => json!({}),
        18 => json!([[0, 0], [1, 1], [1, 0], [0, 1]]),
        19 => json!(vec![[9.5, -1.0]; 1500]),
        20 => json!(vec!["x"; 2500]),
        21 => json!({"type": "figure", "caption": "", "image": {"url": "p.jpg", "width": 0}}),
        22 => json!("<img src=x onerror=alert(1)>"),
        _ => json!(param),
    }
}

/// Walks from the root to a node chosen by `at` and returns a pointer to it.
fn pick(root: &mut Value, mut at: u64) -> &mut Value {
    let mut node = root;
    loop {
        let step = at % 4;
        at /= 4;
        let len = match node {
            Value::Array(a) => a.len(),
            Value::Object(o) => o.len(),
            _ => 0,
        };
        if len == 0 || step == 0 || at == 0 {
            return node;
        }
        let i = (at % len as u64) as usize;
        at /= len as u64 + 1;
        node = match node {
            Value::Array(a) => &mut a[i],
            Value::Object(o) => o.values_mut().nth(i).unwrap(),
            _ => unreachable!(),
        };
    }
}

fn apply(root: &mut Value, m: &Mutation) {
    let donor = pick(&mut root.clone(), m.param).clone();
    let node = pick(root, m.at);
    match m.op {
        0..=3 => *node = hostile_value(m.param),
        // Remove a member: a required field goes missing.
        4 => match node {
            Value::Object(o) if !o.is_empty() => {
                let key = o.keys().nth((m.param % o.len() as u64) as usize).cloned();
                o.remove(&key.unwrap());
            }
            Value::Array(a) if !a.is_empty() => {
                a.remove((m.param % a.len() as u64) as usize);
            }
            _ => *node = json!(null),
        },
        // Repeat an item many times: counts over their limits, duplicates.
        5 => {
            if let Value::Array(a) = node {
                if let Some(first) = a.first().cloned() {
                    let size = serde_json::to_vec(&first).map_or(1, |v| v.len().max(1));
                    let n = (m.param % 2500) as usize;
                    a.extend(std::iter::repeat_n(first, n.min(MAX_GENERATED / size)));
                }
            }
        }
        // Graft another part of the file here: right shape, wrong place.
        6 | 7 => *node = donor,
        // Wrap in arrays: deeper nesting.
        8 => {
            let depth = m.param % 300;
            for _ in 0..depth {
                *node = json!([node.take()]);
            }
        }
        9 => {
            if let Value::Object(o) = node {
                o.insert("future_field".into(), hostile_value(m.param));
            }
        }
        10 => {
            if let Value::String(s) = node {
                s.insert(0, '\u{202E}');
                s.push_str(&"\u{200B}".repeat((m.param % 50) as usize));
            }
        }
        _ => {
            if let Value::Number(_) = node {
                *node = json!(m.param as f64 * -1.5);
            }
        }
    }
}

/// Byte-level damage after serialising: BOM, truncation, non-UTF-8, GBK-like pairs.
fn damage(mut bytes: Vec<u8>, how: u8, param: u64) -> Vec<u8> {
    let at = if bytes.is_empty() {
        0
    } else {
        (param % bytes.len() as u64) as usize
    };
    match how % 6 {
        0 => bytes.splice(0..0, *b"\xEF\xBB\xBF").for_each(drop),
        1 => bytes.truncate(at),
        2 => bytes.insert(at, 0xB2), // a GBK lead byte in UTF-8 text
        3 => {
            if let Some(b) = bytes.get_mut(at) {
                *b ^= 1 << (param % 8);
            }
        }
        _ => {}
    }
    bytes
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        check(&bytes)?;
    }

    #[test]
    fn arbitrary_text_shaped_like_json(text in r#"[{}\[\]":,0-9a-z \-.\u{FEFF}\u{200B}字]{0,2000}"#) {
        check(text.as_bytes())?;
    }

    #[test]
    fn mutated_test_editions(
        seed in 0..SEEDS.len(),
        mutations in proptest::collection::vec(mutation(), 1..8),
        how in any::<u8>(),
        param in any::<u64>(),
    ) {
        let mut doc: Value = serde_json::from_str(SEEDS[seed]).unwrap();
        let mut bytes = serde_json::to_vec(&doc).unwrap();
        for m in &mutations {
            let before = doc.clone();
            apply(&mut doc, m);
            // Repeats and grafts compound: a file over the cap is refused
            // before parsing, so larger ones test nothing and only eat memory.
            match serde_json::to_vec(&doc) {
                Ok(next) if next.len() <= MAX_GENERATED => bytes = next,
                _ => doc = before,
            }
        }
        let bytes = damage(bytes, how, param);
        check(&bytes)?;
    }
}

/// The seeds themselves are valid where they should be: a mutation that
/// breaks nothing is not a finding, and the fuzzing starts from real files.
#[test]
fn seeds_are_the_valid_test_files() {
    for seed in SEEDS
        .iter()
        .filter(|s| s.contains("changji-epaper/edition"))
    {
        assert!(read_edition(seed).is_ok());
    }
}
