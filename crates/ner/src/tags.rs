//! BILOU labels (Ratinov & Roth 2009 found BILOU better than IOB for a greedy tagger) and the
//! conversion between labels and entity spans.

use tidings_doc::EntityType;

/// The four types in label order.
pub(crate) const TYPES: [EntityType; 4] = [EntityType::Person, EntityType::Org, EntityType::Loc, EntityType::Misc];
/// `O`, then B, I, L, U for each type.
pub(crate) const N_LABELS: usize = 1 + 4 * TYPES.len();

pub(crate) const O: u8 = 0;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Part {
    Outside,
    Begin,
    Inside,
    Last,
    Unit,
}

#[inline]
pub(crate) fn label(part: Part, ty: usize) -> u8 {
    match part {
        Part::Outside => O,
        Part::Begin => (1 + 4 * ty) as u8,
        Part::Inside => (2 + 4 * ty) as u8,
        Part::Last => (3 + 4 * ty) as u8,
        Part::Unit => (4 + 4 * ty) as u8,
    }
}

#[inline]
pub(crate) fn part(label: u8) -> Part {
    if label == O {
        return Part::Outside;
    }
    match (label - 1) % 4 {
        0 => Part::Begin,
        1 => Part::Inside,
        2 => Part::Last,
        _ => Part::Unit,
    }
}

#[inline]
pub(crate) fn type_index(label: u8) -> Option<usize> {
    (label != O).then(|| ((label - 1) / 4) as usize)
}

pub(crate) fn type_of(t: EntityType) -> usize {
    TYPES.iter().position(|&x| x == t).expect("all four types are listed")
}

/// Whether `cur` may follow `prev` (`None` at a sentence start), and whether it may end the
/// sentence when `last` is set. Decoding reads the same rules from [`ALLOWED`].
#[cfg(test)]
pub(crate) fn allowed(prev: Option<u8>, cur: u8, last: bool) -> bool {
    let open = prev.is_some_and(|p| matches!(part(p), Part::Begin | Part::Inside));
    let ok = match part(cur) {
        Part::Inside | Part::Last => open && type_index(prev.unwrap_or(O)) == type_index(cur),
        Part::Outside | Part::Begin | Part::Unit => !open,
    };
    ok && !(last && matches!(part(cur), Part::Begin | Part::Inside))
}

/// `ALLOWED[prev][last as usize]` has bit `l` set when [`allowed`] lets label `l` follow `prev`
/// (`N_LABELS` for the sentence start): the beam reads it for every hypothesis and token.
pub(crate) const ALLOWED: [[u32; 2]; N_LABELS + 1] = allowed_table();

const fn allowed_table() -> [[u32; 2]; N_LABELS + 1] {
    // The rules of `allowed`, spelled out for a constant.
    let mut t = [[0u32; 2]; N_LABELS + 1];
    let mut prev = 0;
    while prev <= N_LABELS {
        let open = prev != O as usize && prev < N_LABELS && (prev - 1) % 4 <= 1; // B or I
        let mut cur = 0;
        while cur < N_LABELS {
            let part = if cur == O as usize { 4 } else { (cur - 1) % 4 }; // 0 B, 1 I, 2 L, 3 U, 4 O
            let ok = if part == 1 || part == 2 { open && (prev - 1) / 4 == (cur - 1) / 4 } else { !open };
            if ok {
                t[prev][0] |= 1 << cur;
                if part >= 2 {
                    t[prev][1] |= 1 << cur;
                }
            }
            cur += 1;
        }
        prev += 1;
    }
    t
}

/// An entity found in a sentence: tokens `start..end` and a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntitySpan {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
}

/// BILOU labels from entity spans over `n` tokens.
pub(crate) fn encode(spans: &[EntitySpan], n: usize) -> Vec<u8> {
    let mut out = vec![O; n];
    for s in spans {
        let ty = type_of(s.kind);
        if s.end == s.start + 1 {
            out[s.start] = label(Part::Unit, ty);
        } else {
            out[s.start] = label(Part::Begin, ty);
            for l in &mut out[s.start + 1..s.end - 1] {
                *l = label(Part::Inside, ty);
            }
            out[s.end - 1] = label(Part::Last, ty);
        }
    }
    out
}

/// Entity spans from a valid BILOU sequence.
pub(crate) fn decode(labels: &[u8]) -> Vec<EntitySpan> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &l) in labels.iter().enumerate() {
        match part(l) {
            Part::Begin => start = i,
            Part::Unit => out.push(EntitySpan { start: i, end: i + 1, kind: TYPES[type_index(l).unwrap()] }),
            Part::Last => out.push(EntitySpan { start, end: i + 1, kind: TYPES[type_index(l).unwrap()] }),
            Part::Inside | Part::Outside => {}
        }
    }
    out
}

/// Entity spans from IOB2 (or IOB1) tags such as `B-PER`, `I-ORG`, `O`: an `I-` tag whose type
/// differs from the previous tag's starts a new entity, as conlleval reads it.
pub fn spans_from_iob<S: AsRef<str>>(tags: &[S]) -> Vec<EntitySpan> {
    let mut out: Vec<EntitySpan> = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let (prefix, ty) = tag.split_once('-').unwrap_or((tag, ""));
        let continues = prefix == "I" && open.is_some_and(|(_, t)| t == ty);
        if !continues {
            if let Some((s, t)) = open.take() {
                if let Some(kind) = EntityType::parse(t) {
                    out.push(EntitySpan { start: s, end: i, kind });
                }
            }
            if prefix == "B" || prefix == "I" {
                open = Some((i, ty));
            }
        }
    }
    if let Some((s, t)) = open {
        if let Some(kind) = EntityType::parse(t) {
            out.push(EntitySpan { start: s, end: tags.len(), kind });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_round_trip() {
        let spans = spans_from_iob(&["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG", "I-ORG"]);
        assert_eq!(spans.len(), 4);
        assert_eq!((spans[0].start, spans[0].end), (0, 2));
        assert_eq!((spans[3].start, spans[3].end, spans[3].kind), (5, 7, EntityType::Org));
        let labels = encode(&spans, 7);
        assert_eq!(decode(&labels), spans);
        let mut prev = None;
        for (i, &l) in labels.iter().enumerate() {
            assert!(allowed(prev, l, i == 6), "label {l} at {i}");
            prev = Some(l);
        }
        assert!(!allowed(Some(O), label(Part::Inside, 0), false));
        for prev in 0..=N_LABELS as u8 {
            for last in [false, true] {
                for cur in 0..N_LABELS as u8 {
                    let p = (prev as usize != N_LABELS).then_some(prev);
                    assert_eq!(ALLOWED[prev as usize][last as usize] >> cur & 1 == 1, allowed(p, cur, last), "{prev} {cur} {last}");
                }
            }
        }
        assert!(!allowed(None, label(Part::Begin, 1), true));
    }
}
