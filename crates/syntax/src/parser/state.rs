//! The arc-eager transition system (Nivre 2003), its dynamic oracle (Goldberg & Nivre 2012) and
//! the Zhang & Nivre (2011) feature set over its configurations.
//!
//! Node 0 is the artificial root and sits at the bottom of the stack; words are nodes 1..=n.
//! Which labelled moves the parser can choose from is its class set (`classes.rs`).

use crate::lex::{key, Lex, NONE};
use crate::tagger::TagId;

/// A transition, with the label of the arc it makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Move {
    Shift,
    Reduce,
    Left(u16),
    Right(u16),
}

pub(crate) const NO_HEAD: u32 = u32::MAX;
/// Atoms for the root node and for a missing position or label.
const ROOT_WORD: u64 = 0x726f_6f74;
const ROOT_TAG: u64 = 0xffff;
const NO_TAG: u64 = 0xfffe;
const NO_LABEL: u64 = 0xfffd;

/// A parser configuration, reused from sentence to sentence to avoid allocation.
#[derive(Default)]
pub(crate) struct State {
    /// Number of words.
    pub n: usize,
    pub stack: Vec<u32>,
    /// The first node of the buffer; the buffer is `b..=n`.
    pub b: usize,
    pub head: Vec<u32>,
    pub label: Vec<u16>,
    /// The two leftmost and two rightmost children of each node (0 = none: the root is nobody's child).
    lc: Vec<[u32; 2]>,
    rc: Vec<[u32; 2]>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    /// Bit sets of the labels of each node's left and right children.
    lset: Vec<u64>,
    rset: Vec<u64>,
    on_stack: Vec<bool>,
}

