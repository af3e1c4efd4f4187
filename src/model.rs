//! The trained sequence tagger: sparse, quantised feature weights over BILOU tags, a tag
//! transition matrix, and Viterbi decoding constrained to valid BILOU sequences.
//!
//! Tag `0` is `O`; entity type `k` has tags `1+4k` (B), `2+4k` (I), `3+4k` (L), `4+4k` (U).

use crate::gazetteer::{Gazetteer, GazetteerData};
use serde::{Deserialize, Serialize};

pub const FORMAT_VERSION: u32 = 6;
const MAGIC: &[u8; 4] = b"AAM1";
/// Bits of a feature hash that a model keeps: 24 bits tell 100k+ features apart (a feature the
/// model lacks finds a stored one by chance 0.7% of the time) and store in about half the bytes.
pub const KEY_BITS: u32 = 24;
const KEY_MASK: u32 = !((1u32 << (32 - KEY_BITS)) - 1);

/// One tagger's weights: sparse, quantised feature weights and tag transitions.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Weights {
    /// Sorted feature keys (the top `KEY_BITS` bits of the feature hashes), delta-encoded.
    pub feature_deltas: Vec<u32>,
    /// Number of non-zero weights of each feature.
    pub counts: Vec<u8>,
    /// Tag of each non-zero weight, grouped by feature.
    pub tags: Vec<u8>,
    /// Code of each non-zero weight: an index into `codebook`.
    pub weights: Vec<u8>,
    /// The 256 weight values the codes stand for (quantiles of the trained weights, so both
    /// the many small weights and the few large ones keep their size).
    pub codebook: Vec<f32>,
    /// Transition scores, `ntags × ntags`, row = previous tag.
    pub transitions: Vec<f32>,
}

/// Everything a model file holds (postcard-encoded after a 4-byte magic).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelData {
    pub version: u32,
    /// Entity types, e.g. "PERSON", "GPE", "CARDINAL".
    pub types: Vec<String>,
    /// The first tagger, on local features.
    pub first: Weights,
    /// The second tagger, which also sees the first one's tags of the whole document (optional).
    pub second: Option<Weights>,
    pub gazetteer: GazetteerData,
    /// Word classes learned from unlabelled text: word → class + 1 (see `clusters`).
    pub clusters: GazetteerData,
    /// Brown word clusters from a large unlabelled corpus: normalised word → the first 16 bits
    /// of its cluster path (low bit first; see `features`).
    pub brown: GazetteerData,
    /// Plain words: lower-case words that the training data almost never puts inside an entity
    /// ("said", "is", "because"). In a mixed-case sentence such a token is tagged O without
    /// looking its features up (about 30% of the tokens of news text).
    pub plain: GazetteerData,
    /// Words usually written with a capital, lower-case word → 1 ("obama": "Obama") or 2 ("nato":
    /// "NATO"); for reading sentences typed all in lower case (see `Annotator::tag`).
    pub capitalised: GazetteerData,
    /// Free-form description: data, epochs, dev scores.
    pub info: String,
}

#[derive(Debug)]
pub struct ModelError(pub String);
impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "model: {}", self.0)
    }
}
impl std::error::Error for ModelError {}

impl ModelData {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(postcard::to_allocvec(self).expect("model serialises"));
        out
    }
    pub fn from_bytes(bytes: &[u8]) -> Result<ModelData, ModelError> {
        let d: ModelData = postcard::from_bytes(after_magic(bytes)?).map_err(corrupt)?;
        check_version(d.version)?;
        let nt = check_types(&d.types)?;
        let gaz_ok = [&d.gazetteer, &d.clusters, &d.brown, &d.plain, &d.capitalised].into_iter().all(Gazetteer::data_ok);
        if !weights_ok(&d.first, nt) || !d.second.as_ref().is_none_or(|w| weights_ok(w, nt)) || !gaz_ok {
            return Err(inconsistent());
        }
        Ok(d)
    }
}

fn after_magic(bytes: &[u8]) -> Result<&[u8], ModelError> {
    match bytes.strip_prefix(MAGIC) {
        Some(rest) => Ok(rest),
        None => Err(ModelError("not an Article Annotator model (bad magic)".into())),
    }
}

fn corrupt(e: postcard::Error) -> ModelError {
    ModelError(format!("corrupt model: {e}"))
}

fn inconsistent() -> ModelError {
    ModelError("inconsistent model tables".into())
}

fn check_version(version: u32) -> Result<(), ModelError> {
    if version != FORMAT_VERSION {
        return Err(ModelError(format!("model format {version} but this build reads {FORMAT_VERSION}")));
    }
    Ok(())
}

/// The number of tags of a model with these entity types.
fn check_types(types: &[String]) -> Result<usize, ModelError> {
    if types.len() > 31 {
        return Err(inconsistent());
    }
    Ok(1 + 4 * types.len())
}

