//! Table-driven cases for the segmenter: one line per case, through `check` (sentences) and
//! `check_tokens` (tokens). Add a case next to its kind.

use tidings_doc::Span;
use tidings_segment::Segmenter;

fn slice(text: &str, span: Span) -> &str {
    let start = text.char_indices().nth(span.start).map_or(text.len(), |(b, _)| b);
    let end = text.char_indices().nth(span.end).map_or(text.len(), |(b, _)| b);
    &text[start..end]
}

/// The text of each sentence must be exactly `expected`, and the layers must be consistent.
#[track_caller]
fn check(text: &str, expected: &[&str]) {
    let (sentences, tokens) = Segmenter::new().segment(text);
    let got: Vec<&str> = sentences.iter().map(|s| slice(text, s.span)).collect();
    assert_eq!(got, expected, "sentences of {text:?}");
    assert_consistent(text, &sentences, &tokens);
}

/// The tokens of `text` must be exactly `expected`.
#[track_caller]
fn check_tokens(text: &str, expected: &[&str]) {
    let (sentences, tokens) = Segmenter::new().segment(text);
    let got: Vec<&str> = tokens.iter().map(|t| slice(text, t.span)).collect();
    assert_eq!(got, expected, "tokens of {text:?}");
    assert_consistent(text, &sentences, &tokens);
}

/// Every token in exactly one sentence, in order, sentences spanning first to last token,
/// `space_after` telling the truth.
#[track_caller]
fn assert_consistent(text: &str, sentences: &[tidings_doc::Sentence], tokens: &[tidings_doc::Token]) {
    let chars: Vec<char> = text.chars().collect();
    let mut next = 0;
    for s in sentences {
        assert_eq!(s.tokens.start, next, "sentences must cover the tokens in order");
        assert!(!s.tokens.is_empty());
        assert_eq!(s.span.start, tokens[s.tokens.start].span.start);
        assert_eq!(s.span.end, tokens[s.tokens.end - 1].span.end);
        next = s.tokens.end;
    }
    assert_eq!(next, tokens.len());
    for pair in tokens.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start, "tokens overlap or go back");
        let gap_is_space = pair[0].span.end < pair[1].span.start;
        assert_eq!(pair[0].space_after, gap_is_space, "space_after of token at {}", pair[0].span.start);
    }
    for t in tokens {
        assert!(!t.span.is_empty());
        assert!(chars[t.span.start..t.span.end].iter().all(|c| !c.is_whitespace()));
    }
}

// ---- Sentences: plain punctuation, quotes, parentheses, ellipses ----

#[test]
fn sentences_end_at_final_punctuation() {
    check("Kim arrived. Putin waited!  Why?", &["Kim arrived.", "Putin waited!", "Why?"]);
    check("He said: \"We will meet.\" Then he left.", &["He said: \"We will meet.\"", "Then he left."]);
    check("He said “we will meet.” Then he left.", &["He said “we will meet.”", "Then he left."]);
    check("Talks stalled (as expected.) Both sides left.", &["Talks stalled (as expected.)", "Both sides left."]);
    check("Talks stalled (see below). Both sides left.", &["Talks stalled (see below).", "Both sides left."]);
    check("\"Go home,\" he said. \"Now.\"", &["\"Go home,\" he said.", "\"Now.\""]);
    check("Wait... what? No. . . never.", &["Wait... what?", "No. . . never."]);
    check("It was over... The crowd left.", &["It was over...", "The crowd left."]);
    check("It was late…but they stayed.", &["It was late…but they stayed."]);
    check("The rate rose 3.5 percent to 1,000.50 points.", &["The rate rose 3.5 percent to 1,000.50 points."]);
    check("Really?! Yes.", &["Really?!", "Yes."]);
}

// ---- Sentences: abbreviations and initials ----

#[test]
fn abbreviations_and_initials_do_not_end_sentences_before_names() {
    check("Gen. Mattis met Sen. McCain on Jan. 5 in Washington.", &["Gen. Mattis met Sen. McCain on Jan. 5 in Washington."]);
    check("The U.S. envoy met Mr. Kim at 10 a.m. on Monday.", &["The U.S. envoy met Mr. Kim at 10 a.m. on Monday."]);
    check("J. R. R. Tolkien wrote it. George W. Bush read it.", &["J. R. R. Tolkien wrote it.", "George W. Bush read it."]);
    check("Apple Inc. said profits rose.", &["Apple Inc. said profits rose."]);
    check("It ranked No. 1 in the poll.", &["It ranked No. 1 in the poll."]);
    check("He visited Calif. Gov. Brown.", &["He visited Calif. Gov. Brown."]);
}

