//! Features of each token for the tagger: the word and its neighbours, word shape, affixes,
//! capitalisation in context (sentence start, all-caps or all-lowercase sentences), number-word
//! classes from the number grammar, gazetteer membership and document-level evidence. Each
//! feature is a 32-bit hash, so the model needs no vocabulary.

use crate::gazetteer::{self, Gazetteer};
use crate::hash::Fnv;
use crate::tokens::Token;

/// Per-sentence view of the tokens the features are computed from. The normalised words and
/// shapes sit end to end in one string each (two allocations a sentence, not two a token).
pub struct SentenceView<'a> {
    pub words: Vec<&'a str>,
    lower: String,
    lower_ends: Vec<u32>,
    shapes: String,
    shape_ends: Vec<u32>,
    /// Sentence casing: 0 mixed, 1 all caps (headline), 2 all lower case.
    pub casing: u8,
}

impl<'a> SentenceView<'a> {
    pub fn new(text: &'a str, toks: &[Token]) -> Self {
        let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        let span = toks.first().zip(toks.last()).map_or(0, |(a, b)| b.end - a.start);
        let (mut lower, mut shapes) = (String::with_capacity(span + 8), String::with_capacity(span / 2 + 8));
        let (mut lower_ends, mut shape_ends) = (Vec::with_capacity(words.len()), Vec::with_capacity(words.len()));
        for w in &words {
            push_norm_word(w, &mut lower);
            lower_ends.push(lower.len() as u32);
            push_shape(w, &mut shapes);
            shape_ends.push(shapes.len() as u32);
        }
        let casing = sentence_casing(words.iter().copied());
        SentenceView { words, lower, lower_ends, shapes, shape_ends, casing }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Token `i` normalised ([`norm_word`]).
    #[inline]
    pub fn lower(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.lower_ends[i - 1] as usize };
        &self.lower[start..self.lower_ends[i] as usize]
    }

    /// Token `i`'s [`shape`].
    #[inline]
    pub fn shape(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.shape_ends[i - 1] as usize };
        &self.shapes[start..self.shape_ends[i] as usize]
    }
}

/// Sentence casing: 0 mixed, 1 all caps (a headline), 2 all lower case (a comment).
pub fn sentence_casing<'a>(words: impl IntoIterator<Item = &'a str>) -> u8 {
    let (mut up, mut low, mut alpha) = (0, 0, 0);
    for w in words {
        let mut letters = w.chars().filter(|c| c.is_alphabetic());
        let Some(first) = letters.next() else { continue };
        alpha += 1;
        let mut n = 1;
        let mut all_upper = first.is_uppercase();
        for c in letters {
            n += 1;
            all_upper &= c.is_uppercase();
        }
        if all_upper && n > 1 {
            up += 1;
        } else if first.is_lowercase() {
            low += 1;
        }
    }
    if alpha >= 3 && up * 10 >= alpha * 8 {
        1
    } else if alpha >= 4 && low == alpha {
        2
    } else {
        0
    }
}

/// Curly quotes as straight ones, so "Smith’s" looks like "Smith's" to the model.
fn straighten(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '“' | '”' | '„' => '"',
        _ => c,
    }
}

/// Lower case, curly quotes straightened, digits mapped to '0' ("1,990" → "0,000").
pub fn norm_word(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    push_norm_word(w, &mut s);
    s
}

/// [`norm_word`], appended to `out`.
fn push_norm_word(w: &str, out: &mut String) {
    out.extend(
        w.chars()
            .map(|c| match c {
                '0'..='9' => '0',
                '’' | '‘' | '`' => '\'',
                '“' | '”' | '„' | '«' | '»' => '"',
                '–' | '—' | '―' | '‐' | '‑' | '−' => '-',
                _ => c,
            })
            .flat_map(char::to_lowercase),
    );
}

