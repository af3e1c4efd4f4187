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
    fn write_u64(&mut self, k: u64) {
        self.0 = (self.0 ^ k).wrapping_mul(0x9e37_79b9_7f4a_7c15);
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

/// A compact, read-only set of well-mixed keys of [`INDEX_KEY_BITS`] bits (the top bits of a
/// `u32`, the rest zero, as the model's tables store them): sorted, cut into buckets by their top
/// bits (about four keys a bucket, at least 2^(INDEX_KEY_BITS - 16) buckets), so that within a bucket a key
/// is told apart by its next 16 bits, stored as a `u16`. A lookup reads one bucket bound and scans
/// a few adjacent `u16`s. About 3 bytes a key, against 12–16 for a hash table at a comfortable load.
#[derive(Debug, Clone)]
pub struct KeyIndex {
    /// Per key, in order: its 16 bits after the bucket bits.
    rest: Vec<u16>,
    /// `starts[b]..starts[b + 1]`: the keys of bucket `b`.
    starts: Vec<u32>,
    /// log2 of the bucket count.
    bucket_bits: u32,
}

/// Bits of the keys a [`KeyIndex`] holds (the top ones of a `u32`).
pub const INDEX_KEY_BITS: u32 = 24;

impl Default for KeyIndex {
    fn default() -> Self {
        KeyIndex::new(vec![])
    }
}

impl KeyIndex {
    /// `keys` must be sorted, free of duplicates, with their low `32 - INDEX_KEY_BITS` bits zero.
    pub fn new(keys: Vec<u32>) -> KeyIndex {
        debug_assert!(keys.windows(2).all(|w| w[0] < w[1]));
        debug_assert!(keys.iter().all(|k| k & ((1 << (32 - INDEX_KEY_BITS)) - 1) == 0));
        let nb = (keys.len() / 4).next_power_of_two().max(1 << (INDEX_KEY_BITS - 16));
        let bucket_bits = nb.trailing_zeros();
        let mut starts = Vec::with_capacity(nb + 1);
        let mut i = 0;
        for b in 0..nb {
            while i < keys.len() && Self::bucket(keys[i], bucket_bits) < b {
                i += 1;
            }
            starts.push(i as u32);
        }
        starts.push(keys.len() as u32);
        let rest = keys.iter().map(|&k| Self::rest(k, bucket_bits)).collect();
        KeyIndex { rest, starts, bucket_bits }
    }

    #[inline]
    fn bucket(key: u32, bucket_bits: u32) -> usize {
        ((key as u64) >> (32 - bucket_bits)) as usize
    }

    #[inline]
    fn rest(key: u32, bucket_bits: u32) -> u16 {
        (((key as u64) << bucket_bits) >> 16) as u16
    }

    /// Where `key` is in the index (its rank among the keys), if it is. `key`'s bits below
    /// `INDEX_KEY_BITS` are ignored.
    #[inline]
    pub fn find(&self, key: u32) -> Option<usize> {
        let key = key & !((1 << (32 - INDEX_KEY_BITS)) - 1);
        let b = Self::bucket(key, self.bucket_bits);
        let (lo, hi) = (self.starts[b] as usize, self.starts[b + 1] as usize);
        let r = Self::rest(key, self.bucket_bits);
        for (j, &k) in self.rest[lo..hi].iter().enumerate() {
            if k >= r {
                return (k == r).then_some(lo + j);
            }
        }
        None
    }

    pub fn len(&self) -> usize {
        self.rest.len()
    }
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }
    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        2 * self.rest.capacity() + 4 * self.starts.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn key_index_finds_exactly_its_keys() {
        assert_eq!(KeyIndex::default().find(7 << 8), None);
        let top = |k: u32| k & !((1 << (32 - INDEX_KEY_BITS)) - 1);
        for n in [0usize, 1, 2, 3, 5, 17, 1000, 100_000] {
            let mut keys: Vec<u32> = (0..n as u32).map(|i| top(Fnv::new(9).byte(i as u8).byte((i >> 8) as u8).byte((i >> 16) as u8).finish32())).collect();
            keys.extend([0, top(u32::MAX)].iter().take(if n > 3 { 2 } else { 0 }));
            keys.sort();
            keys.dedup();
            let idx = KeyIndex::new(keys.clone());
            assert_eq!(idx.len(), keys.len());
            for (i, &k) in keys.iter().enumerate() {
                assert_eq!(idx.find(k), Some(i));
                // The bits below the key bits do not matter.
                assert_eq!(idx.find(k | 0x7f), Some(i));
            }
            for probe in 0..20_000u32 {
                let k = top(probe.wrapping_mul(2_654_435_761));
                assert_eq!(idx.find(k).is_some(), keys.binary_search(&k).is_ok(), "{k}");
                // Keys one step away in the bucket's bits or the rest's are told apart.
                for near in [k ^ (1 << 8), k ^ (1 << 23), k ^ (1 << 24), k ^ (1 << 31)] {
                    assert_eq!(idx.find(near).is_some(), keys.binary_search(&near).is_ok(), "{near}");
                }
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
