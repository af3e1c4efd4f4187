//! A linear-chain CRF over the same features and BILOU tags as the perceptron, trained by
//! stochastic gradient descent with an L1 penalty applied by cumulative clipping (Tsuruoka,
//! Tsujii and Ananiadou 2009), so that most weights end at exactly zero and the shipped model
//! stays small. Partially labelled sentences (CoNLL-2003) contribute the difference between the
//! expectations constrained to their allowed tags and the free ones. Deterministic: a fixed
//! seed orders the sentences, one thread.

use crate::model;

/// What one CRF training run needs besides the data.
#[derive(Debug, Clone, Copy)]
pub struct CrfConfig {
    pub epochs: usize,
    /// Learning rate of the first update; it decays as `eta0 * decay^(t / n)`.
    pub eta0: f32,
    pub decay: f32,
    /// L1 strength over the whole corpus (the penalty per sentence is `l1 / n`).
    pub l1: f32,
    /// AdaGrad: each weight's step is `eta0` over the root of its summed squared gradients, and
    /// its L1 penalty is charged lazily when it is next touched (FOBOS); `decay` is then unused.
    pub adagrad: bool,
}

/// One training sentence: features per token (`offs[i]..offs[i+1]` into `feats`) and the tags
/// each token may take (one bit for fully labelled tokens).
pub struct CrfExample<'a> {
    pub feats: &'a [u32],
    pub offs: &'a [u32],
    pub allowed: &'a [u128],
}

pub struct Crf {
    nt: usize,
    pub w: Vec<f32>,
    /// Penalty already applied to each weight (for the cumulative L1 clipping).
    q: Vec<f32>,
    /// AdaGrad: summed squared gradients per weight, and the step each weight was last touched.
    g2: Vec<f32>,
    last: Vec<u32>,
    pub tr: Vec<f32>,
    /// Total L1 penalty each weight could have received so far.
    u: f32,
    rng: u64,
    /// Sentences left out because no valid tag sequence agrees with their labels.
    pub skipped: usize,
    openers: Vec<bool>,
    closers: Vec<bool>,
    allowed_pair: Vec<bool>,
}

impl Crf {
    pub fn new(nf: usize, nt: usize, seed: u64) -> Crf {
        let openers = (0..nt).map(|c| model::allowed(None, Some(c))).collect();
        let closers = (0..nt).map(|p| model::allowed(Some(p), None)).collect();
        let allowed_pair = (0..nt * nt).map(|k| model::allowed(Some(k / nt), Some(k % nt))).collect();
        Crf { nt, w: vec![0.0; nf * nt], q: vec![0.0; nf * nt], g2: vec![], last: vec![], tr: vec![0.0; nt * nt], u: 0.0, rng: seed.max(1), skipped: 0, openers, closers, allowed_pair }
    }

