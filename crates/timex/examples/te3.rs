//! Scores the tagger on a TimeML folder, as `tidings eval timeml DIR --errors` does, without
//! building the whole CLI: `cargo run --release -p tidings-timex --example te3 -- DIR [--errors]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: te3 GOLD_DIR [--errors]");
    let errors = args.any(|a| a == "--errors");
    let scores = tidings_eval::timeml::evaluate_reporting(dir.as_ref(), |m| {
        if errors {
            eprintln!("{m}");
        }
    })
    .unwrap_or_else(|e| panic!("{e}"));
    print!("{scores}");
    println!("{}", serde_json::to_string(&scores).unwrap());
}
