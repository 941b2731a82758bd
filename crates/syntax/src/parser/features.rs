//! The parser's features: the Zhang & Nivre (2011) templates over a configuration, plus S1, an
//! "S0 has a head" flag and word clusters; 89 in all.
//!
//! They come in two kinds, kept apart so parsing can sum the first kind once per word:
//! - **Role features** read one node's own atoms only: the word, tag and clusters of S0 or
//!   N0–N2, the word and tag of S0's head and grand-head, the word, tag and label of the two
//!   outermost children of S0 and N0. Their weights depend on the role and those atoms, never
//!   on the rest of the configuration (a child's label is fixed once it is attached), so
//!   [`super::role_sums`] sums them once per role and word rather than once per transition.
//! - **Configuration features** read several nodes, distances, valencies, label sets or
//!   labels that can still change; they are looked up at every transition.
//!
//! [`State::features`] puts both kinds at their template numbers, as training reads them.

use super::state::{State, NO_HEAD};
use crate::lex::{key, Lex, NONE};
use crate::tagger::TagId;
use crate::lex::{keyed, Keyed};

/// Atoms for the root node and for a missing position or label.
const ROOT_WORD: u64 = 0x726f_6f74;
const ROOT_TAG: u64 = 0xffff;
const NO_TAG: u64 = 0xfffe;
const NO_LABEL: u64 = 0xfffd;

/// Number of parser features per configuration.
pub(crate) const N_FEATS: usize = 89;

/// Number of configuration features (the rest are role features).
pub(crate) const N_CONFIGURATION: usize = 50;

/// A position of a configuration whose features read its node's own atoms only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    S0,
    N0,
    N1,
    N2,
    S0Head,
    S0GrandHead,
    S0Left,
    S0Left2,
    S0Right,
    S0Right2,
    N0Left,
    N0Left2,
}

/// Number of roles.
pub(crate) const ROLES: usize = 12;

/// Which of a node's atoms a role feature reads.
#[derive(Debug, Clone, Copy)]
enum Reads {
    WordTag,
    Word,
    Tag,
    Label,
    /// The cluster at a level (0 = coarsest of the three kept).
    Cluster(usize),
}

use Reads::{Cluster, Label, Tag, Word, WordTag};

impl Role {
    pub(crate) const ALL: [Role; ROLES] = [
        Role::S0,
        Role::N0,
        Role::N1,
        Role::N2,
        Role::S0Head,
        Role::S0GrandHead,
        Role::S0Left,
        Role::S0Left2,
        Role::S0Right,
        Role::S0Right2,
        Role::N0Left,
        Role::N0Left2,
    ];

    /// The role's templates: their numbers and what each reads.
    fn templates(self) -> &'static [(u32, Reads)] {
        match self {
            Role::S0 => &[(1, WordTag), (2, Word), (3, Tag), (80, Cluster(1)), (87, Cluster(2))],
            Role::N0 => &[(4, WordTag), (5, Word), (6, Tag), (81, Cluster(1)), (88, Cluster(2))],
            Role::N1 => &[(7, WordTag), (8, Word), (9, Tag), (82, Cluster(1))],
            Role::N2 => &[(10, WordTag), (11, Word), (12, Tag)],
            Role::S0Head => &[(39, Word), (40, Tag)],
            Role::S0GrandHead => &[(51, Word), (52, Tag)],
            Role::S0Left => &[(42, Word), (43, Tag), (44, Label)],
            Role::S0Left2 => &[(54, Word), (55, Tag), (56, Label)],
            Role::S0Right => &[(45, Word), (46, Tag), (47, Label)],
            Role::S0Right2 => &[(57, Word), (58, Tag), (59, Label)],
            Role::N0Left => &[(48, Word), (49, Tag), (50, Label)],
            Role::N0Left2 => &[(60, Word), (61, Tag), (62, Label)],
        }
    }

    /// Whether the role's features read the node's label (children's roles), so the label is
    /// part of what its summed weights depend on. (A test checks this against the templates.)
    pub(crate) fn reads_label(self) -> bool {
        matches!(
            self,
            Role::S0Left
                | Role::S0Left2
                | Role::S0Right
                | Role::S0Right2
                | Role::N0Left
                | Role::N0Left2
        )
    }

    /// Whether the role's features read the node's clusters.
    pub(crate) fn reads_clusters(self) -> bool {
        matches!(self, Role::S0 | Role::N0 | Role::N1)
    }

    /// The role's features for a node with atoms `a`, each with its template number; the
    /// atoms a role does not read are ignored.
    pub(crate) fn features(self, a: &NodeAtoms) -> impl Iterator<Item = (usize, u64)> + '_ {
        self.templates().iter().map(move |&(t, reads)| {
            let k = match reads {
                WordTag => key(t, &[a.word, a.tag]),
                Word => key(t, &[a.word]),
                Tag => key(t, &[a.tag]),
                Label => key(t, &[a.label]),
                Cluster(level) => key(t, &[a.cluster[level]]),
            };
            (t as usize, k)
        })
    }
}

