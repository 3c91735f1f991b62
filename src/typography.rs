//! Chinese typography for the reader (W3C clreq), as plain string work: the
//! edition keeps the text as printed, and only what the reader shows passes
//! through here, natively in the publish step and in the browser alike.
//!
//! - ASCII `,` `:` `;` `(` `)` beside Chinese become their full-width forms
//!   (`，` `：` `；` `（` `）`): half-width punctuation between ideographs
//!   reads as a typo, and justification stretches the gap after it.
//! - The middle dot of transliterated names (吾守尔·斯拉木) and of dates
//!   (5·18) is joined to its neighbours with U+2060 WORD JOINER, so that it
//!   neither starts nor ends a line (headlines need none: keep-all).
//! - Headlines break only where an editor marked a break with U+200B ZERO
//!   WIDTH SPACE (or at a space); [`headline_parts`] gives the pieces.
//! - The print bullet □ before a byline or a photo credit is left off.

/// Zero width space: the editor's mark for "a headline may break here".
pub const BREAK_MARK: char = '\u{200B}';
const WORD_JOINER: char = '\u{2060}';

/// Ideographs, kana, CJK punctuation, full-width forms and the curly quotes
/// Chinese text uses: the neighbours that make a punctuation mark Chinese.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'       // radicals
        | '\u{3000}'..='\u{303F}'     // CJK punctuation 、。「」《》
        | '\u{3040}'..='\u{30FF}'     // kana
        | '\u{3400}'..='\u{4DBF}'     // extension A
        | '\u{4E00}'..='\u{9FFF}'     // unified ideographs
        | '\u{F900}'..='\u{FAFF}'     // compatibility ideographs
        | '\u{FF01}'..='\u{FF60}'     // full-width forms ，：（）
        | '\u{20000}'..='\u{3134F}'   // extensions B–G
        | '\u{2018}'..='\u{201D}'     // ‘ ’ “ ”
        | '\u{2014}' | '\u{2026}'     // — …
    )
}

fn is_ideograph(c: char) -> bool {
    is_cjk(c)
        && !matches!(c, '\u{2018}'..='\u{201D}' | '\u{2014}' | '\u{2026}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}')
}

/// Text of a paragraph, caption, subhead or byline as the reader shows it.
pub fn reader_text(text: &str) -> String {
    typeset(text, true)
}

/// `join_dots`: headlines need no joiners (they never break between
/// ideographs, see [`headline_parts`]) and stay plain text for finding.
fn typeset(text: &str, join_dots: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let parens = chinese_parens(&chars);
    let mut next_paren = 0;
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let beside_cjk = prev.is_some_and(is_cjk) || next.is_some_and(is_cjk);
        match c {
            ',' if beside_cjk => out.push('，'),
            ';' if beside_cjk => out.push('；'),
            // Only a neighbour counts: 10:30 and 1,000 stay as they are.
            ':' if beside_cjk => out.push('：'),
            '(' | ')' if parens.get(next_paren) == Some(&i) => {
                next_paren += 1;
                out.push(if c == '(' { '（' } else { '）' });
            }
            '\u{00B7}' | '\u{30FB}'
                if join_dots
                    && prev.is_some_and(|p| !p.is_whitespace())
                    && next.is_some_and(|n| !n.is_whitespace()) =>
            {
                out.push(WORD_JOINER);
                out.push(c);
                out.push(WORD_JOINER);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Positions (in order) of the ASCII parentheses to set full-width: a pair
/// that opens after Chinese, closes before Chinese or holds Chinese, e.g.
/// 新疆(昌吉)信息产业园, 第三届(2025)新疆动漫节; a lone one beside Chinese.
fn chinese_parens(chars: &[char]) -> Vec<usize> {
    let mut picked = Vec::new();
    let mut open: Option<usize> = None;
    let beside = |i: usize| {
        i.checked_sub(1).is_some_and(|j| is_cjk(chars[j]))
            || chars.get(i + 1).copied().is_some_and(is_cjk)
    };
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' => {
                if let Some(o) = open.replace(i) {
                    if beside(o) {
                        picked.push(o); // an unclosed one before this
                    }
                }
            }
            ')' => match open.take() {
                Some(o) => {
                    let before = o.checked_sub(1).is_some_and(|j| is_cjk(chars[j]));
                    let after = chars.get(i + 1).copied().is_some_and(is_cjk);
                    let inside = chars[o + 1..i].iter().copied().any(is_ideograph);
                    if before || after || inside {
                        picked.push(o);
                        picked.push(i);
                    }
                }
                None if beside(i) => picked.push(i),
                None => {}
            },
            _ => {}
        }
    }
    if let Some(o) = open {
        if beside(o) {
            picked.push(o);
        }
    }
    picked.sort_unstable();
    picked
}

/// A headline in the pieces between editor-marked breaks (U+200B), each set
/// with [`reader_text`]; the view puts a `<wbr>` between them and keeps each
/// piece whole (`word-break: keep-all`).
pub fn headline_parts(title: &str) -> Vec<String> {
    title
        .split(BREAK_MARK)
        .filter(|p| !p.is_empty())
        .map(|p| typeset(p, false))
        .collect()
}