/// Word shape with runs compressed to at most two: "McDonald" → "XxXx", "U.S." → "X.X.", "1,990" → "d,dd".
pub fn shape(w: &str) -> String {
    let mut s = String::new();
    push_shape(w, &mut s);
    s
}

/// [`shape`], appended to `s`.
fn push_shape(w: &str, s: &mut String) {
    let mut last = ' ';
    let mut run = 0;
    for c in w.chars().take(24) {
        let c = straighten(c);
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
        }
        last = k;
        s.push(k);
    }
}

/// Document-level evidence, computed once per text: words that appear capitalised away from
/// sentence starts (so a lower-case or all-caps mention may still be a name).
#[derive(Default)]
pub struct DocContext {
    pub capitalised_inside: std::collections::HashSet<u32, crate::hash::FnvBuild>,
}

impl DocContext {
    pub fn new(text: &str, toks: &[Token], sentences: &[crate::tokens::Sentence]) -> Self {
        let mut set: std::collections::HashSet<u32, crate::hash::FnvBuild> = Default::default();
        for s in sentences {
            if sentence_casing(toks[s.clone()].iter().map(|t| t.text(text))) != 0 {
                continue;
            }
            for tok in &toks[s.start + 1..s.end] {
                let w = tok.text(text);
                let mut cs = w.chars();
                if cs.next().is_some_and(|c| c.is_uppercase()) && cs.clone().any(|c| c.is_lowercase()) {
                    set.insert(Fnv::new(200).str(&norm_word(w)).finish32());
                }
            }
        }
        DocContext { capitalised_inside: set }
    }
}

/// What the second tagger learns from the first one's tags over the whole document: for each
/// word form, how often the first tagger put it in each entity type (Ratinov & Roth's
/// "context aggregation" and "prediction history").
#[derive(Default)]
pub struct DocVotes {
    votes: std::collections::HashMap<u32, Vec<u16>>,
}

/// Key of a word form for document-level votes.
pub fn word_key(w: &str) -> u32 {
    Fnv::new(201).str(&norm_word(w)).finish32()
}

impl DocVotes {
    /// `tags` are the first tagger's tags of every token of the text.
    pub fn new(text: &str, toks: &[Token], tags: &[usize], ntypes: usize) -> Self {
        let mut votes: std::collections::HashMap<u32, Vec<u16>> = Default::default();
        for (t, &tag) in toks.iter().zip(tags) {
            let w = t.text(text);
            if !w.chars().next().is_some_and(char::is_alphabetic) {
                continue;
            }
            let v = votes.entry(word_key(w)).or_insert_with(|| vec![0; ntypes + 1]);
            let slot = if tag == 0 { 0 } else { 1 + (tag - 1) / 4 };
            v[slot] = v[slot].saturating_add(1);
        }
        DocVotes { votes }
    }

    /// Appends the stacked features of token `i` (index into `toks`/`tags`).
    pub fn features(&self, text: &str, toks: &[Token], tags: &[usize], i: usize, out: &mut Vec<u32>) {
        let tag = |k: isize| if k < 0 || k as usize >= tags.len() { 255u8 } else { tags[k as usize] as u8 };
        let ii = i as isize;
        out.push(Fnv::new(t::S1_TAG).byte(tag(ii)).finish32());
        out.push(Fnv::new(t::S1_TAG_M1).byte(tag(ii - 1)).byte(tag(ii)).finish32());
        out.push(Fnv::new(t::S1_TAG_P1).byte(tag(ii)).byte(tag(ii + 1)).finish32());
        let w = toks[i].text(text);
        if let Some(v) = self.votes.get(&word_key(w)) {
            let total: u32 = v.iter().map(|&x| x as u32).sum();
            if total > 1 {
                for (ty, &c) in v.iter().enumerate() {
                    if c > 0 {
                        let frac = c as u32 * 4 / total; // 0..=4
                        out.push(Fnv::new(t::S1_VOTE).byte(ty as u8).byte(frac as u8).finish32());
                    }
                }
            }
        }
    }
}

