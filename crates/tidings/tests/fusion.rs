//! `tidings eval fusion`: fusion across the Giveme5W1H dev articles, scored against their
//! news stories.

use crate::util::{scratch, shared, stdout, tidings};

fn scores(out: &std::process::Output) -> serde_json::Value {
    let text = stdout(out);
    let last = text.lines().last().expect("output");
    serde_json::from_str(last).expect("the last line is one JSON object")
}

#[test]
fn dev_articles_score_at_least_todays_figures() {
    let dir = shared("data/giveme5w1h/gold_standard/data");
    let out = tidings(&["eval", "fusion", dir.to_str().unwrap(), "--json"], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = scores(&out);
    assert_eq!(s["articles"], 41);
    let events = s["events"].as_u64().unwrap();
    // Fusion merges: fewer fused events than events in the records, but not everything.
    assert!(
        events > 41 && events < s["observations"].as_u64().unwrap(),
        "{s}"
    );
    // Floors a little under the figures measured with the main event as the most widely
    // reported of the article's events (purity 0.976, inverse purity 0.634); issue 6 aims at
    // 0.8 for both.
    assert!(s["purity"].as_f64().unwrap() >= 0.94, "{s}");
    assert!(s["inverse_purity"].as_f64().unwrap() >= 0.60, "{s}");
}

#[test]
fn one_story_told_twice_is_one_main_event() {
    let dev = shared("data/giveme5w1h/gold_standard/data");
    let dir = scratch("fusion-twice");
    // The same report, syndicated by a second outlet a day later under its own id.
    let original = std::fs::read_dir(&dev)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("402f560789")
        })
        .expect("the Telegraph's 'Clinton blames Comey' article");
    let mut article: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&original).unwrap()).unwrap();
    std::fs::write(dir.join("a.json"), article.to_string()).unwrap();
    article["dId"] = "syndicated".into();
    article["publisher"] = "another outlet".into();
    article["date_publish"] = "2016-11-14 08:00:00".into();
    std::fs::write(dir.join("b.json"), article.to_string()).unwrap();
    let out = tidings(&["eval", "fusion", dir.to_str().unwrap(), "--json"], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = scores(&out);
    assert_eq!(s["articles"], 2);
    assert_eq!(s["main_events"], 1, "{s}");
    assert_eq!(s["inverse_purity"], 1.0);
}
