//! The `tidings` command: flag definitions plus glue.
//!
//! Every subcommand lives in `cmd/`, parses its own flags, calls the library crates and maps
//! their errors to exit codes. No analysis happens here.
//!
//! Exit codes: 0 success; 1 some inputs failed but others produced output; 2 nothing could be
//! done (bad flags, unreadable corpus, ...).

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc instead of the system allocator: the pipeline makes many small, short-lived
/// allocations (tokens, lowercased words, parse views), and glibc's malloc and free took 8% of
/// `tidings extract`'s instructions (callgrind, BENCHMARKS.md "Profile").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_t` in mimalloc.h, version 3;
/// libmimalloc-sys names no constant for it). A test checks it against the option's default.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
/// mimalloc's `mi_option_allow_thp`, likewise (default 1).
const MI_OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;
/// The purge delay's default in mimalloc 3, in milliseconds: freed memory unused that long goes
/// back to the OS.
const PURGE_DELAY_DEFAULT_MS: std::ffi::c_long = 1000;

/// Keeps freed memory in the process rather than handing it back to the OS after a delay,
/// while the models load and for every command but the streaming ones (see
/// [`heap_for_workers`]).
///
/// Why: mimalloc backs its arenas with transparent huge pages, so memory handed back and taken
/// again later is faulted in 2 MB at a time, each page zeroed by the kernel and, on a machine
/// whose memory is fragmented, compacted first. Over the 513 documents of `bench/run` that was
/// 0.03–0.33 s of system time on top of 1.4 s of user time (`clear_page_erms` was 17% of one
/// perf profile); kept, it is 0.02–0.03 s. A stream's memory stays bounded all the same: what is
/// kept is reused for the next documents, and peak RSS is the high-water mark either way
/// (BENCHMARKS.md, session 9).
fn keep_freed_memory() {
    // SAFETY: sets one integer option of the allocator, which mimalloc reads atomically when
    // it next considers purging; no memory is touched.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// Readies the heap for the workers, once the models are loaded and before the workers start:
/// memory touched from now on is backed by ordinary 4 kB pages, not 2 MB transparent huge
/// pages, and freed memory goes back to the OS after mimalloc's usual delay.
///
/// Why small pages: mimalloc advises huge pages for its whole arena, which suits the models'
/// tables (hundreds of megabytes read at random, where 2 MB pages spare most TLB misses) but
/// not the workers' heaps: every 2 MB that a thread touches at all is then resident whole,
/// some 20 MB more per thread. Peak RSS on the `bench/run` corpus was 174, 258, 317 and 453 MB
/// on 1, 2, 4 and 8 threads, so `--threads` on a many-core machine would break the 300 MB
/// bound (BENCHMARKS.md, session 10). The tables already loaded keep the huge pages they have
/// (the advice only governs pages yet to be touched); the option covers any arena mimalloc
/// reserves later.
///
/// Why hand freed memory back again ([`keep_freed_memory`] kept it): on small pages that is
/// cheap, a page faulted back in is 4 kB to zero, not 2 MB to zero and perhaps compact. Over
/// 20 MB on 8 threads kept memory was 17 MB of peak RSS, and handing it back cost 0.18 s of
/// system time over 55 s of user time (BENCHMARKS.md, session 11).
pub(crate) fn heap_for_workers() {
    // SAFETY: each sets one integer option of the allocator, read when it next reserves an
    // arena or considers purging.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ALLOW_THP, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_DEFAULT_MS);
    }
    #[cfg(target_os = "linux")]
    {
        // The arena is the mapping that holds a fresh allocation; /proc/self/maps lines start
        // "start-end perms ...", addresses in hex.
        let probe = Box::new(0u8);
        let at = &*probe as *const u8 as usize;
        let Ok(maps) = std::fs::read_to_string("/proc/self/maps") else {
            return;
        };
        let arena = maps.lines().find_map(|line| {
            let (start, end) = line.split_whitespace().next()?.split_once('-')?;
            let start = usize::from_str_radix(start, 16).ok()?;
            let end = usize::from_str_radix(end, 16).ok()?;
            (start..end).contains(&at).then_some((start, end))
        });
        if let Some((start, end)) = arena {
            // SAFETY: the range is one whole mapping of this process; MADV_NOHUGEPAGE changes
            // how its pages are backed from now on, never what they hold. A kernel without THP
            // refuses it, which changes nothing, so the result is not checked.
            unsafe {
                libc::madvise(
                    start as *mut libc::c_void,
                    end - start,
                    libc::MADV_NOHUGEPAGE,
                )
            };
        }
    }
}