    /// Marginals of each token's tags (`n × nt`, rows sum to one) and of each pair of adjacent
    /// tags summed over the sentence (`nt × nt`), under emissions `emis` with the tags outside
    /// `mask` (if given) forbidden. Returns the log partition function.
    fn marginals(&self, emis: &[f32], n: usize, mask: Option<&[u128]>, node: &mut Vec<f32>, pair: &mut [f32]) -> f64 {
        let nt = self.nt;
        let ok = |i: usize, t: usize| mask.is_none_or(|m| m[i] & (1u128 << t) != 0);
        // Potentials in the probability domain, each row scaled by its maximum.
        let mut pot = vec![0f32; n * nt];
        let mut log_z = 0f64;
        for i in 0..n {
            let row = &emis[i * nt..(i + 1) * nt];
            let mx = (0..nt).filter(|&t| ok(i, t)).map(|t| row[t]).fold(f32::NEG_INFINITY, f32::max);
            if !mx.is_finite() {
                return f64::NAN;
            }
            log_z += mx as f64;
            for t in 0..nt {
                if ok(i, t) && (i > 0 || self.openers[t]) && (i + 1 < n || self.closers[t]) {
                    pot[i * nt + t] = (row[t] - mx).exp();
                }
            }
        }
        let et: Vec<f32> = (0..nt * nt).map(|k| if self.allowed_pair[k] { self.tr[k].exp() } else { 0.0 }).collect();
        let mut alpha = vec![0f32; n * nt];
        let mut scale = vec![0f32; n];
        for i in 0..n {
            if i == 0 {
                alpha[..nt].copy_from_slice(&pot[..nt]);
            } else {
                let (done, rest) = alpha.split_at_mut(i * nt);
                let prev = &done[(i - 1) * nt..];
                let cur = &mut rest[..nt];
                cur.iter_mut().for_each(|x| *x = 0.0);
                for (p, &a) in prev.iter().enumerate() {
                    if a == 0.0 {
                        continue;
                    }
                    for (c, x) in cur.iter_mut().enumerate() {
                        *x += a * et[p * nt + c];
                    }
                }
                for (c, x) in cur.iter_mut().enumerate() {
                    *x *= pot[i * nt + c];
                }
            }
            let s: f32 = alpha[i * nt..(i + 1) * nt].iter().sum();
            if !(s > 0.0 && s.is_finite()) {
                // No valid tag sequence (a gold entity cut by a sentence break) or an overflow.
                return f64::NAN;
            }
            scale[i] = s;
            alpha[i * nt..(i + 1) * nt].iter_mut().for_each(|x| *x /= s);
            log_z += (s as f64).ln();
        }
        let mut beta = vec![0f32; n * nt];
        beta[(n - 1) * nt..].iter_mut().for_each(|x| *x = 1.0);
        for i in (0..n - 1).rev() {
            let (head, tail) = beta.split_at_mut((i + 1) * nt);
            let next = &tail[..nt];
            let cur = &mut head[i * nt..];
            let weighted: Vec<f32> = (0..nt).map(|c| next[c] * pot[(i + 1) * nt + c]).collect();
            for (p, x) in cur.iter_mut().enumerate() {
                let row = &et[p * nt..(p + 1) * nt];
                *x = row.iter().zip(&weighted).map(|(a, b)| a * b).sum::<f32>() / scale[i + 1];
            }
        }
        node.clear();
        node.resize(n * nt, 0.0);
        for i in 0..n {
            let mut s = 0f32;
            for t in 0..nt {
                let v = alpha[i * nt + t] * beta[i * nt + t];
                node[i * nt + t] = v;
                s += v;
            }
            if s > 0.0 {
                node[i * nt..(i + 1) * nt].iter_mut().for_each(|x| *x /= s);
            }
        }
        for i in 1..n {
            // p(prev = p, cur = c) ∝ alpha[i-1][p] · T[p][c] · pot[i][c] · beta[i][c] / scale[i].
            let weighted: Vec<f32> = (0..nt).map(|c| pot[i * nt + c] * beta[i * nt + c] / scale[i]).collect();
            for p in 0..nt {
                let a = alpha[(i - 1) * nt + p];
                if a == 0.0 {
                    continue;
                }
                for c in 0..nt {
                    pair[p * nt + c] += a * et[p * nt + c] * weighted[c];
                }
            }
        }
        log_z
    }

