//! Text normalisation for matching the draft against the text a PDF carries.
//!
//! Only letters and digits take part: punctuation (full- or half-width), spaces,
//! line-break hyphens and bullets differ between the editorial system and the
//! layout system far more often than the words do, so they are dropped.

/// The matching form of one character: full-width ASCII folded to ASCII,
/// lowercase; `None` for anything that is not a letter or digit.
pub fn fold(c: char) -> Option<char> {
    let c = match c {
        // Full-width forms ！..～ map onto ASCII ! .. ~ at a fixed offset.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if !c.is_alphanumeric() {
        return None;
    }
    Some(c.to_lowercase().next().unwrap_or(c))
}

/// The matching form of a text.
pub fn normalize(s: &str) -> String {
    s.chars().filter_map(fold).collect()
}

/// The matching form of a text with, for every character kept, the index of
/// the character it came from in `s` (in chars).
pub fn normalize_indexed(s: &str) -> (Vec<char>, Vec<usize>) {
    let mut out = Vec::new();
    let mut at = Vec::new();
    for (i, c) in s.chars().enumerate() {
        if let Some(f) = fold(c) {
            out.push(f);
            at.push(i);
        }
    }
    (out, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_width_and_spaces_do_not_count() {
        assert_eq!(
            normalize("数据中枢，向中亚（昌吉）"),
            normalize("数据中枢,向中亚(昌吉)")
        );
        assert_eq!(normalize("□本报记者 何 龙摄"), "本报记者何龙摄");
        assert_eq!(normalize("“智改数转”。"), "智改数转");
    }

    #[test]
    fn full_width_letters_and_digits_fold_to_ascii_lowercase() {
        assert_eq!(normalize("ＣＮ　６５—0010"), "cn650010");
        assert_eq!(normalize("CHANGJI RIBAO"), "changjiribao");
        assert_eq!(normalize("2000P"), normalize("２０００ｐ"));
    }

    #[test]
    fn a_hyphen_at_a_line_break_vanishes() {
        assert_eq!(normalize("infor-\nmation"), normalize("information"));
        // As Chromium prints a word broken at a soft hyphen: U+00AD, then U+2010.
        assert_eq!(
            normalize("TYPE\u{ad}SET\u{ad}PRO\u{2010}\nCESS"),
            "typesetprocess"
        );
    }

    #[test]
    fn indexes_point_back_into_the_original() {
        let (n, at) = normalize_indexed("a, b");
        assert_eq!(n, vec!['a', 'b']);
        assert_eq!(at, vec![0, 3]);
    }
}
