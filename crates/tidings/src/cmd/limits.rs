//! The input limits every command that reads articles shares (`extract`, `ingest`): how big an
//! article, a JSON line and an HTML page's nesting may be, how long a sentence the parser takes
//! whole, and how long one article may take. Input over a limit is skipped with a reason that
//! names the limit, and the run goes on.
use std::time::Duration;

#[derive(clap::Args, Clone, Debug)]
pub struct LimitsArg {
    /// Skip an article whose text, HTML page or WARC body is larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = tidings_read::Limits::default().max_article_bytes)]
    pub max_article_bytes: u64,
    /// Skip a JSON Lines line longer than this many bytes (without holding it in memory).
    #[arg(long, value_name = "BYTES", default_value_t = tidings_read::Limits::default().max_line_bytes)]
    pub max_line_bytes: u64,
    /// Skip an HTML page nested deeper than this many elements.
    #[arg(long, value_name = "DEPTH", default_value_t = tidings_read::Limits::default().max_html_depth)]
    pub max_html_depth: usize,
    /// Parse a sentence of more tokens than this in pieces of at most this many.
    #[arg(long, value_name = "TOKENS", default_value_t = tidings_pipeline::Limits::DEFAULT_MAX_SENTENCE_TOKENS)]
    pub max_sentence_tokens: usize,
    /// Give up an article still running after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = tidings_pipeline::Limits::DEFAULT_MAX_ARTICLE_TIME.as_secs_f64())]
    pub max_article_seconds: f64,
}

impl LimitsArg {
    /// The readers' limits.
    pub fn read(&self) -> tidings_read::Limits {
        tidings_read::Limits {
            max_article_bytes: self.max_article_bytes,
            max_line_bytes: self.max_line_bytes,
            max_html_depth: self.max_html_depth,
        }
    }

    /// The pipeline's limits.
    pub fn pipeline(&self) -> anyhow::Result<tidings_pipeline::Limits> {
        let time = Duration::try_from_secs_f64(self.max_article_seconds).map_err(|_| {
            anyhow::anyhow!(
                "--max-article-seconds: expected a positive number of seconds, got {}",
                self.max_article_seconds
            )
        })?;
        Ok(tidings_pipeline::Limits {
            max_sentence_tokens: self.max_sentence_tokens.max(1),
            max_article_time: time,
        })
    }
}
