//! The publish step: from `editions/` to a static site in `dist/` with one
//! HTML file per edition, page and article at its path URL, each rendered
//! from the app's own components, plus the 404 page, the archive list, the
//! sitemaps, robots.txt and an Atom feed.
//!
//! Publishing a new day renders only that day: each edition's folder keeps a
//! stamp of what it was rendered from (its file, the app's shell, the site),
//! and an edition whose stamp still matches is left as it is.

mod archive;
mod document;
mod feeds;
mod html;
mod render;

pub use document::{byline_names, Site, Template};

use crate::edition::{read_edition, read_index, Edition, EditionIndex, Problem};
use crate::route::Place;
use document::{article_head, page_head, Head};
use render::Renderer;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// Bumped when the publisher's output changes for the same input.
const PUBLISHER_VERSION: u32 = 1;
const STAMP: &str = ".published";

pub struct Options {
    /// The folder with `index.json` and the editions it lists.
    pub editions: PathBuf,
    /// The site folder (`dist/`), with the built app shell as `index.html`
    /// or `--template`.
    pub out: PathBuf,
    pub template: Template,
    pub site: Site,
    /// Render every edition, stamps or not.
    pub force: bool,
}

#[derive(Debug, Default)]
pub struct Report {
    /// Editions rendered now.
    pub rendered: Vec<String>,
    /// Editions whose pages were already up to date.
    pub unchanged: usize,
    /// HTML files written.
    pub pages_written: usize,
    pub articles: usize,
    /// The search index's shards were written again (some edition changed).
    pub search_rebuilt: bool,
}

#[derive(Debug)]
pub enum PublishError {
    Io(PathBuf, std::io::Error),
    /// The index or an edition does not pass validation: file and problems.
    Invalid(PathBuf, Vec<Problem>),
    /// An edition listed by URL on another site cannot be published from here.
    NotLocal(String),
}

impl std::fmt::Display for PublishError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PublishError::Io(path, err) => write!(f, "{}: {err}", path.display()),
            PublishError::Invalid(path, problems) => {
                writeln!(
                    f,
                    "{}: 有 {} 处问题，未发布：",
                    path.display(),
                    problems.len()
                )?;
                for p in problems.iter().take(50) {
                    writeln!(f, "  {p}")?;
                }
                Ok(())
            }
            PublishError::NotLocal(url) => write!(
                f,
                "{url}: 期次索引指向其他网站的文件，发布步骤只能发布 editions/ 中的本地文件"
            ),
        }
    }
}

fn read(path: &Path) -> Result<String, PublishError> {
    std::fs::read_to_string(path).map_err(|e| PublishError::Io(path.to_path_buf(), e))
}

fn write(path: &Path, text: &str) -> Result<(), PublishError> {
    let io = |e| PublishError::Io(path.to_path_buf(), e);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    std::fs::write(path, text).map_err(io)
}

/// One edition as read from disk, with its file's URL on the site.
pub struct Published {
    pub edition: Rc<Edition>,
    pub url: String,
    /// Its folder under the editions folder (`2025-05-21`).
    folder: String,
    stamp: String,
}

pub fn publish(opts: &Options) -> Result<Report, PublishError> {
    let index_path = opts.editions.join("index.json");
    let index = read_index(&read(&index_path)?)
        .map_err(|problems| PublishError::Invalid(index_path.clone(), problems))?;
    let editions = read_editions(opts, &index)?;
    let renderer = Renderer::new().map_err(|e| PublishError::Io(opts.out.clone(), e))?;
    let links = Rc::new(opts.site.links.clone());
    let mut report = Report::default();
    for published in &editions {
        let dir = opts.out.join(&published.edition.date);
        let stamp_path = dir.join(STAMP);
        if !opts.force
            && std::fs::read_to_string(&stamp_path).ok().as_deref() == Some(&published.stamp)
        {
            report.unchanged += 1;
            continue;
        }
        report.pages_written += render_edition(opts, &renderer, &links, published, &dir)?;
        report.articles += published.edition.articles.len();
        write(&stamp_path, &published.stamp)?;
        report.rendered.push(published.edition.date.clone());
    }
    // The site's front door: the latest edition's first page, as at `/`.
    let latest = editions
        .iter()
        .find(|p| p.edition.date == index.latest)
        .ok_or_else(|| PublishError::NotLocal(index.latest.clone()))?;
    let first = latest.edition.pages.first().map_or(1, |p| p.number);
    let front = page_html(opts, &renderer, &links, latest, first, None);
    write(&opts.out.join("index.html"), &front)?;
    write(&opts.out.join("404.html"), &not_found(opts))?;
    write(
        &opts.out.join(crate::route::SEARCH_PATH).join("index.html"),
        &archive::search_page(opts),
    )?;
    report.search_rebuilt = archive::write_search(&opts.out, &editions, &report.rendered)?;
    archive::write_lists(&opts.out, &editions)?;
    write(
        &opts.out.join("archive/index.html"),
        &feeds::archive_page(opts, &editions),
    )?;
    for (name, text) in feeds::crawler_files(&opts.site, &editions) {
        write(&opts.out.join(name), &text)?;
    }
    report.pages_written += 4;
    Ok(report)
}

