//! The trained sequence tagger: sparse, quantised feature weights over BILOU tags, a tag
//! transition matrix, and Viterbi decoding constrained to valid BILOU sequences.
//!
//! Tag `0` is `O`; entity type `k` has tags `1+4k` (B), `2+4k` (I), `3+4k` (L), `4+4k` (U).

use crate::gazetteer::{Gazetteer, GazetteerData};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const FORMAT_VERSION: u32 = 1;
const MAGIC: &[u8; 4] = b"AAM1";

/// One tagger's weights: sparse, quantised feature weights and tag transitions.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Weights {
    /// Sorted feature hashes, delta-encoded.
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
        if bytes.len() < 4 || &bytes[..4] != MAGIC {
            return Err(ModelError("not an Article Annotator model (bad magic)".into()));
        }
        let d: ModelData = postcard::from_bytes(&bytes[4..]).map_err(|e| ModelError(format!("corrupt model: {e}")))?;
        if d.version != FORMAT_VERSION {
            return Err(ModelError(format!("model format {} but this build reads {}", d.version, FORMAT_VERSION)));
        }
        let nt = 1 + 4 * d.types.len();
        let ok = |w: &Weights| {
            let total: usize = w.counts.iter().map(|&c| c as usize).sum();
            w.feature_deltas.len() == w.counts.len() && w.tags.len() == total && w.weights.len() == total && w.transitions.len() == nt * nt && w.tags.iter().all(|&t| (t as usize) < nt)
        };
        let gaz_ok = d.gazetteer.flags.is_empty() || d.gazetteer.flags.len() == d.gazetteer.phrases.split('\n').count();
        if d.types.len() > 31 || !ok(&d.first) || !d.second.as_ref().is_none_or(ok) || !gaz_ok {
            return Err(ModelError("inconsistent model tables".into()));
        }
        Ok(d)
    }
}

/// A loaded model, ready to tag.
pub struct Model {
    pub types: Vec<String>,
    pub ntags: usize,
    pub first: Stage,
    pub second: Option<Stage>,
    pub gazetteer: Gazetteer,
    pub info: String,
}

/// One loaded tagger.
pub struct Stage {
    ntags: usize,
    index: HashMap<u32, (u32, u8), BuildIdentity>,
    tags: Vec<u8>,
    weights: Vec<f32>,
    transitions: Vec<f32>,
    /// For each tag, the tags that may precede it.
    allowed_prev: Vec<Vec<u8>>,
}

/// Feature keys are already hashes: use them as they are.
#[derive(Default, Clone, Copy)]
pub struct BuildIdentity;
pub struct IdentityHasher(u64);
impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}
impl std::hash::BuildHasher for BuildIdentity {
    type Hasher = IdentityHasher;
    fn build_hasher(&self) -> IdentityHasher {
        IdentityHasher(0)
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
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        Ok(Model::from_data(ModelData::from_bytes(bytes)?))
    }

    pub fn from_data(d: ModelData) -> Model {
        let ntags = 1 + 4 * d.types.len();
        Model {
            ntags,
            first: Stage::new(&d.first, ntags),
            second: d.second.as_ref().map(|w| Stage::new(w, ntags)),
            gazetteer: Gazetteer::from_data(&d.gazetteer),
            info: d.info,
            types: d.types,
        }
    }
}

impl Stage {
    pub fn new(w: &Weights, ntags: usize) -> Stage {
        let mut index = HashMap::with_capacity_and_hasher(w.counts.len(), BuildIdentity);
        let mut key = 0u32;
        let mut off = 0u32;
        for (delta, &c) in w.feature_deltas.iter().zip(&w.counts) {
            key = key.wrapping_add(*delta);
            index.insert(key, (off, c));
            off += c as u32;
        }
        Stage {
            ntags,
            index,
            weights: w.weights.iter().map(|&x| w.codebook.get(x as usize).copied().unwrap_or(0.0)).collect(),
            tags: w.tags.clone(),
            transitions: w.transitions.clone(),
            allowed_prev: allowed_prev_table(ntags),
        }
    }

