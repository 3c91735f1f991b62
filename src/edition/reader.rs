//! The edition and index read by hand from parsed JSON (json.rs): the
//! browser's reader. The same fields, defaults and array caps as the serde
//! model (model.rs), which the validator uses; the tests below hold the two
//! to the same answers.

use super::json::{Node, Path, Read};
use super::limits::max;
use super::validate::version_message;
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
        weekday: v.req(p, "weekday", Node::string)?,
        lunar_date: v.opt(p, "lunar_date", Node::string)?,
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
        note: v.opt(p, "note", Node::string)?,
    })
}

fn publication(v: &Node, p: &Path) -> Read<Publication> {
    v.object(p)?;
    let text = |key| v.opt(p, key, Node::string);
    Ok(Publication {
        name: v.req(p, "name", Node::string)?,
        latin_name: text("latin_name")?,
        sponsor: text("sponsor")?,
        publisher: text("publisher")?,
        serial_number: text("serial_number")?,
        postal_code: text("postal_code")?,
        website: text("website")?,
        email: text("email")?,
        news_hotline: text("news_hotline")?,
        imprint: v.or_default(p, "imprint", |v, p| {
            v.list(p, max::IMPRINT_LINES, Node::string)
        })?,
    })
}

fn page(v: &Node, p: &Path) -> Read<Page> {
    v.object(p)?;
    Ok(Page {
        number: v.req(p, "number", Node::uint)?,
        label: v.req(p, "label", Node::string)?,
        section: v.opt(p, "section", Node::string)?,
        width: v.req(p, "width", Node::float)?,
        height: v.req(p, "height", Node::float)?,
        images: v.or_default(p, "images", |v, p| v.list(p, max::IMAGES, image))?,
        thumbnail: v.opt(p, "thumbnail", image)?,
        pdf: v.opt(p, "pdf", Node::string)?,
    })
}

fn image(v: &Node, p: &Path) -> Read<Image> {
    v.object(p)?;
    Ok(Image {
        url: v.req(p, "url", Node::string)?,
        width: v.req(p, "width", Node::uint)?,
    })
}

const KINDS: [&str; 5] = ["news", "photo", "notice", "advertisement", "other"];

fn article(v: &Node, p: &Path) -> Read<Article> {
    v.object(p)?;
    let text = |key| v.opt(p, key, Node::string);
    Ok(Article {
        id: v.req(p, "id", Node::string)?,
        kind: match v.req(p, "kind", |v, p| v.one_of(p, &KINDS))? {
            0 => ArticleKind::News,
            1 => ArticleKind::Photo,
            2 => ArticleKind::Notice,
            3 => ArticleKind::Advertisement,
            _ => ArticleKind::Other,
        },
        column: text("column")?,
        kicker: text("kicker")?,
        title: v.req(p, "title", Node::string)?,
        subtitle: text("subtitle")?,
        byline: text("byline")?,
        dateline: text("dateline")?,
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
                text: v.req(p, "text", Node::string)?,
            },
            1 => Block::Subhead {
                text: v.req(p, "text", Node::string)?,
            },
            _ => Block::Figure {
                image: v.opt(p, "image", image)?,
                caption: v.req(p, "caption", Node::string)?,
                credit: v.opt(p, "credit", Node::string)?,
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
        publication: v.req(p, "publication", Node::string)?,
        latest: v.req(p, "latest", Node::string)?,
        editions: v.req(p, "editions", |v, p| v.list(p, max::EDITIONS, entry))?,
    })
}

fn entry(v: &Node, p: &Path) -> Read<IndexEntry> {
    v.object(p)?;
    Ok(IndexEntry {
        date: v.req(p, "date", Node::string)?,
        issue_number: v.req(p, "issue_number", Node::uint)?,
        url: v.req(p, "url", Node::string)?,
        thumbnail: v.opt(p, "thumbnail", Node::string)?,
        page_images: v.or_default(p, "page_images", |v, p| {
            v.list(p, max::PAGE_IMAGES, Node::string)
        })?,
    })
}
