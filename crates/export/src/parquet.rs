//! Fused events as one Parquet table, for DuckDB, pandas and Spark.
//!
//! One row per [`EventRow`], its fields flattened into flat columns (see [`schema`]): parties
//! as lists of names and of keys, the place as its own columns. Uncompressed (the crate is built
//! without codecs to keep the build small; readers need no codec either), one row group per
//! [`ROW_GROUP`] events.

use crate::ExportError;
use arrow_array::builder::{Float64Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use ::parquet::arrow::ArrowWriter;
use ::parquet::file::properties::WriterProperties;
use std::io::Write;
use std::sync::Arc;
use tidings_store::query::{EventRow, Party};

/// Events per row group (and per Arrow batch).
pub const ROW_GROUP: usize = 65_536;

fn list(name: &str) -> Field {
    Field::new(
        name,
        DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
        false,
    )
}

/// The table's columns: `id`, `type`, `mode`, `cameo`, `status`, `day`, `date_start`,
/// `date_end`, `first_seen`, `last_seen`, `mention_count`, `article_count`, `outlet_count`,
/// `actors`, `actor_keys`, `recipients`, `recipient_keys` (lists of strings), `place`,
/// `place_key`, `place_country`, `lat`, `lon`, `trigger`, `sentence`, `article`, `url`. Days
/// are `YYYY-MM-DD` strings and seen times ISO 8601 strings, as in the store.
pub fn schema() -> Schema {
    let s = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let i = |name: &str| Field::new(name, DataType::Int64, false);
    let f = |name: &str| Field::new(name, DataType::Float64, true);
    Schema::new(vec![
        i("id"),
        s("type", false),
        s("mode", true),
        s("cameo", true),
        s("status", false),
        s("day", true),
        s("date_start", true),
        s("date_end", true),
        s("first_seen", true),
        s("last_seen", true),
        i("mention_count"),
        i("article_count"),
        i("outlet_count"),
        list("actors"),
        list("actor_keys"),
        list("recipients"),
        list("recipient_keys"),
        s("place", true),
        s("place_key", true),
        s("place_country", true),
        f("lat"),
        f("lon"),
        s("trigger", false),
        s("sentence", false),
        s("article", false),
        s("url", true),
    ])
}

/// One Arrow batch of events, in [`schema`].
pub fn batch(events: &[EventRow]) -> Result<RecordBatch, ExportError> {
    let n = events.len();
    let strings = |get: &dyn Fn(&EventRow) -> Option<&str>| -> ArrayRef {
        let mut b = StringBuilder::with_capacity(n, n * 16);
        for e in events {
            b.append_option(get(e));
        }
        Arc::new(b.finish())
    };
    let ints = |get: &dyn Fn(&EventRow) -> i64| -> ArrayRef {
        let mut b = Int64Builder::with_capacity(n);
        for e in events {
            b.append_value(get(e));
        }
        Arc::new(b.finish())
    };
    let floats = |get: &dyn Fn(&EventRow) -> Option<f64>| -> ArrayRef {
        let mut b = Float64Builder::with_capacity(n);
        for e in events {
            b.append_option(get(e));
        }
        Arc::new(b.finish())
    };
    let lists = |get: &dyn Fn(&EventRow) -> &[Party], field: &dyn Fn(&Party) -> &str| -> ArrayRef {
        let mut b = ListBuilder::new(StringBuilder::new());
        for e in events {
            for p in get(e) {
                b.values().append_value(field(p));
            }
            b.append(true);
        }
        Arc::new(b.finish())
    };
    let columns: Vec<ArrayRef> = vec![
        ints(&|e| e.id),
        strings(&|e| Some(&e.kind)),
        strings(&|e| e.mode.as_deref()),
        strings(&|e| e.cameo.as_deref()),
        strings(&|e| Some(&e.status)),
        strings(&|e| e.day.as_deref()),
        strings(&|e| e.date_start.as_deref()),
        strings(&|e| e.date_end.as_deref()),
        strings(&|e| e.first_seen.as_deref()),
        strings(&|e| e.last_seen.as_deref()),
        ints(&|e| e.mention_count as i64),
        ints(&|e| e.article_count as i64),
        ints(&|e| e.outlet_count as i64),
        lists(&|e| &e.actors, &|p| &p.name),
        lists(&|e| &e.actors, &|p| &p.key),
        lists(&|e| &e.recipients, &|p| &p.name),
        lists(&|e| &e.recipients, &|p| &p.key),
        strings(&|e| e.place.as_ref().map(|p| p.name.as_str())),
        strings(&|e| e.place.as_ref().map(|p| p.key.as_str())),
        strings(&|e| e.place.as_ref().and_then(|p| p.country.as_deref())),
        floats(&|e| e.place.as_ref().and_then(|p| p.lat)),
        floats(&|e| e.place.as_ref().and_then(|p| p.lon)),
        strings(&|e| Some(&e.trigger)),
        strings(&|e| Some(&e.sentence)),
        strings(&|e| Some(&e.article)),
        strings(&|e| e.url.as_deref()),
    ];
    Ok(RecordBatch::try_new(Arc::new(schema()), columns)?)
}

/// Writes the events as one Parquet file. Returns the number of rows.
pub fn write(events: &[EventRow], out: impl Write + Send) -> Result<usize, ExportError> {
    let props = WriterProperties::builder()
        .set_max_row_group_row_count(Some(ROW_GROUP))
        .build();
    let parquet = |rows| move |source| ExportError::Parquet { rows, source };
    let mut writer =
        ArrowWriter::try_new(out, Arc::new(schema()), Some(props)).map_err(parquet(0))?;
    let mut rows = 0;
    for chunk in events.chunks(ROW_GROUP) {
        writer.write(&batch(chunk)?).map_err(parquet(rows))?;
        rows += chunk.len();
    }
    writer.close().map_err(parquet(rows))?;
    Ok(rows)
}
