//! The parser's classes: SHIFT, REDUCE and the arcs, each a (direction, relation) pair chosen
//! from the training data.
//!
//! Why not every pair: scoring reads one dense weight row per frequent feature, and a row of at
//! most 64 classes is one 64-byte cache line where 104 classes (2 + 2 × 51 relations) take two.
//! The most frequent 62 pairs cover 99.84% of the arcs of EWT train; an arc whose pair was left
//! out is trained toward its relation's universal part in the same direction (`obl:npmod` →
//! `obl`, which the CoNLL 2018 LAS counts as right), else toward `dep`, else toward any label
//! in its direction (its label is lost anyway, so training only asks for the right move).
//!
//! Classes are numbered 0 SHIFT, 1 REDUCE, then the LEFT-ARCs, then the RIGHT-ARCs, each run
//! ordered by label, so masking a move's classes is masking a range.

use super::state::Move;
use crate::binary::{Reader, Writer};
use crate::SyntaxError;
use std::collections::HashMap;

/// The fewest classes a parser can have: SHIFT, REDUCE, the RIGHT-ARC from the root and one
/// more arc.
pub(crate) const MIN_CLASSES: usize = 4;

/// Whether the `i`-th word of a sentence (counted from 0; its id is `i + 1`, and head 0 is the
/// root) is attached by a RIGHT-ARC, that is, stands right of its head `head`.
pub(crate) fn is_right_arc(i: usize, head: usize) -> bool {
    head <= i
}

/// A gold arc's label target meaning "any label in the arc's direction".
pub(crate) const ANY_LABEL: u16 = u16::MAX;

/// The parser's class set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Classes {
    /// What each class does, by class number.
    moves: Vec<Move>,
    /// The first RIGHT-ARC class; LEFT-ARCs are `2..first_right`.
    first_right: usize,
    /// The class of the RIGHT-ARC from the root with the root label.
    root_right: usize,
}

/// The file form of an arc class: `label | right << 15`. Sorted, these are the arc classes in
/// class order.
fn code(right: bool, label: u16) -> u16 {
    label | (right as u16) << 15
}

impl Classes {
    /// SHIFT, REDUCE and the `max - 2` most frequent of `arcs` ((is a RIGHT-ARC, label) pairs,
    /// one per gold arc), always with the RIGHT-ARC of `root_label` and never a LEFT-ARC of it
    /// (the root is left of every word). Ties go to the smaller code, so the choice is
    /// deterministic.
    pub fn choose(arcs: impl Iterator<Item = (bool, u16)>, root_label: u16, max: usize) -> Classes {
        let max = max.max(MIN_CLASSES);
        let mut counts: HashMap<u16, usize> = HashMap::new();
        for (right, label) in arcs {
            if label != root_label {
                *counts.entry(code(right, label)).or_default() += 1;
            }
        }
        let mut ranked: Vec<(u16, usize)> = counts.into_iter().collect();
        ranked.sort_unstable_by_key(|&(c, n)| (std::cmp::Reverse(n), c));
        let mut codes: Vec<u16> = ranked.iter().take(max - 3).map(|&(c, _)| c).collect();
        codes.push(code(true, root_label));
        codes.sort_unstable();
        Classes::from_codes(&codes)
            .with_root(root_label)
            .expect("the root's RIGHT-ARC was just added")
    }

    /// Builds the set from sorted, distinct arc codes.
    fn from_codes(codes: &[u16]) -> Classes {
        let mut moves = vec![Move::Shift, Move::Reduce];
        moves.extend(codes.iter().map(|&c| {
            let label = c & 0x7fff;
            if c >> 15 == 1 {
                Move::Right(label)
            } else {
                Move::Left(label)
            }
        }));
        let first_right = 2 + codes.iter().take_while(|&&c| c >> 15 == 0).count();
        Classes {
            moves,
            first_right,
            root_right: 0,
        }
    }

