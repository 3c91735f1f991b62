//! Finds every article of a draft on the pages: segments assigned by
//! `matching`, photos claimed by the captions under them, regions traced by
//! `regions`. Pure: the PDF tools' output comes in as `PageIn`.

use super::draft::{Draft, PieceKind};
use super::geom::{iou, Rect};
use super::layout::PageText;
use super::matching::{located, Matcher, Owner};
use super::regions::{outlines, sits_under, Part, PartKind};
use super::text::normalize;
use crate::geometry::Point;

/// An article counts as found when at least this share of its text is located.
pub const FOUND: f64 = 0.5;

/// One page as the PDF tools saw it.
#[derive(Debug, Clone)]
pub struct PageIn {
    pub number: u32,
    pub text: PageText,
    /// Where pictures are placed, in points.
    pub photos: Vec<Rect>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArticleFound {
    pub id: String,
    /// Share of its text located (0..=1).
    pub located: f64,
    /// (page number, polygon in master pixels), in page order.
    pub regions: Vec<(u32, Vec<Point>)>,
}

impl ArticleFound {
    pub fn pages(&self) -> Vec<u32> {
        let mut p: Vec<u32> = self.regions.iter().map(|r| r.0).collect();
        p.dedup();
        p
    }

    pub fn found(&self) -> bool {
        self.located >= FOUND && !self.regions.is_empty()
    }
}

/// Text on a page that belongs to no article and is no page furniture.
#[derive(Debug, Clone, PartialEq)]
pub struct Stray {
    pub page: u32,
    pub text: String,
    pub rect: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// In the draft's article order.
    pub articles: Vec<ArticleFound>,
    pub unknown: Vec<Stray>,
    /// Two articles whose regions overlap on a page.
    pub overlaps: Vec<(String, String, u32)>,
}

/// Master pixels per point for a page `width_pt` wide.
pub fn scale(master_width: f64, width_pt: f64) -> f64 {
    master_width / width_pt
}

pub fn locate(draft: &Draft, pages: &[PageIn], master_width: f64) -> Located {
    let m = Matcher::new(draft);
    let n = draft.articles.len();
    let mut assignments = Vec::new();
    let mut regions: Vec<Vec<(u32, Vec<Point>)>> = vec![Vec::new(); n];
    let mut unknown = Vec::new();
    for page in pages {
        let segs = &page.text.segments;
        let mut found = m.assign(segs);
        attach_continuation_notes(segs, &mut found);
        if std::env::var_os("MAKE_EDITION_DEBUG").is_some() {
            for (s, a) in segs.iter().zip(&found) {
                eprintln!(
                    "{:?} {:?} b{} [{:.0},{:.0},{:.0},{:.0}] {}",
                    a.owner, a.kind, s.block, s.rect.x0, s.rect.y0, s.rect.x1, s.rect.y1, s.text
                );
            }
        }
        let mut parts: Vec<Vec<Part>> = vec![Vec::new(); n];
        for (s, a) in segs.iter().zip(&found) {
            match a.owner {
                Owner::Article(t) => parts[t].push(Part {
                    rect: s.rect,
                    kind: PartKind::Text(a.kind),
                }),
                Owner::Unknown => unknown.push(Stray {
                    page: page.number,
                    text: s.text.clone(),
                    rect: s.rect,
                }),
                Owner::Furniture => {}
            }
        }
        for photo in &page.photos {
            let under = segs.iter().zip(&found).filter_map(|(s, a)| match a.owner {
                Owner::Article(t) if sits_under(photo, &s.rect) => Some((s.rect.y0, t)),
                _ => None,
            });
            if let Some((_, t)) = under.min_by(|a, b| a.0.total_cmp(&b.0)) {
                parts[t].push(Part {
                    rect: *photo,
                    kind: PartKind::Photo,
                });
            }
        }
        let k = scale(master_width, page.text.width);
        for (t, p) in parts.iter().enumerate() {
            for poly in outlines(p, page.text.width, page.text.height, k) {
                regions[t].push((page.number, poly));
            }
        }
        assignments.extend(found);
    }
    let share = located(&m, n, &assignments.iter().collect::<Vec<_>>());
    let articles: Vec<ArticleFound> = draft
        .articles
        .iter()
        .zip(regions)
        .zip(share)
        .map(|((a, regions), located)| ArticleFound {
            id: a.id.clone(),
            located,
            regions,
        })
        .collect();
    let overlaps = overlaps(&articles, pages);
    Located {
        articles,
        unknown,
        overlaps,
    }
}

/// "（下转第2版）", "上接第1版": a note that belongs to the story right above
/// or below it though the draft does not have it.
fn attach_continuation_notes(
    segs: &[super::layout::Segment],
    found: &mut [super::matching::Assignment],
) {
    for i in 0..segs.len() {
        let t = normalize(&segs[i].text);
        let note =
            t.chars().count() <= 10 && t.ends_with('版') && (t.contains('转') || t.contains('接'));
        if !note || matches!(found[i].owner, Owner::Article(_)) {
            continue;
        }
        let r = segs[i].rect;
        let near = segs
            .iter()
            .zip(found.iter())
            .filter_map(|(s, a)| match a.owner {
                Owner::Article(t) if s.rect.overlap_x(&r) > 0.0 => {
                    let gap = (s.rect.y0 - r.y1).max(r.y0 - s.rect.y1);
                    (gap <= 2.0 * r.height()).then_some((gap, t))
                }
                _ => None,
            });
        if let Some((_, t)) = near.min_by(|a, b| a.0.total_cmp(&b.0)) {
            found[i].owner = Owner::Article(t);
            found[i].kind = PieceKind::Body;
        }
    }
}

fn overlaps(articles: &[ArticleFound], pages: &[PageIn]) -> Vec<(String, String, u32)> {
    let mut out = Vec::new();
    for page in pages {
        let on = |a: &ArticleFound| -> Vec<Vec<Point>> {
            a.regions
                .iter()
                .filter(|r| r.0 == page.number)
                .map(|r| r.1.clone())
                .collect()
        };
        for (i, a) in articles.iter().enumerate() {
            for b in &articles[i + 1..] {
                let (pa, pb) = (on(a), on(b));
                if !pa.is_empty() && !pb.is_empty() && iou(&pa, &pb) > 0.0 {
                    out.push((a.id.clone(), b.id.clone(), page.number));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::make::draft::parse_draft;
    use crate::make::layout::Segment;

    fn draft() -> Draft {
        let text = r#"{"format":"changji-epaper/edition","version":1,
          "publication":{"name":"昌吉日报"},"date":"2000-01-05","weekday":"星期三",
          "issue_number":1,"printed_pages":2,
          "pages":[{"number":1,"label":"第01版"},{"number":2,"label":"第02版"}],
          "articles":[
            {"id":"lead","kind":"news","title":"跨版头条的标题文字","body":[
              {"type":"paragraph","text":"第一行的测试文字内容甲乙丙。第二行的测试文字内容丁戊己。第三行转到下一版的文字庚辛壬。"}]},
            {"id":"photo","kind":"photo","title":"图片新闻标题","body":[
              {"type":"figure","caption":"图片说明文字子丑寅卯辰巳","credit":null}]},
            {"id":"gone","kind":"notice","title":"没有排上版面的公告","body":[]}],
          "reading_order":["lead","photo","gone"]}"#;
        parse_draft(text).unwrap().0
    }

    fn seg(block: usize, y: f64, x0: f64, x1: f64, text: &str) -> Segment {
        let chars = crate::make::text::normalize(text)
            .chars()
            .map(|c| (c, [x0, y + 5.0]))
            .collect();
        Segment {
            block,
            rect: Rect::new(x0, y, x1, y + 10.0),
            text: text.into(),
            chars,
        }
    }

    fn page(number: u32, segments: Vec<Segment>, photos: Vec<Rect>) -> PageIn {
        PageIn {
            number,
            text: PageText {
                width: 600.0,
                height: 800.0,
                segments,
            },
            photos,
        }
    }

    #[test]
    fn a_story_continued_a_photo_claimed_and_a_story_missing() {
        let p1 = page(
            1,
            vec![
                seg(1, 10.0, 10.0, 290.0, "跨版头条的标题文字"),
                seg(2, 30.0, 10.0, 290.0, "第一行的测试文字内容甲乙丙。"),
                seg(2, 42.0, 10.0, 290.0, "第二行的测试文字内容丁戊己。"),
                seg(2, 54.0, 200.0, 290.0, "（下转第2版）"),
                seg(3, 215.0, 310.0, 590.0, "图片新闻标题"),
                seg(3, 227.0, 310.0, 590.0, "图片说明文字子丑寅卯辰巳"),
                seg(4, 700.0, 10.0, 100.0, "天气晴朗"),
            ],
            vec![Rect::new(310.0, 10.0, 590.0, 210.0)],
        );
        let p2 = page(
            2,
            vec![seg(1, 10.0, 10.0, 290.0, "第三行转到下一版的文字庚辛壬。")],
            vec![],
        );
        let found = locate(&draft(), &[p1, p2], 1200.0);
        let [lead, photo, gone] = &found.articles[..] else {
            panic!()
        };
        assert_eq!(lead.pages(), vec![1, 2]);
        assert!(lead.found() && lead.located > 0.99, "{}", lead.located);
        // One region per page; the note under the lead's last line joined it:
        // the region reaches its foot (64 pt, padded 3 pt, at 2 px per pt).
        assert_eq!(lead.regions.len(), 2);
        let bottom = lead.regions[0].1.iter().map(|p| p[1]).fold(0.0, f64::max);
        assert_eq!(bottom, (64.0 + 3.0) * 2.0);
        // The photo above the photo story's title is part of its region.
        assert_eq!(photo.regions.len(), 1);
        assert!(crate::make::geom::covers(
            &[photo.regions[0].1.clone()],
            [900.0, 100.0]
        ));
        assert!(!gone.found());
        assert_eq!(gone.located, 0.0);
        assert_eq!(found.unknown.len(), 1);
        assert_eq!(found.unknown[0].text, "天气晴朗");
        assert!(found.overlaps.is_empty());
    }
}
