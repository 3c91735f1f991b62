//! A published page: the app's shell (built `index.html`) with the place's
//! head (title, description, canonical, Open Graph, JSON-LD) and its markup.

use super::html::{escape, json_for_script};
use crate::edition::{resolve_url, Article, Block, Edition, Page};
use crate::meta::{chinese_date, description, document_title, page_name};
use crate::route::{Links, Place};
use serde_json::json;

const APP_START: &str = "<!--app-->";
const APP_END: &str = "<!--/app-->";
const META: &str = "<!--meta-->";

/// Where the site is published: the one setting a deployment must review.
#[derive(Debug, Clone)]
pub struct Site {
    /// `https://epaper.cjxww.cn`, no trailing slash.
    pub origin: String,
    /// The links under the site's base path (`/`, or `/epaper/`).
    pub links: Links,
}

impl Site {
    pub fn absolute(&self, path: &str) -> String {
        if path.starts_with("https://") {
            path.to_string()
        } else {
            format!("{}{path}", self.origin)
        }
    }

    /// Path of an edition's file on the site (pictures are relative to it).
    pub fn edition_url(&self, index_entry_url: &str) -> String {
        resolve_url(
            &format!("{}editions/index.json", self.links.base),
            index_entry_url,
        )
    }
}

/// The built `index.html`, split where each page puts its own parts.
#[derive(Debug, Clone)]
pub struct Template {
    html: String,
}

/// The head of one page.
pub struct Head {
    pub title: String,
    pub description: String,
    /// Absolute URL.
    pub canonical: Option<String>,
    /// Further `<meta>`, `<link>` and JSON-LD, already escaped.
    pub extra: String,
}

impl Template {
    pub fn new(html: String) -> Result<Template, String> {
        for marker in [APP_START, APP_END, META, "<title>", "<html lang=\"zh-CN\""] {
            if !html.contains(marker) {
                return Err(format!(
                    "模板缺少 {marker}（请用 scripts/build.sh 生成的 index.html）"
                ));
            }
        }
        Ok(Template { html })
    }

    pub fn html(&self) -> &str {
        &self.html
    }

    /// The shell without its scripts: a page that the app does not take over.
    pub fn without_scripts(&self) -> Template {
        let mut html = String::with_capacity(self.html.len());
        let mut rest = self.html.as_str();
        while let Some(start) = rest.find("<script") {
            html.push_str(&rest[..start]);
            match rest[start..].find("</script>") {
                Some(end) => rest = &rest[start + end + "</script>".len()..],
                None => rest = "",
            }
        }
        html.push_str(rest);
        Template { html }
    }

    /// A page with `body` (the app's markup for the place) in `#app`.
    pub fn page(&self, site: &Site, head: &Head, body: Option<&str>) -> String {
        let mut meta = String::new();
        if let Some(canonical) = &head.canonical {
            meta.push_str(&format!(
                "<link rel=\"canonical\" href=\"{}\">\n",
                escape(canonical)
            ));
        }
        meta.push_str(&head.extra);
        let html = self
            .html
            .replacen(
                "<html lang=\"zh-CN\"",
                &format!(
                    "<html lang=\"zh-CN\" data-base=\"{}\"",
                    escape(&site.links.base)
                ),
                1,
            )
            .replacen(META, &meta, 1);
        let html = replace_between(&html, "<title>", "</title>", &escape(&head.title));
        let html = replace_between(
            &html,
            "<meta name=\"description\" content=\"",
            "\">",
            &escape(&head.description),
        );
        match body {
            Some(body) => {
                let app = format!("<div id=\"app\" data-published>{body}</div>");
                let start = html.find(APP_START).unwrap_or(0);
                let end = html.find(APP_END).map_or(html.len(), |e| e + APP_END.len());
                format!("{}{app}{}", &html[..start], &html[end..])
            }
            None => html.replacen(APP_START, "", 1).replacen(APP_END, "", 1),
        }
    }
}

fn replace_between(html: &str, open: &str, close: &str, with: &str) -> String {
    let Some(start) = html.find(open).map(|s| s + open.len()) else {
        return html.to_string();
    };
    let Some(len) = html[start..].find(close) else {
        return html.to_string();
    };
    format!("{}{with}{}", &html[..start], &html[start + len..])
}

/// The head of a page view: the page's title, its articles as description.
pub fn page_head(site: &Site, edition: &Edition, page: &Page, edition_url: &str) -> Head {
    let place = Place {
        date: Some(edition.date.clone()),
        page: Some(page.number),
        article: None,
    };
    let titles: Vec<&str> = edition
        .articles_on(page.number)
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    let description = format!(
        "{} {}{}：{}",
        edition.publication.name,
        chinese_date(&edition.date),
        page_name(edition, page.number),
        titles.join("；")
    );
    let url = site.absolute(&site.links.to(&place));
    let mut extra = open_graph(
        "website",
        &document_title(edition, &place),
        &description,
        &url,
    );
    if let Some(image) = page_picture(page, edition_url) {
        extra.push_str(&og_image(&site.absolute(&image)));
    }
    Head {
        title: document_title(edition, &place),
        description,
        canonical: Some(url),
        extra,
    }
}