#[test]
fn abbreviations_end_sentences_before_sentence_starters() {
    check("Talks were held in the U.S. The next round is in Seoul.", &["Talks were held in the U.S.", "The next round is in Seoul."]);
    check("They sold fruit, nuts, etc. However, prices fell.", &["They sold fruit, nuts, etc.", "However, prices fell."]);
    check("He works for Acme Corp. He joined in 2001.", &["He works for Acme Corp.", "He joined in 2001."]);
    check("The answer was no. He left.", &["The answer was no.", "He left."]);
    check("Talks ended in the U.S.", &["Talks ended in the U.S."]);
}

// ---- Sentences: line breaks, headlines, bylines, lists ----

#[test]
fn blank_lines_always_end_sentences() {
    check("Kim meets Putin\n\nThe leaders met on Thursday", &["Kim meets Putin", "The leaders met on Thursday"]);
    check("He said that\n\nthe talks would go on.", &["He said that", "the talks would go on."]);
}

#[test]
fn single_line_breaks_end_headlines_and_bylines() {
    check(
        "Kim to visit Russia for talks with Putin\nBy Jane Smith\nMOSCOW, April 19 (AP) — Kim will travel to Vladivostok.",
        &["Kim to visit Russia for talks with Putin", "By Jane Smith", "MOSCOW, April 19 (AP) — Kim will travel to Vladivostok."],
    );
    check("First paragraph ends here.\nSecond one starts here.", &["First paragraph ends here.", "Second one starts here."]);
}

#[test]
fn hard_wrapped_lines_run_on() {
    check(
        "The two leaders are scheduled to meet before the end of\nthe month, the Kremlin said on Friday, and talks will\nfocus on the economy and on security in the region.\nA second meeting is planned.",
        &[
            "The two leaders are scheduled to meet before the end of\nthe month, the Kremlin said on Friday, and talks will\nfocus on the economy and on security in the region.",
            "A second meeting is planned.",
        ],
    );
}

#[test]
fn list_items_are_sentences_and_their_numbers_are_not() {
    check("Demands:\n- sanctions relief\n- a peace treaty", &["Demands:", "- sanctions relief", "- a peace treaty"]);
    check("1. The first point. 2. The second point.", &["1. The first point.", "2. The second point."]);
}

// ---- Sentences: datelines stay in the first sentence ----

#[test]
fn datelines_stay_inside_the_first_sentence() {
    check("WASHINGTON (Reuters) - The talks failed. Both sides left.", &["WASHINGTON (Reuters) - The talks failed.", "Both sides left."]);
    check("WASHINGTON (Reuters) -\nThe talks failed.", &["WASHINGTON (Reuters) -\nThe talks failed."]);
    check("MOSCOW, April 19 (AP) — Kim will come. Putin waits.", &["MOSCOW, April 19 (AP) — Kim will come.", "Putin waits."]);
    check("Alwaght- According to KCNA, Kim will visit Russia.", &["Alwaght- According to KCNA, Kim will visit Russia."]);
    check("WASHINGTON, D.C. (AP) -- The vote passed.", &["WASHINGTON, D.C. (AP) -- The vote passed."]);
}

// ---- Tokens ----

#[test]
fn clitics_split_like_ewt() {
    check_tokens("I don't know, can't say.", &["I", "do", "n't", "know", ",", "ca", "n't", "say", "."]);
    check_tokens("We're sure it's Bush's and I'd go.", &["We", "'re", "sure", "it", "'s", "Bush", "'s", "and", "I", "'d", "go", "."]);
    check_tokens("China’s “mature” talks", &["China", "’s", "“", "mature", "”", "talks"]);
    check_tokens("You cannot, I'm gonna.", &["You", "can", "not", ",", "I", "'m", "gon", "na", "."]);
    check_tokens("the Smiths' house and O'Neill's", &["the", "Smiths", "'", "house", "and", "O'Neill", "'s"]);
}

