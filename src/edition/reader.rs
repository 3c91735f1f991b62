//! The edition and index read by hand from parsed JSON (json.rs): the
//! browser's reader. The same fields, defaults and array caps as the serde
//! model (model.rs), which the validator uses; tests/fuzz.rs and
//! tests/validation.rs hold the two to the same answers.
//!
//! The browser runs no other check (validate.rs stays out of the module):
//! every address and every text's length limit is checked here, where it is
//! read, and the publish step and `validate-edition` guarantee the rest
//! (docs/edition-format.md, 7).

use super::json::{Node, Path, Read};
use super::limits::max;
use super::validate::{unsafe_url, version_message};
use super::*;

/// `version` first: a file of another version is named as such, not by the
/// first field this version does not know.
fn version(v: &Node) -> Read<u32> {
    // Missing: a type problem at `$`, as serde says it.
    let (n, kind) = v.req(&Path::Root, "version", |v, _| Ok((v.number(), v.kind())))?;
    let message = match n {
        Some(n) if n == f64::from(SUPPORTED_VERSION) => return Ok(SUPPORTED_VERSION),
        Some(n) if n.fract() == 0.0 && n >= 0.0 => version_message(n as u64),
        _ => format!(
            "version 应为整数 {SUPPORTED_VERSION}（本程序只读第 {SUPPORTED_VERSION} 版格式），文件里是{kind}"
        ),
    };
    Err(Problem::new("version", "$.version".into(), message))
}

/// An address the app may load: https or relative (`is_safe_url`).
fn url(v: &Node, p: &Path) -> Read<String> {
    let url = v.string(p)?;
    if is_safe_url(&url) {
        Ok(url)
    } else {
        Err(unsafe_url(p.render(), &url))
    }
}

pub fn edition(v: &Node) -> Read<Edition> {
    let p = &Path::Root;
    v.object(p)?;
    Ok(Edition {
        version: version(v)?,
        format: v.req(p, "format", Node::string)?,
        test_data: v.or_default(p, "test_data", Node::boolean)?,
        facsimile: v.opt(p, "facsimile", facsimile)?,
        publication: v.req(p, "publication", publication)?,
        date: v.req(p, "date", Node::string)?,
        weekday: v.req(p, "weekday", |v, p| v.text(p, max::WEEKDAY))?,
        lunar_date: v.opt(p, "lunar_date", |v, p| v.text(p, max::LUNAR_DATE))?,
        issue_number: v.req(p, "issue_number", Node::uint)?,
        printed_pages: v.req(p, "printed_pages", Node::uint)?,
        pages: v.req(p, "pages", |v, p| v.list(p, max::PAGES, page))?,
        articles: v.req(p, "articles", |v, p| v.list(p, max::ARTICLES, article))?,
        reading_order: v.req(p, "reading_order", |v, p| {
            v.list(p, max::READING_ORDER, Node::string)
        })?,
    })
}

fn facsimile(v: &Node, p: &Path) -> Read<Facsimile> {
    v.object(p)?;
    Ok(Facsimile {
        source: v.req(p, "source", Node::string)?,
        note: v.opt(p, "note", |v, p| v.text(p, max::FACSIMILE_NOTE))?,
    })
}

fn publication(v: &Node, p: &Path) -> Read<Publication> {
    v.object(p)?;
    let text = |key| v.opt(p, key, |v, p| v.text(p, max::MASTHEAD_LINE));
    Ok(Publication {
        name: v.req(p, "name", |v, p| v.text(p, max::PUBLICATION_NAME))?,
        latin_name: v.opt(p, "latin_name", |v, p| v.text(p, max::LATIN_NAME))?,
        sponsor: text("sponsor")?,
        publisher: text("publisher")?,
        serial_number: text("serial_number")?,
        postal_code: text("postal_code")?,
        website: text("website")?,
        email: text("email")?,
        news_hotline: text("news_hotline")?,
        promotion: text("promotion")?,
        imprint: v.or_default(p, "imprint", |v, p| {
            v.list(p, max::IMPRINT_LINES, |v, p| v.text(p, max::IMPRINT_LINE))
        })?,
    })
}

