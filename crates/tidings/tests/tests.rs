//! CLI tests: one test binary, one module per topic (as ripgrep's `tests/tests.rs`).
//! New tests about `tidings extract` go in `extract.rs`, about bad input in `bad_input.rs`,
//! about the example article in `example.rs`, about the hand-annotated articles of
//! `data/eval/articles/` in `articles.rs`, about `tidings eval petrarch` in `petrarch.rs`,
//! about `tidings eval fusion` in `fusion.rs`, about `tidings query` and `tidings export` in
//! `query.rs`.

mod util;

mod articles;
mod bad_input;
mod crash_loop;
mod events;
mod example;
mod extract;
mod ingest;
mod fusion;
mod petrarch;
mod query;
mod stream;
