//! The report for the web team: per article its pages, how much of its text
//! was located and its regions; what is missing; text that belongs to no
//! article; overlapping regions; time spent.

use super::locate::{Located, FOUND};
use super::run::Timing;
use std::fmt::Write;

/// Below this share of located text an article found is still flagged.
const WARN: f64 = 0.9;

pub fn text(located: &Located, missing: &[String], timing: &Timing, pages: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "文章（{} 篇）：", located.articles.len());
    for a in &located.articles {
        let pages: Vec<String> = a.pages().iter().map(|p| format!("第{p}版")).collect();
        let shapes: Vec<String> = a
            .regions
            .iter()
            .map(|(p, pts)| format!("第{p}版 {} 点", pts.len()))
            .collect();
        let flag = if !a.found() {
            "  ← 未找到"
        } else if a.located < WARN {
            "  ← 部分文字未找到"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  {:<28} {:<12} 文字找到 {:>5.1}%  区域 {} 个：{}{flag}",
            a.id,
            if pages.is_empty() {
                "—".into()
            } else {
                pages.join("、")
            },
            a.located * 100.0,
            a.regions.len(),
            shapes.join("；"),
        );
    }
    if missing.is_empty() {
        let _ = writeln!(s, "未找到的文章：无");
    } else {
        let _ = writeln!(
            s,
            "未找到的文章（找到的文字不到 {:.0}%）：{}",
            FOUND * 100.0,
            missing.join("、")
        );
    }
    if located.unknown.is_empty() {
        let _ = writeln!(s, "不属于任何文章的文字：无");
    } else {
        let _ = writeln!(
            s,
            "不属于任何文章的文字（{} 处，不在草稿里，也不是报头报尾）：",
            located.unknown.len()
        );
        for u in &located.unknown {
            let _ = writeln!(
                s,
                "  第{}版 ({:.0}, {:.0}) pt：{}",
                u.page, u.rect.x0, u.rect.y0, u.text
            );
        }
    }
    for (a, b, p) in &located.overlaps {
        let _ = writeln!(s, "注意：第{p}版上 {a} 与 {b} 的区域重叠");
    }
    let per = |d: std::time::Duration| d.as_secs_f64() / pages.max(1) as f64;
    let _ = writeln!(
        s,
        "用时（每版）：提取文字和图片位置 {:.3} s，匹配和区域 {:.3} s，版面图 {:.3} s（{pages} 个版面）",
        per(timing.extract),
        per(timing.matching),
        per(timing.renditions),
    );
    s
}
