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

/// Hash of a plain string key (gazetteer entries).
pub fn key32(s: &str) -> u32 {
    Fnv::new(0).str(s).finish32()
}

#[cfg(test)]
mod tests {
    use super::*;
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
