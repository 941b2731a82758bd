//! The arc-eager transition system (Nivre 2003) and its dynamic oracle (Goldberg & Nivre 2012);
//! the features over its configurations are in `features.rs`.
//!
//! Node 0 is the artificial root and sits at the bottom of the stack; words are nodes 1..=n.
//! Which labelled moves the parser can choose from is its class set (`classes.rs`).

/// A transition, with the label of the arc it makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Move {
    Shift,
    Reduce,
    Left(u16),
    Right(u16),
}

pub(crate) const NO_HEAD: u32 = u32::MAX;

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
    pub(super) lc: Vec<[u32; 2]>,
    pub(super) rc: Vec<[u32; 2]>,
    /// Number of left and right children of each node.
    pub(super) nl: Vec<u8>,
    pub(super) nr: Vec<u8>,
    /// Bit sets of the labels of each node's left and right children.
    pub(super) lset: Vec<u64>,
    pub(super) rset: Vec<u64>,
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
}

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