fn weights_ok(w: &Weights, nt: usize) -> bool {
    let total: usize = w.counts.iter().map(|&c| c as usize).sum();
    w.feature_deltas.len() == w.counts.len() && w.tags.len() == total && w.weights.len() == total && w.transitions.len() == nt * nt && w.tags.iter().all(|&t| (t as usize) < nt)
}

/// The next value of a postcard stream, `rest` moved past it.
fn take<'a, T: Deserialize<'a>>(rest: &mut &'a [u8]) -> Result<T, ModelError> {
    let (v, r) = postcard::take_from_bytes(rest).map_err(corrupt)?;
    *rest = r;
    Ok(v)
}

/// A loaded model, ready to tag.
pub struct Model {
    pub types: Vec<String>,
    pub ntags: usize,
    pub first: Stage,
    pub second: Option<Stage>,
    pub gazetteer: Gazetteer,
    /// Word → class + 1 (0: no class).
    pub clusters: Gazetteer,
    /// Word → Brown cluster path bits (0: unknown).
    pub brown: Gazetteer,
    /// See [`ModelData::plain`].
    pub plain: Gazetteer,
    /// See [`ModelData::capitalised`].
    pub capitalised: Gazetteer,
    pub info: String,
}

/// One loaded tagger. Weights stay quantised in memory (a tag byte and a codebook byte each).
/// Features sit sorted in buckets by their top bits, in one stream of 16-bit words where each
/// feature's header (its 24-bit key with its weight count) is followed by its weights, so a
/// lookup touches two places: its bucket's start, then one short run of the stream. The loaded
/// model is about the size of its file, not seven times larger.
pub struct Stage {
    ntags: usize,
    /// Bucket of a key: `key >> shift`.
    shift: u32,
    /// Per bucket (and one past the last): where its features start in `stream`.
    buckets: Vec<u32>,
    /// Per feature, sorted by key: two words of header, key (top `KEY_BITS` bits) | weight
    /// count (low 8 bits), low word first; then one word per weight, tag | codebook index << 8.
    stream: Vec<u16>,
    codebook: [f32; 256],
    /// Rows of the features with many weights (those that fire on most tokens), `ntags` floats
    /// each, added in one vectorised sweep. Such a feature's count is `DENSE` and its two weight
    /// words hold the row number.
    dense: Vec<f32>,
    lattice: Lattice,
    /// See [`Stage::id`].
    id: u64,
}

static NEXT_STAGE_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Features with at least this many weights are stored as a dense row.
const DENSE_FROM: usize = 20;
/// The count that marks a dense row.
const DENSE: u8 = u8::MAX;

#[inline]
fn slots(count: u8) -> usize {
    if count == DENSE {
        2
    } else {
        count as usize
    }
}

/// Tag helpers.
pub fn tag_type(tag: usize) -> Option<usize> {
    (tag > 0).then(|| (tag - 1) / 4)
}
/// 0 = B, 1 = I, 2 = L, 3 = U.
pub fn tag_pos(tag: usize) -> usize {
    (tag - 1) % 4
}
pub fn make_tag(ty: usize, pos: usize) -> usize {
    1 + 4 * ty + pos
}

/// May `prev` be followed by `cur` in a BILOU sequence? (`None` = sentence start/end.)
pub fn allowed(prev: Option<usize>, cur: Option<usize>) -> bool {
    let prev_open = prev.is_some_and(|p| p > 0 && tag_pos(p) <= 1); // after B or I an entity is open
    match cur {
        None => !prev_open,
        Some(c) if c == 0 || tag_pos(c) == 0 || tag_pos(c) == 3 => !prev_open,
        Some(c) => prev_open && tag_type(prev.unwrap()) == tag_type(c),
    }
}

pub fn allowed_prev_table(ntags: usize) -> Vec<Vec<u8>> {
    (0..ntags).map(|c| (0..ntags).filter(|&p| allowed(Some(p), Some(c))).map(|p| p as u8).collect()).collect()
}

