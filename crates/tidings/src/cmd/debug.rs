//! `tidings debug LAYER FILE`: prints what one layer added, one line per item, for developers
//! (as regex-cli prints each stage of a regex).
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tidings_doc::Published;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Layer {
    Sentences,
    Tokens,
    Times,
    Syntax,
    Mentions,
    Entities,
}

#[derive(clap::Args)]
pub struct Args {
    /// The layer to print.
    #[arg(value_enum)]
    pub layer: Layer,
    /// A plain-text article.
    pub file: PathBuf,
    /// Publication date for resolving times and coding actors.
    #[arg(long)]
    pub published: Option<Published>,
    #[command(flatten)]
    pub models: super::models::ModelsArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text =
        std::fs::read_to_string(&args.file).with_context(|| format!("{}", args.file.display()))?;
    let pipeline = tidings_pipeline::Pipeline::with_models(&args.models.dir())
        .context("loading the pipeline")?;
    let article = tidings_doc::Article {
        id: "debug".into(),
        text,
        published: args.published,
        ..Default::default()
    };
    let doc = pipeline.run(article);
    // Written, not printed: a reader that stops early (`| head`) closes the pipe, which the
    // binary's edge treats as a normal end instead of a panic in `println!`.
    let mut out = std::io::stdout().lock();
    match args.layer {
        Layer::Sentences => {
            for (i, s) in doc.sentences.iter().enumerate() {
                writeln!(
                    out,
                    "{i}\t{}..{}\t{}",
                    s.span.start,
                    s.span.end,
                    doc.slice(s.span)
                )?;
            }
        }
        Layer::Tokens => {
            for t in &doc.tokens {
                writeln!(out, "{}..{}\t{}", t.span.start, t.span.end, doc.slice(t.span))?;
            }
        }
        Layer::Times => {
            for t in &doc.times {
                writeln!(
                    out,
                    "{}..{}\t{}\t{}\t{}\t{:?}",
                    t.span.start,
                    t.span.end,
                    doc.slice(t.span),
                    t.kind,
                    t.value,
                    t.modifier
                )?;
            }
        }
        Layer::Syntax => {
            for (i, (t, s)) in doc.tokens.iter().zip(&doc.syntax).enumerate() {
                let head = s.head.map_or("root".to_string(), |h| h.to_string());
                writeln!(
                    out,
                    "{i}\t{}\t{}\t{}\t{}\t{head}\t{}",
                    doc.slice(t.span),
                    s.lemma,
                    s.upos,
                    s.xpos,
                    s.deprel
                )?;
            }
        }
        Layer::Mentions => {
            for m in &doc.mentions {
                writeln!(
                    out,
                    "{}..{}\t{}\t{}",
                    m.span.start,
                    m.span.end,
                    m.kind.conll_tag(),
                    doc.slice(m.span)
                )?;
            }
        }
        Layer::Entities => {
            for e in &doc.entities {
                let mentions: Vec<&str> = e.mentions.iter().map(|m| doc.slice(*m)).collect();
                writeln!(
                    out,
                    "{}\t{}\tcountry={}\tsector={}\trole={}\tkb={}\t{mentions:?}",
                    e.kind.as_str(),
                    e.name,
                    e.country.as_deref().unwrap_or("-"),
                    e.sector.as_deref().unwrap_or("-"),
                    e.role.as_deref().unwrap_or("-"),
                    e.kb_id.as_deref().unwrap_or("-"),
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