    /// One pass over `examples` in a seeded random order; `step` counts sentences seen over all
    /// epochs (for the learning rate). Returns the negative log-likelihood per sentence.
    pub fn epoch(&mut self, examples: &[CrfExample], cfg: &CrfConfig, step: &mut usize) -> f64 {
        let nt = self.nt;
        let order = shuffled(&mut self.rng, examples.len());
        let total = examples.len().max(1) as f32;
        let (mut emis, mut p_node, mut q_node) = (vec![], vec![], vec![]);
        let mut p_pair = vec![0f32; nt * nt];
        let mut q_pair = vec![0f32; nt * nt];
        let mut nll = 0f64;
        for &k in &order {
            let ex = &examples[k];
            let n = ex.offs.len() - 1;
            if n == 0 {
                continue;
            }
            let eta = cfg.eta0 * cfg.decay.powf(*step as f32 / total);
            *step += 1;
            self.u += eta * cfg.l1 / total;
            emissions(&self.w, nt, ex.feats, ex.offs, &mut emis);
            p_pair.iter_mut().for_each(|x| *x = 0.0);
            q_pair.iter_mut().for_each(|x| *x = 0.0);
            let log_zc = self.marginals(&emis, n, Some(ex.allowed), &mut q_node, &mut q_pair);
            if !log_zc.is_finite() {
                self.skipped += 1;
                continue;
            }
            let log_z = self.marginals(&emis, n, None, &mut p_node, &mut p_pair);
            if !log_z.is_finite() {
                self.skipped += 1;
                continue;
            }
            nll += log_z - log_zc;
            if cfg.adagrad && self.g2.is_empty() {
                self.g2 = vec![0.0; self.w.len()];
                self.last = vec![0; self.w.len()];
            }
            let (now, lam) = (*step as u32, cfg.l1 / total);
            for i in 0..n {
                for &f in &ex.feats[ex.offs[i] as usize..ex.offs[i + 1] as usize] {
                    let base = f as usize * nt;
                    for t in 0..nt {
                        let g = q_node[i * nt + t] - p_node[i * nt + t];
                        let idx = base + t;
                        if g.abs() < 1e-4 && self.w[idx] == 0.0 {
                            continue;
                        }
                        if cfg.adagrad {
                            self.adagrad_step(idx, g, cfg.eta0, lam, now);
                        } else {
                            self.w[idx] += eta * g;
                            self.clip(idx);
                        }
                    }
                }
            }
            for k in 0..nt * nt {
                self.tr[k] += eta * (q_pair[k] - p_pair[k]);
            }
        }
        nll / examples.len().max(1) as f64
    }

    /// AdaGrad step of weight `i` with gradient `g`, then its L1 penalty: that of the steps it
    /// sat idle since it was last touched, then this step's (FOBOS, charged lazily).
    #[inline]
    fn adagrad_step(&mut self, i: usize, g: f32, eta0: f32, lam: f32, now: u32) {
        self.g2[i] += g * g;
        let lr = eta0 / (1e-6 + self.g2[i]).sqrt();
        let idle = now - self.last[i];
        self.last[i] = now;
        let shrink = |z: f32, pen: f32| if z > pen { z - pen } else if z < -pen { z + pen } else { 0.0 };
        let w0 = shrink(self.w[i], lr * lam * idle.saturating_sub(1) as f32);
        self.w[i] = shrink(w0 + lr * g, lr * lam);
    }

    /// Cumulative L1: pull the weight towards zero by what it has not yet been charged.
    #[inline]
    fn clip(&mut self, i: usize) {
        let z = self.w[i];
        if z > 0.0 {
            self.w[i] = (z - (self.u + self.q[i])).max(0.0);
        } else if z < 0.0 {
            self.w[i] = (z + (self.u - self.q[i])).min(0.0);
        }
        self.q[i] += self.w[i] - z;
    }
}

