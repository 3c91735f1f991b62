//! Which article each text segment of a page belongs to.
//!
//! Each segment is compared with every article by character trigrams of the
//! matching form (`text::normalize`): a line of a column shares nearly all its
//! trigrams with its own article, a typo on one side costs only the three
//! trigrams around it, and a phrase two stories share is weighted down by how
//! many stories have it. Neighbouring lines of one poppler block settle ties.

use super::draft::{Draft, PieceKind};
use super::layout::Segment;
use super::text::normalize;
use std::collections::HashMap;

/// A segment belongs to a story when at least this share of its trigrams occur in it.
const ACCEPT: f64 = 0.5;
/// A segment whose two neighbours belong to another story joins them if it
/// has at least this share of that story's trigrams.
const FOLLOW: f64 = 0.3;
const N: usize = 3;

/// What a segment was found to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Article(usize),
    /// Masthead, imprint, page label: expected text of no article.
    Furniture,
    Unknown,
}

/// The texts of a draft, indexed for matching.
pub struct Matcher {
    /// Matching form of each article's text (all its pieces in print order),
    /// then one entry for the page furniture.
    texts: Vec<Vec<char>>,
    /// The kind of piece each character of `texts` comes from.
    kinds: Vec<Vec<PieceKind>>,
    /// n-gram (n = 1..=3) -> (text, position) of each occurrence.
    index: HashMap<Vec<char>, Vec<(usize, usize)>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub owner: Owner,
    /// Kind of the piece it matched (for an article).
    pub kind: PieceKind,
    /// Positions in the owner's text this segment accounts for.
    pub marks: Vec<usize>,
    /// Score of each candidate text, best first.
    scores: Vec<(usize, f64, f64)>,
}

impl Matcher {
    pub fn new(draft: &Draft) -> Self {
        let mut texts = Vec::new();
        let mut kinds = Vec::new();
        for a in &draft.articles {
            let (mut t, mut k) = (Vec::new(), Vec::new());
            for (kind, s) in a.pieces() {
                let n: Vec<char> = normalize(s).chars().collect();
                k.extend(std::iter::repeat_n(kind, n.len()));
                t.extend(n);
            }
            texts.push(t);
            kinds.push(k);
        }
        let furniture: Vec<char> = draft
            .furniture()
            .iter()
            .flat_map(|s| normalize(s).chars().collect::<Vec<_>>())
            .collect();
        kinds.push(vec![PieceKind::Head; furniture.len()]);
        texts.push(furniture);
        let mut index: HashMap<Vec<char>, Vec<(usize, usize)>> = HashMap::new();
        for (t, text) in texts.iter().enumerate() {
            for n in 1..=N {
                for (p, g) in text.windows(n).enumerate() {
                    index.entry(g.to_vec()).or_default().push((t, p));
                }
            }
        }
        Matcher {
            texts,
            kinds,
            index,
        }
    }

    fn furniture(&self) -> usize {
        self.texts.len() - 1
    }

    /// Length of an article's text in matching form.
    pub fn len(&self, article: usize) -> usize {
        self.texts[article].len()
    }

    /// Assigns every segment of one page (in reading order).
    pub fn assign(&self, segments: &[Segment]) -> Vec<Assignment> {
        let mut out: Vec<Assignment> = segments
            .iter()
            .map(|s| self.first_guess(&s.norm()))
            .collect();
        // Settle ties and strays by the nearest segments of a story in the same block.
        for i in 0..out.len() {
            let near = |range: &mut dyn Iterator<Item = usize>| {
                range
                    .take_while(|&j| segments[j].block == segments[i].block)
                    .find_map(|j| match out[j].owner {
                        Owner::Article(t) => Some(t),
                        _ => None,
                    })
            };
            let before = near(&mut (0..i).rev());
            let after = near(&mut (i + 1..out.len()));
            let b = match (before, after) {
                (Some(x), Some(y)) if x != y => continue,
                (Some(x), _) | (_, Some(x)) => x,
                (None, None) => continue,
            };
            let a = &out[i];
            let score_b = a.scores.iter().find(|s| s.0 == b).map_or(0.0, |s| s.1);
            let tied = a.scores.len() > 1 && a.scores[0].1 == a.scores[1].1;
            let switch = match a.owner {
                Owner::Article(t) => {
                    t != b && before.is_some() && after.is_some() && (tied || score_b >= FOLLOW)
                }
                Owner::Unknown => score_b >= FOLLOW,
                Owner::Furniture => false,
            };
            if switch {
                out[i].owner = Owner::Article(b);
            }
        }
        // Where the same words stand twice in a story (a subtitle quoting the
        // text), the place right after the previous line of the story wins.
        let mut next_at: HashMap<usize, usize> = HashMap::new();
        let mut last_kind: HashMap<usize, PieceKind> = HashMap::new();
        for (a, s) in out.iter_mut().zip(segments) {
            if let Owner::Article(t) = a.owner {
                let q = s.norm();
                a.marks = self.marks(t, &q, next_at.get(&t).copied());
                a.kind = if q.len() < N {
                    last_kind.get(&t).copied().unwrap_or(PieceKind::Body)
                } else {
                    majority(a.marks.iter().map(|&p| self.kinds[t][p])).unwrap_or(PieceKind::Body)
                };
                if let Some(&end) = a.marks.last() {
                    next_at.insert(t, end + 1);
                }
                last_kind.insert(t, a.kind);
            }
        }
        out
    }

