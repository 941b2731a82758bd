//! The hand-annotated news articles of `data/eval/articles/`, scored by the shared checker
//! (`../shared/tools/check_record.py`) like the example article. They were annotated before the
//! pipeline ran on them, so they show how Tidings does on news it was not tuned on.

use crate::util::*;
use std::process::Command;

/// Each annotation and the number of its items that pass at 57b1d20..e8a2a33 (first written as
/// 16, 10, 8, 6, 7 when the annotations were added); a change that passes fewer fails here.
/// Raise a floor when a change passes more.
const FLOORS: &[(&str, usize)] = &[
    ("consulate-attack-bbc", 16),
    ("obama-trump-meeting-standard", 12),
    ("clinton-blames-comey-telegraph", 10),
    ("seattle-shooting-express", 6),
    ("toblerone-brexit-express", 9),
];

/// Runs the pipeline on the article that `gold` annotates and returns the checker's lines.
fn check(name: &str) -> Vec<String> {
    let gold_path = workspace().join(format!("data/eval/articles/{name}.gold.json"));
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&gold_path).unwrap()).unwrap();
    let field = |k: &str| gold[k].as_str().unwrap_or_else(|| panic!("{name}: no {k}")).to_string();
    let source: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(shared(&format!("data/{}", field("document")))).unwrap(),
    )
    .unwrap();
    let dir = scratch(&format!("article-{name}"));
    let article = dir.join("article.txt");
    let text = format!(
        "{}\n\n{}",
        source["title"].as_str().unwrap(),
        source["text"].as_str().unwrap()
    );
    std::fs::write(&article, text).unwrap();
    let out = tidings(
        &[
            "extract",
            article.to_str().unwrap(),
            "--published",
            &field("published"),
            "--outlet",
            &field("outlet"),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let record = dir.join("record.json");
    std::fs::write(&record, &out.stdout).unwrap();
    let checked = Command::new("python3")
        .arg(shared("tools/check_record.py"))
        .arg(&gold_path)
        .arg(&record)
        .output()
        .expect("python3 runs ../shared/tools/check_record.py");
    String::from_utf8(checked.stdout).unwrap().lines().map(str::to_string).collect()
}

#[test]
fn hand_annotated_articles_keep_their_passed_items() {
    let mut report = String::new();
    let mut lost = Vec::new();
    for &(name, floor) in FLOORS {
        let lines = check(name);
        let passed = lines.iter().filter(|l| l.starts_with("ok")).count();
        report += &format!("== {name}: {passed} passed (floor {floor})\n{}\n", lines.join("\n"));
        if passed < floor {
            lost.push(format!("{name}: {passed} < {floor}"));
        }
    }
    assert!(lost.is_empty(), "{lost:?}\n{report}");
    eprintln!("{report}");
}