/// The head of an article: title, description, Open Graph and NewsArticle.
pub fn article_head(site: &Site, edition: &Edition, article: &Article, edition_url: &str) -> Head {
    let page = article.first_page();
    let place = Place {
        date: Some(edition.date.clone()),
        page: Some(page),
        article: Some(article.id.clone()),
    };
    let url = site.absolute(&site.links.to(&place));
    let summary = description(article, 120);
    let image = article_photo(article, edition_url)
        .or_else(|| {
            edition
                .page(page)
                .and_then(|p| page_picture(p, edition_url))
        })
        .map(|i| site.absolute(&i));
    let title = document_title(edition, &place);
    let mut extra = open_graph("article", &article.title, &summary, &url);
    if let Some(image) = &image {
        extra.push_str(&og_image(image));
    }
    extra.push_str(&format!(
        "<meta property=\"article:published_time\" content=\"{}T00:00:00+08:00\">\n",
        escape(&edition.date)
    ));
    let ld = news_article(site, edition, article, &url, image.as_deref());
    extra.push_str(&format!(
        "<script type=\"application/ld+json\">{}</script>\n",
        json_for_script(&ld)
    ));
    Head {
        title,
        description: summary,
        canonical: Some(url),
        extra,
    }
}

fn open_graph(kind: &str, title: &str, description: &str, url: &str) -> String {
    format!(
        "<meta property=\"og:type\" content=\"{kind}\">\n\
         <meta property=\"og:site_name\" content=\"昌吉日报数字报\">\n\
         <meta property=\"og:title\" content=\"{}\">\n\
         <meta property=\"og:description\" content=\"{}\">\n\
         <meta property=\"og:url\" content=\"{}\">\n",
        escape(title),
        escape(description),
        escape(url)
    )
}

fn og_image(url: &str) -> String {
    format!("<meta property=\"og:image\" content=\"{}\">\n", escape(url))
}

/// A share card's page picture: a middle rendition, not the largest.
fn page_picture(page: &Page, edition_url: &str) -> Option<String> {
    page.rendition_for(1200.0)
        .map(|i| resolve_url(edition_url, &i.url))
}

fn article_photo(article: &Article, edition_url: &str) -> Option<String> {
    article.body.iter().find_map(|b| match b {
        Block::Figure {
            image: Some(img), ..
        } => Some(resolve_url(edition_url, &img.url)),
        _ => None,
    })
}

fn news_article(
    site: &Site,
    edition: &Edition,
    article: &Article,
    url: &str,
    image: Option<&str>,
) -> serde_json::Value {
    let alternative: Vec<&str> = [article.kicker.as_deref(), article.subtitle.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let edition_place = Place {
        date: Some(edition.date.clone()),
        page: Some(1),
        article: None,
    };
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": format!("{}T00:00:00+08:00", edition.date),
        "mainEntityOfPage": url,
        "url": url,
        "inLanguage": "zh-CN",
        "publisher": { "@type": "Organization", "name": edition.publication.name },
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": edition.issue_number.to_string(),
            "datePublished": edition.date,
            "url": site.absolute(&site.links.to(&edition_place)),
            "isPartOf": { "@type": "Periodical", "name": edition.publication.name },
        },
        "articleSection": page_name(edition, article.first_page()),
    });
    if !alternative.is_empty() {
        ld["alternativeHeadline"] = json!(alternative.join(" "));
    }
    let authors = article
        .byline
        .as_deref()
        .map(byline_names)
        .unwrap_or_default();
    if !authors.is_empty() {
        ld["author"] = authors
            .iter()
            .map(|n| json!({ "@type": "Person", "name": n }))
            .collect();
    }
    if let Some(image) = image {
        ld["image"] = json!([image]);
    }
    ld
}

/// The people a byline names: `□本报通讯员 余再兴` → `余再兴`.
pub fn byline_names(byline: &str) -> Vec<String> {
    const ROLES: [&str; 8] = [
        "本报记者",
        "本报通讯员",
        "特约记者",
        "记者",
        "通讯员",
        "本报",
        "文/",
        "图/",
    ];
    byline
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '□' | '/'))
        .map(|word| {
            let mut w = word.trim();
            while let Some(role) = ROLES.iter().find(|r| w.starts_with(**r)) {
                w = &w[role.len()..];
            }
            w.trim_end_matches(['摄', '文']).to_string()
        })
        .filter(|w| !w.is_empty() && !ROLES.iter().any(|r| r.trim_end_matches('/') == w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_name_people_not_roles() {
        assert_eq!(byline_names("□本报通讯员 余再兴"), ["余再兴"]);
        assert_eq!(byline_names("本报记者 张三 李四"), ["张三", "李四"]);
        assert_eq!(byline_names("记者 王五 摄"), ["王五"]);
    }
}
