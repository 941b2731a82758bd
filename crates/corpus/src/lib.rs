//! Readers of the annotated corpora that Tidings trains on and is scored against: CoNLL-U
//! ([`conllu`]), CoNLL-2003 ([`conll`]), TimeML ([`timeml`]), the PLOVER and PETRARCH2 records,
//! Giveme5W1H and WikiEvents ([`wikievents`]).
//!
//! Every reader returns [`Error`] values that name the file and, for malformed content, the
//! line. This crate knows nothing about models or scoring; training (`syntax`, `ner`) and
//! scoring (`eval`) both read through it.

pub mod conll;
pub mod conllu;
pub mod giveme5w1h;
pub mod petrarch;
pub mod plover;
mod error;
pub mod timeml;
pub mod wikievents;

pub use error::Error;

/// The folder of shared corpora: `$TIDINGS_DATA` if set, else `../shared/data` found from the
/// current directory or any of its parents (so tests run from a crate folder find it too).
pub fn shared_data_dir() -> Option<std::path::PathBuf> {
    if let Some(dir) = std::env::var_os("TIDINGS_DATA") {
        return Some(dir.into());
    }
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors().map(|a| a.join("../shared/data")).find(|p| p.is_dir())
}

/// A path inside the shared corpora, for tests and training. Panics with a clear message when the
/// corpora are missing, since a test that silently skips cannot fail.
pub fn shared_data(relative: &str) -> std::path::PathBuf {
    let dir = shared_data_dir().expect(
        "the shared corpora were not found: set TIDINGS_DATA or check out the project beside ../shared/data",
    );
    let path = dir.join(relative);
    assert!(path.exists(), "shared corpus file missing: {}", path.display());
    path
}
