//! `tidings extract -` as a streaming filter on several threads: the same records as one
//! thread (byte for byte with `--ordered`), bad lines named with the rest kept, a bounded
//! amount read ahead of the output, and a closed stdout ending the run quietly.

use crate::util::*;
use std::io::{BufRead, BufReader, Read};
use std::sync::atomic::Ordering;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// 300 articles of four CoNLL-2003 dev sentences each, one JSON line per article.
fn corpus() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        let path = tidings_corpus::shared_data("conll2003/valid.txt");
        let sentences = tidings_corpus::conll::read(&path).unwrap();
        let text = |s: &tidings_corpus::conll::Sentence| {
            s.tokens
                .iter()
                .map(|t| t.form.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let lines: Vec<String> = sentences
            .chunks(4)
            .take(300)
            .enumerate()
            .map(|(i, chunk)| {
                let text = chunk.iter().map(text).collect::<Vec<_>>().join("\n");
                serde_json::json!({"id": format!("conll-{i}"), "published": "1996-08-30", "text": text})
                    .to_string()
            })
            .collect();
        assert_eq!(lines.len(), 300);
        lines
    })
}

fn input(lines: &[String]) -> Vec<u8> {
    lines
        .iter()
        .flat_map(|l| format!("{l}\n").into_bytes())
        .collect()
}

/// The single-thread output of the corpus, the reference for the other runs.
fn one_thread() -> &'static [u8] {
    static OUT: OnceLock<Vec<u8>> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = run(&["extract", "-", "--threads", "1"], input(corpus()));
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(records(&out).len(), 300);
        out.stdout
    })
}

#[test]
fn ordered_output_on_two_threads_is_the_one_thread_output_byte_for_byte() {
    let out = run(
        &["extract", "-", "--threads", "2", "--ordered"],
        input(corpus()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        out.stdout == one_thread(),
        "the two-thread ordered output differs from the one-thread output"
    );
    assert!(
        stderr(&out).is_empty(),
        "diagnostics only: {}",
        stderr(&out)
    );
}

#[test]
fn unordered_output_is_the_same_set_of_records() {
    let out = run(
        &["extract", "-", "--threads", "2", "--unordered"],
        input(corpus()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let sorted = |bytes: &[u8]| {
        let mut lines: Vec<String> = String::from_utf8(bytes.to_vec())
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        lines.sort();
        lines
    };
    let (got, want) = (sorted(&out.stdout), sorted(one_thread()));
    assert_eq!(got.len(), want.len());
    assert!(got == want, "the unordered records are not the same set");
}

#[test]
fn a_bad_line_in_the_middle_is_named_and_the_rest_come_out() {
    let mut lines = corpus()[..60].to_vec();
    lines[29] = "{\"id\": \"broken\", \"text\": ".to_string(); // line 30: not JSON
    lines[44] = "{\"id\": \"untitled\"}".to_string(); // line 45: no text
    let out = run(&["extract", "-", "--threads", "2"], input(&lines));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("<stdin>:30:"), "line 30 named: {err}");
    assert!(err.contains("<stdin>:45:"), "line 45 named: {err}");
    assert!(
        err.contains("2 input(s) failed, 58 record(s) written"),
        "{err}"
    );
    let ids: Vec<String> = records(&out)
        .iter()
        .map(|r| r["article"]["id"].as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = (0..60)
        .filter(|i| *i != 29 && *i != 44)
        .map(|i| format!("conll-{i}"))
        .collect();
    assert_eq!(ids, expected, "the others, in input order");
}

#[test]
fn zero_threads_is_refused() {
    let out = tidings(&["extract", "-", "--threads", "0"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--threads"), "{}", stderr(&out));
}

/// Runs `tidings ARGS` on `stdin`.
fn run(args: &[&str], stdin: Vec<u8>) -> std::process::Output {
    tidings(args, &stdin)
}

#[test]
fn with_stdout_not_read_only_a_bounded_amount_of_stdin_is_taken() {
    // 2,000 articles of about 10 KB (20 MB). Nobody reads stdout, so the writer blocks on the
    // full pipe; a bounded pipeline then stops reading stdin after its window of articles.
    let line = &corpus()[0];
    let filler: String = corpus()[1..40].join(" ");
    let article = |i: usize| {
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        v["id"] = format!("big-{i}").into();
        v["text"] = format!(
            "{} {}",
            v["text"].as_str().unwrap(),
            &filler[..10_000.min(filler.len())]
        )
        .into();
        format!("{v}\n")
    };
    let stdin: Vec<u8> = (0..2000).flat_map(|i| article(i).into_bytes()).collect();
    let total = stdin.len();
    let (mut child, taken) = spawn_fed(
        &["extract", "-", "--threads", "2", "--until", "sentences"],
        stdin,
    );
    // Wait until the child has stopped taking input for a while.
    let started = Instant::now();
    let mut last = usize::MAX;
    while started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(500));
        let now = taken.load(Ordering::SeqCst);
        if now == last {
            break;
        }
        last = now;
    }
    let taken = taken.load(Ordering::SeqCst);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        taken < total / 4,
        "took {taken} of {total} bytes of stdin while its output was not read"
    );
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let stdin = input(corpus());
    let (mut child, _) = spawn_fed(&["extract", "-", "--threads", "2"], stdin);
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"format\":\"tidings/1\""), "{first}");
    drop(stdout); // as `| head -n 1` does
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success(), "exit {status}: {err}");
    assert!(err.is_empty(), "no message on a closed stdout: {err}");
}