impl Model {
    /// The model of a model file, read one table at a time: a postcard struct is its fields one
    /// after another, so each table ([`ModelData`]'s fields, in order) is decoded, checked, built
    /// into its loaded form and freed before the next. Loading then peaks at the loaded model and
    /// one table (the committed model, natively: 2.43 MB of heap at the peak for 2.37 MB loaded,
    /// against 3.24 MB through [`ModelData`]). Same checks and same result as [`Model::from_data`] of
    /// [`ModelData::from_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut rest = after_magic(bytes)?;
        check_version(take(&mut rest)?)?;
        let types: Vec<String> = take(&mut rest)?;
        let ntags = check_types(&types)?;
        let stage = |rest: &mut &[u8]| -> Result<Stage, ModelError> {
            let w: Weights = take(rest)?;
            if !weights_ok(&w, ntags) {
                return Err(inconsistent());
            }
            Ok(Stage::new(w, ntags))
        };
        let first = stage(&mut rest)?;
        let second = match take::<bool>(&mut rest)? {
            true => Some(stage(&mut rest)?),
            false => None,
        };
        let table = |rest: &mut &[u8]| -> Result<Gazetteer, ModelError> {
            let d: GazetteerData = take(rest)?;
            if !Gazetteer::data_ok(&d) {
                return Err(inconsistent());
            }
            Ok(Gazetteer::from_owned(d))
        };
        let (gazetteer, clusters, brown, plain, capitalised) = (table(&mut rest)?, table(&mut rest)?, table(&mut rest)?, table(&mut rest)?, table(&mut rest)?);
        let info: String = take(&mut rest)?;
        Ok(Model { types, ntags, first, second, gazetteer, clusters, brown, plain, capitalised, info })
    }

    /// Each table of `d` is freed as soon as its loaded form is built (the order of the fields
    /// below); the gazetteer tables become their loaded form in place.
    pub fn from_data(d: ModelData) -> Model {
        let ModelData { version: _, types, first, second, gazetteer, clusters, brown, plain, capitalised, info } = d;
        let ntags = 1 + 4 * types.len();
        Model {
            ntags,
            first: Stage::new(first, ntags),
            second: second.map(|w| Stage::new(w, ntags)),
            gazetteer: Gazetteer::from_owned(gazetteer),
            clusters: Gazetteer::from_owned(clusters),
            brown: Gazetteer::from_owned(brown),
            plain: Gazetteer::from_owned(plain),
            capitalised: Gazetteer::from_owned(capitalised),
            info,
            types,
        }
    }
}

impl Stage {
    pub fn new(w: Weights, ntags: usize) -> Stage {
        let Weights { feature_deltas, counts, tags, weights: codes, codebook: cb, transitions } = w;
        let mut codebook = [0f32; 256];
        for (c, x) in codebook.iter_mut().zip(cb) {
            *c = x;
        }
        let nb = (counts.len() / 4).next_power_of_two().max(1);
        let shift = 32 - nb.trailing_zeros();
        let mut buckets = Vec::with_capacity(nb + 1);
        let mut stream: Vec<u16> = Vec::with_capacity(2 * counts.len() + tags.len());
        // Sized up front: growing it row by row would leave the outgrown buffers behind in linear memory.
        let dense_rows = counts.iter().filter(|&&n| n as usize >= DENSE_FROM).count();
        let mut dense = Vec::with_capacity(dense_rows * ntags);
        let (mut read, mut key) = (0usize, 0u32);
        for (&delta, &n) in feature_deltas.iter().zip(&counts) {
            key = key.wrapping_add(delta);
            let k = key << (32 - KEY_BITS);
            while buckets.len() <= ((k as u64) >> shift) as usize {
                buckets.push(stream.len() as u32);
            }
            let n = n as usize;
            let count = if n >= DENSE_FROM { DENSE } else { n as u8 };
            let header = k | count as u32;
            stream.extend([header as u16, (header >> 16) as u16]);
            if count == DENSE {
                // Long rows move out to `dense`; the stream keeps the row number.
                let row = (dense.len() / ntags) as u32;
                dense.resize(dense.len() + ntags, 0.0);
                for j in read..read + n {
                    dense[row as usize * ntags + tags[j] as usize] = codebook[codes[j] as usize];
                }
                stream.extend([row as u16, (row >> 16) as u16]);
            } else {
                stream.extend((read..read + n).map(|j| tags[j] as u16 | (codes[j] as u16) << 8));
            }
            read += n;
        }
        while buckets.len() <= nb {
            buckets.push(stream.len() as u32);
        }
        stream.shrink_to_fit();
        Stage { ntags, shift, buckets, stream, codebook, dense, lattice: Lattice::new(&transitions, ntags), id: NEXT_STAGE_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed) }
    }

    /// Weights of feature `f`: its count and where its weight words start in `stream`.
    #[inline]
    fn find(&self, f: u32) -> Option<(u8, usize)> {
        let key = f & KEY_MASK;
        let b = ((key as u64) >> self.shift) as usize;
        let (mut p, end) = (self.buckets[b] as usize, self.buckets[b + 1] as usize);
        while p < end {
            let header = self.stream[p] as u32 | (self.stream[p + 1] as u32) << 16;
            let k = header & KEY_MASK;
            if k >= key {
                return (k == key).then_some((header as u8, p + 2));
            }
            p += 2 + slots(header as u8);
        }
        None
    }

    /// Heap bytes held by the weights and their index.
    pub fn heap_bytes(&self) -> usize {
        4 * self.buckets.capacity() + 2 * self.stream.capacity() + 4 * self.dense.capacity()
    }

    /// Emission scores of one token's features into `scores` (length `ntags`).
    pub fn emit(&self, feats: &[u32], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        // In three sweeps, so that the memory reads of different features overlap instead of
        // each waiting for the one before: touch every feature's bucket in the stream, search
        // them all, then add their weights. About 6% faster in the wasm than one feature at a
        // time (OntoNotes dev in Node).
        let mut found = [(0u8, 0u32); 64];
        for chunk in feats.chunks(found.len()) {
            let mut touched = 0u16;
            for f in chunk {
                let b = (((f & KEY_MASK) as u64) >> self.shift) as usize;
                touched ^= self.stream.get(self.buckets[b] as usize).copied().unwrap_or(0);
            }
            std::hint::black_box(touched);
            let mut n = 0;
            for f in chunk {
                if let Some((c, o)) = self.find(*f) {
                    found[n] = (c, o as u32);
                    n += 1;
                }
            }
            for &(c, o) in &found[..n] {
                let o = o as usize;
                if c == DENSE {
                    let row = (self.stream[o] as u32 | (self.stream[o + 1] as u32) << 16) as usize;
                    for (s, w) in scores.iter_mut().zip(&self.dense[row * self.ntags..(row + 1) * self.ntags]) {
                        *s += w;
                    }
                } else {
                    for &w in &self.stream[o..o + c as usize] {
                        scores[(w & 0xff) as usize] += self.codebook[(w >> 8) as usize];
                    }
                }
            }
        }
    }

    /// The number of tags.
    pub fn ntags(&self) -> usize {
        self.ntags
    }

    /// A number that tells this stage apart from every other one loaded in the process (for
    /// memos of its scores, see `annotate::WordMemo`).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// [`Stage::decode`] from emission scores already computed (`emis[i * ntags + tag]`; the
    /// tokens marked `outside` can only be O).
    pub fn decode_emissions(&self, emis: &[f32], outside: &[bool]) -> (Vec<usize>, Vec<f32>) {
        self.lattice.decode(emis, outside.len(), outside)
    }

    /// Best tag sequence and a confidence in [0, 1] for each token inside an entity (1.0 outside).
    pub fn decode(&self, feats: &[u32], offsets: &[u32]) -> (Vec<usize>, Vec<f32>) {
        let n = offsets.len() - 1;
        let nt = self.ntags;
        let mut emis = vec![0f32; n * nt];
        // A token without features (a plain word, see `ModelData::plain`) is outside every
        // entity: its only tag is O, with emission 0.
        let outside: Vec<bool> = (0..n).map(|i| offsets[i] == offsets[i + 1]).collect();
        for i in 0..n {
            if !outside[i] {
                self.emit(&feats[offsets[i] as usize..offsets[i + 1] as usize], &mut emis[i * nt..(i + 1) * nt]);
            }
        }
        self.lattice.decode(&emis, n, &outside)
    }
}