#[derive(Parser)]
#[command(
    name = "tidings",
    version,
    about = "News articles in, sourced event records out."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles and print one tidings/1 record per article.
    Extract(cmd::extract::Args),
    /// Read articles, extract them on all cores and keep their records in a store.
    Ingest(cmd::ingest::Args),
    /// Serve a store's JSON API and web page over HTTP (read-only).
    Serve(cmd::serve::Args),
    /// Fused events from a store, filtered, as a table, JSON lines or CSV.
    Query(cmd::query::Args),
    /// Write a store's records (JSON lines) or fused events (GDELT 2.0 rows, Parquet) to a file.
    Export(cmd::export::Args),
    /// Score a layer against an annotated corpus.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Print what one layer adds to an article (for developers).
    Debug(cmd::debug::Args),
    /// Build or query the knowledge base (actors, agents, countries, places).
    #[command(subcommand)]
    Kb(cmd::kb::KbCommand),
    /// Build the event lexicon (verb patterns, event nouns, CAMEO to PLOVER).
    #[command(subcommand)]
    Events(cmd::events::EventsCommand),
    /// Train a statistical model from an annotated corpus.
    #[command(subcommand)]
    Train(TrainCommand),
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Time expressions against TimeML (TempEval-3 scoring).
    Timeml(cmd::timeml::EvalArgs),
    /// Sentence boundaries against CoNLL-U gold sentences.
    Sentences(cmd::segment::EvalArgs),
    /// Tags and dependencies against CoNLL-U (CoNLL 2018 UPOS/XPOS/UAS/LAS).
    Conllu(cmd::syntax::EvalArgs),
    /// Geocoding of Giveme5W1H where-answers against hand judgements.
    Where(cmd::places::EvalArgs),
    /// Actor country codes against the PLOVER gold records.
    Plover(cmd::plover::EvalArgs),
    /// Named entities against CoNLL-2003 (conlleval).
    Conll(cmd::ner::EvalArgs),
    /// Event and actor codes against the PETRARCH2 unit-test records.
    Petrarch(cmd::petrarch::EvalArgs),
    /// Event status and attribution against the hand-written test set.
    Status(cmd::status::EvalArgs),
    /// Fusion of events across articles against the Giveme5W1H news stories (purity).
    Fusion(cmd::fusion::EvalArgs),
    /// Event detection and typing over whole news articles against WikiEvents (KAIROS types).
    Wikievents(cmd::wikievents::EvalArgs),
}

#[derive(Subcommand)]
enum TrainCommand {
    /// The part-of-speech tagger and lemmatizer.
    Pos(cmd::syntax::TrainArgs),
    /// The dependency parser.
    Parser(cmd::syntax::TrainArgs),
    /// The named-entity recognizer.
    Ner(cmd::ner::TrainArgs),
}

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Query(args) => cmd::query::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Kb(command) => cmd::kb::run(command),
        Command::Events(command) => cmd::events::run(command),
        Command::Debug(args) => cmd::debug::run(args),
        Command::Eval(EvalCommand::Timeml(args)) => cmd::timeml::eval(args),
        Command::Eval(EvalCommand::Sentences(args)) => cmd::segment::eval(args),
        Command::Eval(EvalCommand::Conllu(args)) => cmd::syntax::eval(args),
        Command::Eval(EvalCommand::Conll(args)) => cmd::ner::eval(args),
        Command::Eval(EvalCommand::Plover(args)) => cmd::plover::eval(args),
        Command::Eval(EvalCommand::Where(args)) => cmd::places::eval(args),
        Command::Eval(EvalCommand::Petrarch(args)) => cmd::petrarch::eval(args),
        Command::Eval(EvalCommand::Status(args)) => cmd::status::eval(args),
        Command::Eval(EvalCommand::Fusion(args)) => cmd::fusion::eval(args),
        Command::Eval(EvalCommand::Wikievents(args)) => cmd::wikievents::eval(args),
        Command::Train(TrainCommand::Pos(args)) => cmd::syntax::train_pos(args),
        Command::Train(TrainCommand::Parser(args)) => cmd::syntax::train_parser(args),
        Command::Train(TrainCommand::Ner(args)) => cmd::ner::train(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("tidings: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// A closed stdout (`tidings extract ... | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option index is mimalloc's purge delay: its default, 1000 ms in mimalloc 3, is what
    /// the option reads before `keep_freed_memory` (no other option has that default).
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads one integer option of the allocator.
        assert_eq!(
            unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) },
            PURGE_DELAY_DEFAULT_MS
        );
    }

    /// The option index is mimalloc's `allow_thp`: it and its neighbours read their defaults
    /// (`page_cross_thread_max_reclaim` 32, `allow_thp` 1, `minimal_purge_size` 0), which no
    /// other run of three options in mimalloc 3 has.
    #[test]
    fn the_huge_pages_option_is_the_one_set() {
        if std::env::vars_os().any(|(k, _)| k.to_string_lossy().starts_with("MIMALLOC_")) {
            return;
        }
        // SAFETY: reads integer options of the allocator.
        let option = |i| unsafe { libmimalloc_sys::mi_option_get(i) };
        assert_eq!(
            [
                MI_OPTION_ALLOW_THP - 1,
                MI_OPTION_ALLOW_THP,
                MI_OPTION_ALLOW_THP + 1
            ]
            .map(option),
            [32, 1, 0]
        );
    }
}