fn page(v: &Node, p: &Path) -> Read<Page> {
    v.object(p)?;
    Ok(Page {
        number: v.req(p, "number", Node::uint)?,
        label: v.req(p, "label", |v, p| v.text(p, max::PAGE_LABEL))?,
        section: v.opt(p, "section", |v, p| v.text(p, max::PAGE_SECTION))?,
        width: v.req(p, "width", Node::float)?,
        height: v.req(p, "height", Node::float)?,
        images: v.or_default(p, "images", |v, p| v.list(p, max::IMAGES, image))?,
        thumbnail: v.opt(p, "thumbnail", image)?,
        pdf: v.opt(p, "pdf", url)?,
    })
}

fn image(v: &Node, p: &Path) -> Read<Image> {
    v.object(p)?;
    Ok(Image {
        url: v.req(p, "url", url)?,
        width: v.req(p, "width", Node::uint)?,
    })
}

const KINDS: [&str; 5] = ["news", "photo", "notice", "advertisement", "other"];

fn article(v: &Node, p: &Path) -> Read<Article> {
    v.object(p)?;
    let headline = |key| v.opt(p, key, |v, p| v.text(p, max::HEADLINE));
    Ok(Article {
        id: v.req(p, "id", Node::string)?,
        kind: match v.req(p, "kind", |v, p| v.one_of(p, &KINDS))? {
            0 => ArticleKind::News,
            1 => ArticleKind::Photo,
            2 => ArticleKind::Notice,
            3 => ArticleKind::Advertisement,
            _ => ArticleKind::Other,
        },
        column: v.opt(p, "column", |v, p| v.text(p, max::COLUMN))?,
        kicker: headline("kicker")?,
        title: v.req(p, "title", |v, p| v.text(p, max::HEADLINE))?,
        subtitle: headline("subtitle")?,
        byline: headline("byline")?,
        dateline: v.opt(p, "dateline", |v, p| v.text(p, max::DATELINE))?,
        body: v.req(p, "body", |v, p| v.list(p, max::BLOCKS, block))?,
        regions: v.req(p, "regions", |v, p| v.list(p, max::REGIONS, region))?,
    })
}

fn block(v: &Node, p: &Path) -> Read<Block> {
    v.object(p)?;
    Ok(
        match v.req(p, "type", |v, p| {
            v.one_of(p, &["paragraph", "subhead", "figure"])
        })? {
            0 => Block::Paragraph {
                text: v.req(p, "text", |v, p| v.text(p, max::PARAGRAPH))?,
            },
            1 => Block::Subhead {
                text: v.req(p, "text", |v, p| v.text(p, max::SUBHEAD))?,
            },
            _ => Block::Figure {
                image: v.opt(p, "image", image)?,
                caption: v.req(p, "caption", |v, p| v.text(p, max::CAPTION))?,
                credit: v.opt(p, "credit", |v, p| v.text(p, max::CREDIT))?,
            },
        },
    )
}

fn region(v: &Node, p: &Path) -> Read<Region> {
    v.object(p)?;
    Ok(Region {
        page: v.req(p, "page", Node::uint)?,
        points: v.req(p, "points", |v, p| v.list(p, max::POINTS, Node::pair))?,
    })
}

pub fn index(v: &Node) -> Read<EditionIndex> {
    let p = &Path::Root;
    v.object(p)?;
    Ok(EditionIndex {
        version: version(v)?,
        format: v.req(p, "format", Node::string)?,
        publication: v.req(p, "publication", |v, p| v.text(p, max::INDEX_PUBLICATION))?,
        latest: v.req(p, "latest", Node::string)?,
        editions: v.req(p, "editions", |v, p| v.list(p, max::EDITIONS, entry))?,
    })
}

fn entry(v: &Node, p: &Path) -> Read<IndexEntry> {
    v.object(p)?;
    Ok(IndexEntry {
        date: v.req(p, "date", Node::string)?,
        issue_number: v.req(p, "issue_number", Node::uint)?,
        url: v.req(p, "url", url)?,
        thumbnail: v.opt(p, "thumbnail", url)?,
        page_images: v.or_default(p, "page_images", |v, p| v.list(p, max::PAGE_IMAGES, url))?,
    })
}
