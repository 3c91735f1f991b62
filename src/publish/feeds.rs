//! What crawlers and feed readers read: sitemaps (all articles, per year,
//! and a Google News sitemap of the last two days), robots.txt, an Atom feed
//! of the latest edition, and the archive list for readers without the app.

use super::document::{Head, Site};
use super::html::escape;
use super::{Options, Published};
use crate::meta::{chinese_date, description, page_name};
use crate::route::Place;
use std::collections::BTreeMap;

fn article_url(site: &Site, p: &Published, id: &str) -> Option<String> {
    let article = p.edition.article(id)?;
    Some(site.absolute(&site.links.to(&Place {
        date: Some(p.edition.date.clone()),
        page: Some(article.first_page()),
        article: Some(id.to_string()),
    })))
}

/// (file name, text) of every crawler file. `editions` is newest first.
pub fn crawler_files(site: &Site, editions: &[Published]) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut years: BTreeMap<&str, Vec<&Published>> = BTreeMap::new();
    for p in editions {
        years.entry(&p.edition.date[..4]).or_default().push(p);
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (year, list) in &years {
        let name = format!("sitemap-{year}.xml");
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for p in list {
            let date = &p.edition.date;
            for page in &p.edition.pages {
                let url = site.absolute(&site.links.page(date, page.number));
                xml.push_str(&format!(
                    "<url><loc>{}</loc><lastmod>{date}</lastmod></url>\n",
                    escape(&url)
                ));
            }
            for id in &p.edition.reading_order {
                if let Some(url) = article_url(site, p, id) {
                    xml.push_str(&format!(
                        "<url><loc>{}</loc><lastmod>{date}</lastmod></url>\n",
                        escape(&url)
                    ));
                }
            }
        }
        xml.push_str("</urlset>\n");
        let newest = list
            .first()
            .map(|p| p.edition.date.as_str())
            .unwrap_or_default();
        index.push_str(&format!(
            "<sitemap><loc>{}</loc><lastmod>{newest}</lastmod></sitemap>\n",
            escape(&site.absolute(&format!("{}{name}", site.links.base)))
        ));
        files.push((name, xml));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".into(), index));
    files.push(("sitemap-news.xml".into(), news_sitemap(site, editions)));
    files.push(("feed.xml".into(), atom(site, editions.first())));
    files.push((
        "robots.txt".into(),
        format!(
            "User-agent: *\nAllow: /\nDisallow: {base}404.html\n\nSitemap: {}\nSitemap: {}\n",
            site.absolute(&format!("{}sitemap.xml", site.links.base)),
            site.absolute(&format!("{}sitemap-news.xml", site.links.base)),
            base = site.links.base
        ),
    ));
    files
}

/// Google News wants only the last two days' articles.
fn news_sitemap(site: &Site, editions: &[Published]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    for p in editions.iter().take(2) {
        for id in &p.edition.reading_order {
            let (Some(url), Some(a)) = (article_url(site, p, id), p.edition.article(id)) else {
                continue;
            };
            xml.push_str(&format!(
                "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name><news:language>zh</news:language></news:publication><news:publication_date>{}T00:00:00+08:00</news:publication_date><news:title>{}</news:title></news:news></url>\n",
                escape(&url),
                escape(&p.edition.publication.name),
                p.edition.date,
                escape(&a.title)
            ));
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

fn atom(site: &Site, latest: Option<&Published>) -> String {
    let self_url = site.absolute(&format!("{}feed.xml", site.links.base));
    let home = site.absolute(&site.links.base);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n<title>昌吉日报数字报</title>\n<id>{}</id>\n<link rel=\"self\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&home),
        escape(&self_url),
        escape(&home)
    );
    if let Some(p) = latest {
        let updated = format!("{}T00:00:00+08:00", p.edition.date);
        xml.push_str(&format!(
            "<updated>{updated}</updated>\n<author><name>{}</name></author>\n",
            escape(&p.edition.publication.name)
        ));
        for id in &p.edition.reading_order {
            let (Some(url), Some(a)) = (article_url(site, p, id), p.edition.article(id)) else {
                continue;
            };
            xml.push_str(&format!(
                "<entry><title>{}</title><id>{}</id><link href=\"{}\"/><updated>{updated}</updated><summary>{}</summary></entry>\n",
                escape(&a.title),
                escape(&url),
                escape(&url),
                escape(&description(a, 160))
            ));
        }
    }
    xml.push_str("</feed>\n");
    xml
}

/// 往期: every edition by month, newest first, as plain links (no app here).
pub fn archive_page(opts: &Options, editions: &[Published]) -> String {
    let links = &opts.site.links;
    let mut months: BTreeMap<&str, Vec<&Published>> = BTreeMap::new();
    for p in editions {
        months.entry(&p.edition.date[..7]).or_default().push(p);
    }
    let mut body = format!(
        "<div class=\"archive\"><header class=\"masthead\"><p class=\"paper-name\"><a href=\"{}\">昌吉日报<span class=\"product\">数字报</span></a></p></header>\n<main class=\"archive-list\"><h1>往期报纸</h1>\n",
        escape(&links.to(&Place::default()))
    );
    for (month, list) in months.iter().rev() {
        let (y, m) = month.split_once('-').unwrap_or((month, ""));
        body.push_str(&format!(
            "<section><h2>{y}年{}月</h2><ol>\n",
            m.trim_start_matches('0')
        ));
        for p in list {
            let e = &p.edition;
            let first = e.pages.first().map_or(1, |p| p.number);
            body.push_str(&format!(
                "<li><a href=\"{}\">{} {} 总第{}期</a> <span class=\"archive-pages\">{}</span></li>\n",
                escape(&links.page(&e.date, first)),
                escape(&chinese_date(&e.date)),
                escape(&e.weekday),
                e.issue_number,
                escape(&e.pages.iter().map(|pg| page_name(e, pg.number)).collect::<Vec<_>>().join(" · "))
            ));
        }
        body.push_str("</ol></section>\n");
    }
    body.push_str("</main></div>");
    let head = Head {
        title: "往期报纸 · 昌吉日报数字报".into(),
        description: "昌吉日报数字报往期报纸列表：按月份查看每一期的版面和文章。".into(),
        canonical: Some(opts.site.absolute(&format!("{}archive/", links.base))),
        extra: String::new(),
    };
    opts.template
        .without_scripts()
        .page(&opts.site, &head, Some(&body))
}
