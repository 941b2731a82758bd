//! The closed word lists the coder reads status and attribution from. They are grammar, not
//! domain vocabulary: reporting verbs, verbs and adjectives that put an event in the future
//! or in doubt, modal auxiliaries, negators.

use tidings_doc::EventStatus;

/// Verbs of denying.
pub(crate) const DENYING_VERBS: &[&str] = &["deny", "refute"];

/// Verbs whose object is an event they speak about, not one they carry out: "condemned the
/// shelling", "welcomed the ceasefire", "denied the attack".
pub(crate) fn talks_about(lemma: &str) -> bool {
    matches!(
        lemma,
        "condemn"
            | "denounce"
            | "criticize"
            | "criticise"
            | "slam"
            | "blast"
            | "decry"
            | "praise"
            | "welcome"
            | "hail"
            | "applaud"
            | "commend"
            | "deny"
            | "refute"
            | "deplore"
            | "investigate"
            | "probe"
            | "blame"
            | "accuse"
            | "protest"
            | "mourn"
    )
}

/// Cues of reporting verbs whose complement is denied rather than asserted.
pub(crate) const DENYING: &[&str] = &["denied", "dismissed", "refuted"];

/// Is `lemma` a verb of saying? Their subject is a source, their complement the reported
/// event: they are attribution, not events between actors.
pub(crate) fn is_reporting(lemma: &str) -> bool {
    // (a `matches!`, which compiles to a branch on length and bytes, not a list compared
    // word by word: the tree repairs ask this of every word of every sentence)
    matches!(
        lemma,
        "say" | "report" | "confirm" | "deny" | "announce" | "tell" | "state" | "claim" | "add"
        | "note" | "quote" | "insist" | "stress" | "explain" | "write" | "reveal" | "disclose"
        | "assert" | "declare" | "indicate" | "acknowledge" | "admit" | "cite" | "inform"
        | "tweet" | "publish" | "broadcast" | "dismiss" | "refute" | "emphasize" | "emphasise"
        | "underline" | "recall" | "mention" | "remark" | "reiterate" | "repeat" | "conclude"
        | "assure" | "affirm" | "reaffirm" | "caution"
    )
}

/// Heads that take an event as their `xcomp` and set its status: "is set to visit", "is
/// expected to meet", "plans to attend". They are not events themselves.
pub(crate) fn governing_status(lemma: &str) -> Option<EventStatus> {
    Some(match lemma {
        "set" | "schedule" | "scheduled" | "plan" | "intend" | "due" | "prepare" | "aim"
        | "going" | "go" | "about" | "decide" | "arrange" | "poise" | "poised" | "slate"
        | "slated" | "ready" | "determined" | "resolve" | "willing" | "prepared" | "committed"
        | "eager" | "keen" => EventStatus::Planned,
        "expect" | "expected" | "likely" | "anticipate" | "predict" | "bound" | "certain"
        | "sure" => EventStatus::Expected,
        "possible" | "consider" | "mull" | "weigh" | "want" | "hope" | "wish" | "seek" | "try"
        | "attempt" | "unlikely" | "able" | "need" | "propose" | "offer" | "threaten" | "urge"
        | "ask" | "call" => EventStatus::Possible,
        "continue" | "keep" | "remain" => EventStatus::Ongoing,
        "fail" | "stop" | "cease" => EventStatus::Negated,
        _ => return None,
    })
}

/// Governing heads that are status cues only, never events, when they take an `xcomp`.
pub(crate) fn is_status_only(lemma: &str) -> bool {
    matches!(
        lemma,
        "set"
            | "schedule"
            | "scheduled"
            | "plan"
            | "intend"
            | "due"
            | "prepare"
            | "aim"
            | "going"
            | "go"
            | "about"
            | "poise"
            | "poised"
            | "slate"
            | "slated"
            | "expect"
            | "expected"
            | "likely"
            | "anticipate"
            | "predict"
            | "bound"
            | "certain"
            | "sure"
            | "possible"
            | "consider"
            | "want"
            | "hope"
            | "wish"
            | "seek"
            | "try"
            | "attempt"
            | "unlikely"
            | "able"
            | "continue"
            | "keep"
            | "fail"
            | "need"
            | "begin"
            | "start"
            | "appear"
            | "seem"
            | "ready"
            | "eager"
            | "keen"
            | "decide"
            | "arrange"
            | "willing"
            | "prepared"
            | "committed"
    )
}