impl State {
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.stack.push(0);
        self.b = 1;
        for v in [&mut self.lc, &mut self.rc] {
            v.clear();
            v.resize(n + 1, [0, 0]);
        }
        self.head.clear();
        self.head.resize(n + 1, NO_HEAD);
        self.label.clear();
        self.label.resize(n + 1, 0);
        self.nl.clear();
        self.nl.resize(n + 1, 0);
        self.nr.clear();
        self.nr.resize(n + 1, 0);
        self.lset.clear();
        self.lset.resize(n + 1, 0);
        self.rset.clear();
        self.rset.resize(n + 1, 0);
        self.on_stack.clear();
        self.on_stack.resize(n + 1, false);
        self.on_stack[0] = true;
    }

    pub fn terminal(&self) -> bool {
        self.b > self.n
    }

    fn s0(&self) -> Option<usize> {
        self.stack.last().map(|&s| s as usize)
    }

    /// Which of SHIFT, REDUCE, LEFT-ARC, RIGHT-ARC are allowed. RIGHT-ARC from the root is
    /// allowed once, so every sentence gets one root.
    pub fn allowed(&self) -> [bool; 4] {
        let buffer = self.b <= self.n;
        let Some(s) = self.s0() else {
            return [buffer, false, false, false];
        };
        let has_head = self.head[s] != NO_HEAD;
        [
            buffer,
            s != 0 && has_head,
            buffer && s != 0 && !has_head,
            buffer && (s != 0 || self.rc[0][0] == 0),
        ]
    }

    /// Whether `mv` is allowed; the root label goes only on the arc from the root.
    #[inline]
    pub fn valid(&self, allowed: &[bool; 4], mv: Move, root_label: u16) -> bool {
        match mv {
            Move::Shift => allowed[0],
            Move::Reduce => allowed[1],
            Move::Left(l) => allowed[2] && l != root_label,
            Move::Right(l) => allowed[3] && ((self.stack.last() == Some(&0)) == (l == root_label)),
        }
    }

    fn attach(&mut self, h: usize, d: usize, l: u16) {
        self.head[d] = h as u32;
        self.label[d] = l;
        let bit = 1u64 << (l % 64);
        if d < h {
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
            let c = &mut self.lc[h];
            if c[0] == 0 || d < c[0] as usize {
                *c = [d as u32, c[0]];
            } else if c[1] == 0 || d < c[1] as usize {
                c[1] = d as u32;
            }
        } else {
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
            let c = &mut self.rc[h];
            if c[0] == 0 || d > c[0] as usize {
                *c = [d as u32, c[0]];
            } else if c[1] == 0 || d > c[1] as usize {
                c[1] = d as u32;
            }
        }
    }

    pub fn apply(&mut self, mv: Move) {
        match mv {
            Move::Shift => {
                self.on_stack[self.b] = true;
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            Move::Reduce => {
                let s = self.stack.pop().unwrap() as usize;
                self.on_stack[s] = false;
            }
            Move::Left(l) => {
                let s = self.stack.pop().unwrap() as usize;
                self.on_stack[s] = false;
                self.attach(self.b, s, l);
            }
            Move::Right(l) => {
                let s = self.s0().unwrap();
                self.attach(s, self.b, l);
                self.on_stack[self.b] = true;
                self.stack.push(self.b as u32);
                self.b += 1;
            }
        }
    }

    /// The dynamic oracle: how many gold arcs each move makes unreachable, for SHIFT, REDUCE,
    /// LEFT-ARC and RIGHT-ARC, not counting labels. `gold_head` is indexed by node (entry 0
    /// unused). Exact for projective gold trees (Goldberg & Nivre 2012, 2013).
    pub fn costs(&self, gold_head: &[u32]) -> [u32; 4] {
        let b = self.b;
        let s = self.s0().unwrap_or(0);
        let in_buffer = |k: usize| k >= b && k <= self.n;
        // s's gold dependents still in the buffer.
        let s_deps_in_buffer = (b..=self.n).filter(|&k| gold_head[k] as usize == s).count() as u32;
        // Headless stack nodes whose gold head is b.
        let b_deps_on_stack = self
            .stack
            .iter()
            .filter(|&&k| {
                k != 0 && self.head[k as usize] == NO_HEAD && gold_head[k as usize] as usize == b
            })
            .count() as u32;
        let mut c = [0u32; 4];
        if b <= self.n {
            let gb = gold_head[b] as usize;
            c[0] = self.on_stack[gb] as u32 + b_deps_on_stack;
            // RIGHT-ARC gives b its head now; every other headless gold dependent of b on the
            // stack (s included) is buried under it.
            c[3] = (gb != s && (self.on_stack[gb] || in_buffer(gb))) as u32 + b_deps_on_stack;
        }
        if s != 0 {
            c[1] = s_deps_in_buffer;
            let gs = gold_head[s] as usize;
            c[2] = (gs != b && in_buffer(gs)) as u32 + s_deps_in_buffer;
        }
        c
    }

    /// Writes the feature keys of this configuration into `out`.
    pub fn features(&self, lex: &[Lex], tags: &[TagId], out: &mut [u64; N_FEATS]) {
        let n = self.n;
        // Node → (word, tag) atoms; `lex` and `tags` are indexed from word 1 at 0.
        let w = |i: Option<usize>| match i {
            None => NONE,
            Some(0) => ROOT_WORD,
            Some(i) => lex[i - 1].norm,
        };
        let t = |i: Option<usize>| match i {
            None => NO_TAG,
            Some(0) => ROOT_TAG,
            Some(i) => tags[i - 1] as u64,
        };
        let l = |i: Option<usize>| match i {
            Some(i) if i != 0 && self.head[i] != NO_HEAD => self.label[i] as u64,
            _ => NO_LABEL,
        };
        let c = |i: Option<usize>| match i {
            None => [NONE; 3],
            Some(0) => [ROOT_WORD; 3],
            Some(i) => lex[i - 1].cluster,
        };
        let child = |v: u32| (v != 0).then_some(v as usize);
        let s0 = self.s0();
        let s1 = (self.stack.len() >= 2).then(|| self.stack[self.stack.len() - 2] as usize);
        let n0 = (self.b <= n).then_some(self.b);
        let n1 = (self.b < n).then_some(self.b + 1);
        let n2 = (self.b + 1 < n).then_some(self.b + 2);
        let hd = |i: Option<usize>| {
            i.and_then(|i| (i != 0 && self.head[i] != NO_HEAD).then(|| self.head[i] as usize))
        };
        let s0h = hd(s0);
        let s0h2 = hd(s0h);
        let (s0l, s0l2) = s0.map_or((None, None), |s| {
            (child(self.lc[s][0]), child(self.lc[s][1]))
        });
        let (s0r, s0r2) = s0.map_or((None, None), |s| {
            (child(self.rc[s][0]), child(self.rc[s][1]))
        });
        let (n0l, n0l2) = n0.map_or((None, None), |b| {
            (child(self.lc[b][0]), child(self.lc[b][1]))
        });
        let (s0w, s0t, n0w, n0t) = (w(s0), t(s0), w(n0), t(n0));
        let (n1w, n1t, n2w, n2t) = (w(n1), t(n1), w(n2), t(n2));
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
        *out = [
            key(0, &[]),
            key(1, &[s0w, s0t]),
            key(2, &[s0w]),
            key(3, &[s0t]),
            key(4, &[n0w, n0t]),
            key(5, &[n0w]),
            key(6, &[n0t]),
            key(7, &[n1w, n1t]),
            key(8, &[n1w]),
            key(9, &[n1t]),
            key(10, &[n2w, n2t]),
            key(11, &[n2w]),
            key(12, &[n2t]),
            key(13, &[s0w, s0t, n0w, n0t]),
            key(14, &[s0w, s0t, n0w]),
            key(15, &[s0w, n0w, n0t]),
            key(16, &[s0w, s0t, n0t]),
            key(17, &[s0t, n0w, n0t]),
            key(18, &[s0w, n0w]),
            key(19, &[s0t, n0t]),
            key(20, &[n0t, n1t]),
            key(21, &[n0t, n1t, n2t]),
            key(22, &[s0t, n0t, n1t]),
            key(23, &[t(s0h), s0t, n0t]),
            key(24, &[s0t, t(s0l), n0t]),
            key(25, &[s0t, t(s0r), n0t]),
            key(26, &[s0t, n0t, t(n0l)]),
            key(27, &[s0w, d]),
            key(28, &[s0t, d]),
            key(29, &[n0w, d]),
            key(30, &[n0t, d]),
            key(31, &[s0w, n0w, d]),
            key(32, &[s0t, n0t, d]),
            key(33, &[s0w, vr]),
            key(34, &[s0t, vr]),
            key(35, &[s0w, vl]),
            key(36, &[s0t, vl]),
            key(37, &[n0w, n0vl]),
            key(38, &[n0t, n0vl]),
            key(39, &[w(s0h)]),
            key(40, &[t(s0h)]),
            key(41, &[l(s0)]),
            key(42, &[w(s0l)]),
            key(43, &[t(s0l)]),
            key(44, &[l(s0l)]),
            key(45, &[w(s0r)]),
            key(46, &[t(s0r)]),
            key(47, &[l(s0r)]),
            key(48, &[w(n0l)]),
            key(49, &[t(n0l)]),
            key(50, &[l(n0l)]),
            key(51, &[w(s0h2)]),
            key(52, &[t(s0h2)]),
            key(53, &[l(s0h)]),
            key(54, &[w(s0l2)]),
            key(55, &[t(s0l2)]),
            key(56, &[l(s0l2)]),
            key(57, &[w(s0r2)]),
            key(58, &[t(s0r2)]),
            key(59, &[l(s0r2)]),
            key(60, &[w(n0l2)]),
            key(61, &[t(n0l2)]),
            key(62, &[l(n0l2)]),
            key(63, &[s0t, t(s0l), t(s0l2)]),
            key(64, &[s0t, t(s0r), t(s0r2)]),
            key(65, &[s0t, t(s0h), t(s0h2)]),
            key(66, &[n0t, t(n0l), t(n0l2)]),
            key(67, &[s0w, sr]),
            key(68, &[s0t, sr]),
            key(69, &[s0w, sl]),
            key(70, &[s0t, sl]),
            key(71, &[n0w, n0sl]),
            key(72, &[n0t, n0sl]),
            key(73, &[w(s1), t(s1)]),
            key(74, &[t(s1), s0t, n0t]),
            key(75, &[s0_has_head, s0t, n0t]),
            key(76, &[s0_has_head, l(s0), n0t]),
            key(77, &[t(s1), s0t]),
            key(78, &[n0t, n0w, n1w]),
            key(79, &[s0w, n0t, n1t]),
            key(80, &[c(s0)[1]]),
            key(81, &[c(n0)[1]]),
            key(82, &[c(n1)[1]]),
            key(83, &[c(s0)[0], c(n0)[0]]),
            key(84, &[c(s0)[1], n0t]),
            key(85, &[s0t, c(n0)[1]]),
            key(86, &[c(s0h)[0], s0t]),
            key(87, &[c(s0)[2]]),
            key(88, &[c(n0)[2]]),
        ];
    }
}

/// Number of parser features per configuration.
pub(crate) const N_FEATS: usize = 89;

#[cfg(test)]
mod tests {
    use super::*;

    /// Following the oracle's zero-cost moves rebuilds a projective tree exactly.
    #[test]
    fn the_oracle_rebuilds_a_projective_tree() {
        // "The cat sat on the mat ." heads (1-based, 0 = root).
        let heads = [0u32, 2, 3, 0, 6, 6, 3, 3];
        let n = 7;
        let mut st = State::default();
        st.reset(n);
        while !st.terminal() {
            let a = st.allowed();
            let c = st.costs(&heads);
            let m = (0..4)
                .find(|&m| a[m] && c[m] == 0)
                .expect("a zero-cost move exists");
            st.apply([Move::Shift, Move::Reduce, Move::Left(0), Move::Right(0)][m]);
        }
        for i in 1..=n {
            let h = if st.head[i] == NO_HEAD { 0 } else { st.head[i] };
            assert_eq!(h, heads[i], "word {i}");
        }
    }
}
