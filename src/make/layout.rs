//! The positioned text of a PDF page, read from poppler's
//! `pdftotext -bbox-layout` XHTML, cut into segments: runs of words on one
//! line with no wide gap between them (one column's line, a title, a byline).

use super::geom::Rect;
use super::text::fold;
use crate::geometry::Point;

/// One page: size in PDF points and its text segments in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct PageText {
    pub width: f64,
    pub height: f64,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Which poppler block it came from: lines of one block follow each other.
    pub block: usize,
    pub rect: Rect,
    /// The text as extracted, words joined by a space.
    pub text: String,
    /// The matching form of the text (see `text::fold`) with each character's
    /// estimated centre on the page.
    pub chars: Vec<(char, Point)>,
}

impl Segment {
    pub fn norm(&self) -> Vec<char> {
        self.chars.iter().map(|c| c.0).collect()
    }
}

/// A word gap wider than this many ems starts a new segment: inside a line of
/// one column words follow closely; the next column is far.
const SEGMENT_GAP: f64 = 0.6;
/// Word boxes taller than this many ems are cut down to `TIGHT` ems about
/// their middle: for Type 3 fonts (how Chromium and some layout systems set
/// CJK text) poppler gives the box of the font's tallest glyph, 2–3 ems.
const TALL: f64 = 1.5;
const TIGHT: f64 = 1.2;

/// Parses the XHTML of `pdftotext -bbox-layout`; one entry per `<page>`.
pub fn parse_bbox_layout(xhtml: &str) -> Result<Vec<PageText>, String> {
    let mut pages = Vec::new();
    let mut block = 0;
    let mut line: Vec<(Rect, String)> = Vec::new();
    let mut rest = xhtml;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').ok_or("pdftotext 输出不完整：标签没有结束")?;
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        let name = tag.split_whitespace().next().unwrap_or("");
        match name {
            "page" => pages.push(PageText {
                width: attr(tag, "width")?,
                height: attr(tag, "height")?,
                segments: Vec::new(),
            }),
            "block" => block += 1,
            "line" => line.clear(),
            "word" => {
                let close = rest
                    .find("</word>")
                    .ok_or("pdftotext 输出不完整：word 没有结束")?;
                let text = unescape(&rest[..close]);
                rest = &rest[close..];
                let rect = Rect::new(
                    attr(tag, "xMin")?,
                    attr(tag, "yMin")?,
                    attr(tag, "xMax")?,
                    attr(tag, "yMax")?,
                );
                line.push((rect, text));
            }
            "/line" => {
                let page = pages
                    .last_mut()
                    .ok_or("pdftotext 输出中 line 不在 page 之内")?;
                page.segments.extend(segments(block, &line));
                line.clear();
            }
            _ => {}
        }
    }
    Ok(pages)
}

/// The em of a word, from its width: CJK characters are one em wide, others
/// about half.
fn em(rect: &Rect, text: &str) -> f64 {
    let units: f64 = text
        .chars()
        .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.5 })
        .sum();
    if units > 0.0 {
        (rect.width() / units).min(rect.height())
    } else {
        rect.height()
    }
}

/// Cuts one line's words into segments at wide gaps.
fn segments(block: usize, words: &[(Rect, String)]) -> Vec<Segment> {
    let mut ems: Vec<f64> = words.iter().map(|(r, t)| em(r, t)).collect();
    ems.sort_by(f64::total_cmp);
    let line_em = ems.get(ems.len() / 2).copied().unwrap_or(0.0);
    let mut out: Vec<Segment> = Vec::new();
    let mut prev: Option<Rect> = None;
    for (rect, text) in words {
        let rect = &if rect.height() > TALL * line_em {
            let c = (rect.y0 + rect.y1) / 2.0;
            Rect::new(
                rect.x0,
                c - TIGHT * line_em / 2.0,
                rect.x1,
                c + TIGHT * line_em / 2.0,
            )
        } else {
            *rect
        };
        let gap = prev.map_or(0.0, |p| rect.x0 - p.x1);
        match out.last_mut() {
            Some(seg) if gap <= SEGMENT_GAP * line_em => {
                seg.rect = seg.rect.hull(rect);
                seg.text.push(' ');
                seg.text.push_str(text);
                seg.chars.extend(char_centres(rect, text));
            }
            _ => out.push(Segment {
                block,
                rect: *rect,
                text: text.clone(),
                chars: char_centres(rect, text),
            }),
        }
        prev = Some(*rect);
    }
    out.retain(|s| !s.chars.is_empty());
    out
}

