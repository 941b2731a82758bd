//! Tests of the readers, one binary with a file per source kind: `text.rs` (plain text files and
//! file-level errors), `jsonl.rs` (JSON Lines), `html.rs` (HTML pages, driven by the fixtures in
//! `tests/fixtures/`: each `NAME.html` has a `NAME.expected.json`).

mod html;
mod jsonl;
mod text;
mod warc;

use std::path::PathBuf;

/// Writes `bytes` to a fresh file named `name` in the test scratch folder and returns its path.
pub fn scratch_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tidings-read-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}