/// Constrained Viterbi over emission scores `emis[i*nt + tag]`.
/// Exact (training) version: every tag at every position.
pub fn viterbi(emis: &[f32], n: usize, nt: usize, trans: &[f32], allowed_prev: &[Vec<u8>]) -> Vec<usize> {
    if n == 0 {
        return vec![];
    }
    const NEG: f32 = f32::NEG_INFINITY;
    let mut score = vec![NEG; n * nt];
    let mut back = vec![0u8; n * nt];
    for c in 0..nt {
        if allowed(None, Some(c)) {
            score[c] = emis[c];
        }
    }
    for i in 1..n {
        let (prev_row, cur_row) = score.split_at_mut(i * nt);
        let prev_row = &prev_row[(i - 1) * nt..];
        for c in 0..nt {
            let mut best = NEG;
            let mut arg = 0u8;
            for &p in &allowed_prev[c] {
                let s = prev_row[p as usize] + trans[p as usize * nt + c];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            cur_row[c] = best + emis[i * nt + c];
            back[i * nt + c] = arg;
        }
    }
    let last = &score[(n - 1) * nt..];
    let mut best = 0;
    let mut bs = NEG;
    for (c, &s) in last.iter().enumerate() {
        if allowed(Some(c), None) && s > bs {
            bs = s;
            best = c;
        }
    }
    let mut tags = vec![0; n];
    tags[n - 1] = best;
    for i in (1..n).rev() {
        tags[i - 1] = back[i * nt + tags[i]] as usize;
    }
    tags
}

/// Transition scores laid out for fast decoding. In BILOU, the tags that can start after any
/// closed position (O, B-*, U-*: "openers") all share the same predecessors (O, L-*, U-*:
/// "closers"), and I-X/L-X can only follow B-X or I-X. So the dense part of Viterbi is one
/// openers × closers block, stored contiguously so the inner loops are plain max-plus sweeps.
pub struct Lattice {
    nt: usize,
    openers: Vec<usize>,
    closers: Vec<usize>,
    /// `[k * W + j]` = trans[closers[j] → openers[k]] (rows padded to `W`, a multiple of 8).
    into_openers: Vec<f32>,
    /// `[j * W + k]` = trans[closers[j] → openers[k]].
    out_of_closers: Vec<f32>,
    /// Padded row width.
    w: usize,
    /// Per opener, the largest transition into it from a closer; per closer, the largest out of it
    /// into an opener (the bounds of [`bounded_max_plus`]).
    into_max: Vec<f32>,
    out_max: Vec<f32>,
    /// Allowed predecessors of each tag.
    preds: Vec<Vec<u8>>,
    trans: Vec<f32>,
}

impl Lattice {
    pub fn new(trans: &[f32], nt: usize) -> Lattice {
        let openers: Vec<usize> = (0..nt).filter(|&c| allowed(None, Some(c))).collect();
        let closers: Vec<usize> = (0..nt).filter(|&p| allowed(Some(p), None)).collect();
        let w = openers.len().max(closers.len()).div_ceil(8) * 8;
        let pad = |row: Vec<f32>| row.into_iter().chain(std::iter::repeat(0.0)).take(w);
        let into_openers = openers.iter().flat_map(|&c| pad(closers.iter().map(|&p| trans[p * nt + c]).collect())).collect();
        let out_of_closers = closers.iter().flat_map(|&p| pad(openers.iter().map(|&c| trans[p * nt + c]).collect())).collect();
        let row_max = |rows: &Vec<f32>, n: usize, k: usize| rows[k * w..k * w + n].iter().copied().fold(f32::NEG_INFINITY, max);
        let into_max = (0..openers.len()).map(|k| row_max(&into_openers, closers.len(), k)).collect();
        let out_max = (0..closers.len()).map(|j| row_max(&out_of_closers, openers.len(), j)).collect();
        Lattice { nt, openers, closers, into_openers, out_of_closers, w, into_max, out_max, preds: allowed_prev_table(nt), trans: trans.to_vec() }
    }

    /// Best tags and, for each, a confidence in [0, 1]: the logistic of the margin between the
    /// best path and the best path that puts another tag at that position (max-marginals).
    /// Tokens marked in `outside` can only be O (their other emissions are not read), which
    /// spares most of the work at and after them.
    pub fn decode(&self, emis: &[f32], n: usize, outside: &[bool]) -> (Vec<usize>, Vec<f32>) {
        if n == 0 {
            return (vec![], vec![]);
        }
        const NEG: f32 = f32::NEG_INFINITY;
        let nt = self.nt;
        let w = self.w;
        let tr = |p: usize, c: usize| self.trans[p * nt + c];
        let only_o = |i: usize| outside.get(i) == Some(&true);
        let mut fwd = vec![NEG; n * nt];
        if only_o(0) {
            fwd[0] = emis[0];
        } else {
            for &c in &self.openers {
                fwd[c] = emis[c];
            }
        }
        // Scores gathered into a padded row (padding stays -inf, so it never wins).
        let mut gathered = vec![NEG; w];
        for i in 1..n {
            let (done, rest) = fwd.split_at_mut(i * nt);
            let prev = &done[(i - 1) * nt..];
            let cur = &mut rest[..nt];
            if only_o(i) {
                cur[0] = self.closers.iter().map(|&p| prev[p] + tr(p, 0)).fold(NEG, max) + emis[i * nt];
                continue;
            }
            if only_o(i - 1) {
                // Only O before: every opener follows it, no entity runs on.
                for &c in &self.openers {
                    cur[c] = prev[0] + tr(0, c) + emis[i * nt + c];
                }
                continue;
            }
            for (g, &p) in gathered.iter_mut().zip(&self.closers) {
                *g = prev[p];
            }
            let top = Top2::of(&gathered);
            for (k, &c) in self.openers.iter().enumerate() {
                cur[c] = bounded_max_plus(&gathered, &self.into_openers[k * w..(k + 1) * w], top, self.into_max[k]) + emis[i * nt + c];
            }
            for ty in 0..(nt - 1) / 4 {
                let (b, in_, l) = (1 + 4 * ty, 2 + 4 * ty, 3 + 4 * ty);
                let e = &emis[i * nt..];
                cur[in_] = max(prev[b] + tr(b, in_), prev[in_] + tr(in_, in_)) + e[in_];
                cur[l] = max(prev[b] + tr(b, l), prev[in_] + tr(in_, l)) + e[l];
            }
        }
        // Backtrack, recomputing each step's best predecessor (only along the chosen path).
        let mut tags = vec![0usize; n];
        tags[n - 1] = *self.closers.iter().max_by(|a, b| fwd[(n - 1) * nt + **a].total_cmp(&fwd[(n - 1) * nt + **b]).then(b.cmp(a))).unwrap();
        for i in (1..n).rev() {
            let c = tags[i];
            let prev = &fwd[(i - 1) * nt..i * nt];
            let mut best = (NEG, 0usize);
            for &p in &self.preds[c] {
                let s = prev[p as usize] + tr(p as usize, c);
                if s > best.0 {
                    best = (s, p as usize);
                }
            }
            tags[i - 1] = best.1;
        }
        // Confidences are only read for tokens inside entities: a sentence without any needs
        // no backward pass.
        if tags.iter().all(|&t| t == 0) {
            return (tags, vec![1.0; n]);
        }
        // Backward: best score of the rest after tag t at i (excluding emis[i]).
        let mut bwd = vec![NEG; n * nt];
        for &p in &self.closers {
            bwd[(n - 1) * nt + p] = 0.0;
        }
        let o_closer = self.closers.iter().position(|&p| p == 0).expect("O closes");
        for i in (0..n - 1).rev() {
            let (head, tail) = bwd.split_at_mut((i + 1) * nt);
            let cur = &mut head[i * nt..];
            let next = &tail[..nt];
            let e = &emis[(i + 1) * nt..(i + 2) * nt];
            if only_o(i + 1) {
                // Only O after: every closer may come before it, nothing that opens an entity.
                for &p in &self.closers {
                    if !only_o(i) || p == 0 {
                        cur[p] = next[0] + e[0] + tr(p, 0);
                    }
                }
                continue;
            }
            gathered.iter_mut().for_each(|g| *g = NEG);
            for (g, &c) in gathered.iter_mut().zip(&self.openers) {
                *g = next[c] + e[c];
            }
            let top = Top2::of(&gathered);
            if only_o(i) {
                cur[0] = bounded_max_plus(&gathered, &self.out_of_closers[o_closer * w..(o_closer + 1) * w], top, self.out_max[o_closer]);
                continue;
            }
            for (j, &p) in self.closers.iter().enumerate() {
                cur[p] = bounded_max_plus(&gathered, &self.out_of_closers[j * w..(j + 1) * w], top, self.out_max[j]);
            }
            for ty in 0..(nt - 1) / 4 {
                let (b, in_, l) = (1 + 4 * ty, 2 + 4 * ty, 3 + 4 * ty);
                let v_i = next[in_] + e[in_];
                let v_l = next[l] + e[l];
                cur[b] = max(v_i + tr(b, in_), v_l + tr(b, l));
                cur[in_] = max(v_i + tr(in_, in_), v_l + tr(in_, l));
            }
        }
        let conf = (0..n)
            .map(|i| {
                if tags[i] == 0 {
                    return 1.0; // outside entities: not read
                }
                let chosen = fwd[i * nt + tags[i]] + bwd[i * nt + tags[i]];
                let mut other = NEG;
                for t in 0..nt {
                    if t != tags[i] {
                        other = max(other, fwd[i * nt + t] + bwd[i * nt + t]);
                    }
                }
                let margin = (chosen - other).min(150.0);
                1.0 / (1.0 + (-margin / CONFIDENCE_TEMPERATURE).exp())
            })
            .collect();
        (tags, conf)
    }
}

/// The larger of two scores. Scores are never NaN, so a compare and select does (`f32::max`
/// keeps IEEE maxNum's NaN rules, which the wasm build pays for with a call to `fmaxf`).
#[inline]
fn max(a: f32, b: f32) -> f32 {
    if a > b {
        a
    } else {
        b
    }
}

/// The largest score of a row, where it is, and the second largest.
#[derive(Clone, Copy)]
struct Top2 {
    at: usize,
    first: f32,
    second: f32,
}

impl Top2 {
    fn of(a: &[f32]) -> Top2 {
        let mut t = Top2 { at: 0, first: f32::NEG_INFINITY, second: f32::NEG_INFINITY };
        for (j, &x) in a.iter().enumerate() {
            if x > t.first {
                t = Top2 { at: j, first: x, second: t.first };
            } else if x > t.second {
                t.second = x;
            }
        }
        t
    }
}

/// [`max_plus`]`(a, b)`, exactly, where `top` is [`Top2::of`]`(a)` and `b_max` bounds every `b[j]`:
/// when even the second-best `a[j]` plus the largest `b[j]` cannot beat the best `a[j]` plus its
/// `b[j]`, that sum is the maximum (float addition is monotonic), and the sweep is skipped. The
/// path scores of one position are mostly far apart, so it mostly is (about a third of the
/// tagger's instructions were these sweeps).
#[inline]
fn bounded_max_plus(a: &[f32], b: &[f32], top: Top2, b_max: f32) -> f32 {
    let best = top.first + b[top.at];
    if top.second + b_max <= best {
        best
    } else {
        max_plus(a, b)
    }
}

/// max over j of a[j] + b[j], in 8 lanes so that it compiles to SIMD max instructions.
/// `a` and `b` have the same length, a multiple of 8.
#[inline]
fn max_plus(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [f32::NEG_INFINITY; 8];
    for (ca, cb) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for l in 0..8 {
            let v = ca[l] + cb[l];
            acc[l] = if v > acc[l] { v } else { acc[l] };
        }
    }
    acc.iter().fold(f32::NEG_INFINITY, |m, &x| if x > m { x } else { m })
}