/// The headline as plain text: the editor's break marks removed (titles of
/// documents, share sheets, search).
pub fn plain_headline(title: &str) -> String {
    title.chars().filter(|&c| c != BREAK_MARK).collect()
}

/// A byline or credit without the print bullet: "□本报记者 何 龙摄" → "本报记者 何 龙摄".
pub fn without_print_bullet(text: &str) -> &str {
    text.trim_start()
        .trim_start_matches(['□', '■'])
        .trim_start()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_punctuation_between_chinese_becomes_full_width() {
        // From the seed (page 1, 2025-05-21).
        assert_eq!(
            reader_text("构建“空天地一体化”数据中枢,向中亚地区提供科研算力"),
            "构建“空天地一体化”数据中枢，向中亚地区提供科研算力"
        );
        assert_eq!(reader_text("5月19日,新疆准东"), "5月19日，新疆准东");
        assert_eq!(
            reader_text("位于新疆(昌吉)信息产业园。"),
            "位于新疆（昌吉）信息产业园。"
        );
        assert_eq!(
            reader_text("作为第三届(2025)新疆动漫节的作品"),
            "作为第三届（2025）新疆动漫节的作品"
        );
        assert_eq!(
            reader_text("准东开发区(以下简称准东开发区)的"),
            "准东开发区（以下简称准东开发区）的"
        );
        assert_eq!(
            reader_text("《丝路华韵:铸牢中华民族共同体意识微演绎》"),
            "《丝路华韵：铸牢中华民族共同体意识微演绎》"
        );
        assert_eq!(
            reader_text("增长14.62%,其中,企业总数"),
            "增长14.62%，其中，企业总数"
        );
        assert_eq!(
            reader_text("在各方协同努力下,2月顺利开工"),
            "在各方协同努力下，2月顺利开工"
        );
        assert_eq!(reader_text("一方面;另一方面"), "一方面；另一方面");
        assert_eq!(reader_text("“智改数转”,推动"), "“智改数转”，推动");
    }

    #[test]
    fn ascii_punctuation_in_latin_text_numbers_and_urls_stays() {
        for s in [
            "http://www.cjxww.cn",
            "10:30",
            "1,000,000",
            "CPU (central processing unit), GPU; TPU",
            "a(b)c",
            "(2025)",
        ] {
            assert_eq!(reader_text(s), s);
        }
        // Latin in parentheses after Chinese is set in Chinese parentheses.
        assert_eq!(reader_text("中央处理器(CPU)是"), "中央处理器（CPU）是");
    }

    #[test]
    fn unbalanced_parentheses_beside_chinese_still_change_and_never_panic() {
        assert_eq!(reader_text("开头(没有结尾"), "开头（没有结尾");
        assert_eq!(reader_text("没有开头)结尾"), "没有开头）结尾");
        assert_eq!(reader_text("((("), "(((");
        assert_eq!(reader_text("中(("), "中（(");
        assert_eq!(reader_text(""), "");
        assert_eq!(reader_text(","), ",");
    }

    #[test]
    fn middle_dot_is_joined_to_its_neighbours() {
        let s = reader_text("中国工程院院士吾守尔·斯拉木等");
        assert_eq!(s, "中国工程院院士吾守尔\u{2060}·\u{2060}斯拉木等");
        assert_eq!(
            reader_text("“5·18国际博物馆日”"),
            "“5\u{2060}·\u{2060}18国际博物馆日”"
        );
        // A dot with space beside it is not part of a name.
        assert_eq!(reader_text("甲 · 乙"), "甲 · 乙");
        assert_eq!(reader_text("·"), "·");
    }

    #[test]
    fn headline_breaks_only_at_editor_marks() {
        assert_eq!(
            headline_parts("六院士领衔\u{200B}打造中亚地区“最强大脑”"),
            vec!["六院士领衔", "打造中亚地区“最强大脑”"]
        );
        assert_eq!(
            headline_parts("百舸争流千帆竞 戈壁煤海启新程"),
            vec!["百舸争流千帆竞 戈壁煤海启新程"]
        );
        assert_eq!(headline_parts("\u{200B}\u{200B}"), Vec::<String>::new());
        assert_eq!(
            headline_parts("标题(附)\u{200B}下"),
            vec!["标题（附）", "下"]
        );
        assert_eq!(
            headline_parts("“5·18国际博物馆日”"),
            vec!["“5·18国际博物馆日”"]
        );
        assert_eq!(plain_headline("六院士领衔\u{200B}打造"), "六院士领衔打造");
    }

    #[test]
    fn print_bullet_is_left_off_credits() {
        assert_eq!(
            without_print_bullet("□本报记者 何 龙摄"),
            "本报记者 何 龙摄"
        );
        assert_eq!(
            without_print_bullet(" □ 本报通讯员 余再兴"),
            "本报通讯员 余再兴"
        );
        assert_eq!(without_print_bullet("新华社记者摄"), "新华社记者摄");
        assert_eq!(without_print_bullet("□"), "");
    }
}