/// Verbs of promising: whatever they promise, the event is an AGREE (PLOVER: "agree to,
/// offer, promise, or otherwise indicate willingness or commitment to cooperate").
pub(crate) fn is_promise(lemma: &str) -> bool {
    matches!(
        lemma,
        "agree"
            | "promise"
            | "pledge"
            | "vow"
            | "offer"
            | "commit"
            | "guarantee"
            | "volunteer"
            | "consent"
    )
}

/// Nouns of speech: "issued a statement", "made an appeal" report, they are no event.
pub(crate) fn is_speech_noun(lemma: &str) -> bool {
    matches!(
        lemma,
        "statement"
            | "declaration"
            | "communique"
            | "communiqué"
            | "announcement"
            | "message"
            | "letter"
            | "note"
            | "report"
            | "comment"
            | "remark"
            | "speech"
            | "address"
    )
}

/// Modal words that turn a reported clause into a demand: "said China must drop barriers".
pub(crate) const OBLIGATION: &[&str] = &["must", "should", "ought"];

/// The status a modal auxiliary gives ("will", "may", ...).
pub(crate) fn modal_status(word: &str) -> Option<EventStatus> {
    Some(match word {
        "will" | "shall" | "'ll" | "wo" | "ll" => EventStatus::Planned,
        "may" | "might" | "could" | "can" | "ca" | "should" | "must" | "ought" => {
            EventStatus::Possible
        }
        "would" | "'d" => EventStatus::Hypothetical,
        _ => return None,
    })
}

/// Adjectives before an event noun that set its status: "the planned visit".
pub(crate) fn modifier_status(word: &str) -> Option<EventStatus> {
    Some(match word {
        "planned" | "upcoming" | "scheduled" | "proposed" | "forthcoming" | "next" | "future"
        | "impending" | "coming" | "prospective" => EventStatus::Planned,
        "expected" | "anticipated" | "likely" => EventStatus::Expected,
        "possible" | "potential" | "hypothetical" | "rumoured" | "rumored" => EventStatus::Possible,
        "ongoing" | "continuing" => EventStatus::Ongoing,
        "alleged" => EventStatus::Possible,
        _ => return None,
    })
}

pub(crate) const NEGATORS: &[&str] = &["not", "n't", "never", "no"];

/// Subordinators that make a clause a condition.
pub(crate) const CONDITIONS: &[&str] = &["if", "unless", "whether"];

/// Verbs whose object or subject noun is the event itself and that add nothing but its
/// occurrence or its tense: "held talks", "the summit took place".
pub(crate) fn is_light(lemma: &str) -> bool {
    matches!(
        lemma,
        "hold"
            | "have"
            | "conduct"
            | "launch"
            | "stage"
            | "carry"
            | "make"
            | "pay"
            | "begin"
            | "start"
            | "open"
            | "attend"
            | "host"
            | "occur"
            | "take"
            | "happen"
            | "end"
            | "resume"
            | "continue"
            | "break"
            | "collapse"
            | "fail"
            | "stall"
            | "be"
            | "impose"
            | "slap"
            | "announce"
            | "order"
            | "mount"
            | "organize"
            | "organise"
            | "plan"
            | "schedule"
            | "arrange"
            | "postpone"
            | "cancel"
            | "call"
            | "give"
            | "get"
            | "receive"
            | "deliver"
            | "offer"
            | "wage"
            | "join"
            | "lead"
            | "undertake"
            | "embark"
            | "step"
    )
}

/// Nouns that name an event only through their modifier: "a mediation mission", "peace
/// efforts", "a protest campaign".
pub(crate) fn is_light_noun(lemma: &str) -> bool {
    matches!(
        lemma,
        "mission"
            | "effort"
            | "bid"
            | "campaign"
            | "process"
            | "operation"
            | "initiative"
            | "drive"
            | "attempt"
            | "move"
            | "action"
            | "plan"
            | "programme"
            | "program"
    )
}