/// `0..n` in a seeded random order (Fisher-Yates over an xorshift generator kept in `rng`).
pub(crate) fn shuffled(rng: &mut u64, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..order.len()).rev() {
        *rng ^= *rng >> 12;
        *rng ^= *rng << 25;
        *rng ^= *rng >> 27;
        let j = (rng.wrapping_mul(0x2545_F491_4F6C_DD1D) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// Emission scores (`n × nt` into `out`) of a sentence's tokens under dense weights `w`
/// (feature-major, `nt` per feature): each token's features' rows summed.
pub(crate) fn emissions(w: &[f32], nt: usize, feats: &[u32], offs: &[u32], out: &mut Vec<f32>) {
    let n = offs.len() - 1;
    out.clear();
    out.resize(n * nt, 0f32);
    for i in 0..n {
        let row = &mut out[i * nt..(i + 1) * nt];
        for &f in &feats[offs[i] as usize..offs[i + 1] as usize] {
            for (r, x) in row.iter_mut().zip(&w[f as usize * nt..(f as usize + 1) * nt]) {
                *r += x;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Marginals of a tiny lattice match brute-force enumeration of every valid tag sequence.
    #[test]
    fn marginals_match_enumeration() {
        let nt = 9; // two types
        let mut crf = Crf::new(1, nt, 3);
        for (k, x) in crf.tr.iter_mut().enumerate() {
            *x = ((k * 37 % 11) as f32 - 5.0) * 0.1;
        }
        let n = 3;
        let emis: Vec<f32> = (0..n * nt).map(|k| ((k * 53 % 17) as f32 - 8.0) * 0.2).collect();
        let (mut node, mut pair) = (vec![], vec![0f32; nt * nt]);
        let log_z = crf.marginals(&emis, n, None, &mut node, &mut pair);
        let mut z = 0f64;
        let mut want = vec![0f64; n * nt];
        for a in 0..nt {
            for b in 0..nt {
                for c in 0..nt {
                    let seq = [a, b, c];
                    let valid = model::allowed(None, Some(a)) && model::allowed(Some(a), Some(b)) && model::allowed(Some(b), Some(c)) && model::allowed(Some(c), None);
                    if !valid {
                        continue;
                    }
                    let s: f32 = (0..n).map(|i| emis[i * nt + seq[i]]).sum::<f32>() + crf.tr[a * nt + b] + crf.tr[b * nt + c];
                    let p = (s as f64).exp();
                    z += p;
                    for i in 0..n {
                        want[i * nt + seq[i]] += p;
                    }
                }
            }
        }
        assert!((log_z - z.ln()).abs() < 1e-3, "{log_z} vs {}", z.ln());
        for k in 0..n * nt {
            assert!((node[k] as f64 - want[k] / z).abs() < 1e-4, "{k}: {} vs {}", node[k], want[k] / z);
        }
        let pair_sum: f32 = pair.iter().sum();
        assert!((pair_sum - (n - 1) as f32).abs() < 1e-3);
        // Constrained to one tag per token (a fully labelled sentence), the marginals are that
        // path; with a label no valid sequence can take (I at the start), there is no lattice.
        let gold = [model::make_tag(0, 0), model::make_tag(0, 2), 0];
        let mask: Vec<u128> = gold.iter().map(|&t| 1u128 << t).collect();
        let mut cpair = vec![0f32; nt * nt];
        assert!(crf.marginals(&emis, n, Some(&mask), &mut node, &mut cpair).is_finite());
        for i in 0..n {
            for t in 0..nt {
                let want = if t == gold[i] { 1.0 } else { 0.0 };
                assert!((node[i * nt + t] - want).abs() < 1e-5, "{i} {t}");
            }
        }
        assert!((cpair[gold[0] * nt + gold[1]] - 1.0).abs() < 1e-5 && (cpair[gold[1] * nt + gold[2]] - 1.0).abs() < 1e-5);
        let bad = [1u128 << model::make_tag(0, 1), 1, 1];
        assert!(crf.marginals(&emis, n, Some(&bad), &mut node, &mut cpair).is_nan());
    }

    /// Training on one labelled sentence drives its likelihood up: the loss falls epoch by epoch.
    #[test]
    fn training_lowers_the_loss() {
        let nt = 9;
        // Three tokens with two features each; gold: B-0 L-0 O.
        let feats = [0u32, 1, 2, 3, 4, 5];
        let offs = [0u32, 2, 4, 6];
        let gold = [model::make_tag(0, 0), model::make_tag(0, 2), 0];
        let allowed: Vec<u128> = gold.iter().map(|&t| 1u128 << t).collect();
        let ex = [CrfExample { feats: &feats, offs: &offs, allowed: &allowed }];
        for adagrad in [false, true] {
            let cfg = CrfConfig { epochs: 0, eta0: 0.2, decay: 0.95, l1: 0.0, adagrad };
            let mut crf = Crf::new(6, nt, 1);
            let mut step = 0;
            let losses: Vec<f64> = (0..20).map(|_| crf.epoch(&ex, &cfg, &mut step)).collect();
            assert!(losses.windows(2).all(|w| w[1] < w[0]), "{adagrad}: {losses:?}");
            assert!(losses[19] < 0.5 * losses[0], "{adagrad}: {losses:?}");
        }
    }
}
