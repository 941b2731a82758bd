//! Actor coding and geocoding, scored on the shared dev data with the committed models.

use std::path::Path;
use tidings_corpus::shared_data;
use tidings_pipeline::{default_models_dir, Pipeline};

#[test]
fn plover_actor_and_recipient_codes_are_at_least_ninety_percent_right() {
    let pipeline = Pipeline::standard().expect("committed models");
    let s = tidings_eval::plover::evaluate(
        &shared_data("plover/gold_standard_records/PLOVER_GSR_CAMEO.dev.json"),
        &pipeline,
    )
    .unwrap();
    assert!(s.actor_code_acc >= 0.90, "{s:?}");
    assert!(s.recipient_code_acc >= 0.90, "{s:?}");
    // Event floors a little under the figures measured at commit fa89a1e: type_acc 0.8535,
    // triple F1 0.3034.
    assert!(s.type_acc >= 0.84, "{s:?}");
    assert!(s.triple_f1 >= 0.28, "{s:?}");
}

#[test]
fn giveme5w1h_where_answers_resolve_to_the_judged_country() {
    let pipeline = Pipeline::standard().expect("committed models");
    let linker = tidings_link::Linker::load(&default_models_dir()).unwrap();
    let judgements =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/eval/giveme5w1h-where.tsv");
    let s = tidings_eval::places::evaluate(
        &shared_data("giveme5w1h/gold_standard/data"),
        &judgements,
        &pipeline,
        &linker,
        |_| {},
    )
    .unwrap();
    assert_eq!(s.judged, 34);
    assert!(s.accuracy >= 0.85, "{s:?}");
}
