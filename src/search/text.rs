//! Text for search: normalisation and tokens. Chinese has no spaces, so a run
//! of Han characters is indexed as overlapping character bigrams (算力中心 →
//! 算力 力中 中心): any query of two or more characters is then a set of
//! bigrams that all occur in a matching article. Latin letters and digits form
//! one lowercase word each (`2000P` → `2000p`, `CCUS` → `ccus`).
//!
//! No Unicode tables beyond `core`'s: normalisation is the handful of
//! one-to-one foldings newspaper text needs, so character offsets in the
//! normalised text are offsets in the original.

/// Folds one character: full-width ASCII to half-width, the ideographic space
/// to a space, ASCII letters to lowercase. Always one character for one, so
/// positions line up with the original text.
pub fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// Han ideographs (with extensions), kana and hangul: written without spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F
        | 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

/// Letters and digits other than CJK: parts of words like `2000p` or `nm³`.
pub fn is_word(c: char) -> bool {
    !is_cjk(c) && c.is_alphanumeric()
}

/// A run of indexable characters in folded text, with its character offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Run {
    Cjk(Vec<char>),
    Word(String),
}

/// Splits text into runs of CJK characters and of word characters; everything
/// else (punctuation, spaces) separates runs.
pub fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut cjk: Vec<char> = Vec::new();
    let mut word = String::new();
    for c in text.chars().map(fold) {
        if is_cjk(c) {
            if !word.is_empty() {
                out.push(Run::Word(std::mem::take(&mut word)));
            }
            cjk.push(c);
        } else if is_word(c) {
            if !cjk.is_empty() {
                out.push(Run::Cjk(std::mem::take(&mut cjk)));
            }
            word.push(c);
        } else {
            if !cjk.is_empty() {
                out.push(Run::Cjk(std::mem::take(&mut cjk)));
            }
            if !word.is_empty() {
                out.push(Run::Word(std::mem::take(&mut word)));
            }
        }
    }
    if !cjk.is_empty() {
        out.push(Run::Cjk(cjk));
    }
    if !word.is_empty() {
        out.push(Run::Word(word));
    }
    out
}

/// Longest word kept whole; longer ones (hashes, garbage) are cut to this.
pub const MAX_WORD_CHARS: usize = 24;

/// The index terms of a run: bigrams of a CJK run (a lone character is not
/// indexed: queries need two characters), or the word itself.
pub fn run_terms(run: &Run, out: &mut Vec<String>) {
    match run {
        Run::Cjk(chars) => {
            for pair in chars.windows(2) {
                out.push(pair.iter().collect());
            }
        }
        Run::Word(w) => out.push(w.chars().take(MAX_WORD_CHARS).collect()),
    }
}

/// Every index term of a text, in order, with repeats.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for run in runs(text) {
        run_terms(&run, &mut out);
    }
    out
}

/// Where `needle` (already folded, no separators) occurs in `text`, as byte
/// ranges of the original text. Matching is on folded characters, so `ccus`
/// finds `CCUS` and `ＣＣＵＳ`.
pub fn find_all(text: &str, needle: &[char]) -> Vec<std::ops::Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().map(|(i, c)| (i, fold(c))).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= chars.len() {
        if chars[i..i + needle.len()]
            .iter()
            .zip(needle)
            .all(|((_, a), b)| a == b)
        {
            let end = chars
                .get(i + needle.len())
                .map_or(text.len(), |(byte, _)| *byte);
            out.push(chars[i].0..end);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_runs_become_bigrams() {
        assert_eq!(terms("算力"), ["算力"]);
        assert_eq!(terms("准东"), ["准东"]);
        assert_eq!(terms("算力中心"), ["算力", "力中", "中心"]);
    }

    #[test]
    fn latin_and_digit_runs_are_lowercase_words() {
        assert_eq!(terms("2000P"), ["2000p"]);
        assert_eq!(terms("CCUS"), ["ccus"]);
        assert_eq!(
            terms("峰值算力已突破2000P,新建"),
            ["峰值", "值算", "算力", "力已", "已突", "突破", "2000p", "新建"]
        );
        assert_eq!(
            terms("碳捕集封存(CCUS):充矿"),
            ["碳捕", "捕集", "集封", "封存", "ccus", "充矿"]
        );
    }

    #[test]
    fn full_width_folds_to_half_width() {
        assert_eq!(terms("ＣＣＵＳ　２０００Ｐ"), ["ccus", "2000p"]);
        assert_eq!(fold('Ａ'), 'a');
        assert_eq!(fold('（'), '(');
    }

    #[test]
    fn punctuation_splits_and_lone_characters_are_not_terms() {
        assert_eq!(terms("“乡”里，村"), Vec::<String>::new());
        assert_eq!(terms("昌吉，准东。"), ["昌吉", "准东"]);
    }

    #[test]
    fn find_all_gives_original_byte_ranges() {
        let text = "碳捕集封存(ＣＣＵＳ)与CCUS";
        let hits = find_all(text, &['c', 'c', 'u', 's']);
        assert_eq!(hits.len(), 2);
        assert_eq!(&text[hits[0].clone()], "ＣＣＵＳ");
        assert_eq!(&text[hits[1].clone()], "CCUS");
        let text = "算力中心的算力";
        let hits: Vec<&str> = find_all(text, &['算', '力'])
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(hits, ["算力", "算力"]);
    }
}
