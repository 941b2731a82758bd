//! What a mention's status and clause make of its type: a conflictual act announced for the
//! future or set against a condition is a threat, a protest in words is a complaint, readied
//! force is mobilization, and cooperation still to come is an intention (AGREE).

use super::mention::Mention;
use super::relation::Rel;
use super::senses::leaves_organization;
use super::tree::Tree;
use super::EventCoder;
use crate::plover::PloverType;
use tidings_doc::EventStatus;

/// Retypes the mentions of one sentence by their status and clause.
pub(super) fn retype(coder: &EventCoder, tree: &Tree, out: &mut [Mention]) {
    for m in out.iter_mut() {
        // A conflictual action announced for the future, or one promised unless the other
        // side gives way, is a threat (PLOVER THREATEN).
        let announced = matches!(m.status, Some(EventStatus::Planned | EventStatus::Expected));
        let conditional = tree
            .children_by(m.trigger, &[Rel::Advcl])
            .any(|c| tree.has_child_word(c, &[Rel::Mark], &["unless", "if"]));
        let threat_code = match m.kind {
            PloverType::Protest => Some("133"),
            // ("decided to leave the EU": leaving is announced as a plan, not held over the
            // organization as a threat)
            PloverType::Sanction if leaves_organization(tree, m.trigger) => None,
            PloverType::Sanction => Some("1312"),
            PloverType::Coerce => Some("137"),
            PloverType::Assault => Some("138"),
            PloverType::Reject | PloverType::Retreat if conditional => Some("130"),
            // ("will help defend Saudi Arabia if it is attacked" is a promise, not a threat)
            PloverType::Aid
            | PloverType::Cooperate
            | PloverType::Support
            | PloverType::Agree
            | PloverType::Consult
            | PloverType::Concede => None,
            _ if conditional => Some("130"),
            _ => None,
        };
        // CAMEO has no tense: the code stays what the dictionary says; the PLOVER type
        // follows PLOVER's reading.
        // "prepared to resume shelling": readying force is MOBILIZE.
        let readied = tree.rel(m.trigger) == Rel::Xcomp
            && tree
                .head(m.trigger)
                .is_some_and(|h| matches!(tree.lemma(h), "prepare" | "ready" | "poise" | "poised"));
        if readied && matches!(m.kind, PloverType::Assault | PloverType::Coerce) {
            if let Some((kind, mode)) = coder.plover("150") {
                m.kind = kind;
                m.mode = mode;
                continue;
            }
        }
        // "a rights group protested that ...": a protest in words is a complaint (ACCUSE).
        let in_words = matches!(tree.lemma(m.trigger), "protest" | "object" | "complain")
            && (tree
                .children_by(m.trigger, &[Rel::Ccomp])
                .any(|c| !tree.reports(c))
                || tree.rel(m.trigger) == Rel::Parataxis);
        if m.kind == PloverType::Protest && m.verbal && in_words {
            if let Some((kind, mode)) = coder.plover("111") {
                m.cameo = "111".into();
                m.kind = kind;
                m.mode = mode;
                continue;
            }
        }
        if let Some(code) = threat_code.filter(|_| announced && m.kind != PloverType::Threaten) {
            if let Some((kind, mode)) = coder.plover(code) {
                m.kind = kind;
                m.mode = mode;
                continue;
            }
        }
    }
    // PLOVER: "All cooperative actions reported in future tense are also taken to imply
    // intentions" (AGREE).
    for m in out.iter_mut() {
        let intended = matches!(m.status, Some(EventStatus::Planned | EventStatus::Expected));
        let cooperative = matches!(
            m.kind,
            PloverType::Aid
                | PloverType::Cooperate
                | PloverType::Support
                | PloverType::Concede
                | PloverType::Retreat
        );
        if intended && cooperative {
            let cameo = intent_code(Some(&m.cameo), "030");
            if let Some((kind, mode)) = coder.plover(&cameo) {
                m.kind = kind;
                m.mode = mode;
            }
        }
    }
}

/// The CAMEO "express intent" code for promising an event with code `content`: to meet or
/// negotiate 036, to cooperate 031/032, to give aid 033, to yield 035; else `fallback`, or
/// 030 when the fallback is no intent code.
pub(super) fn intent_code(content: Option<&str>, fallback: &str) -> String {
    let by_content = content.and_then(|c| match c.get(..2)? {
        "04" => Some("036"),
        "05" => Some("032"),
        "06" => Some("031"),
        "07" => Some("033"),
        "08" => Some("035"),
        "03" => Some(c),
        _ => None,
    });
    match by_content {
        Some(code) => code.to_string(),
        None if fallback.starts_with("03") => fallback.to_string(),
        None => "030".to_string(),
    }
}