/// What a node brings to the features that read it: hashed word, tag, clusters and the label
/// of its arc (`NO_LABEL` while it has no head).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NodeAtoms {
    pub word: u64,
    pub tag: u64,
    pub cluster: [u64; 3],
    pub label: u64,
}

/// The nodes filling each role of a configuration, in [`Role::ALL`] order, and the others
/// the configuration features read.
pub(crate) struct Nodes {
    pub roles: [Option<usize>; ROLES],
    s1: Option<usize>,
}

impl Nodes {
    fn get(&self, role: Role) -> Option<usize> {
        self.roles[role as usize]
    }
}

impl State {
    /// The atoms of node `i` (`None`: no node there; `Some(0)`: the root).
    pub(crate) fn atoms(&self, i: Option<usize>, lex: &[Lex], tags: &[TagId]) -> NodeAtoms {
        match i {
            None => NodeAtoms {
                word: NONE,
                tag: NO_TAG,
                cluster: [NONE; 3],
                label: NO_LABEL,
            },
            Some(0) => NodeAtoms {
                word: ROOT_WORD,
                tag: ROOT_TAG,
                cluster: [ROOT_WORD; 3],
                label: NO_LABEL,
            },
            // `lex` and `tags` are indexed from word 1 at 0.
            Some(i) => NodeAtoms {
                word: lex[i - 1].norm,
                tag: tags[i - 1] as u64,
                cluster: lex[i - 1].cluster,
                label: self.label_atom(i),
            },
        }
    }

    fn label_atom(&self, i: usize) -> u64 {
        if i != 0 && self.head[i] != NO_HEAD {
            self.label[i] as u64
        } else {
            NO_LABEL
        }
    }

    /// Which node fills each role now.
    pub(crate) fn nodes(&self) -> Nodes {
        let n = self.n;
        let child = |v: u32| (v != 0).then_some(v as usize);
        let s0 = self.stack.last().map(|&s| s as usize);
        let n0 = (self.b <= n).then_some(self.b);
        let hd = |i: Option<usize>| {
            i.and_then(|i| (i != 0 && self.head[i] != NO_HEAD).then(|| self.head[i] as usize))
        };
        let s0h = hd(s0);
        let children = |i: Option<usize>, of: &[[u32; 2]]| {
            i.map_or((None, None), |i| (child(of[i][0]), child(of[i][1])))
        };
        let (s0l, s0l2) = children(s0, &self.lc);
        let (s0r, s0r2) = children(s0, &self.rc);
        let (n0l, n0l2) = children(n0, &self.lc);
        Nodes {
            roles: [
                s0,
                n0,
                (self.b < n).then_some(self.b + 1),
                (self.b + 1 < n).then_some(self.b + 2),
                s0h,
                hd(s0h),
                s0l,
                s0l2,
                s0r,
                s0r2,
                n0l,
                n0l2,
            ],
            s1: (self.stack.len() >= 2).then(|| self.stack[self.stack.len() - 2] as usize),
        }
    }

    /// Writes the keys of all features of this configuration into `out`, each at its template
    /// number (the order training sums them in).
    pub fn features(&self, lex: &[Lex], tags: &[TagId], out: &mut [u64; N_FEATS]) {
        let nodes = self.nodes();
        for role in Role::ALL {
            let atoms = self.atoms(nodes.get(role), lex, tags);
            for (template, key) in role.features(&atoms) {
                out[template] = key;
            }
        }
        for (template, key) in self.configuration_features(lex, tags, &nodes) {
            out[template] = key;
        }
    }

