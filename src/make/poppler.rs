//! The thin layer over poppler-utils (Debian `poppler-utils`): `pdfinfo`,
//! `pdftotext -bbox-layout`, `pdftohtml -xml` (where pictures are placed) and
//! `pdftoppm` (page pictures). Everything it returns is parsed by pure code.

use super::geom::Rect;
use super::layout::{parse_bbox_layout, PageText};
use std::path::Path;
use std::process::{Command, Output};

/// Page size of a PDF's one page, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PdfInfo {
    pub pages: u32,
    pub width: f64,
    pub height: f64,
}

fn run(tool: &str, args: &[&std::ffi::OsStr]) -> Result<Output, String> {
    Command::new(tool).args(args).output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            format!("找不到 {tool}：请安装 poppler-utils（scripts/setup.sh 会安装）")
        } else {
            format!("无法运行 {tool}：{e}")
        }
    })
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).trim().to_string()
}

/// Reads the page count and size; tells an encrypted PDF from a broken one.
pub fn info(pdf: &Path) -> Result<PdfInfo, String> {
    let o = run("pdfinfo", &[pdf.as_os_str()])?;
    let err = stderr(&o);
    if err.contains("Incorrect password") {
        return Err("PDF 已加密，须有密码才能打开：请导出不加密的 PDF".into());
    }
    if !o.status.success() {
        let first = err.lines().last().unwrap_or("").to_string();
        return Err(format!("不是可读的 PDF（文件损坏或不是 PDF）：{first}"));
    }
    parse_info(&String::from_utf8_lossy(&o.stdout))
}

/// `Pages:` and `Page size: W x H pts` of pdfinfo's report.
pub fn parse_info(out: &str) -> Result<PdfInfo, String> {
    let field = |name: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_string()))
            .ok_or_else(|| format!("pdfinfo 没有报告 {name}"))
    };
    let pages = field("Pages:")?
        .parse()
        .map_err(|_| "pdfinfo 报告的页数不是数".to_string())?;
    let size = field("Page size:")?;
    let mut nums = size
        .split_whitespace()
        .filter_map(|w| w.parse::<f64>().ok());
    match (nums.next(), nums.next()) {
        (Some(width), Some(height)) if width > 0.0 && height > 0.0 => Ok(PdfInfo {
            pages,
            width,
            height,
        }),
        _ => Err(format!("pdfinfo 报告的版面尺寸无法读取：{size}")),
    }
}

/// The positioned text of page 1.
pub fn text(pdf: &Path) -> Result<PageText, String> {
    let args = ["-bbox-layout", "-f", "1", "-l", "1"].map(std::ffi::OsStr::new);
    let mut all: Vec<&std::ffi::OsStr> = args.to_vec();
    all.extend([pdf.as_os_str(), "-".as_ref()]);
    let o = run("pdftotext", &all)?;
    if !o.status.success() {
        return Err(format!("pdftotext 失败：{}", stderr(&o)));
    }
    parse_bbox_layout(&String::from_utf8_lossy(&o.stdout))?
        .into_iter()
        .next()
        .ok_or_else(|| "pdftotext 没有输出版面".into())
}

/// pdftohtml's coordinates are whole numbers of points times its zoom (at
/// most 3, whatever is asked); the page's own width in them gives the scale.
const ZOOM: f64 = 3.0;

/// Where pictures are placed on page 1, in points. pdftohtml writes the
/// pictures themselves too, into `scratch` (a directory of ours).
pub fn photos(pdf: &Path, width_pt: f64, scratch: &Path) -> Result<Vec<Rect>, String> {
    std::fs::create_dir_all(scratch).map_err(|e| format!("无法建立临时文件夹：{e}"))?;
    let out = scratch.join("page");
    let zoom = ZOOM.to_string();
    let args = ["-xml", "-q", "-f", "1", "-l", "1", "-zoom", &zoom].map(std::ffi::OsStr::new);
    let mut all: Vec<&std::ffi::OsStr> = args.to_vec();
    all.extend([pdf.as_os_str(), out.as_os_str()]);
    let o = run("pdftohtml", &all)?;
    if !o.status.success() {
        return Err(format!("pdftohtml 失败：{}", stderr(&o)));
    }
    let xml = std::fs::read_to_string(scratch.join("page.xml"))
        .map_err(|e| format!("pdftohtml 没有输出：{e}"))?;
    Ok(parse_images(&xml, width_pt))
}