/// A word's box shared evenly among its characters: close enough for CJK
/// set on a grid and for telling which column a character stands in.
fn char_centres(rect: &Rect, text: &str) -> Vec<(char, Point)> {
    let n = text.chars().count().max(1) as f64;
    let step = rect.width() / n;
    let y = (rect.y0 + rect.y1) / 2.0;
    text.chars()
        .enumerate()
        .filter_map(|(i, c)| fold(c).map(|f| (f, [rect.x0 + step * (i as f64 + 0.5), y])))
        .collect()
}

fn attr(tag: &str, name: &str) -> Result<f64, String> {
    let key = format!(" {name}=\"");
    let at = tag
        .find(&key)
        .ok_or_else(|| format!("pdftotext 输出缺少属性 {name}"))?;
    let v = &tag[at + key.len()..];
    let v = &v[..v.find('"').unwrap_or(v.len())];
    v.parse()
        .map_err(|_| format!("pdftotext 输出的属性 {name}=\"{v}\" 不是数"))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<doc>
  <page width="900.000000" height="1251.000000">
    <flow><block xMin="1" yMin="2" xMax="3" yMax="4">
      <line xMin="30" yMin="100" xMax="300" yMax="110">
        <word xMin="30" yMin="100" xMax="130" yMax="110">算力中心&amp;A</word>
        <word xMin="132" yMin="100" xMax="150" yMax="110">投运</word>
        <word xMin="200" yMin="100" xMax="300" yMax="110">另一栏文字</word>
      </line>
    </block></flow>
    <flow><block xMin="1" yMin="2" xMax="3" yMax="4">
      <line xMin="30" yMin="120" xMax="60" yMax="130">
        <word xMin="30" yMin="120" xMax="60" yMax="130">，。</word>
      </line>
    </block></flow>
  </page>
</doc>"#;

    #[test]
    fn words_far_apart_on_one_line_are_two_segments() {
        let pages = parse_bbox_layout(SAMPLE).unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!((pages[0].width, pages[0].height), (900.0, 1251.0));
        let segs = &pages[0].segments;
        // The punctuation-only line has nothing to match and is dropped.
        assert_eq!(segs.len(), 2);
        assert_eq!(segs[0].text, "算力中心&A 投运");
        assert_eq!(segs[0].rect, Rect::new(30.0, 100.0, 150.0, 110.0));
        assert_eq!(segs[1].text, "另一栏文字");
        assert_eq!(segs[0].block, segs[1].block);
    }

    #[test]
    fn characters_share_their_word_box() {
        let pages = parse_bbox_layout(SAMPLE).unwrap();
        let chars = &pages[0].segments[1].chars;
        assert_eq!(chars.len(), 5);
        assert_eq!(chars[0], ('另', [210.0, 105.0]));
        assert_eq!(chars[4].1, [290.0, 105.0]);
    }

    #[test]
    fn a_box_as_tall_as_a_type3_font_bbox_is_cut_to_the_text() {
        // 4 CJK characters, 40 pt wide: 10 pt em; poppler says 26 pt tall.
        let xhtml = r#"<page width="100" height="100"><line><word xMin="0" yMin="0" xMax="40" yMax="26">测试文字</word></line></page>"#;
        let seg = &parse_bbox_layout(xhtml).unwrap()[0].segments[0];
        assert_eq!(seg.rect, Rect::new(0.0, 7.0, 40.0, 19.0));
    }

    #[test]
    fn broken_output_is_an_error_not_a_panic() {
        assert!(parse_bbox_layout("<page width=\"x\" height=\"1\">").is_err());
        assert!(parse_bbox_layout("<page width=\"1\" height=\"1\"><word xMin=\"1\"").is_err());
        assert!(parse_bbox_layout("").unwrap().is_empty());
    }
}
