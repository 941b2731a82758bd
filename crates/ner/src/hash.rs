//! 64-bit hashing of strings and feature keys, with no allocation.
//!
//! Features are never strings: a feature is `key(template, value)` where `value` is a hash of a
//! word, a shape or a cluster id. Lowercasing happens inside the hash, char by char.

const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
pub(crate) fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Murmur3's finalizer: spreads the bits so that low bits index a table well.
#[inline]
pub(crate) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Hash of a string as written.
#[inline]
pub(crate) fn word(s: &str) -> u64 {
    let mut h = 0x9e37_79b9_7f4a_7c15;
    for c in s.chars() {
        h = mix(h, c as u64);
    }
    finish(h)
}

/// Hash of a string's lowercase form; equals `word(&s.to_lowercase())` for the usual letters.
#[inline]
pub(crate) fn lower(s: &str) -> u64 {
    let mut h = 0x9e37_79b9_7f4a_7c15;
    for c in s.chars() {
        if c.is_ascii() {
            h = mix(h, c.to_ascii_lowercase() as u64);
        } else {
            for l in c.to_lowercase() {
                h = mix(h, l as u64);
            }
        }
    }
    finish(h)
}

/// Hash of a string's bytes, eight at a time: a fast key for looking a word up, not a feature.
#[inline]
pub(crate) fn bytes(b: &[u8]) -> u64 {
    let mut h = 0x243f_6a88_85a3_08d3 ^ b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().expect("eight bytes")));
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    finish(mix(h, u64::from_le_bytes(last)))
}

/// The key of one feature: a template number and a value hash. Never 0 (0 marks an empty slot).
#[inline]
pub(crate) fn feature(template: u32, value: u64) -> u64 {
    let k = finish(mix(mix(0x2545_f491_4f6c_dd1d, template as u64), value));
    k | ((k == 0) as u64)
}

/// An open-addressing map from nonzero u64 keys to u32 values, for the hot path. A key and
/// its value share one 16-byte slot, so a lookup reads one cache line, not two.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    slots: Vec<Slot>,
    mask: usize,
    len: usize,
}

/// A key (0 for an empty slot) and its value; aligned so a slot never straddles two lines.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
struct Slot {
    key: u64,
    val: u32,
}

impl Table {
    pub(crate) fn with_capacity(n: usize) -> Table {
        Table::empty((n * 2).next_power_of_two().max(16))
    }

    fn empty(cap: usize) -> Table {
        Table { slots: vec![Slot::default(); cap], mask: cap - 1, len: 0 }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Doubles the capacity when more than half full, so probes stay short.
    fn grow(&mut self) {
        let old = std::mem::replace(self, Table::with_capacity(self.slots.len()));
        for s in old.slots {
            if s.key != 0 {
                self.insert(s.key, s.val);
            }
        }
    }

    /// Inserts `key` (nonzero) unless present; returns the value now stored.
    pub(crate) fn insert(&mut self, key: u64, val: u32) -> u32 {
        debug_assert!(key != 0);
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mut i = (key as usize) & self.mask;
        loop {
            let s = &mut self.slots[i];
            if s.key == key {
                return s.val;
            }
            if s.key == 0 {
                *s = Slot { key, val };
                self.len += 1;
                return val;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Sets the value of `key` (nonzero), inserting it if absent.
    pub(crate) fn set(&mut self, key: u64, val: u32) {
        self.insert(key, val);
        let mut i = (key as usize) & self.mask;
        while self.slots[i].key != key {
            i = (i + 1) & self.mask;
        }
        self.slots[i].val = val;
    }

    /// A copy packed for storage: keys inserted in sorted order (so the layout depends only
    /// on the set of keys) into the smallest power-of-two table at most 2/3 full. `value`
    /// maps each key's rank in sorted order and its old value to its new value.
    pub(crate) fn compact(&self, mut value: impl FnMut(usize, u32) -> u32) -> Table {
        let mut sorted: Vec<(u64, u32)> = self.entries().collect();
        sorted.sort_unstable();
        let mut t = Table::empty((sorted.len() * 3 / 2 + 1).next_power_of_two().max(16));
        for (rank, (key, v)) in sorted.into_iter().enumerate() {
            // Insert without the half-full growth rule.
            let mut i = (key as usize) & t.mask;
            while t.slots[i].key != 0 {
                i = (i + 1) & t.mask;
            }
            t.slots[i] = Slot { key, val: value(rank, v) };
            t.len += 1;
        }
        t
    }

    /// The raw slots, empty ones as `(0, 0)`, for writing.
    pub(crate) fn slots(&self) -> impl Iterator<Item = (u64, u32)> + Clone + '_ {
        self.slots.iter().map(|s| (s.key, s.val))
    }

    /// A table from raw slots as written by [`Table::slots`]; `None` if they are inconsistent.
    pub(crate) fn from_slots(keys: Vec<u64>, vals: Vec<u32>) -> Option<Table> {
        let cap = keys.len();
        if !cap.is_power_of_two() || vals.len() != cap {
            return None;
        }
        let len = keys.iter().filter(|&&k| k != 0).count();
        if len == cap {
            return None; // a full table would make lookups of absent keys loop forever
        }
        let slots = keys.into_iter().zip(vals).map(|(key, val)| Slot { key, val }).collect();
        Some(Table { slots, mask: cap - 1, len })
    }

    /// The stored keys and values, in slot order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.slots.iter().filter(|s| s.key != 0).map(|s| (s.key, s.val))
    }

    /// Asks the CPU to start loading the slot where `key` would be; no effect on results.
    #[inline]
    pub(crate) fn prefetch(&self, key: u64) {
        if let Some(s) = self.slots.get(key as usize & self.mask) {
            prefetch(s);
        }
    }

    #[inline]
    pub(crate) fn get(&self, key: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mut i = (key as usize) & self.mask;
        loop {
            let s = &self.slots[i];
            if s.key == key {
                return Some(s.val);
            }
            if s.key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// A hint to load the cache line holding `x`; no effect on results.
#[inline(always)]
pub(crate) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching never faults and does not change memory; `x` is a valid reference.
    unsafe {
        std::arch::x86_64::_mm_prefetch(x as *const T as *const i8, std::arch::x86_64::_MM_HINT_T0)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_hash_matches_lowercased_word() {
        for s in ["Valparaíso", "NATO", "Zoë", "ÉCOLE", "x"] {
            assert_eq!(lower(s), word(&s.to_lowercase()), "{s}");
        }
        assert_ne!(word("Kim"), word("kim"));
    }

    #[test]
    fn table_inserts_and_finds() {
        let mut t = Table::with_capacity(3);
        for k in 1..100u64 {
            t.insert(finish(k) | 1, k as u32);
        }
        for k in 1..100u64 {
            assert_eq!(t.get(finish(k) | 1), Some(k as u32));
        }
        assert_eq!(t.get(12345), None);
    }
}
