//! Name lists compiled into a compact lookup: places (countries, regions, cities by size,
//! continents) and person names (first names and surnames by frequency). Each entry is a
//! lower-cased phrase with a set of flags; the tagger uses the flags as features, never as hard
//! matches, because many names are also words ("Young", "Mobile").
//!
//! The lists are built from `../shared/data/gazetteers` by the trainer and stored inside the
//! model file, so the page needs nothing else.

use crate::hash::{key32, KeyIndex};
use serde::{Deserialize, Serialize};

pub const COUNTRY: u16 = 1 << 0;
pub const REGION: u16 = 1 << 1;
pub const CITY_BIG: u16 = 1 << 2; // population ≥ 1,000,000
pub const CITY_MID: u16 = 1 << 3; // ≥ 100,000
pub const CITY: u16 = 1 << 4; // ≥ 15,000
pub const CONTINENT: u16 = 1 << 5;
pub const FIRST_COMMON: u16 = 1 << 6; // top 300 first names
pub const FIRST: u16 = 1 << 7;
pub const LAST_COMMON: u16 = 1 << 8; // top 1,000 surnames
pub const LAST: u16 = 1 << 9; // top 20,000
pub const LAST_RARE: u16 = 1 << 10;
pub const PLACE_MASK: u16 = COUNTRY | REGION | CITY_BIG | CITY_MID | CITY | CONTINENT;
/// A town (a city below the tagger's population threshold, 15,000+ people): kept out of the
/// tagger's features (not in `PLACE_MASK` nor `FLAG_NAMES`), read only after the tagger, for a
/// place's kind and for towns after "in", "near" and the like (`spans::towns_after_locatives`).
pub const TOWN: u16 = 1 << 11;

pub const FLAG_NAMES: [&str; 11] = [
    "country", "region", "citybig", "citymid", "city", "continent", "firstc", "first", "lastc", "last", "lastr",
];

/// Bits of a phrase's [`key32`] kept in the model: the top 24. Tables of 10,000–60,000 phrases
/// then store about 2 bytes a key (sorted, delta-encoded) instead of the phrase itself, and an
/// unknown phrase matches some entry by chance with odds of at most 60,000 in 16.7 million.
pub const KEY_BITS: u32 = crate::hash::INDEX_KEY_BITS;
const KEY_MASK: u32 = !((1u32 << (32 - KEY_BITS)) - 1);

/// Serialised form: the entries' keys (top [`KEY_BITS`] of [`key32`], sorted, each stored as
/// the difference from the one before), their flags in the same order, and the longest
/// phrase in tokens.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GazetteerData {
    pub key_deltas: Vec<u32>,
    pub flags: Vec<u16>,
    pub max_tokens: u8,
}

#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    index: KeyIndex,
    /// Flags of each key, in key order.
    flags: Vec<u16>,
    /// Longest phrase, in tokens.
    pub max_tokens: usize,
}

impl Gazetteer {
    pub fn from_data(d: &GazetteerData) -> Gazetteer {
        Gazetteer::from_owned(d.clone())
    }

    /// [`Gazetteer::from_data`] reusing `d`'s tables (its key deltas become the keys in place), so
    /// that loading a model does not hold two copies of each table.
    pub fn from_owned(d: GazetteerData) -> Gazetteer {
        let GazetteerData { key_deltas: mut keys, flags, max_tokens } = d;
        let mut key = 0u32;
        for k in keys.iter_mut() {
            key = key.wrapping_add(*k);
            *k = key << (32 - KEY_BITS);
        }
        Gazetteer { index: KeyIndex::new(keys), flags, max_tokens: (max_tokens as usize).clamp(1, 6) }
    }

    /// Build from (phrase, flags); phrases are normalised with [`normalise`]. Phrases whose
    /// keys collide share the union of their flags.
    pub fn build(entries: impl IntoIterator<Item = (String, u16)>) -> GazetteerData {
        Self::compile(entries.into_iter().map(|(p, f)| (normalise(&p), f)).collect(), true)
    }

    /// Build from entries that are already normalised keys, kept as they are (word tables, whose
    /// values are not flag sets): of words whose keys collide, the first one listed keeps its value.
    pub fn build_exact(entries: Vec<(String, u16)>) -> GazetteerData {
        Self::compile(entries, false)
    }

    fn compile(entries: Vec<(String, u16)>, union: bool) -> GazetteerData {
        let mut max_tokens = 1;
        let mut keyed: Vec<(u32, u16)> = Vec::with_capacity(entries.len());
        for (p, f) in &entries {
            if !p.is_empty() {
                max_tokens = max_tokens.max(p.split(' ').count());
                keyed.push((key32(p) >> (32 - KEY_BITS), *f));
            }
        }
        keyed.sort_by_key(|e| e.0); // stable: the first listed comes first
        let mut d = GazetteerData { key_deltas: Vec::with_capacity(keyed.len()), flags: Vec::with_capacity(keyed.len()), max_tokens: max_tokens.min(6) as u8 };
        let mut last = None;
        for (k, f) in keyed {
            if last == Some(k) {
                if union {
                    *d.flags.last_mut().expect("parallel") |= f;
                }
            } else {
                d.key_deltas.push(k - last.unwrap_or(0));
                d.flags.push(f);
                last = Some(k);
            }
        }
        d
    }

    /// Whether the tables are consistent (as read from a model file).
    pub fn data_ok(d: &GazetteerData) -> bool {
        d.key_deltas.len() == d.flags.len() && d.key_deltas.iter().skip(1).all(|&k| k > 0) && d.key_deltas.iter().map(|&k| k as u64).sum::<u64>() < 1 << KEY_BITS
    }

    /// Flags of a normalised phrase (tokens joined by single spaces, lower case).
    pub fn get(&self, phrase: &str) -> u16 {
        self.get_key(key32(phrase))
    }

    /// Flags of a phrase by its [`key32`] (for callers that look one key up in several tables).
    #[inline]
    pub fn get_key(&self, key: u32) -> u16 {
        match self.index.find(key & KEY_MASK) {
            Some(at) => self.flags[at],
            None => 0,
        }
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.index.heap_bytes() + 2 * self.flags.capacity()
    }
}

/// Lower-case, curly apostrophes straightened, hyphens spaced like the tokenizer does
/// ("Winston-Salem" → "winston - salem"), single spaces.
pub fn normalise(p: &str) -> String {
    let mut s = String::with_capacity(p.len());
    // Most calls are for one word that the tokenizer would leave whole.
    if crate::tokens::is_plain_word(p) {
        s.extend(p.chars().flat_map(char::to_lowercase));
        return s;
    }
    for tok in crate::tokens::tokenize(p) {
        if !s.is_empty() {
            s.push(' ');
        }
        for c in p[tok.start..tok.end].chars() {
            match c {
                '’' | '‘' | '`' => s.push('\''),
                _ => s.extend(c.to_lowercase()),
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn build_and_lookup() {
        let d = Gazetteer::build(vec![
            ("New York".to_string(), CITY_BIG),
            ("Winston-Salem".to_string(), CITY),
            ("Jordan".to_string(), COUNTRY),
            ("JORDAN".to_string(), LAST),
        ]);
        let g = Gazetteer::from_data(&d);
        assert_eq!(g.get("new york"), CITY_BIG);
        assert_eq!(g.get("winston - salem"), CITY);
        assert_eq!(g.get("jordan"), COUNTRY | LAST);
        assert_eq!(g.get("paris"), 0);
        assert_eq!(g.max_tokens, 3);
    }
}
