//! A small, stable 64-bit hash (FNV-1a) used for feature and gazetteer keys. It must give the same
//! value natively and in wasm, and across releases, because trained models store these hashes.

pub const SEED: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

#[derive(Clone, Copy)]
pub struct Fnv(pub u64);

impl Fnv {
    #[inline]
    pub fn new(tag: u8) -> Self {
        Fnv(SEED).byte(tag)
    }
    #[inline]
    pub fn byte(self, b: u8) -> Self {
        Fnv((self.0 ^ b as u64).wrapping_mul(PRIME))
    }
    #[inline]
    pub fn bytes(mut self, s: &[u8]) -> Self {
        for &b in s {
            self = self.byte(b);
        }
        self
    }
    #[inline]
    pub fn str(self, s: &str) -> Self {
        self.bytes(s.as_bytes()).byte(0xff)
    }
    /// Final 32-bit key (folded, then mixed so that nearby inputs spread out).
    #[inline]
    pub fn finish32(self) -> u32 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h as u32
    }
}

/// A `Hasher` for maps keyed by strings or by keys that are hashes already: FNV-1a over the
/// bytes, a few times cheaper than the standard SipHash on short keys (the maps here hold words
/// of one text, not input an attacker could aim at one bucket: their size is bounded by it).
#[derive(Default, Clone, Copy)]
pub struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let h = if self.0 == 0 { Fnv(SEED) } else { Fnv(self.0) };
        self.0 = h.bytes(bytes).0;
    }
    #[inline]
    fn write_u32(&mut self, k: u32) {
        self.0 = (self.0 ^ k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

/// Build `FnvHasher`s (for `HashMap::with_hasher` / `default()`).
pub type FnvBuild = std::hash::BuildHasherDefault<FnvHasher>;

/// Hash of a plain string key (gazetteer entries).
pub fn key32(s: &str) -> u32 {
    Fnv::new(0).str(s).finish32()
}

/// A compact, read-only set of well-mixed 32-bit keys: sorted, cut into buckets by their top
/// bits (about four keys a bucket), so a lookup reads one bucket bound and scans a few adjacent
/// keys. About 5 bytes a key, against 12–16 for a hash table at a comfortable load.
#[derive(Debug, Clone)]
pub struct KeyIndex {
    keys: Vec<u32>,
    /// `starts[b]..starts[b + 1]`: the keys of bucket `b`.
    starts: Vec<u32>,
    shift: u32,
}

impl Default for KeyIndex {
    fn default() -> Self {
        KeyIndex::new(vec![])
    }
}

impl KeyIndex {
    /// `keys` must be sorted and free of duplicates.
    pub fn new(keys: Vec<u32>) -> KeyIndex {
        debug_assert!(keys.windows(2).all(|w| w[0] < w[1]));
        let nb = (keys.len() / 4).next_power_of_two().max(1);
        let shift = 32 - nb.trailing_zeros();
        let mut starts = Vec::with_capacity(nb + 1);
        let mut i = 0;
        for b in 0..nb {
            while i < keys.len() && ((keys[i] as u64) >> shift) < b as u64 {
                i += 1;
            }
            starts.push(i as u32);
        }
        starts.push(keys.len() as u32);
        KeyIndex { keys, starts, shift }
    }

    /// Where `key` is in the index (its rank among the keys), if it is.
    #[inline]
    pub fn find(&self, key: u32) -> Option<usize> {
        let b = ((key as u64) >> self.shift) as usize;
        let (lo, hi) = (self.starts[b] as usize, self.starts[b + 1] as usize);
        for (j, &k) in self.keys[lo..hi].iter().enumerate() {
            if k >= key {
                return (k == key).then_some(lo + j);
            }
        }
        None
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        4 * (self.keys.capacity() + self.starts.capacity())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn key_index_finds_exactly_its_keys() {
        assert_eq!(KeyIndex::default().find(7), None);
        for n in [0usize, 1, 2, 3, 5, 17, 1000] {
            let mut keys: Vec<u32> = (0..n as u32).map(|i| Fnv::new(9).byte(i as u8).byte((i >> 8) as u8).finish32()).collect();
            keys.extend([0, u32::MAX].iter().take(if n > 3 { 2 } else { 0 }));
            keys.sort();
            keys.dedup();
            let idx = KeyIndex::new(keys.clone());
            for (i, &k) in keys.iter().enumerate() {
                assert_eq!(idx.find(k), Some(i));
            }
            for probe in 0..2000u32 {
                let k = probe.wrapping_mul(2_654_435_761);
                assert_eq!(idx.find(k).is_some(), keys.binary_search(&k).is_ok(), "{k}");
            }
        }
    }
    #[test]
    fn stable_values() {
        // These exact values are baked into trained models: a change here silently breaks the
        // committed model, so they are pinned (native and wasm must agree).
        assert_eq!(key32("paris"), 1_151_346_436);
        assert_eq!(Fnv::new(1).str("a").finish32(), 3_477_024_957);
        assert_eq!(Fnv::new(7).byte(3).str("Zürich").finish32(), 209_911_711);
        assert_ne!(Fnv::new(1).str("a").finish32(), Fnv::new(2).str("a").finish32());
    }
}