/// Scale of score margins for the tagger's confidences (chosen on OntoNotes dev with a single tagger;
/// the scores entities report are recalibrated per label, see `annotate::calibrated`).
pub const CONFIDENCE_TEMPERATURE: f32 = 15.0;

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn bilou_constraints() {
        let b = make_tag(0, 0);
        let i = make_tag(0, 1);
        let l = make_tag(0, 2);
        let u = make_tag(0, 3);
        assert!(allowed(None, Some(b)) && allowed(None, Some(u)) && !allowed(None, Some(i)));
        assert!(allowed(Some(b), Some(i)) && allowed(Some(i), Some(l)) && !allowed(Some(b), Some(0)));
        assert!(!allowed(Some(b), Some(make_tag(1, 2))) && !allowed(Some(b), None) && allowed(Some(u), None));
    }
    #[test]
    fn viterbi_respects_constraints() {
        // 2 types → 9 tags. Emissions prefer I at position 0, which is not allowed.
        let nt = 9;
        let mut emis = vec![0f32; 2 * nt];
        emis[make_tag(0, 1)] = 5.0;
        emis[nt + make_tag(0, 2)] = 5.0;
        let tags = viterbi(&emis, 2, nt, &vec![0.0; nt * nt], &allowed_prev_table(nt));
        assert_eq!(tags, vec![make_tag(0, 0), make_tag(0, 2)]);
    }
    #[test]
    fn stage_finds_each_features_weights() {
        // 9 tags; features (by their 24-bit keys): 5 with one weight, 9 with three, 700 with a
        // dense row (all 9 tags, counted as ≥ DENSE_FROM by repeating), 701 with two.
        let nt = 9;
        let keys = [5u32, 9, 700, 701];
        let rows: Vec<Vec<(u8, u8)>> = vec![vec![(3, 1)], vec![(0, 2), (4, 3), (8, 1)], (0..DENSE_FROM as u8).map(|t| (t % 9, 2 + t % 2)).collect(), vec![(1, 3), (2, 2)]];
        let codebook: Vec<f32> = vec![0.0, 1.0, -2.0, 0.5];
        let w = Weights {
            feature_deltas: keys.iter().scan(0, |a, &k| { let d = k - *a; *a = k; Some(d) }).collect(),
            counts: rows.iter().map(|r| r.len() as u8).collect(),
            tags: rows.iter().flatten().map(|x| x.0).collect(),
            weights: rows.iter().flatten().map(|x| x.1).collect(),
            codebook: codebook.clone(),
            transitions: vec![0.0; nt * nt],
        };
        let stage = Stage::new(w, nt);
        for (k, row) in keys.iter().zip(&rows) {
            let mut want = vec![0f32; nt];
            for &(t, c) in row {
                want[t as usize] = codebook[c as usize]; // a dense row keeps the last weight of a tag
            }
            let mut got = vec![0f32; nt];
            stage.emit(&[k << (32 - KEY_BITS) | 0x5a], &mut got); // low hash bits are not part of the key
            assert_eq!(got, want, "feature {k}");
        }
        let mut none = vec![1f32; nt];
        stage.emit(&[6 << (32 - KEY_BITS), 702 << (32 - KEY_BITS), u32::MAX], &mut none);
        assert_eq!(none, vec![0.0; nt]);
    }

    /// Pseudo-random scores in [-10, 10) (xorshift from `seed`).
    fn scores(seed: u64) -> impl FnMut() -> f32 {
        let mut x = seed;
        move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 2000) as f32 / 100.0 - 10.0
        }
    }

    #[test]
    fn tokens_outside_entities_decode_like_o_only_emissions() {
        // 3 types (13 tags), random emissions and transitions; some tokens may only be O. The
        // shortcut must give the tags and confidences of plain decoding with every other tag of
        // those tokens made hopeless.
        let nt = 13;
        let mut rnd = scores(12345u64);
        let trans: Vec<f32> = (0..nt * nt).map(|_| rnd()).collect();
        let lattice = Lattice::new(&trans, nt);
        for n in [1usize, 2, 3, 7, 20] {
            for pattern in 0..8u32 {
                let outside: Vec<bool> = (0..n).map(|i| (pattern >> (i % 3)) & 1 == 1 && i % 2 == 0).collect();
                let emis: Vec<f32> = (0..n * nt).map(|_| rnd()).collect();
                let mut hopeless = emis.clone();
                for i in (0..n).filter(|&i| outside[i]) {
                    hopeless[i * nt] = 0.0;
                    hopeless[i * nt + 1..(i + 1) * nt].iter_mut().for_each(|e| *e = -1e6);
                }
                let mut zeroed = emis.clone();
                for i in (0..n).filter(|&i| outside[i]) {
                    zeroed[i * nt..(i + 1) * nt].iter_mut().for_each(|e| *e = 0.0);
                }
                let (t1, c1) = lattice.decode(&hopeless, n, &[]);
                let (t2, c2) = lattice.decode(&zeroed, n, &outside);
                assert_eq!(t1, t2, "n={n} pattern={pattern}");
                assert!(t2.iter().zip(&outside).all(|(&t, &o)| !o || t == 0));
                for (a, b) in c1.iter().zip(&c2) {
                    assert!((a - b).abs() < 1e-4, "{a} vs {b}");
                }
            }
        }
    }

    #[test]
    fn lattice_tags_and_confidences_are_those_of_plain_max_marginals() {
        // Reference: forward and backward max-plus over every allowed pair of tags, no shortcut.
        let nt = 13;
        let mut rnd = scores(987654321u64);
        let trans: Vec<f32> = (0..nt * nt).map(|_| rnd()).collect();
        let lattice = Lattice::new(&trans, nt);
        const NEG: f32 = f32::NEG_INFINITY;
        // Spread 1: scores close together (full sweeps); 40: far apart (the bound decides).
        for spread in [1.0f32, 40.0] {
            for n in [1usize, 2, 5, 12] {
                let emis: Vec<f32> = (0..n * nt).map(|_| rnd() * spread).collect();
                let mut fwd = vec![NEG; n * nt];
                let mut bwd = vec![NEG; n * nt];
                for c in (0..nt).filter(|&c| allowed(None, Some(c))) {
                    fwd[c] = emis[c];
                }
                for i in 1..n {
                    for c in 0..nt {
                        let best = (0..nt).filter(|&p| allowed(Some(p), Some(c))).map(|p| fwd[(i - 1) * nt + p] + trans[p * nt + c]).fold(NEG, max);
                        fwd[i * nt + c] = best + emis[i * nt + c];
                    }
                }
                for p in (0..nt).filter(|&p| allowed(Some(p), None)) {
                    bwd[(n - 1) * nt + p] = 0.0;
                }
                for i in (0..n - 1).rev() {
                    for p in 0..nt {
                        bwd[i * nt + p] = (0..nt).filter(|&c| allowed(Some(p), Some(c))).map(|c| bwd[(i + 1) * nt + c] + emis[(i + 1) * nt + c] + trans[p * nt + c]).fold(NEG, max);
                    }
                }
                let (tags, conf) = lattice.decode(&emis, n, &[]);
                for i in 0..n {
                    let score = |t: usize| fwd[i * nt + t] + bwd[i * nt + t];
                    let best = (0..nt).map(score).fold(NEG, max);
                    assert_eq!(score(tags[i]), best, "spread {spread} n {n} position {i}");
                    if tags[i] != 0 {
                        let other = (0..nt).filter(|&t| t != tags[i]).map(score).fold(NEG, max);
                        let want = 1.0 / (1.0 + (-(best - other).min(150.0) / CONFIDENCE_TEMPERATURE).exp());
                        assert!((conf[i] - want).abs() < 1e-5, "spread {spread} n {n} position {i}: {} vs {want}", conf[i]);
                    }
                }
            }
        }
    }

    #[test]
    fn reading_one_table_at_a_time_loads_the_same_model() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/model/annotator.model")).expect("committed model");
        let (a, b) = (Model::from_bytes(&bytes).unwrap(), Model::from_data(ModelData::from_bytes(&bytes).unwrap()));
        assert_eq!((&a.types, a.ntags, &a.info), (&b.types, b.ntags, &b.info));
        assert_eq!((a.first.heap_bytes(), a.second.is_some()), (b.first.heap_bytes(), b.second.is_some()));
        for (x, y) in [(&a.gazetteer, &b.gazetteer), (&a.clusters, &b.clusters), (&a.brown, &b.brown), (&a.plain, &b.plain), (&a.capitalised, &b.capitalised)] {
            assert_eq!((x.len(), x.max_tokens), (y.len(), y.max_tokens));
        }
        assert_eq!((a.gazetteer.get("new york"), a.brown.get("the")), (b.gazetteer.get("new york"), b.brown.get("the")));
        let feats: Vec<u32> = (0..40u32).map(|k| crate::hash::Fnv::new(1).byte(k as u8).finish32()).collect();
        let offs = [0u32, 10, 20, 30, 40];
        assert_eq!(a.first.decode(&feats, &offs), b.first.decode(&feats, &offs));
        // A file cut short anywhere is an error, never a panic.
        for cut in [0, 3, 4, 5, 100, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
            assert!(Model::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn rejects_garbage() {
        assert!(ModelData::from_bytes(b"").is_err());
        assert!(ModelData::from_bytes(b"AAM1\xff\xff\xff").is_err());
        assert!(ModelData::from_bytes(b"hello world").is_err());
        assert!(Model::from_bytes(b"").is_err());
        assert!(Model::from_bytes(b"AAM1\xff\xff\xff").is_err());
        assert!(Model::from_bytes(b"hello world").is_err());
    }
}