    fn first_guess(&self, q: &[char]) -> Assignment {
        let n = q.len().min(N);
        let mut hits: HashMap<usize, (f64, f64)> = HashMap::new();
        let grams = if n == 0 { 0 } else { q.len() - n + 1 };
        for g in q.windows(n.max(1)).take(grams) {
            let Some(occ) = self.index.get(g) else {
                continue;
            };
            // Occurrences are listed text by text: dedup leaves each text once.
            let mut owners: Vec<usize> = occ.iter().map(|o| o.0).collect();
            owners.dedup();
            for &t in &owners {
                let h = hits.entry(t).or_default();
                h.0 += 1.0;
                h.1 += 1.0 / owners.len() as f64;
            }
        }
        let mut scores: Vec<(usize, f64, f64)> = hits
            .into_iter()
            .map(|(t, (h, w))| (t, h / grams as f64, w))
            .collect();
        scores.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(b.2.total_cmp(&a.2))
                .then(a.0.cmp(&b.0))
        });
        let owner = match scores.first() {
            // One character says nothing; two must be found in one text only.
            _ if q.len() < 2 => Owner::Unknown,
            Some(&(_, _, w)) if q.len() == 2 && w < 1.0 => Owner::Unknown,
            Some(&(t, s, _)) if s >= ACCEPT => {
                if t == self.furniture() {
                    Owner::Furniture
                } else {
                    Owner::Article(t)
                }
            }
            _ => Owner::Unknown,
        };
        Assignment {
            owner,
            kind: PieceKind::Body,
            marks: Vec::new(),
            scores,
        }
    }

    /// The positions of article `t`'s text that segment `q` accounts for: its
    /// trigrams placed at the offset most of them agree on (give or take two
    /// characters, for a word missing on one side); among equally good
    /// offsets, the one nearest `hint`.
    fn marks(&self, t: usize, q: &[char], hint: Option<usize>) -> Vec<usize> {
        let n = q.len().min(N);
        if n == 0 {
            return Vec::new();
        }
        let occ = |g: &[char]| -> Vec<usize> {
            self.index.get(g).map_or(Vec::new(), |o| {
                o.iter().filter(|x| x.0 == t).map(|x| x.1).collect()
            })
        };
        let mut votes: HashMap<isize, usize> = HashMap::new();
        let found: Vec<Vec<usize>> = q.windows(n).map(occ).collect();
        for (k, ps) in found.iter().enumerate() {
            for &p in ps {
                *votes.entry(p as isize - k as isize).or_default() += 1;
            }
        }
        let hint = hint.map_or(0, |h| h as isize);
        let Some(best) = votes
            .into_iter()
            .max_by_key(|&(off, v)| (v, -(off - hint).abs(), -off))
            .map(|x| x.0)
        else {
            return Vec::new();
        };
        let mut marks = Vec::new();
        for (k, ps) in found.iter().enumerate() {
            let want = best + k as isize;
            if let Some(&p) = ps.iter().min_by_key(|&&p| (p as isize - want).abs()) {
                if (p as isize - want).abs() <= 2 {
                    marks.extend(p..p + n);
                }
            }
        }
        marks.sort_unstable();
        marks.dedup();
        marks
    }
}