/// Reads and checks every edition the index lists, newest first.
fn read_editions(opts: &Options, index: &EditionIndex) -> Result<Vec<Published>, PublishError> {
    let mut shell = DefaultHasher::new();
    (
        PUBLISHER_VERSION,
        &opts.template.html(),
        &opts.site.origin,
        &opts.site.links,
    )
        .hash(&mut shell);
    let shell = shell.finish();
    let mut out = Vec::new();
    for url in edition_files(opts, index)? {
        if url.starts_with("https://") || url.starts_with('/') {
            return Err(PublishError::NotLocal(url));
        }
        let path = opts.editions.join(&url);
        let text = read(&path)?;
        let edition = read_edition(&text).map_err(|p| PublishError::Invalid(path.clone(), p))?;
        let mut stamp = DefaultHasher::new();
        (shell, &text).hash(&mut stamp);
        let folder = url.rsplit_once('/').map_or("", |(f, _)| f).to_string();
        out.push(Published {
            folder,
            url: opts.site.edition_url(&url),
            edition: Rc::new(edition),
            stamp: format!("{:016x}\n", stamp.finish()),
        });
    }
    out.sort_by(|a, b| b.edition.date.cmp(&a.edition.date));
    Ok(out)
}

/// Every edition file the index names, relative to the editions folder: its
/// latest entries, and those of its year lists (an index the publish step
/// wrote before lists only the latest editions).
fn edition_files(opts: &Options, index: &EditionIndex) -> Result<Vec<String>, PublishError> {
    let mut urls: Vec<String> = index.editions.iter().map(|e| e.url.clone()).collect();
    let mut dates: std::collections::HashSet<String> =
        index.editions.iter().map(|e| e.date.clone()).collect();
    let index_path = opts.editions.join("index.json");
    let archive = crate::archive::read_index_archive(&read(&index_path)?)
        .map_err(|problems| PublishError::Invalid(index_path.clone(), problems))?;
    for year in &archive.years {
        let path = opts.editions.join(&year.url);
        let list = crate::archive::read_archive_year(&read(&path)?)
            .map_err(|problems| PublishError::Invalid(path.clone(), problems))?;
        for e in list.editions {
            if dates.insert(e.date.clone()) {
                // Relative to the list's file: seen from the index, one folder up.
                urls.push(crate::edition::resolve_url(&year.url, &e.url));
            }
        }
    }
    Ok(urls)
}

/// Writes the edition's pages and articles; returns how many files.
fn render_edition(
    opts: &Options,
    renderer: &Renderer,
    links: &Rc<crate::route::Links>,
    published: &Published,
    dir: &Path,
) -> Result<usize, PublishError> {
    let edition = &published.edition;
    let mut written = 0;
    for page in &edition.pages {
        let html = page_html(opts, renderer, links, published, page.number, None);
        if Some(page.number) == edition.pages.first().map(|p| p.number) {
            write(&dir.join("index.html"), &html)?;
        }
        write(&dir.join(page.number.to_string()).join("index.html"), &html)?;
        written += 1;
        for article in edition.articles_on(page.number) {
            let html = page_html(
                opts,
                renderer,
                links,
                published,
                page.number,
                Some(&article.id),
            );
            let path = dir
                .join(page.number.to_string())
                .join(&article.id)
                .join("index.html");
            write(&path, &html)?;
            written += 1;
        }
    }
    Ok(written)
}

fn page_html(
    opts: &Options,
    renderer: &Renderer,
    links: &Rc<crate::route::Links>,
    published: &Published,
    page: u32,
    article: Option<&str>,
) -> String {
    let edition = &published.edition;
    let place = Place {
        date: Some(edition.date.clone()),
        page: Some(page),
        article: article.map(str::to_string),
    };
    let body = renderer.place(links, edition, &published.url, &place);
    let head = match article.and_then(|id| edition.article(id)) {
        Some(a) => article_head(&opts.site, edition, a, &published.url),
        None => {
            let page = edition.page(page).expect("pages come from the edition");
            page_head(&opts.site, edition, page, &published.url)
        }
    };
    opts.template.page(&opts.site, &head, Some(&body))
}

/// The app's shell with its loading view: the app reads the address and
/// shows its own notice (the page or edition is not there, the latest is).
fn not_found(opts: &Options) -> String {
    let head = Head {
        title: "找不到该页面 · 昌吉日报数字报".into(),
        description: "昌吉日报数字报：每日版面原貌阅读。".into(),
        canonical: None,
        extra: "<meta name=\"robots\" content=\"noindex\">\n".into(),
    };
    opts.template.page(&opts.site, &head, None)
}