/// Templates: the first byte of each feature hash.
mod t {
    pub const BIAS: u8 = 0;
    pub const W0: u8 = 1;
    pub const WM1: u8 = 2;
    pub const WP1: u8 = 3;
    pub const WM2: u8 = 4;
    pub const WP2: u8 = 5;
    pub const RAW0: u8 = 6;
    pub const SH0: u8 = 7;
    pub const SHM1: u8 = 8;
    pub const SHP1: u8 = 9;
    pub const SH_M1_0: u8 = 10;
    pub const SH_0_P1: u8 = 11;
    pub const PRE: u8 = 12;
    pub const SUF: u8 = 13;
    pub const BI_M1_0: u8 = 14;
    pub const BI_0_P1: u8 = 15;
    pub const FIRST: u8 = 16;
    pub const CASING: u8 = 17;
    pub const CLASS0: u8 = 18;
    pub const CLASSM1: u8 = 19;
    pub const CLASSP1: u8 = 20;
    pub const GAZP: u8 = 21;
    pub const GAZN0: u8 = 22;
    pub const GAZNM1: u8 = 23;
    pub const GAZNP1: u8 = 24;
    pub const DOCCAP: u8 = 25;
    pub const LEN: u8 = 26;
    pub const W0_WM1_SH: u8 = 27;
    pub const CASING_W0: u8 = 28;
    pub const WM1_SH0: u8 = 29;
    pub const WP1_SH0: u8 = 30;
    pub const GAZP_CASE: u8 = 31;
    pub const NEWLINE: u8 = 32;
    pub const CL0: u8 = 36;
    pub const CLM1: u8 = 37;
    pub const CLP1: u8 = 38;
    pub const CL0_SH: u8 = 39;
    pub const S1_TAG: u8 = 40;
    pub const S1_TAG_M1: u8 = 41;
    pub const S1_TAG_P1: u8 = 42;
    pub const S1_VOTE: u8 = 43;
    pub const BR0: u8 = 44;
    pub const BRM1: u8 = 45;
    pub const BRP1: u8 = 46;
    pub const BR_SH: u8 = 47;
}

/// Appends the feature hashes of every token of the sentence to `out`, `offsets[i]..offsets[i+1]`
/// being token `i`'s features.
#[allow(clippy::too_many_arguments)]
pub fn extract(view: &SentenceView, gaz: &Gazetteer, clusters: &Gazetteer, brown: &Gazetteer, doc: &DocContext, toks: &[Token], out: &mut Vec<u32>, offsets: &mut Vec<u32>) {
    let lk = Lookups::new(view, gaz, clusters, brown);
    extract_with(view, &lk, gaz, doc, toks, out, offsets, &[], true);
}

/// The features that depend on one word form alone (and the sentence's casing), in three groups:
/// those of the token itself and those of its left and right neighbour. A group's emission
/// scores are the same wherever the word occurs, so the annotator memoises them per word
/// (`annotate::WordMemo`) and [`extract_context`] leaves them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The token's own word.
    Center,
    /// The word before the token (or the sentence's start).
    Left,
    /// The word after the token (or the sentence's end).
    Right,
}

/// The table lookups of one word: everything its features need besides its text.
#[derive(Debug, Clone, Copy)]
pub struct WordLookups {
    /// Word class (`clusters`).
    pub cl: u16,
    /// Brown cluster path (0 when the model has none).
    pub br: u16,
    /// Name-list flags (places left out).
    pub name_flags: u16,
    /// Number-grammar class ("-" for none).
    pub class: &'static str,
}