    /// The features that read more than one node's own atoms, each with its template number.
    pub(crate) fn configuration_features(
        &self,
        lex: &[Lex],
        tags: &[TagId],
        nodes: &Nodes,
    ) -> Keyed<N_CONFIGURATION> {
        let at = |role: Role| self.atoms(nodes.get(role), lex, tags);
        let (s0, n0) = (nodes.get(Role::S0), nodes.get(Role::N0));
        let (a_s0, a_n0, a_n1, a_n2) = (at(Role::S0), at(Role::N0), at(Role::N1), at(Role::N2));
        let (s0w, s0t, n0w, n0t) = (a_s0.word, a_s0.tag, a_n0.word, a_n0.tag);
        let (n1w, n1t, n2t) = (a_n1.word, a_n1.tag, a_n2.tag);
        let a_s0h = at(Role::S0Head);
        let t = |role: Role| at(role).tag;
        let d = match (s0, n0) {
            (Some(s), Some(b)) => match b - s {
                d @ 1..=4 => d as u64,
                5..=7 => 5,
                _ => 6,
            },
            _ => 0,
        };
        let (vl, vr) = s0.map_or((0, 0), |s| (self.nl[s] as u64, self.nr[s] as u64));
        let n0vl = n0.map_or(0, |b| self.nl[b] as u64);
        let (sl, sr) = s0.map_or((0, 0), |s| (self.lset[s], self.rset[s]));
        let n0sl = n0.map_or(0, |b| self.lset[b]);
        let s0_has_head = s0.is_some_and(|s| s != 0 && self.head[s] != NO_HEAD) as u64;
        let a_s1 = self.atoms(nodes.s1, lex, tags);
        let l_s0 = a_s0.label;
        [
            keyed(0, &[]),
            keyed(13, &[s0w, s0t, n0w, n0t]),
            keyed(14, &[s0w, s0t, n0w]),
            keyed(15, &[s0w, n0w, n0t]),
            keyed(16, &[s0w, s0t, n0t]),
            keyed(17, &[s0t, n0w, n0t]),
            keyed(18, &[s0w, n0w]),
            keyed(19, &[s0t, n0t]),
            keyed(20, &[n0t, n1t]),
            keyed(21, &[n0t, n1t, n2t]),
            keyed(22, &[s0t, n0t, n1t]),
            keyed(23, &[a_s0h.tag, s0t, n0t]),
            keyed(24, &[s0t, t(Role::S0Left), n0t]),
            keyed(25, &[s0t, t(Role::S0Right), n0t]),
            keyed(26, &[s0t, n0t, t(Role::N0Left)]),
            keyed(27, &[s0w, d]),
            keyed(28, &[s0t, d]),
            keyed(29, &[n0w, d]),
            keyed(30, &[n0t, d]),
            keyed(31, &[s0w, n0w, d]),
            keyed(32, &[s0t, n0t, d]),
            keyed(33, &[s0w, vr]),
            keyed(34, &[s0t, vr]),
            keyed(35, &[s0w, vl]),
            keyed(36, &[s0t, vl]),
            keyed(37, &[n0w, n0vl]),
            keyed(38, &[n0t, n0vl]),
            keyed(41, &[l_s0]),
            keyed(53, &[a_s0h.label]),
            keyed(63, &[s0t, t(Role::S0Left), t(Role::S0Left2)]),
            keyed(64, &[s0t, t(Role::S0Right), t(Role::S0Right2)]),
            keyed(65, &[s0t, a_s0h.tag, t(Role::S0GrandHead)]),
            keyed(66, &[n0t, t(Role::N0Left), t(Role::N0Left2)]),
            keyed(67, &[s0w, sr]),
            keyed(68, &[s0t, sr]),
            keyed(69, &[s0w, sl]),
            keyed(70, &[s0t, sl]),
            keyed(71, &[n0w, n0sl]),
            keyed(72, &[n0t, n0sl]),
            keyed(73, &[a_s1.word, a_s1.tag]),
            keyed(74, &[a_s1.tag, s0t, n0t]),
            keyed(75, &[s0_has_head, s0t, n0t]),
            keyed(76, &[s0_has_head, l_s0, n0t]),
            keyed(77, &[a_s1.tag, s0t]),
            keyed(78, &[n0t, n0w, n1w]),
            keyed(79, &[s0w, n0t, n1t]),
            keyed(83, &[a_s0.cluster[0], a_n0.cluster[0]]),
            keyed(84, &[a_s0.cluster[1], n0t]),
            keyed(85, &[s0t, a_n0.cluster[1]]),
            keyed(86, &[a_s0h.cluster[0], s0t]),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_role_reads_matches_its_templates() {
        for role in Role::ALL {
            let reads = |f: fn(&Reads) -> bool| role.templates().iter().any(|(_, r)| f(r));
            assert_eq!(role.reads_label(), reads(|r| matches!(r, Label)), "{role:?}");
            assert_eq!(role.reads_clusters(), reads(|r| matches!(r, Cluster(_))), "{role:?}");
        }
    }

    /// Each of the 89 templates is either a role feature or a configuration feature, once.
    #[test]
    fn every_template_is_computed_once() {
        let mut st = State::default();
        st.reset(3);
        let lex = [Lex::default(); 3];
        let tags = [0; 3];
        let nodes = st.nodes();
        let mut seen = [0; N_FEATS];
        for role in Role::ALL {
            for (t, _) in role.features(&st.atoms(None, &lex, &tags)) {
                seen[t] += 1;
            }
        }
        for (t, _) in st.configuration_features(&lex, &tags, &nodes) {
            seen[t] += 1;
        }
        assert_eq!(seen, [1; N_FEATS]);
    }
}