    /// Emission scores of one token's features into `scores` (length `ntags`).
    pub fn emit(&self, feats: &[u32], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(&(off, c)) = self.index.get(f) {
                let (o, c) = (off as usize, c as usize);
                for (t, w) in self.tags[o..o + c].iter().zip(&self.weights[o..o + c]) {
                    scores[*t as usize] += w;
                }
            }
        }
    }

    /// Best tag sequence and a confidence per token in [0, 1].
    pub fn decode(&self, feats: &[u32], offsets: &[u32]) -> (Vec<usize>, Vec<f32>) {
        let n = offsets.len() - 1;
        let nt = self.ntags;
        let mut emis = vec![0f32; n * nt];
        for i in 0..n {
            self.emit(&feats[offsets[i] as usize..offsets[i + 1] as usize], &mut emis[i * nt..(i + 1) * nt]);
        }
        let (tags, fwd) = viterbi_scores(&emis, n, nt, &self.transitions, &self.allowed_prev);
        let conf = confidences(&emis, &fwd, n, nt, &self.transitions, &self.allowed_prev, &tags);
        (tags, conf)
    }
}

/// Constrained Viterbi over emission scores `emis[i*nt + tag]`.
pub fn viterbi(emis: &[f32], n: usize, nt: usize, trans: &[f32], allowed_prev: &[Vec<u8>]) -> Vec<usize> {
    viterbi_scores(emis, n, nt, trans, allowed_prev).0
}

/// Viterbi that also returns the forward scores (best path score ending in each tag).
fn viterbi_scores(emis: &[f32], n: usize, nt: usize, trans: &[f32], allowed_prev: &[Vec<u8>]) -> (Vec<usize>, Vec<f32>) {
    if n == 0 {
        return (vec![], vec![]);
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
    (tags, score)
}

/// Confidence of each chosen tag from max-marginals: the best path's score minus the best score
/// of any path that puts another tag at that position, squashed by a logistic. Needs one
/// backward pass and no exponentials in the inner loop.
fn confidences(emis: &[f32], fwd: &[f32], n: usize, nt: usize, trans: &[f32], allowed_prev: &[Vec<u8>], tags: &[usize]) -> Vec<f32> {
    const NEG: f32 = f32::NEG_INFINITY;
    // bwd[i*nt + t]: best score of the rest of the sentence after tag t at i (excluding emis[i]).
    let mut bwd = vec![NEG; n * nt];
    for t in 0..nt {
        if allowed(Some(t), None) {
            bwd[(n - 1) * nt + t] = 0.0;
        }
    }
    for i in (0..n.saturating_sub(1)).rev() {
        let (cur, next) = bwd.split_at_mut((i + 1) * nt);
        let cur = &mut cur[i * nt..];
        let next = &next[..nt];
        for c in 0..nt {
            let v = next[c] + emis[(i + 1) * nt + c];
            if v == NEG {
                continue;
            }
            for &p in &allowed_prev[c] {
                let s = v + trans[p as usize * nt + c];
                if s > cur[p as usize] {
                    cur[p as usize] = s;
                }
            }
        }
    }
    (0..n)
        .map(|i| {
            let chosen = fwd[i * nt + tags[i]] + bwd[i * nt + tags[i]];
            let mut other = NEG;
            for t in 0..nt {
                if t != tags[i] {
                    other = other.max(fwd[i * nt + t] + bwd[i * nt + t]);
                }
            }
            let margin = (chosen - other).min(150.0);
            1.0 / (1.0 + (-margin / CONFIDENCE_TEMPERATURE).exp())
        })
        .collect()
}

/// Scale of score margins for confidences (chosen on OntoNotes dev so that scores track precision).
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
    fn rejects_garbage() {
        assert!(ModelData::from_bytes(b"").is_err());
        assert!(ModelData::from_bytes(b"AAM1\xff\xff\xff").is_err());
        assert!(ModelData::from_bytes(b"hello world").is_err());
    }
}