impl WordLookups {
    /// The lookups of a normalised word ([`norm_word`]).
    pub fn of(lower: &str, gaz: &Gazetteer, clusters: &Gazetteer, brown: &Gazetteer) -> WordLookups {
        // Hashed once: the full 64-bit state keys the word-class memo, its 32-bit key
        // (`hash::key32`) the lookups.
        let state = Fnv::new(0).str(lower).0;
        let key = Fnv(state).finish32();
        WordLookups {
            cl: clusters.get_key(key),
            br: if brown.is_empty() { 0 } else { brown.get_key(key) },
            name_flags: gaz.get_key(key) & !gazetteer::PLACE_MASK,
            class: word_class_cached(lower, state),
        }
    }
}

/// The lookups of each word of a sentence.
pub struct Lookups {
    pub words: Vec<WordLookups>,
    /// Whether the model has Brown clusters (and so the Brown features).
    pub brown: bool,
}

impl Lookups {
    pub fn new(view: &SentenceView, gaz: &Gazetteer, clusters: &Gazetteer, brown: &Gazetteer) -> Lookups {
        Lookups { words: (0..view.len()).map(|i| WordLookups::of(view.lower(i), gaz, clusters, brown)).collect(), brown: !brown.is_empty() }
    }
}

/// A place in a sentence that word groups are computed for: a word, or one of the sentence's edges.
#[derive(Debug, Clone, Copy)]
pub enum Slot<'a> {
    Start,
    End,
    Word { raw: &'a str, lower: &'a str, shape: &'a str, lookups: WordLookups },
}