    /// The classes of a version-3 parser file, every label in both directions but a LEFT-ARC
    /// with the root label (no move can ever choose it), and the map from that file's class
    /// numbers (`2 + 2k` LEFT-ARC, `3 + 2k` RIGHT-ARC with label `k`) to these.
    pub fn every(n_labels: usize, root_label: u16) -> (Classes, Vec<Option<u16>>) {
        let labels = 0..n_labels as u16;
        let mut codes: Vec<u16> = labels
            .clone()
            .filter(|&l| l != root_label)
            .map(|l| code(false, l))
            .chain(labels.map(|l| code(true, l)))
            .collect();
        codes.sort_unstable();
        let classes = Classes::from_codes(&codes)
            .with_root(root_label)
            .expect("every label has its RIGHT-ARC");
        let map = (0..2 + 2 * n_labels)
            .map(|c| {
                let mv = match c {
                    0 => Move::Shift,
                    1 => Move::Reduce,
                    c if c % 2 == 0 => Move::Left(((c - 2) / 2) as u16),
                    c => Move::Right(((c - 3) / 2) as u16),
                };
                classes
                    .moves
                    .iter()
                    .position(|&m| m == mv)
                    .map(|i| i as u16)
            })
            .collect();
        (classes, map)
    }

    /// The subset of these classes that [`Classes::choose`] picks from `arcs`, and the map
    /// from these classes to it.
    pub fn restricted(
        &self,
        arcs: impl Iterator<Item = (bool, u16)>,
        root_label: u16,
        max: usize,
    ) -> (Classes, Vec<Option<u16>>) {
        let known = arcs.filter(|&(right, label)| self.class_of(right, label).is_some());
        let chosen = Classes::choose(known, root_label, max);
        let map = self
            .moves
            .iter()
            .map(|&m| chosen.moves.iter().position(|&n| n == m).map(|i| i as u16))
            .collect();
        (chosen, map)
    }

    fn with_root(mut self, root_label: u16) -> Option<Classes> {
        self.root_right = self.class_of(true, root_label)?;
        Some(self)
    }

    pub fn len(&self) -> usize {
        self.moves.len()
    }

    /// What class `class` does.
    #[inline]
    pub fn get(&self, class: usize) -> Move {
        self.moves[class]
    }

    /// The LEFT-ARC classes.
    #[inline]
    pub fn lefts(&self) -> std::ops::Range<usize> {
        2..self.first_right
    }

    /// The RIGHT-ARC classes.
    #[inline]
    pub fn rights(&self) -> std::ops::Range<usize> {
        self.first_right..self.moves.len()
    }

    #[inline]
    pub fn root_right(&self) -> usize {
        self.root_right
    }

    /// The class of the arc (`right`, `label`), if the set has it.
    pub fn class_of(&self, right: bool, label: u16) -> Option<usize> {
        let want = if right {
            Move::Right(label)
        } else {
            Move::Left(label)
        };
        self.moves.iter().position(|&m| m == want)
    }

    /// The label that training asks of a gold arc (`right`, `label`): the label itself if the
    /// set has that arc, else its universal part's, else `dep`'s in the same direction, else
    /// [`ANY_LABEL`]. `labels` names the labels.
    pub fn target(&self, right: bool, label: u16, labels: &[String]) -> u16 {
        let index = |name: &str| labels.iter().position(|l| l == name).map(|i| i as u16);
        let name = &labels[label as usize];
        [Some(label), index(super::universal(name)), index("dep")]
            .into_iter()
            .flatten()
            .find(|&l| self.class_of(right, l).is_some())
            .unwrap_or(ANY_LABEL)
    }

    pub fn write(&self, w: &mut Writer) {
        let codes: Vec<u16> = self.moves[2..]
            .iter()
            .map(|&m| match m {
                Move::Left(l) => code(false, l),
                Move::Right(l) => code(true, l),
                Move::Shift | Move::Reduce => unreachable!("arc classes follow SHIFT and REDUCE"),
            })
            .collect();
        w.u16s(&codes);
    }

