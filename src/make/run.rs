//! One `make-edition` run: read the draft and the PDFs, locate the articles,
//! render the pictures, and write the edition folder all at once (into a
//! temporary folder beside it, renamed into place at the end), then the index.

use super::draft::{parse_draft, Draft, DraftError};
use super::locate::{locate, Located, PageIn};
use super::output::{self, PageMade, RENDITIONS, THUMB};
use super::poppler;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Master pixels across a page (the largest picture's width).
pub const MASTER_WIDTH: u32 = 2400;

#[derive(Debug, Clone)]
pub struct Options {
    pub draft: PathBuf,
    pub out: PathBuf,
    pub pdfs: Vec<PathBuf>,
    pub allow_missing: bool,
    /// None: no index update.
    pub index: Option<PathBuf>,
}

/// Time spent, summed over the pages.
#[derive(Debug, Clone, Default)]
pub struct Timing {
    pub extract: Duration,
    pub matching: Duration,
    pub renditions: Duration,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub draft: Draft,
    pub located: Located,
    /// Articles not found (left out of the edition with `--allow-missing`).
    pub missing: Vec<String>,
    pub timing: Timing,
    pub written: Option<PathBuf>,
    pub index: Option<PathBuf>,
}

#[derive(Debug)]
pub enum Failure {
    /// The draft does not parse or is not a draft; where, as a JSON path.
    Draft(PathBuf, DraftError),
    /// The draft breaks edition rules (duplicate ids, reading order…); paths are the draft's.
    DraftRules(PathBuf, Vec<crate::edition::Problem>),
    /// A PDF cannot be used; which one and why.
    Pdf(PathBuf, String),
    PageCount {
        pdfs: usize,
        pages: usize,
    },
    /// Articles not found: the report says which; nothing was written.
    Missing(Box<Report>),
    /// The edition made would not pass validation (a bug or a bad draft).
    Invalid(Vec<crate::edition::Problem>),
    Io(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Draft(file, e) => write!(f, "草稿 {} 有误：{e}", file.display()),
            Failure::DraftRules(file, ps) => {
                writeln!(f, "草稿 {} 未通过期刊数据的检查：", file.display())?;
                for p in ps {
                    writeln!(f, "  {p}")?;
                }
                Ok(())
            }
            Failure::Pdf(file, e) => write!(f, "{}: {e}", file.display()),
            Failure::PageCount { pdfs, pages } => write!(
                f,
                "草稿有 {pages} 个版面（$.pages），却给了 {pdfs} 个 PDF：每个版面须有一个 PDF，按版序"
            ),
            Failure::Missing(r) => write!(
                f,
                "{} 篇文章在版面上没有找到：{}（确实不上版面时加 --allow-missing）",
                r.missing.len(),
                r.missing.join("、")
            ),
            Failure::Invalid(ps) => {
                writeln!(f, "生成的期刊数据未通过检查：")?;
                for p in ps {
                    writeln!(f, "  {p}")?;
                }
                Ok(())
            }
            Failure::Io(e) => write!(f, "{e}"),
        }
    }
}

fn io(what: &str, path: &Path, e: std::io::Error) -> Failure {
    Failure::Io(format!("{what} {} 失败：{e}", path.display()))
}

pub fn make(opts: &Options) -> Result<Report, Failure> {
    let text = std::fs::read_to_string(&opts.draft).map_err(|e| io("读取草稿", &opts.draft, e))?;
    let (draft, value) = parse_draft(&text).map_err(|e| Failure::Draft(opts.draft.clone(), e))?;
    let numbers: Vec<u32> = draft.pages.iter().map(|p| p.number).collect();
    let ids: Vec<String> = draft.articles.iter().map(|a| a.id.clone()).collect();
    let problems = output::check_draft(&value, &numbers, &ids);
    if !problems.is_empty() {
        return Err(Failure::DraftRules(opts.draft.clone(), problems));
    }
    if draft.pages.len() != opts.pdfs.len() {
        return Err(Failure::PageCount {
            pdfs: opts.pdfs.len(),
            pages: draft.pages.len(),
        });
    }
    let mut timing = Timing::default();
    let scratch = Scratch::new(&opts.out)?;

    let mut pages = Vec::new();
    let mut made = Vec::new();
    for (pdf, page) in opts.pdfs.iter().zip(&draft.pages) {
        let t = Instant::now();
        let fail = |e: String| Failure::Pdf(pdf.clone(), e);
        let info = poppler::info(pdf).map_err(fail)?;
        if info.pages != 1 {
            return Err(fail(format!(
                "PDF 有 {} 页：每个 PDF 应只有一个版面",
                info.pages
            )));
        }
        let text = poppler::text(pdf).map_err(fail)?;
        let photos =
            poppler::photos(pdf, info.width, &scratch.path.join("images")).map_err(fail)?;
        timing.extract += t.elapsed();
        let height = (f64::from(MASTER_WIDTH) * info.height / info.width).round() as u32;
        made.push(PageMade {
            number: page.number,
            width: MASTER_WIDTH,
            height,
        });
        pages.push(PageIn {
            number: page.number,
            text,
            photos,
        });
    }
    let _ = std::fs::remove_dir_all(scratch.path.join("images"));

    let t = Instant::now();
    let located = locate(&draft, &pages, f64::from(MASTER_WIDTH));
    timing.matching += t.elapsed();
    let missing: Vec<String> = located
        .articles
        .iter()
        .filter(|a| !a.found())
        .map(|a| a.id.clone())
        .collect();
    let mut report = Report {
        draft,
        located,
        missing,
        timing,
        written: None,
        index: None,
    };
    if !report.missing.is_empty() && !opts.allow_missing {
        return Err(Failure::Missing(Box::new(report)));
    }

    let t = Instant::now();
    for (pdf, page) in opts.pdfs.iter().zip(&made) {
        render_page(pdf, page, &scratch.path).map_err(|e| Failure::Pdf(pdf.clone(), e))?;
        let dst = scratch.path.join(output::pdf_file(page.number));
        std::fs::copy(pdf, &dst).map_err(|e| io("复制", pdf, e))?;
    }
    report.timing.renditions += t.elapsed();

    let edition = output::edition(&value, &made, &report.located, &report.missing);
    let text =
        serde_json::to_string_pretty(&edition).map_err(|e| Failure::Io(e.to_string()))? + "\n";
    crate::edition::read_edition(&text).map_err(Failure::Invalid)?;
    let file = scratch.path.join("edition.json");
    std::fs::write(&file, text).map_err(|e| io("写入", &file, e))?;
    scratch.commit(&opts.out)?;
    report.written = Some(opts.out.clone());

    if let Some(index) = &opts.index {
        update_index(index, &opts.out, &report.draft, &made)?;
        report.index = Some(index.clone());
    }
    Ok(report)
}