impl<'a> Slot<'a> {
    /// Slot `i` of the sentence: −1 its start, `view.len()` its end.
    pub fn at(view: &'a SentenceView, i: isize, lookups: impl FnOnce(usize) -> WordLookups) -> Slot<'a> {
        if i < 0 {
            Slot::Start
        } else if i as usize >= view.len() {
            Slot::End
        } else {
            let i = i as usize;
            Slot::Word { raw: view.words[i], lower: view.lower(i), shape: view.shape(i), lookups: lookups(i) }
        }
    }
}

/// The memo key of slot `i` of the sentence (−1 its start, `view.len()` its end): the raw word
/// and the sentence's casing decide every word-group feature (the word's normalised form, shape
/// and lookups).
pub fn slot_key(view: &SentenceView, i: isize) -> u64 {
    let h = if i < 0 {
        Fnv::new(1)
    } else if i as usize >= view.len() {
        Fnv::new(2)
    } else {
        Fnv::new(3).str(view.words[i as usize])
    };
    h.byte(view.casing).0
}

/// Appends the features of word group `role` of `slot`, in a sentence of casing `casing`, to
/// `out` (the centre group of an edge has none).
pub fn word_features(slot: &Slot, casing: u8, brown: bool, role: Role, out: &mut Vec<u32>) {
    let f = |tag: u8| Fnv::new(tag);
    let (lower, shape, lk) = match *slot {
        Slot::Start => ("<s>", "<s>", None),
        Slot::End => ("</s>", "</s>", None),
        Slot::Word { lower, shape, lookups, .. } => (lower, shape, Some(lookups)),
    };
    match role {
        Role::Left | Role::Right => {
            let (w, sh, br, gaz) = match role {
                Role::Left => (t::WM1, t::SHM1, t::BRM1, t::GAZNM1),
                _ => (t::WP1, t::SHP1, t::BRP1, t::GAZNP1),
            };
            out.push(f(w).str(lower).finish32());
            out.push(f(sh).str(shape).byte(casing).finish32());
            if brown {
                let b = lk.map_or(0xffff, |l| l.br);
                out.push(f(br).byte(b as u8).byte((b >> 8) as u8).finish32());
            }
            if let Some(l) = lk {
                push_name_flags(out, gaz, l.name_flags, "");
            }
        }
        Role::Center => {
            let (Slot::Word { raw, .. }, Some(lk)) = (slot, lk) else { return };
            let (w0, sh0) = (lower, shape);
            out.push(f(t::BIAS).finish32());
            out.push(f(t::W0).str(w0).finish32());
            if casing == 0 {
                if raw.contains(['’', '‘', '“', '”']) {
                    out.push(f(t::RAW0).str(&raw.chars().map(straighten).collect::<String>()).finish32());
                } else {
                    out.push(f(t::RAW0).str(raw).finish32());
                }
            }
            out.push(f(t::SH0).str(sh0).byte(casing).finish32());
            // Prefixes of one to three characters and suffixes of one to four, as slices at
            // character boundaries.
            for (b, c) in w0.char_indices().take(3) {
                out.push(f(t::PRE).str(&w0[..b + c.len_utf8()]).finish32());
            }
            for (b, _) in w0.char_indices().rev().take(4) {
                out.push(f(t::SUF).str(&w0[b..]).finish32());
            }
            let c0 = lk.cl;
            out.push(f(t::CL0).byte(c0 as u8).byte((c0 >> 8) as u8).finish32());
            out.push(f(t::CL0_SH).byte(c0 as u8).byte((c0 >> 8) as u8).str(sh0).finish32());
            if brown {
                // Brown cluster path prefixes of the word (4, 6, 10 and 16 bits) and the path
                // with the word's shape.
                let b0 = lk.br;
                for bits in [4u8, 6, 10, 16] {
                    let p = if bits == 16 { b0 } else { b0 & ((1 << bits) - 1) };
                    out.push(f(t::BR0).byte(bits).byte(p as u8).byte((p >> 8) as u8).finish32());
                }
                out.push(f(t::BR_SH).byte(b0 as u8).byte((b0 >> 8) as u8).str(sh0).finish32());
            }
            out.push(f(t::CASING).byte(casing).finish32());
            if casing != 0 {
                out.push(f(t::CASING_W0).byte(casing).str(w0).finish32());
            }
            out.push(f(t::CLASS0).str(lk.class).finish32());
            push_name_flags(out, t::GAZN0, lk.name_flags, sh0);
            out.push(f(t::LEN).byte(w0.chars().count().min(12) as u8).byte(casing).finish32());
        }
    }
}

/// [`extract`], leaving out the features of the tokens `skip` marks (their slices are empty).
#[allow(clippy::too_many_arguments)]
pub fn extract_skipping(view: &SentenceView, lk: &Lookups, gaz: &Gazetteer, doc: &DocContext, toks: &[Token], out: &mut Vec<u32>, offsets: &mut Vec<u32>, skip: &[bool]) {
    extract_with(view, lk, gaz, doc, toks, out, offsets, skip, true);
}

/// [`extract_skipping`] without the word groups ([`word_features`]).
#[allow(clippy::too_many_arguments)]
pub fn extract_context(view: &SentenceView, lk: &Lookups, gaz: &Gazetteer, doc: &DocContext, toks: &[Token], out: &mut Vec<u32>, offsets: &mut Vec<u32>, skip: &[bool]) {
    extract_with(view, lk, gaz, doc, toks, out, offsets, skip, false);
}

#[allow(clippy::too_many_arguments)]
fn extract_with(view: &SentenceView, lk: &Lookups, gaz: &Gazetteer, doc: &DocContext, toks: &[Token], out: &mut Vec<u32>, offsets: &mut Vec<u32>, skip: &[bool], groups: bool) {
    let n = view.len();
    let places = place_matches(view, gaz);
    // A neighbour's word or shape, or the sentence's edge.
    let edge = |i: isize| if i < 0 { Some("<s>") } else if i as usize >= n { Some("</s>") } else { None };
    let lower = |i: isize| edge(i).unwrap_or_else(|| view.lower(i as usize));
    let shape = |i: isize| edge(i).unwrap_or_else(|| view.shape(i as usize));
    offsets.push(out.len() as u32);
    for i in 0..n {
        if skip.get(i) == Some(&true) {
            offsets.push(out.len() as u32);
            continue;
        }
        let ii = i as isize;
        if groups {
            for (role, j) in [(Role::Center, ii), (Role::Left, ii - 1), (Role::Right, ii + 1)] {
                word_features(&Slot::at(view, j, |k| lk.words[k]), view.casing, lk.brown, role, out);
            }
        }
        let w0 = view.lower(i);
        let sh0 = view.shape(i);
        let f = |tag: u8| Fnv::new(tag);
        out.push(f(t::WM2).str(lower(ii - 2)).finish32());
        out.push(f(t::WP2).str(lower(ii + 2)).finish32());
        out.push(f(t::SH_M1_0).str(shape(ii - 1)).str(sh0).byte(view.casing).finish32());
        out.push(f(t::SH_0_P1).str(sh0).str(shape(ii + 1)).byte(view.casing).finish32());
        // Word classes of the word with its neighbours (0xffff: outside the sentence).
        let c = |k: isize| if k < 0 || k as usize >= n { 0xffff } else { lk.words[k as usize].cl };
        let (cm, c0, cp) = (c(ii - 1), c(ii), c(ii + 1));
        out.push(f(t::CLM1).byte(cm as u8).byte((cm >> 8) as u8).byte(c0 as u8).byte((c0 >> 8) as u8).finish32());
        out.push(f(t::CLP1).byte(c0 as u8).byte((c0 >> 8) as u8).byte(cp as u8).byte((cp >> 8) as u8).finish32());
        out.push(f(t::BI_M1_0).str(lower(ii - 1)).str(w0).finish32());
        out.push(f(t::BI_0_P1).str(w0).str(lower(ii + 1)).finish32());
        if i == 0 {
            out.push(f(t::FIRST).str(sh0).finish32());
        }
        let class = |k: usize| lk.words[k].class;
        out.push(f(t::CLASSM1).str(if i > 0 { class(i - 1) } else { "<s>" }).str(class(i)).finish32());
        out.push(f(t::CLASSP1).str(class(i)).str(if i + 1 < n { class(i + 1) } else { "</s>" }).finish32());
        out.push(f(t::WM1_SH0).str(lower(ii - 1)).str(sh0).finish32());
        out.push(f(t::WP1_SH0).str(sh0).str(lower(ii + 1)).finish32());
        out.push(f(t::W0_WM1_SH).str(w0).str(shape(ii - 1)).finish32());
        if let Some((flags, pos)) = places[i] {
            for (b, name) in gazetteer::FLAG_NAMES.iter().enumerate() {
                if flags & (1 << b) != 0 {
                    out.push(f(t::GAZP).str(name).byte(pos).finish32());
                    out.push(f(t::GAZP_CASE).str(name).byte(pos).str(sh0).finish32());
                }
            }
        }
        if (view.casing != 0 || i == 0) && doc.capitalised_inside.contains(&Fnv::new(200).str(w0).finish32()) {
            out.push(f(t::DOCCAP).byte(view.casing).finish32());
        }
        if toks[i].after_newline {
            out.push(f(t::NEWLINE).str(sh0).finish32());
        }
        offsets.push(out.len() as u32);
    }
}

/// Second-tagger features of one sentence starting at token `base_tok`: each token's first-tagger
/// features (`bf`/`bo`) followed by its stacked features.
#[allow(clippy::too_many_arguments)]
pub fn stack(text: &str, toks: &[Token], first_tags: &[usize], votes: &DocVotes, base_tok: usize, bf: &[u32], bo: &[u32], out: &mut Vec<u32>, offs: &mut Vec<u32>) {
    out.clear();
    offs.clear();
    offs.push(0);
    for j in 0..bo.len() - 1 {
        out.extend_from_slice(&bf[bo[j] as usize..bo[j + 1] as usize]);
        votes.features(text, toks, first_tags, base_tok + j, out);
        offs.push(out.len() as u32);
    }
}

/// `numbers::word_class` ("-" for none), memoised per thread: the grammar's word tables are
/// searched once per distinct word form instead of once per token. `hash` is the word's FNV state
/// (`Fnv::new(0).str(w).0`): the memo keeps 8 bytes a word, not the word.
fn word_class_cached(w: &str, hash: u64) -> &'static str {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static CACHE: RefCell<HashMap<u64, &'static str, crate::hash::FnvBuild>> = RefCell::new(HashMap::default());
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(&k) = c.get(&hash) {
            return k;
        }
        if c.len() > 100_000 {
            c.clear();
        }
        let k = crate::numbers::word_class(w).unwrap_or("-");
        c.insert(hash, k);
        k
    })
}