    /// Reads the arc classes and checks them against the parser's `n_labels` labels and its
    /// root label.
    pub fn read(r: &mut Reader, n_labels: usize, root_label: u16) -> Result<Classes, SyntaxError> {
        let codes = r.u16s()?;
        if codes.windows(2).any(|p| p[0] >= p[1]) {
            return Err(r.bad("arc classes are not sorted and distinct"));
        }
        if codes.iter().any(|&c| (c & 0x7fff) as usize >= n_labels) {
            return Err(r.bad("an arc class names an unknown label"));
        }
        if codes.contains(&code(false, root_label)) {
            return Err(r.bad("an arc class is a LEFT-ARC with the root label"));
        }
        Classes::from_codes(&codes)
            .with_root(root_label)
            .ok_or_else(|| r.bad("no arc class is the RIGHT-ARC with the root label"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Vec<String> {
        [
            "root",
            "nsubj",
            "obl",
            "obl:npmod",
            "dep",
            "vocative",
            "punct",
        ]
        .map(String::from)
        .to_vec()
    }

    /// Gold arcs: many `nsubj` left, `obl` and `punct` right, a few rare pairs.
    fn arcs() -> Vec<(bool, u16)> {
        let mut arcs = Vec::new();
        for (right, label, n) in [
            (true, 0, 50),
            (false, 1, 40),
            (true, 2, 30),
            (true, 6, 20),
            (true, 3, 2),
            (false, 5, 1),
        ] {
            arcs.extend(std::iter::repeat_n((right, label), n));
        }
        arcs
    }

    #[test]
    fn a_rare_label_trains_toward_its_base_and_the_set_keeps_its_size() {
        let classes = Classes::choose(arcs().into_iter(), 0, 5);
        assert_eq!(classes.len(), 5);
        // Kept: the root arc and the two most frequent other pairs.
        assert_eq!(
            classes.moves[2..],
            [Move::Left(1), Move::Right(0), Move::Right(2)]
        );
        assert_eq!(classes.lefts(), 2..3);
        assert_eq!(classes.rights(), 3..5);
        assert_eq!(classes.root_right(), 3);
        let labels = labels();
        // `obl:npmod` → `obl`; a kept pair is its own target.
        assert_eq!(classes.target(true, 3, &labels), 2);
        assert_eq!(classes.target(false, 1, &labels), 1);
        // A pair without a kept base or `dep`: any label in its direction.
        assert_eq!(classes.target(false, 5, &labels), ANY_LABEL);
        assert_eq!(classes.target(true, 6, &labels), ANY_LABEL);
        // Never more classes than asked, never fewer than the minimum.
        for max in [0, 4, 6, 64] {
            let c = Classes::choose(arcs().into_iter(), 0, max);
            assert_eq!(c.len(), max.clamp(MIN_CLASSES, 8), "at most {max}");
        }
    }

    #[test]
    fn the_set_round_trips_and_bad_sets_are_refused() {
        let classes = Classes::choose(arcs().into_iter(), 0, 64);
        assert_eq!(classes.len(), 8);
        let path = std::path::Path::new("classes.bin");
        let read = |codes: &[u16], n_labels: usize| {
            let mut w = Writer::new(b"TESTTEST", 1);
            w.u16s(codes);
            let mut r = Reader::open(&w.buf, path, b"TESTTEST", 1).unwrap();
            let c = Classes::read(&mut r, n_labels, 0);
            c.and_then(|c| r.finish().map(|_| c))
        };
        let mut w = Writer::new(b"TESTTEST", 1);
        classes.write(&mut w);
        let mut r = Reader::open(&w.buf, path, b"TESTTEST", 1).unwrap();
        assert_eq!(Classes::read(&mut r, 7, 0).unwrap(), classes);
        let refused =
            |codes: &[u16], n_labels: usize| read(codes, n_labels).err().unwrap().to_string();
        let root = code(true, 0);
        assert!(refused(&[root, code(false, 1)], 7).contains("not sorted"));
        assert!(refused(&[code(false, 1), root, root], 7).contains("not sorted"));
        assert!(refused(&[code(false, 9), root], 7).contains("unknown label"));
        assert!(refused(&[code(false, 0), root], 7).contains("LEFT-ARC with the root"));
        assert!(refused(&[code(false, 1)], 7).contains("no arc class is the RIGHT-ARC"));
        assert!(refused(&[code(false, 1)], 7).contains("classes.bin"));
    }

    #[test]
    fn a_version_3_class_numbering_maps_onto_a_set_and_restricts() {
        let (every, map) = Classes::every(3, 0);
        assert_eq!(every.len(), 7);
        // 0 SHIFT, 1 REDUCE, then LEFT 0 (the root label: dropped), RIGHT 0, LEFT 1, ...
        let want = [
            Some(0),
            Some(1),
            None,
            Some(4),
            Some(2),
            Some(5),
            Some(3),
            Some(6),
        ];
        assert_eq!(map, want);
        let arcs = [(true, 0), (true, 0), (false, 2), (false, 2), (true, 1)];
        let (fewer, map) = every.restricted(arcs.into_iter(), 0, 4);
        assert_eq!(
            fewer.moves,
            [Move::Shift, Move::Reduce, Move::Left(2), Move::Right(0)]
        );
        assert_eq!(map, [Some(0), Some(1), None, Some(2), Some(3), None, None]);
    }
}
