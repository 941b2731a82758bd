//! Extracts the main text and metadata of HTML pages, one JSON line per page:
//! `cargo run -p tidings-read --example extract_html -- page1.html page2.html`
//!
//! The HTML comparison in `bench/html/compare` runs this beside trafilatura.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for path in std::env::args().skip(1) {
        let html = match std::fs::read_to_string(&path) {
            Ok(html) => html,
            Err(e) => {
                eprintln!("{path}: {e}");
                status = ExitCode::FAILURE;
                continue;
            }
        };
        let page = tidings_read::html::extract(&html);
        let line = serde_json::json!({
            "file": path,
            "title": page.meta.title,
            "published": page.meta.published.map(|p| p.to_string()),
            "outlet": page.meta.outlet,
            "url": page.meta.url,
            "authors": page.meta.authors,
            "text": page.text,
        });
        println!("{line}");
    }
    status
}