fn majority(kinds: impl Iterator<Item = PieceKind>) -> Option<PieceKind> {
    let mut counts = [0usize; 3];
    for k in kinds {
        counts[k as usize] += 1;
    }
    let (i, &c) = counts.iter().enumerate().max_by_key(|x| x.1)?;
    (c > 0).then_some([PieceKind::Head, PieceKind::Body, PieceKind::Caption][i])
}

/// Share of each article's text located by the assignments (0..=1).
pub fn located(m: &Matcher, articles: usize, all: &[&Assignment]) -> Vec<f64> {
    let mut seen: Vec<Vec<bool>> = (0..articles).map(|t| vec![false; m.len(t)]).collect();
    for a in all {
        if let Owner::Article(t) = a.owner {
            for &p in &a.marks {
                seen[t][p] = true;
            }
        }
    }
    seen.iter()
        .map(|s| {
            if s.is_empty() {
                1.0
            } else {
                s.iter().filter(|&&b| b).count() as f64 / s.len() as f64
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::make::draft::parse_draft;
    use crate::make::geom::Rect;

    fn draft() -> Draft {
        let text = r#"{"format":"changji-epaper/edition","version":1,
          "publication":{"name":"昌吉日报","imprint":["□邮编:831100 □本期定价:1.1元"]},
          "date":"2000-01-05","weekday":"星期三","issue_number":1,"printed_pages":4,
          "pages":[{"number":1,"label":"第01版"}],
          "articles":[
            {"id":"a","kind":"news","title":"算力中心正式投运","body":[
              {"type":"paragraph","text":"新疆首个国际融合算力中心在昌吉州正式投运，这也是目前全疆投运规模最大的智算、超算中心。"}]},
            {"id":"b","kind":"photo","title":"构建全生命周期产业矩阵","body":[
              {"type":"figure","caption":"5月20日，工人在车间内作业。昌吉州正式投运","credit":"□本报记者 何 龙摄"}]}],
          "reading_order":["a","b"]}"#;
        parse_draft(text).unwrap().0
    }

    fn seg(block: usize, text: &str) -> Segment {
        let chars = crate::make::text::normalize(text)
            .chars()
            .map(|c| (c, [0.0, 0.0]))
            .collect();
        Segment {
            block,
            rect: Rect::new(0.0, 0.0, 1.0, 1.0),
            text: text.into(),
            chars,
        }
    }

    #[test]
    fn lines_find_their_article_through_typos_and_punctuation() {
        let m = Matcher::new(&draft());
        let segs = [
            seg(1, "新疆首个国际融合算力中"),
            // typo 合 → 和, full-width comma, a space
            seg(1, "心在昌吉洲正式投运， 这也是目前全疆投运规模"),
            seg(1, "最大的智算、超算中心。"),
            seg(2, "5月20日,工人在车间内"),
            seg(2, "□本报记者 何龙摄"),
            seg(3, "□邮编:831100"),
            seg(4, "天气晴朗适宜出行"),
        ];
        let owners: Vec<Owner> = m.assign(&segs).iter().map(|a| a.owner).collect();
        use Owner::*;
        assert_eq!(
            owners,
            vec![
                Article(0),
                Article(0),
                Article(0),
                Article(1),
                Article(1),
                Furniture,
                Unknown
            ]
        );
    }

    #[test]
    fn a_shared_phrase_goes_to_the_block_it_stands_in() {
        let m = Matcher::new(&draft());
        // "昌吉州正式投运" is in both stories; its neighbours are the caption's.
        let segs = [
            seg(2, "5月20日,工人在车间内作业。"),
            seg(2, "昌吉州正式投运"),
            seg(2, "□本报记者 何 龙摄"),
        ];
        let owners: Vec<Owner> = m.assign(&segs).iter().map(|a| a.owner).collect();
        assert_eq!(owners, vec![Owner::Article(1); 3]);
    }

    #[test]
    fn located_share_counts_each_character_once() {
        let d = draft();
        let m = Matcher::new(&d);
        let segs = [seg(1, "算力中心正式投运"), seg(1, "算力中心正式投运")];
        let a = m.assign(&segs);
        let share = located(&m, d.articles.len(), &a.iter().collect::<Vec<_>>());
        assert!((share[0] - 8.0 / m.len(0) as f64).abs() < 1e-9, "{share:?}");
        assert_eq!(share[1], 0.0);
        assert_eq!(a[0].kind, PieceKind::Head);
    }
}