fn num_attr(tag: &str, k: &str) -> Option<f64> {
    let at = tag.find(&format!(" {k}=\""))? + k.len() + 3;
    tag[at..].split('"').next()?.parse().ok()
}

/// `<image top left width height …>` elements of pdftohtml's XML, in points
/// (its `<page width>` is `width_pt` points).
pub fn parse_images(xml: &str, width_pt: f64) -> Vec<Rect> {
    let page = xml
        .split("<page ")
        .nth(1)
        .and_then(|t| num_attr(&t[..t.find('>')?], "width"));
    let k = page
        .filter(|&w| w > 0.0)
        .map_or(1.0 / ZOOM, |w| width_pt / w);
    xml.split("<image ")
        .skip(1)
        .filter_map(|tag| {
            let tag = format!(" {}", &tag[..tag.find('>')?]);
            let num = |k: &str| num_attr(&tag, k);
            let (t, l, w, h) = (num("top")?, num("left")?, num("width")?, num("height")?);
            Some(Rect::new(l, t, l + w, t + h).scale(k))
        })
        .filter(|r| r.width() > 0.0 && r.height() > 0.0)
        .collect()
}

/// Renders page 1 as a JPEG `width` × `height` pixels at `quality` (1–100).
pub fn render(pdf: &Path, width: u32, height: u32, quality: u8, out: &Path) -> Result<(), String> {
    // pdftoppm appends ".jpg" to the name it is given.
    let stem = out.with_extension("");
    // Progressive and optimised: about a tenth smaller, and drawn coarse-first.
    let (w, h, q) = (
        width.to_string(),
        height.to_string(),
        format!("quality={quality},optimize=y,progressive=y"),
    );
    let args = [
        "-jpeg",
        "-jpegopt",
        &q,
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        "-scale-to-x",
        &w,
        "-scale-to-y",
        &h,
        "-aa",
        "yes",
        "-aaVector",
        "yes",
    ]
    .map(std::ffi::OsStr::new);
    let mut all: Vec<&std::ffi::OsStr> = args.to_vec();
    all.extend([pdf.as_os_str(), stem.as_os_str()]);
    let o = run("pdftoppm", &all)?;
    if !o.status.success() {
        return Err(format!("pdftoppm 失败：{}", stderr(&o)));
    }
    let made = stem.with_extension("jpg");
    if made != out {
        std::fs::rename(&made, out).map_err(|e| format!("无法写入 {}：{e}", out.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdfinfo_report_gives_pages_and_size() {
        let out = "Producer:        Skia/PDF m156\nPages:           1\nEncrypted:       no\nPage size:       900 x 1251.12 pts\n";
        assert_eq!(
            parse_info(out).unwrap(),
            PdfInfo {
                pages: 1,
                width: 900.0,
                height: 1251.12
            }
        );
        assert!(parse_info("Pages: 1\n").is_err());
        assert!(parse_info("Pages: 1\nPage size: 0 x 10 pts\n").is_err());
    }

    #[test]
    fn image_placements_are_read_in_points() {
        let xml = r#"<page number="1" position="absolute" top="0" left="0" height="3753" width="2700">
<image top="774" left="2889" width="1026" height="645" src="page-1_1.png"/>
<image top="0" left="0" width="0" height="4" src="x.png"/></page>"#;
        assert_eq!(
            parse_images(xml, 900.0),
            vec![Rect::new(963.0, 258.0, 1305.0, 473.0)]
        );
    }
}