/// Hesitations and interjections of transcripts and comments ("mm", "hmm", "uh-huh", "er",
/// "oh"): never names, though a capitalised "Mm" alone in a sentence looks like one.
pub fn is_interjection(lower: &str) -> bool {
    let w: String = lower.chars().filter(|c| !matches!(c, '-' | '.' | '!' | '?')).collect();
    if w.is_empty() || !w.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    // Runs of hums: "mm", "mmm", "hm", "hmm", "mhm", "mmhmm".
    if w.len() >= 2 && w.contains('m') && w.chars().all(|c| c == 'm' || c == 'h') {
        return true;
    }
    // Collapse repeated letters: "uhhh" → "uh", "ummm" → "um", "ohh" → "oh".
    let mut c: String = String::new();
    for ch in w.chars() {
        if !c.ends_with(ch) {
            c.push(ch);
        }
    }
    matches!(c.as_str(), "uh" | "um" | "er" | "erm" | "ah" | "aha" | "oh" | "eh" | "huh" | "uhuh" | "hah" | "ha" | "haha" | "wow" | "whoa" | "oops" | "ouch" | "ugh" | "yeah" | "yep" | "nope" | "hey" | "shh" | "psst")
}

fn push_name_flags(out: &mut Vec<u32>, tag: u8, flags: u16, sh: &str) {
    if flags == 0 {
        return;
    }
    for (b, name) in gazetteer::FLAG_NAMES.iter().enumerate() {
        if flags & (1 << b) != 0 {
            out.push(Fnv::new(tag).str(name).str(sh).finish32());
        }
    }
}

