//! Word classes learned from running text (the training corpora's words, no labels) with the
//! exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998): each word moves to the
//! class that most raises the likelihood of the class bigram model. Words of the same class
//! behave alike ("Tuesday"/"Friday", "said"/"told"), so a feature on the class carries what was
//! learned about frequent words to rare ones.

use std::collections::HashMap;

/// f(x) = x ln x, with f(0) = 0.
fn f(x: f64) -> f64 {
    if x > 0.0 {
        x * x.ln()
    } else {
        0.0
    }
}

/// Learns `k` classes for the words seen at least `min_count` times in `sentences` (each a list
/// of normalised words). Returns (word, class + 1) pairs, sorted by word. Deterministic.
pub fn learn(sentences: &[Vec<String>], k: usize, min_count: u32, iterations: usize) -> Vec<(String, u16)> {
    let mut freq: HashMap<&str, u32> = HashMap::new();
    for s in sentences {
        for w in s {
            *freq.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, u32)> = freq.into_iter().filter(|&(_, c)| c >= min_count).collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let id: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, (w, _))| (*w, i)).collect();
    let nv = vocab.len();
    // Fixed classes: k = rare words, k + 1 = sentence boundary.
    let (rare, edge) = (nv, nv + 1);
    let nc = k + 2;
    let mut succ: Vec<HashMap<usize, f64>> = vec![HashMap::new(); nv + 2];
    let mut pred: Vec<HashMap<usize, f64>> = vec![HashMap::new(); nv + 2];
    for s in sentences {
        let ids: Vec<usize> = std::iter::once(edge).chain(s.iter().map(|w| id.get(w.as_str()).copied().unwrap_or(rare))).chain([edge]).collect();
        for p in ids.windows(2) {
            *succ[p[0]].entry(p[1]).or_default() += 1.0;
            *pred[p[1]].entry(p[0]).or_default() += 1.0;
        }
    }
    let sorted = |m: &HashMap<usize, f64>| {
        let mut v: Vec<(usize, f64)> = m.iter().map(|(&a, &b)| (a, b)).collect();
        v.sort_unstable_by_key(|x| x.0);
        v
    };
    let succ: Vec<Vec<(usize, f64)>> = succ.iter().map(sorted).collect();
    let pred: Vec<Vec<(usize, f64)>> = pred.iter().map(sorted).collect();
    let count: Vec<f64> = (0..nv + 2).map(|w| succ[w].iter().map(|x| x.1).sum::<f64>().max(pred[w].iter().map(|x| x.1).sum())).collect();
    // Start: words in frequency order dealt round the classes.
    let mut class: Vec<usize> = (0..nv).map(|i| i % k).chain([k, k + 1]).collect();
    let mut big = vec![0f64; nc * nc];
    let mut uni = vec![0f64; nc];
    for w in 0..nv + 2 {
        uni[class[w]] += count[w];
        for &(v, n) in &succ[w] {
            big[class[w] * nc + class[v]] += n;
        }
    }
    let mut r = vec![0f64; nc];
    let mut l = vec![0f64; nc];
    for _ in 0..iterations {
        for w in 0..nv {
            let a = class[w];
            // Class counts of w's neighbours (w itself apart) and its self-bigram count.
            let mut selfn = 0.0;
            for &(v, n) in &succ[w] {
                if v == w { selfn = n } else { r[class[v]] += n }
            }
            for &(v, n) in &pred[w] {
                if v != w {
                    l[class[v]] += n;
                }
            }
            // Take w out of a.
            for d in 0..nc {
                big[a * nc + d] -= r[d];
                big[d * nc + a] -= l[d];
            }
            big[a * nc + a] -= selfn;
            uni[a] -= count[w];
            let rd: Vec<usize> = (0..nc).filter(|&d| r[d] > 0.0).collect();
            let lc: Vec<usize> = (0..nc).filter(|&c| l[c] > 0.0).collect();
            let mut best = (f64::NEG_INFINITY, a);
            for b in 0..k {
                let mut delta = -2.0 * (f(uni[b] + count[w]) - f(uni[b]));
                for &d in &rd {
                    if d != b {
                        delta += f(big[b * nc + d] + r[d]) - f(big[b * nc + d]);
                    }
                }
                for &c in &lc {
                    if c != b {
                        delta += f(big[c * nc + b] + l[c]) - f(big[c * nc + b]);
                    }
                }
                let bb = big[b * nc + b];
                delta += f(bb + r[b] + l[b] + selfn) - f(bb);
                if delta > best.0 {
                    best = (delta, b);
                }
            }
            let b = best.1;
            for d in 0..nc {
                big[b * nc + d] += r[d];
                big[d * nc + b] += l[d];
            }
            big[b * nc + b] += selfn;
            uni[b] += count[w];
            class[w] = b;
            r.iter_mut().for_each(|x| *x = 0.0);
            l.iter_mut().for_each(|x| *x = 0.0);
        }
    }
    let mut out: Vec<(String, u16)> = vocab.iter().enumerate().map(|(i, (w, _))| (w.to_string(), class[i] as u16 + 1)).collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn words_in_the_same_slots_share_a_class() {
        let mut sents = vec![];
        for (i, day) in ["monday", "tuesday", "friday"].iter().enumerate() {
            for (j, verb) in ["said", "told", "added"].iter().enumerate() {
                for _ in 0..(1 + (i + j) % 3) {
                    sents.push(format!("he {verb} reporters on {day} .").split(' ').map(String::from).collect::<Vec<_>>());
                    sents.push(format!("she {verb} us on {day} morning .").split(' ').map(String::from).collect::<Vec<_>>());
                }
            }
        }
        let cl: HashMap<String, u16> = learn(&sents, 6, 1, 6).into_iter().collect();
        assert_eq!(cl["monday"], cl["tuesday"]);
        assert_eq!(cl["tuesday"], cl["friday"]);
        assert_eq!(cl["said"], cl["told"]);
        assert_ne!(cl["said"], cl["monday"]);
        assert_eq!(learn(&sents, 6, 1, 6), learn(&sents, 6, 1, 6), "deterministic");
    }
}
