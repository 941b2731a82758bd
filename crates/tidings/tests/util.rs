//! Running the binary from tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The workspace root (two levels above this crate).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// `../shared`, beside the workspace. Panics when missing: a test that skips cannot fail.
pub fn shared(relative: &str) -> PathBuf {
    let p = workspace().join("../shared").join(relative);
    assert!(
        p.exists(),
        "missing shared file {} (is ../shared checked out beside the project?)",
        p.display()
    );
    p
}

/// Runs `tidings ARGS` with `stdin`, returning its output. Stdin is written from a thread
/// while the output is read: a filter's output can fill the pipe before it has read its input.
pub fn tidings(args: &[&str], stdin: &[u8]) -> Output {
    let (child, _) = spawn_fed(args, stdin.to_vec());
    child.wait_with_output().unwrap()
}

/// Starts `tidings ARGS` with a thread that writes `stdin` and counts the bytes the child took.
pub fn spawn_fed(args: &[&str], stdin: Vec<u8>) -> (std::process::Child, Arc<AtomicUsize>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .current_dir(workspace())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run tidings");
    let mut to_child = child.stdin.take().unwrap();
    let taken = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&taken);
    std::thread::spawn(move || {
        for chunk in stdin.chunks(4096) {
            // A closed pipe (the child stopped reading) ends the feeding.
            if to_child.write_all(chunk).is_err() {
                return;
            }
            counter.fetch_add(chunk.len(), Ordering::SeqCst);
        }
    });
    (child, taken)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Parses JSON Lines output into records.
pub fn records(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is one JSON record"))
        .collect()
}

/// A scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tidings-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