/// Longest place-name match covering each token: (flags, BILOU position 0..4).
fn place_matches(view: &SentenceView, gaz: &Gazetteer) -> Vec<Option<(u16, u8)>> {
    let n = view.len();
    let mut out = vec![None; n];
    let mut i = 0;
    while i < n {
        let mut best = None;
        // The phrase's key is hashed as it grows: the words lower-cased, curly apostrophes
        // straightened, joined by single spaces (what `gazetteer::key32` of that string gives).
        let mut h = crate::hash::Fnv::new(0);
        for len in 1..=gaz.max_tokens.min(n - i) {
            // A place name starts with a capital letter unless the whole sentence is lower case.
            if len == 1 && view.casing != 2 && !view.words[i].chars().next().is_some_and(char::is_uppercase) {
                break;
            }
            if len > 1 {
                h = h.byte(b' ');
            }
            let mut buf = [0u8; 4];
            for c in view.words[i + len - 1].chars() {
                if c == '’' {
                    h = h.byte(b'\'');
                } else {
                    for l in c.to_lowercase() {
                        h = h.bytes(l.encode_utf8(&mut buf).as_bytes());
                    }
                }
            }
            let fl = gaz.get_key(h.byte(0xff).finish32()) & gazetteer::PLACE_MASK;
            if fl != 0 {
                best = Some((len, fl));
            }
        }
        if let Some((len, fl)) = best {
            for k in 0..len {
                let pos = if len == 1 { 3 } else if k == 0 { 0 } else if k + 1 == len { 2 } else { 1 };
                out[i + k] = Some((fl, pos));
            }
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn shapes() {
        assert_eq!(shape("McDonald"), "XxXxx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1,990"), "d,dd");
        assert_eq!(norm_word("1,990’s"), "0,000's");
    }
    #[test]
    fn place_phrases_match_with_curly_apostrophes_and_any_case() {
        let gaz = Gazetteer::from_data(&Gazetteer::build(vec![("Côte d'Ivoire".to_string(), gazetteer::COUNTRY), ("New York".to_string(), gazetteer::CITY_BIG)]));
        let text = "Trade between CÔTE D’IVOIRE and New York grew";
        let toks = crate::tokens::tokenize(text);
        let view = SentenceView::new(text, &toks);
        let m = place_matches(&view, &gaz);
        let at = |w: &str| toks.iter().position(|t| t.text(text) == w).unwrap();
        assert_eq!(m[at("CÔTE")], Some((gazetteer::COUNTRY, 0)));
        assert!(m[at("D’IVOIRE")].is_some_and(|(f, _)| f == gazetteer::COUNTRY));
        assert_eq!(m[at("New")], Some((gazetteer::CITY_BIG, 0)));
        assert_eq!(m[at("York")], Some((gazetteer::CITY_BIG, 2)));
        assert_eq!(m[at("Trade")], None);
        assert_eq!(m[at("grew")], None);
    }
    #[test]
    fn interjections() {
        for w in ["mm", "mmm", "hmm", "mhm", "uh", "uhhh", "um", "uh-huh", "er", "oh", "ohh", "yeah", "wow"] {
            assert!(is_interjection(w), "{w}");
        }
        for w in ["m", "h", "mary", "uhl", "ohio", "emm", "ma", "mm2", "obama", "john"] {
            assert!(!is_interjection(w), "{w}");
        }
        assert_eq!(word_class_cached("twenty", Fnv::new(0).str("twenty").0), "numword");
        // `extract` derives each word's lookup key from the state it hashes once.
        for w in ["paris", "twenty", "", "zürich"] {
            assert_eq!(Fnv(Fnv::new(0).str(w).0).finish32(), crate::hash::key32(w));
        }
    }
    #[test]
    fn towns_are_not_features() {
        // The towns list is read only after the tagger: a sentence gets the same features with
        // or without it, whatever else the list says about the word.
        let text = "Fighting raged in Kherson near Ferguson";
        let toks = crate::tokens::tokenize(text);
        let view = SentenceView::new(text, &toks);
        let run = |entries: Vec<(String, u16)>| {
            let gaz = Gazetteer::from_data(&Gazetteer::build(entries));
            let empty = Gazetteer::default();
            let (mut f, mut o) = (vec![], vec![]);
            extract(&view, &gaz, &empty, &empty, &DocContext::default(), &toks, &mut f, &mut o);
            (f, o)
        };
        let ferguson = ("Ferguson".to_string(), gazetteer::LAST);
        assert_eq!(run(vec![ferguson.clone()]), run(vec![("Kherson".into(), gazetteer::TOWN), ("Ferguson".into(), gazetteer::TOWN), ferguson]));
    }

    #[test]
    fn features_are_deterministic_and_per_token() {
        let text = "ANGELA MERKEL VISITS PARIS";
        let toks = crate::tokens::tokenize(text);
        let view = SentenceView::new(text, &toks);
        assert_eq!(view.casing, 1);
        let gaz = Gazetteer::default();
        let (mut a, mut oa) = (vec![], vec![]);
        extract(&view, &gaz, &gaz, &gaz, &DocContext::default(), &toks, &mut a, &mut oa);
        let (mut b, mut ob) = (vec![], vec![]);
        extract(&view, &gaz, &gaz, &gaz, &DocContext::default(), &toks, &mut b, &mut ob);
        assert_eq!(a, b);
        assert_eq!(oa.len(), toks.len() + 1);
    }
}
