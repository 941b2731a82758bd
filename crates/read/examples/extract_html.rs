//! Extracts the main text and metadata of HTML pages, one JSON line per page:
//! `cargo run -p tidings-read --example extract_html -- page1.html page2.html`
//!
//! With `--blocks` first, it prints instead every text block of each page with its owner
//! element, whether it counts as furniture, its class vote and link density: what the main
//! text choice worked from.
//!
//! The HTML comparison in `bench/html/compare` runs this beside trafilatura.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let blocks = args.first().is_some_and(|a| a == "--blocks");
    if blocks {
        args.remove(0);
    }
    for path in args {
        let html = match std::fs::read_to_string(&path) {
            Ok(html) => html,
            Err(e) => {
                eprintln!("{path}: {e}");
                status = ExitCode::FAILURE;
                continue;
            }
        };
        if blocks {
            print_blocks(&path, &html);
            continue;
        }
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

fn print_blocks(path: &str, html: &str) {
    let doc = scraper::Html::parse_document(html);
    let page = tidings_read::html::Page::new(&doc);
    println!("== {path}");
    for block in &page.blocks {
        let el = &page.elements[block.owner];
        let text: String = block.text.chars().take(70).collect();
        println!(
            "{:>5} {:<8} {:<9} vote {:>3}  links {:.2}  {:?}",
            block.owner,
            el.tag,
            if el.in_furniture { "furniture" } else { "" },
            el.class_vote,
            block.link_density(),
            text
        );
    }
}
