//! Giveme5W1H gold-standard articles: one JSON object per file, a news article with its 5W1H
//! answers (`who, what, when, where, why, how`), annotated by coders.

use crate::error::{read_text, Error};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One annotated answer phrase.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Answer {
    /// Empty where the coders marked an answer without a phrase.
    #[serde(default)]
    pub text: String,
    /// How many of the (up to 3) coders chose this phrase.
    #[serde(rename = "coderPhraseCount", default)]
    pub coders: u32,
    /// A normalized date, for some `when` answers.
    #[serde(default)]
    pub parsed: Option<String>,
}

/// One article with its answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub path: PathBuf,
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub text: String,
    /// `YYYY-MM-DD HH:MM:SS`.
    pub date_publish: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    /// The news story the article belongs to (`tram`, `f1`, ...).
    pub category: String,
    /// Answers by question (`who`, `what`, `when`, `where`, `why`, `how`).
    pub answers: BTreeMap<String, Vec<Answer>>,
}

#[derive(Deserialize)]
struct Raw {
    #[serde(rename = "dId", default)]
    id: Option<String>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: Option<String>,
    text: String,
    #[serde(default)]
    date_publish: Option<String>,
    #[serde(default)]
    publisher: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    category: String,
    #[serde(rename = "fiveWoneH", default)]
    five_w_one_h: BTreeMap<String, Question>,
}

#[derive(Deserialize)]
struct Question {
    #[serde(default)]
    annotated: Vec<Answer>,
}

/// Reads one article file.
pub fn read(path: &Path) -> Result<Article, Error> {
    let json = read_text(path)?;
    let raw: Raw = serde_json::from_str(&json).map_err(|e| Error::malformed(path, e.line(), e.to_string()))?;
    let id = raw.id.unwrap_or_else(|| path.file_stem().unwrap_or_default().to_string_lossy().into_owned());
    Ok(Article {
        path: path.to_path_buf(),
        id,
        title: raw.title,
        description: raw.description,
        text: raw.text,
        date_publish: raw.date_publish,
        publisher: raw.publisher,
        url: raw.url,
        category: raw.category,
        answers: raw
            .five_w_one_h
            .into_iter()
            .map(|(k, q)| (k, q.annotated.into_iter().filter(|a| !a.text.trim().is_empty()).collect()))
            .collect(),
    })
}

/// Reads every `*.json` file of a folder (searched recursively), sorted by path.
pub fn read_dir(dir: &Path) -> Result<Vec<Article>, Error> {
    let mut paths = Vec::new();
    collect(dir, &mut paths)?;
    paths.sort();
    let articles = paths.iter().map(|p| read(p)).collect::<Result<Vec<_>, _>>()?;
    if articles.is_empty() {
        return Err(Error::Empty { path: dir.to_path_buf(), what: "no *.json article files".into() });
    }
    Ok(articles)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_shared_dev_articles() {
        let arts = read_dir(&crate::shared_data("giveme5w1h/gold_standard/data")).unwrap();
        assert_eq!(arts.len(), 41);
        assert!(arts.iter().all(|a| !a.text.is_empty() && !a.category.is_empty()));
        let wheres: usize = arts.iter().map(|a| a.answers.get("where").map_or(0, Vec::len)).sum();
        assert!(wheres > 30, "{wheres} where answers");
    }
}
