//! Fusion of events across articles, scored against the news stories of Giveme5W1H.
//!
//! Each article of the folder runs through the pipeline (its title, a blank line, then its
//! text; published at its `date_publish`; its outlet is its `publisher`, the dataset's only
//! outlet field) and every event of its record goes into one [`Fusion`], an article at a time.
//! The dataset groups its articles into news stories by `category` (`tram`, `f1`, ...: 12 in
//! the full set; the crash and the naming of its victims are two stories there, and stay so).
//!
//! An article's *main event* is, of the fused events its events belong to, the one the most
//! articles report (the news the article is part of); between equals, the one the most of
//! those articles tell of in their headline or lead ([`LEAD_SENTENCES`]: news puts its main
//! happening first, so a happening many reports lead with is the news, one they mention
//! further down is background), then the one their reports tell of in the most sentences,
//! then one the article's own headline or lead tells of, then the one its best event belongs
//! to (the event told by the most sentences, ties to the one told first). Nothing but the
//! system's own output chooses it. An article without events is a cluster of its own. With N
//! articles, clusters ω (main events) and classes c (stories):
//!
//! - **purity** = 1/N Σ_ω max_c |ω ∩ c|: how far each main event holds one story only;
//! - **inverse purity** = 1/N Σ_c max_ω |c ∩ ω|: how far each story's articles share one main
//!   event.
//!
//! Both are 1 for a perfect fusion; singletons get purity 1 and a low inverse purity, one
//! event for everything the reverse. `events` counts every fused event, main or not.
//!
//! Fusion runs in memory here; the store keeps the same fused events when it ingests.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;
use tidings_corpus::giveme5w1h;
use tidings_doc::{Article, Published, Record};
pub use tidings_fuse::Config;
use tidings_fuse::{FusedId, Fusion, Observation};
use tidings_pipeline::Pipeline;

/// The scores.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FusionScores {
    pub purity: f64,
    pub inverse_purity: f64,
    pub articles: usize,
    /// Fused events, all of them.
    pub events: usize,
    pub stories: usize,
    /// Distinct main events.
    pub main_events: usize,
    /// Events of all records (before fusion).
    pub observations: usize,
}

impl fmt::Display for FusionScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "articles        {}", self.articles)?;
        writeln!(f, "stories         {}", self.stories)?;
        writeln!(f, "observations    {}", self.observations)?;
        writeln!(f, "events          {}", self.events)?;
        writeln!(f, "main events     {}", self.main_events)?;
        writeln!(f, "purity          {:.4}", self.purity)?;
        writeln!(f, "inverse purity  {:.4}", self.inverse_purity)
    }
}

/// One article's main event, for reports.
#[derive(Debug, Clone)]
pub struct MainEvent {
    pub story: String,
    pub article: String,
    pub title: String,
    /// `None` for an article without events.
    pub event: Option<FusedId>,
    /// Type, parties and how many articles share the fused event.
    pub summary: String,
}

impl fmt::Display for MainEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = self.event.as_ref().map_or("-".to_string(), |e| {
            format!("{}#{}", e.article.get(..10).unwrap_or(&e.article), e.event)
        });
        write!(
            f,
            "{:<22} {:<10} {:<14} {}  ({})",
            self.story,
            self.article.get(..10).unwrap_or(&self.article),
            id,
            self.summary,
            self.title
        )
    }
}

/// How many sentences from the top of an article (the headline, then the lead) tell of its
/// main happening, as news writing puts it (the inverted pyramid).
pub const LEAD_SENTENCES: usize = 3;

/// Whether the event is told in the headline or the lead.
fn in_lead(event: &tidings_doc::record::EventRecord) -> bool {
    event.sentence < LEAD_SENTENCES || event.evidence.iter().any(|e| e.sentence < LEAD_SENTENCES)
}

/// The best event of a record: told by the most sentences, ties to the one told first.
pub fn best_event(record: &Record) -> Option<usize> {
    (0..record.events.len()).min_by_key(|&i| {
        let e = &record.events[i];
        (std::cmp::Reverse(e.evidence.len()), e.sentence, i)
    })
}

/// Purity and inverse purity of `clusters` (one label per item) against `classes`.
pub fn purity<C: Ord, K: Ord>(clusters: &[C], classes: &[K]) -> (f64, f64) {
    let n = clusters.len().min(classes.len());
    if n == 0 {
        return (0.0, 0.0);
    }
    let mut table: BTreeMap<(&C, &K), usize> = BTreeMap::new();
    for (c, k) in clusters.iter().zip(classes) {
        *table.entry((c, k)).or_default() += 1;
    }
    let mut best_class: BTreeMap<&C, usize> = BTreeMap::new();
    let mut best_cluster: BTreeMap<&K, usize> = BTreeMap::new();
    for (&(c, k), &count) in &table {
        let b = best_class.entry(c).or_default();
        *b = (*b).max(count);
        let b = best_cluster.entry(k).or_default();
        *b = (*b).max(count);
    }
    let share = |best: usize| best as f64 / n as f64;
    (
        share(best_class.values().sum()),
        share(best_cluster.values().sum()),
    )
}