#[test]
fn hyphens_split_except_after_prefixes() {
    check_tokens("Kim Jong-un sent an e-mail.", &["Kim", "Jong", "-", "un", "sent", "an", "e-mail", "."]);
    check_tokens("a long-term, non-profit, pre-war deal", &["a", "long", "-", "term", ",", "non-profit", ",", "pre-war", "deal"]);
    check_tokens("U.S.-led talks, 1990-2000", &["U.S.", "-", "led", "talks", ",", "1990", "-", "2000"]);
    check_tokens("call 713-853-3989 now -- or never", &["call", "713-853-3989", "now", "--", "or", "never"]);
}

#[test]
fn abbreviations_numbers_and_money_tokens() {
    check_tokens("Mr. Kim paid $5 or 5% at 10 a.m.", &["Mr.", "Kim", "paid", "$", "5", "or", "5", "%", "at", "10", "a.m", "."]);
    check_tokens("The U.S. paid 1,000.50 (3.5 pct).", &["The", "U.S.", "paid", "1,000.50", "(", "3.5", "pct", ")", "."]);
    check_tokens("J. R. R. Tolkien, Gen. Lee", &["J.", "R.", "R.", "Tolkien", ",", "Gen.", "Lee"]);
    check_tokens("on 9/11 and/or 11/28/2000 at 7pm", &["on", "9/11", "and", "/", "or", "11/28/2000", "at", "7", "pm"]);
    check_tokens("in the '90s, 20th", &["in", "the", "'90s", ",", "20th"]);
}

#[test]
fn urls_and_emails_are_single_tokens() {
    check_tokens("See http://www.kcna.kp/en/news?id=5. Write to press@kremlin.ru.", &["See", "http://www.kcna.kp/en/news?id=5", ".", "Write", "to", "press@kremlin.ru", "."]);
    check_tokens("(www.example.com), yahoo.com", &["(", "www.example.com", ")", ",", "yahoo.com"]);
}

#[test]
fn punctuation_runs_and_emoticons() {
    check_tokens("Wow!!! Really?! Wait... ok :)", &["Wow", "!!!", "Really", "?!", "Wait", "...", "ok", ":)"]);
    check_tokens("end.The next", &["end", ".", "The", "next"]);
}

// ---- Offsets ----

#[test]
fn spans_are_character_offsets() {
    let text = "Zoë’s talks — in Ḩalab — ended. Next.";
    let (sentences, tokens) = Segmenter::new().segment(text);
    assert_eq!(slice(text, tokens[0].span), "Zoë");
    assert_eq!(tokens[0].span, Span::new(0, 3));
    assert_eq!(slice(text, tokens[1].span), "’s");
    assert_eq!(sentences.len(), 2);
    assert_eq!(slice(text, sentences[1].span), "Next.");
    assert_consistent(text, &sentences, &tokens);
}

#[test]
fn empty_and_blank_texts_have_no_sentences() {
    check("", &[]);
    check(" \n\n \t", &[]);
}

// ---- The example article ----

#[test]
fn the_example_article_splits_into_its_natural_sentences() {
    let path = tidings_corpus::shared_data("../examples/kim-putin-vladivostok.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let (sentences, tokens) = Segmenter::new().segment(&text);
    let got: Vec<&str> = sentences.iter().map(|s| slice(&text, s.span)).collect();
    assert_eq!(got.len(), 12, "{got:#?}");
    assert!(got[0].starts_with("Alwaght- According to the North Korean Central News Agency, Kim Jong-un"));
    assert!(got[0].ends_with("the first meeting of the two heads of state."));
    assert!(got[1].starts_with("KCNA did not elaborate") && got[1].ends_with("on Russky Island."));
    assert!(got[2].starts_with("According to sources cited by the Russian daily Kommersant"));
    assert!(got[11].starts_with("North Korea has since demanded") && got[11].ends_with("unconditional denuclearization."));
    for s in &got {
        assert!(s.ends_with('.'), "{s:?}");
    }
    // Every mention of a hyphenated name is covered by whole tokens.
    for name in ["Kim Jong-un", "Kim Jong-il", "Kim Chang-son", "Choe Son-hui"] {
        let start = text[..text.find(name).unwrap()].chars().count();
        let end = start + name.chars().count();
        assert!(tokens.iter().any(|t| t.span.start == start), "{name} starts a token");
        assert!(tokens.iter().any(|t| t.span.end == end), "{name} ends a token");
        assert!(tokens.iter().all(|t| t.span.end <= start || t.span.start >= start), "{name}: no token straddles its start");
    }
    assert_consistent(&text, &sentences, &tokens);
}
