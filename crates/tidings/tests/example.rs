//! The example article, scored by the shared checker (`../shared/tools/check_record.py`).

use crate::util::*;
use std::process::Command;

fn check_lines() -> Vec<String> {
    let article = shared("examples/kim-putin-vladivostok.txt");
    let out = tidings(
        &[
            "extract",
            article.to_str().unwrap(),
            "--published",
            "2019-04-19",
            "--outlet",
            "Alwaght",
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = scratch("example");
    let record = dir.join("record.json");
    std::fs::write(&record, &out.stdout).unwrap();
    let check = Command::new("python3")
        .arg(shared("tools/check_record.py"))
        .arg(shared("examples/kim-putin-vladivostok.gold.json"))
        .arg(&record)
        .output()
        .expect("python3 runs ../shared/tools/check_record.py");
    String::from_utf8(check.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn every_time_item_of_the_example_passes() {
    let lines = check_lines();
    let times: Vec<&String> = lines.iter().filter(|l| l.contains(" time '")).collect();
    assert_eq!(times.len(), 9, "{lines:#?}");
    let missed: Vec<&&String> = times.iter().filter(|l| !l.starts_with("ok")).collect();
    assert!(missed.is_empty(), "{missed:#?}");
    let thursday = lines
        .iter()
        .find(|l| l.contains("'will travel ... on Thursday'"))
        .expect("must-not line");
    assert!(thursday.starts_with("ok"), "{thursday}");
}

#[test]
fn every_entity_item_of_the_example_passes() {
    let lines = check_lines();
    let entities: Vec<&String> = lines.iter().filter(|l| l.contains(" entity ")).collect();
    assert_eq!(entities.len(), 23, "{lines:#?}");
    let missed: Vec<&&String> = entities.iter().filter(|l| !l.starts_with("ok")).collect();
    assert!(missed.is_empty(), "{missed:#?}");
}

#[test]
fn every_event_item_and_must_not_of_the_example_passes() {
    let lines = check_lines();
    let events: Vec<&String> = lines.iter().filter(|l| l.contains(" event ")).collect();
    assert_eq!(events.len(), 7, "{lines:#?}");
    let missed: Vec<&String> = lines
        .iter()
        .filter(|l| (l.contains(" event ") || l.contains("must not")) && !l.starts_with("ok"))
        .collect();
    assert!(missed.is_empty(), "{missed:#?}");
    assert_eq!(
        lines.last().map(String::as_str),
        Some("41 passed, 0 failed")
    );
}
