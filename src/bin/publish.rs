//! Writes the e-paper's static site: `cargo run --release --bin publish`.
//!
//! Reads `editions/` (the index and every edition it lists) and writes into
//! `dist/` one HTML file per edition, page and article at its path URL, the
//! 404 page, the archive list, sitemaps, robots.txt and an Atom feed, using
//! the app shell that `scripts/build.sh` wrote to `dist/.shell.html`. Only editions changed since the last run are
//! rendered again (`--force` renders all).
//!
//! Options: --editions DIR (editions), --out DIR (dist), --origin URL
//! (the site's public origin, default from deploy/site.origin), --base PATH (/),
//! --force.

#![cfg_attr(target_arch = "wasm32", allow(unused))]

#[cfg(not(target_arch = "wasm32"))]
use changji_epaper::publish::{publish, Options, Site, Template};
use changji_epaper::route::Links;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const DEFAULT_ORIGIN: &str = "https://epaper.cjxww.cn";

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("publish: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn run() -> Result<(), String> {
    let mut editions = PathBuf::from("editions");
    let mut out = PathBuf::from("dist");
    let mut origin = std::fs::read_to_string("deploy/site.origin")
        .ok()
        .and_then(|s| {
            s.lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
        })
        .unwrap_or_else(|| DEFAULT_ORIGIN.to_string());
    let mut base = String::from("/");
    let mut force = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} 需要一个值"));
        match arg.as_str() {
            "--editions" => editions = value()?.into(),
            "--out" => out = value()?.into(),
            "--origin" => origin = value()?,
            "--base" => base = value()?,
            "--force" => force = true,
            "-h" | "--help" => {
                println!("usage: publish [--editions DIR] [--out DIR] [--origin https://host] [--base /path/] [--force]");
                return Ok(());
            }
            other => return Err(format!("未知参数 {other}")),
        }
    }
    let origin = origin.trim_end_matches('/').to_string();
    if !origin.starts_with("https://") || origin["https://".len()..].contains('/') {
        return Err(format!(
            "--origin 必须是 https://主机名 形式（不带路径）：{origin}"
        ));
    }
    if !base.starts_with('/') || !base.ends_with('/') {
        return Err(format!("--base 必须以 / 开头并以 / 结尾：{base}"));
    }
    // The app shell, written by scripts/build.sh (index.html becomes the front page).
    let shell_path = out.join(".shell.html");
    let shell = std::fs::read_to_string(&shell_path)
        .map_err(|e| format!("{}: {e}（请先运行 scripts/build.sh）", shell_path.display()))?;
    let template = Template::new(shell)?;
    let started = Instant::now();
    let report = publish(&Options {
        editions,
        out,
        template,
        site: Site {
            origin,
            links: Links {
                base,
                query: String::new(),
            },
        },
        force,
    })
    .map_err(|e| e.to_string())?;
    let mut dates = report
        .rendered
        .iter()
        .take(5)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if report.rendered.len() > 5 {
        dates.push_str(", …");
    }
    println!(
        "publish: {} edition(s) rendered ({dates}), {} unchanged; {} HTML files, {} articles, {:.2} s",
        report.rendered.len(),
        report.unchanged,
        report.pages_written,
        report.articles,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
