//! The hash table every model file of this crate uses for its keys: open addressing over
//! 64-bit hashed keys, stored in the form it is used in, so a model loads without rebuilding
//! it.

use crate::binary::{Reader, Writer};
use crate::SyntaxError;

/// An open-addressing hash table from 64-bit keys to `u32` values, stored as it is used so a
/// model file loads without rebuilding it. Slots hold a 32-bit fingerprint of the key (its low
/// half; the high half picks the slot), so two keys with the same slot run and fingerprint
/// would collide: about once in 4·10⁹ probes, harmless for hashed features.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    /// `fingerprint | value << 32`; fingerprint 0 marks an empty slot.
    pub(crate) slots: Vec<u64>,
}

#[inline(always)]
fn fingerprint(key: u64) -> u64 {
    let f = key & 0xffff_ffff;
    if f == 0 {
        1
    } else {
        f
    }
}

impl Table {
    /// Builds a table with room for `pairs` at a load of at most 3/4. Insertion order fixes the
    /// layout, so equal input gives an equal file.
    pub fn build(pairs: &[(u64, u32)]) -> Table {
        let cap = (pairs.len() * 4 / 3 + 1).max(8);
        let mut slots = vec![0u64; cap];
        for &(key, value) in pairs {
            let mut i = Table::home(key, cap);
            while slots[i] != 0 {
                i = if i + 1 == cap { 0 } else { i + 1 };
            }
            slots[i] = fingerprint(key) | (value as u64) << 32;
        }
        Table { slots }
    }

    #[inline(always)]
    fn home(key: u64, cap: usize) -> usize {
        (((key >> 32) * cap as u64) >> 32) as usize
    }

    #[inline(always)]
    pub fn get(&self, key: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.get_from(key, Table::home(key, self.slots.len()))
    }

    /// Asks the CPU to start loading the slot where `key` would be; returns that slot.
    #[inline(always)]
    pub(crate) fn prefetch(&self, key: u64) -> usize {
        let home = Table::home(key, self.slots.len());
        prefetch(&self.slots[home]);
        home
    }

    /// Asks the CPU to start loading the slot where `key` would be, if the table has slots.
    #[inline(always)]
    pub(crate) fn hint(&self, key: u64) {
        if !self.slots.is_empty() {
            self.prefetch(key);
        }
    }

    #[inline(always)]
    pub(crate) fn get_from(&self, key: u64, home: usize) -> Option<u32> {
        let cap = self.slots.len();
        let fp = fingerprint(key);
        let mut i = home;
        loop {
            let slot = self.slots[i];
            if slot & 0xffff_ffff == fp {
                return Some((slot >> 32) as u32);
            }
            if slot == 0 {
                return None;
            }
            i = if i + 1 == cap { 0 } else { i + 1 };
        }
    }

    pub fn len(&self) -> usize {
        self.slots.iter().filter(|&&s| s != 0).count()
    }

    /// The stored values, in slot order.
    pub fn values(&self) -> impl Iterator<Item = u32> + '_ {
        self.slots
            .iter()
            .filter(|&&s| s != 0)
            .map(|&s| (s >> 32) as u32)
    }

    pub fn write(&self, w: &mut Writer) {
        w.u64s(&self.slots);
    }

    pub fn read(r: &mut Reader) -> Result<Table, SyntaxError> {
        let slots = r.u64s()?;
        if !slots.is_empty() && !slots.contains(&0) {
            return Err(r.bad("hash table has no empty slot"));
        }
        Ok(Table { slots })
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
