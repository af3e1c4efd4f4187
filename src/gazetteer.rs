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

pub const FLAG_NAMES: [&str; 11] = [
    "country", "region", "citybig", "citymid", "city", "continent", "firstc", "first", "lastc", "last", "lastr",
];

/// Serialised form: phrases sorted and joined by '\n' (compresses well), flags parallel.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GazetteerData {
    pub phrases: String,
    pub flags: Vec<u16>,
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
        let mut entries = Vec::with_capacity(d.flags.len());
        let mut max_tokens = 1;
        for (p, &f) in d.phrases.split('\n').zip(&d.flags) {
            entries.push((key32(p), f));
            max_tokens = max_tokens.max(p.split(' ').count());
        }
        entries.sort_unstable();
        // Phrases whose keys collide share the union of their flags.
        let mut keys: Vec<u32> = Vec::with_capacity(entries.len());
        let mut flags: Vec<u16> = Vec::with_capacity(entries.len());
        for (k, f) in entries {
            if keys.last() == Some(&k) {
                *flags.last_mut().expect("parallel") |= f;
            } else {
                keys.push(k);
                flags.push(f);
            }
        }
        Gazetteer { index: KeyIndex::new(keys), flags, max_tokens: max_tokens.min(6) }
    }

    /// Build from (phrase, flags); phrases are normalised with [`normalise`].
    pub fn build(entries: impl IntoIterator<Item = (String, u16)>) -> GazetteerData {
        let mut m: std::collections::BTreeMap<String, u16> = Default::default();
        for (p, f) in entries {
            let n = normalise(&p);
            if !n.is_empty() && !n.contains('\n') {
                *m.entry(n).or_insert(0) |= f;
            }
        }
        let phrases = m.keys().cloned().collect::<Vec<_>>().join("\n");
        GazetteerData { phrases, flags: m.values().copied().collect() }
    }

    /// Build from entries that are already normalised keys, kept as they are (word tables).
    pub fn build_exact(mut entries: Vec<(String, u16)>) -> GazetteerData {
        entries.retain(|(p, _)| !p.is_empty() && !p.contains('\n'));
        entries.sort();
        entries.dedup_by(|a, b| a.0 == b.0);
        GazetteerData { phrases: entries.iter().map(|e| e.0.as_str()).collect::<Vec<_>>().join("\n"), flags: entries.iter().map(|e| e.1).collect() }
    }

    /// Flags of a normalised phrase (tokens joined by single spaces, lower case).
    pub fn get(&self, phrase: &str) -> u16 {
        self.get_key(key32(phrase))
    }

    /// Flags of a phrase by its [`key32`] (for callers that look one key up in several tables).
    #[inline]
    pub fn get_key(&self, key: u32) -> u16 {
        match self.index.find(key) {
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
