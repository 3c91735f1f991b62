//! Makes an edition from the press PDFs (one per page) and a draft of the
//! article texts: `docs/edition-format.md` §11.
//!
//! Usage: `make-edition --draft DRAFT.json --out editions/2025-05-21 page-01.pdf [page-02.pdf …]`
//! Exit status: 0 made; 1 an error, or an article not found (nothing written); 2 usage.

// The pure logic is plain Rust; this command line (files, poppler) is native only.
#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use changji_epaper::make::report;
    use changji_epaper::make::run::{make, Failure, Options};
    use std::path::PathBuf;
    use std::process::ExitCode;

    const USAGE: &str =
        "用法: make-edition --draft DRAFT.json --out 期刊文件夹 第1版.pdf [第2版.pdf …]
      --allow-missing   版面上找不到的文章不算错误（从期刊中略去，并在报告中列出）
      --index FILE      更新这个期刊目录（默认：期刊文件夹上一层的 index.json，如果有）
      --no-index        不更新期刊目录";

    pub fn main() -> ExitCode {
        let opts = match parse(std::env::args().skip(1).collect()) {
            Ok(o) => o,
            Err(msg) => {
                eprintln!("{msg}\n{USAGE}");
                return ExitCode::from(2);
            }
        };
        let pages = opts.pdfs.len();
        match make(&opts) {
            Ok(r) => {
                print!("{}", report::text(&r.located, &r.missing, &r.timing, pages));
                if let Some(out) = &r.written {
                    println!("已写入 {}", out.display());
                }
                match &r.index {
                    Some(i) => println!("已更新期刊目录 {}", i.display()),
                    None => println!("期刊目录未更新（要更新，加 --index editions/index.json）"),
                }
                ExitCode::SUCCESS
            }
            Err(Failure::Missing(r)) => {
                print!("{}", report::text(&r.located, &r.missing, &r.timing, pages));
                eprintln!("make-edition: {}；未写入任何文件", Failure::Missing(r));
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("make-edition: {e}；未写入任何文件");
                ExitCode::FAILURE
            }
        }
    }

    fn parse(args: Vec<String>) -> Result<Options, String> {
        let (mut draft, mut out, mut index, mut no_index) = (None, None, None, false);
        let mut opts = Options {
            draft: PathBuf::new(),
            out: PathBuf::new(),
            pdfs: Vec::new(),
            allow_missing: false,
            index: None,
        };
        let mut it = args.into_iter();
        while let Some(a) = it.next() {
            let mut value = |name: &str| it.next().ok_or(format!("{name} 后面须有一个值"));
            match a.as_str() {
                "-h" | "--help" => return Err(String::new()),
                "--draft" => draft = Some(PathBuf::from(value("--draft")?)),
                "--out" => out = Some(PathBuf::from(value("--out")?)),
                "--index" => index = Some(PathBuf::from(value("--index")?)),
                "--no-index" => no_index = true,
                "--allow-missing" => opts.allow_missing = true,
                s if s.starts_with("--") => return Err(format!("不认识的选项 {s}")),
                s => opts.pdfs.push(PathBuf::from(s)),
            }
        }
        opts.draft = draft.ok_or("缺少 --draft")?;
        opts.out = out.ok_or("缺少 --out")?;
        if opts.pdfs.is_empty() {
            return Err("缺少版面 PDF".into());
        }
        opts.index = if no_index {
            None
        } else {
            index.or_else(|| {
                let beside = opts.out.parent()?.join("index.json");
                beside.is_file().then_some(beside)
            })
        };
        Ok(opts)
    }
}