/// Every picture of a page, two pdftoppm runs at a time (the renders are
/// independent; most machines have two cores or more).
fn render_page(pdf: &Path, page: &PageMade, dir: &Path) -> Result<(), String> {
    let jobs: Vec<(u32, u64, String)> = RENDITIONS
        .iter()
        .map(|&(w, b)| (w, b, w.to_string()))
        .chain([(THUMB.0, THUMB.1, "thumb".to_string())])
        .collect();
    let (a, b): (Vec<_>, Vec<_>) = jobs.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    std::thread::scope(|s| {
        let run = move |part: Vec<(usize, &(u32, u64, String))>| {
            part.into_iter().try_for_each(|(_, (w, budget, name))| {
                let file = dir.join(output::page_file(page.number, name));
                let h =
                    (f64::from(*w) * f64::from(page.height) / f64::from(page.width)).round() as u32;
                render_within(pdf, *w, h.max(1), *budget, &file)
            })
        };
        let other = s.spawn(move || run(b));
        let mine = run(a);
        mine.and(
            other
                .join()
                .unwrap_or_else(|_| Err("版面图线程失败".into())),
        )
    })
}

/// Renders at the best JPEG quality (of a few steps) that stays within
/// `budget` bytes. Far over budget at the first try, it skips steps: each
/// render of a large page takes about a second.
fn render_within(pdf: &Path, w: u32, h: u32, budget: u64, file: &Path) -> Result<(), String> {
    const STEPS: [u8; 9] = [85, 70, 55, 45, 35, 28, 22, 16, 10];
    let mut k = 0;
    while k < STEPS.len() {
        poppler::render(pdf, w, h, STEPS[k], file)?;
        let size = std::fs::metadata(file).map_err(|e| e.to_string())?.len();
        if size <= budget {
            return Ok(());
        }
        let over = size as f64 / budget as f64;
        k += if over > 3.0 {
            4
        } else if over > 1.8 {
            3
        } else if over > 1.3 {
            2
        } else {
            1
        };
    }
    Err(format!(
        "{w} 像素宽的版面图在 JPEG 质量 10 时仍超过 {budget} 字节"
    ))
}

fn update_index(index: &Path, out: &Path, draft: &Draft, made: &[PageMade]) -> Result<(), Failure> {
    let base = index.parent().unwrap_or(Path::new("."));
    let abs = |p: &Path| std::fs::canonicalize(p).map_err(|e| io("找不到", p, e));
    let dir = abs(out)?;
    let dir = dir
        .strip_prefix(abs(if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        })?)
        .map_err(|_| {
            Failure::Io(format!(
                "期刊文件夹 {} 不在目录 {} 所在的文件夹之内",
                out.display(),
                index.display()
            ))
        })?;
    let dir = dir.to_string_lossy().replace('\\', "/");
    let old =
        match std::fs::read_to_string(index) {
            Ok(t) => Some(serde_json::from_str(&t).map_err(|e| {
                Failure::Io(format!("目录 {} 不是合法的 JSON：{e}", index.display()))
            })?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(io("读取", index, e)),
        };
    let p = &draft.publication.name;
    let idx = output::index(old, p, &draft.date, draft.issue_number, &dir, made);
    let text = serde_json::to_string_pretty(&idx).map_err(|e| Failure::Io(e.to_string()))? + "\n";
    crate::edition::read_index(&text).map_err(Failure::Invalid)?;
    // Replaced whole (write then rename): a reader never sees half an index.
    let tmp = index.with_extension("json.tmp");
    std::fs::write(&tmp, text).map_err(|e| io("写入", &tmp, e))?;
    std::fs::rename(&tmp, index).map_err(|e| io("替换", index, e))
}

/// A temporary folder beside the output, removed unless committed.
struct Scratch {
    path: PathBuf,
}

impl Scratch {
    fn new(out: &Path) -> Result<Self, Failure> {
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "edition".into());
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| io("建立", parent, e))?;
        let path = parent.join(format!(".{name}.making-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir(&path).map_err(|e| io("建立", &path, e))?;
        Ok(Scratch { path })
    }

    /// Puts the folder in place of `out`; an old `out` is moved aside first
    /// and removed once the new one stands.
    fn commit(&self, out: &Path) -> Result<(), Failure> {
        let old = self.path.with_extension("old");
        let had = out.exists();
        if had {
            std::fs::rename(out, &old).map_err(|e| io("移开旧的", out, e))?;
        }
        if let Err(e) = std::fs::rename(&self.path, out) {
            if had {
                let _ = std::fs::rename(&old, out);
            }
            return Err(io("写入", out, e));
        }
        if had {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
