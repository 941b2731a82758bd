//! Exports of a store the real pipeline filled from the committed sample articles and the
//! shared example article: GDELT rows have GDELT's 61 columns in order, the Parquet file reads
//! back with arrow, the JSON lines are the stored records.

use ::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tidings_doc::{Article, Published, Record};
use tidings_export::gdelt;
use tidings_pipeline::Pipeline;
use tidings_store::{EventFilter, Store};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The store, built once per test binary.
fn store() -> Store {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    let path = PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("tidings-export-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let pipeline = Pipeline::standard().expect("the committed models load");
        let samples = std::fs::read_to_string(workspace().join("samples/articles.jsonl")).unwrap();
        let mut articles: Vec<Article> = samples
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let s = |k: &str| v[k].as_str().map(str::to_string);
                Article {
                    id: s("id").unwrap(),
                    url: s("url"),
                    outlet: s("outlet"),
                    published: s("published").map(|p| p.parse::<Published>().unwrap()),
                    text: s("text").unwrap(),
                    ..Article::default()
                }
            })
            .collect();
        let example = tidings_corpus::shared_data("../examples/kim-putin-vladivostok.txt");
        articles.push(Article {
            id: "kim-putin".into(),
            outlet: Some("Example".into()),
            published: Some("2019-04-25".parse().unwrap()),
            text: std::fs::read_to_string(example).unwrap(),
            ..Article::default()
        });
        let records: Vec<Record> = articles
            .into_iter()
            .map(|a| Record::from_doc(&pipeline.run(a)))
            .collect();
        let path = dir.join("store.db");
        Store::open(&path).unwrap().add_batch(&records).unwrap();
        path
    });
    Store::open_read_only(path).unwrap()
}

#[test]
fn gdelt_rows_have_61_columns_in_gdelts_order() {
    let store = store();
    let events = store.events(&EventFilter::default()).unwrap();
    assert!(events.len() >= 5, "the samples tell of several events");
    let mut out = Vec::new();
    assert_eq!(gdelt::write(&events, &mut out, true).unwrap(), events.len());
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), events.len() + 1);
    let header: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(header.len(), 61);
    assert_eq!(&header[..5], ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]);
    assert_eq!(&header[26..35], ["EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]);
    assert_eq!(&header[59..], ["DATEADDED", "SOURCEURL"]);
    for (line, e) in lines[1..].iter().zip(&events) {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 61, "{line}");
        assert_eq!(cells[0], e.id.to_string());
        assert_eq!(cells[1], e.day.as_deref().unwrap_or("").replace('-', ""));
        assert_eq!(cells[26], e.cameo.as_deref().unwrap_or(""));
        if let Some(code) = &e.cameo {
            assert!(code.starts_with(cells[27]) && code.starts_with(cells[28]));
            assert!(["1", "2", "3", "4"].contains(&cells[29]), "QuadClass of {code}: {}", cells[29]);
        }
        assert_eq!(cells[33], e.article_count.to_string());
        assert_eq!(cells[6], e.actors.first().map_or(String::new(), |a| a.name.to_uppercase()));
        assert_eq!(cells[60], e.url.as_deref().unwrap_or(""));
    }
}

#[test]
fn parquet_reads_back_with_every_event() {
    let store = store();
    let events = store.events(&EventFilter::default()).unwrap();
    let path = std::env::temp_dir().join(format!("tidings-export-{}.parquet", std::process::id()));
    let file = std::fs::File::create(&path).unwrap();
    assert_eq!(tidings_export::parquet::write(&events, file).unwrap(), events.len());
    let file = std::fs::File::open(&path).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap();
    let mut rows = 0;
    let mut ids = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        assert_eq!(batch.schema().fields().len(), tidings_export::parquet::schema().fields().len());
        let id = batch
            .column_by_name("id")
            .unwrap()
            .as_any()
            .downcast_ref::<arrow_array::Int64Array>()
            .unwrap();
        ids.extend(id.values().iter().copied());
        rows += batch.num_rows();
    }
    assert_eq!(rows, events.len());
    assert_eq!(ids, events.iter().map(|e| e.id).collect::<Vec<_>>());
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn jsonl_is_the_stored_records() {
    let store = store();
    let mut out = Vec::new();
    let n = tidings_export::write_jsonl(&store, &mut out).unwrap();
    let records: Vec<Record> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(n, records.len());
    assert_eq!(records, store.records().unwrap());
    assert_eq!(records.last().unwrap().article.id, "kim-putin");
}