/// Runs the pipeline on every article of `dir`, fuses their events and scores the main events
/// against the stories.
pub fn evaluate(
    dir: &Path,
    pipeline: &Pipeline,
    config: Config,
    mut report: impl FnMut(MainEvent),
) -> Result<FusionScores, tidings_corpus::Error> {
    let articles = giveme5w1h::read_dir(dir)?;
    let mut fusion = Fusion::new(config);
    let mut mains: Vec<(String, String, String, Option<usize>, Vec<bool>)> = Vec::new();
    let mut observations = 0;
    // How many sentences tell of each event of each article, and whether its headline or
    // lead does.
    let mut told: BTreeMap<(String, usize), usize> = BTreeMap::new();
    let mut led: BTreeSet<(String, usize)> = BTreeSet::new();
    for a in &articles {
        let published = a
            .date_publish
            .as_deref()
            .and_then(|d| d.parse::<Published>().ok());
        let doc = pipeline.run(Article {
            id: a.id.clone(),
            title: Some(a.title.clone()),
            text: format!("{}\n\n{}", a.title, a.text),
            published,
            outlet: a.publisher.clone(),
            url: a.url.clone(),
            ..Article::default()
        });
        let record = Record::from_doc(&doc);
        let obs = Observation::from_record(&record);
        observations += obs.len();
        for o in &obs {
            told.insert((o.article.clone(), o.event), o.evidence_count);
        }
        fusion.add(obs);
        for (i, e) in record.events.iter().enumerate() {
            if in_lead(e) {
                led.insert((a.id.clone(), i));
            }
        }
        mains.push((
            a.category.clone(),
            a.id.clone(),
            a.title.clone(),
            best_event(&record),
            record.events.iter().map(in_lead).collect(),
        ));
    }
    let events: BTreeMap<FusedId, _> = fusion
        .events()
        .into_iter()
        .map(|e| (e.id.clone(), e))
        .collect();
    let mut clusters: Vec<String> = Vec::new();
    let mut stories: Vec<String> = Vec::new();
    for (story, article, title, best, lead) in mains {
        // The article's main happening: of its events, the one the most reports share (the
        // news it is part of), then the one the most of them lead with, then the one they tell
        // most, then one its lead tells of, then the one it tells most itself.
        let leading = |id: &FusedId| -> usize {
            events.get(id).map_or(0, |e| {
                let articles: BTreeSet<&str> = e
                    .members
                    .iter()
                    .filter(|m| led.contains(&(m.article.clone(), m.event)))
                    .map(|m| m.article.as_str())
                    .collect();
                articles.len()
            })
        };
        let sentences = |id: &FusedId| -> usize {
            events.get(id).map_or(0, |e| {
                e.members
                    .iter()
                    .map(|m| {
                        told.get(&(m.article.clone(), m.event))
                            .copied()
                            .unwrap_or(0)
                    })
                    .sum()
            })
        };
        let event = (0..lead.len())
            .filter_map(|i| fusion.assignment(&article, i).map(|id| (i, id)))
            .max_by_key(|(i, id)| {
                let shared = events.get(id).map_or(0, |e| e.article_count);
                (
                    shared,
                    leading(id),
                    sentences(id),
                    lead[*i],
                    Some(*i) == best,
                )
            })
            .map(|(_, id)| id)
            .or_else(|| best.and_then(|i| fusion.assignment(&article, i)));
        let summary =
            event
                .as_ref()
                .and_then(|id| events.get(id))
                .map_or("no events".to_string(), |e| {
                    format!(
                        "{} {}>{} in {} article(s)",
                        e.kind,
                        e.actors.join(","),
                        e.recipients.join(","),
                        e.article_count
                    )
                });
        // An article without events is a cluster of its own.
        clusters.push(
            event
                .as_ref()
                .map_or(format!("none {article}"), |e| e.to_string()),
        );
        stories.push(story.clone());
        report(MainEvent {
            story,
            article,
            title,
            event,
            summary,
        });
    }
    let (purity, inverse_purity) = purity(&clusters, &stories);
    Ok(FusionScores {
        purity,
        inverse_purity,
        articles: clusters.len(),
        events: fusion.len(),
        stories: stories.iter().collect::<BTreeSet<_>>().len(),
        main_events: clusters.iter().collect::<BTreeSet<_>>().len(),
        observations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purity_follows_its_definition() {
        // Clusters x: {s, s, t}, y: {t}, z: {u}.
        let clusters = ["x", "x", "x", "y", "z"];
        let stories = ["s", "s", "t", "t", "u"];
        let (p, ip) = purity(&clusters, &stories);
        assert!((p - 4.0 / 5.0).abs() < 1e-9, "{p}");
        assert!((ip - 4.0 / 5.0).abs() < 1e-9, "{ip}");
        let (p, ip) = purity(&["a", "b", "c"], &["s", "s", "s"]);
        assert!((p - 1.0).abs() < 1e-9 && (ip - 1.0 / 3.0).abs() < 1e-9);
    }
}
