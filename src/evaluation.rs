//! Scoring predictions against gold spans: precision, recall and F1 per label with exact span
//! match, plus a per-kind breakdown of NUMBER.

use crate::annotate::{Annotator, Entity, Label, Options};
use crate::corpus::{eval_label, GoldDoc};
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}
impl Counts {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 { 0.0 } else { self.tp as f64 / (self.tp + self.fp) as f64 }
    }
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 { 0.0 } else { self.tp as f64 / (self.tp + self.fn_) as f64 }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

#[derive(Debug, Default, Clone)]
pub struct Report {
    pub labels: BTreeMap<String, Counts>,
    pub number_kinds: BTreeMap<String, Counts>,
    pub docs: usize,
    pub tokens: usize,
    /// Mismatches ("fp"/"fn", label, span text, context), kept when `keep_errors` is set.
    pub errors: Vec<(String, String, String, String)>,
    /// Per label, predicted spans by score tenth ([0, 0.1), …, [0.9, 1]): how many, how many right
    /// (exact span and label), and the sum of their scores.
    pub by_score: BTreeMap<String, [(usize, usize, f64); 10]>,
}

/// The label an entity counts as (TIME is shown under DATE but is not OntoNotes DATE).
fn pred_label(e: &Entity) -> Option<&'static str> {
    match e.label {
        Label::Date if e.kind == "time" => None,
        l => Some(l.as_str()),
    }
}

pub fn evaluate(annotator: &Annotator, docs: &[GoldDoc]) -> Report {
    evaluate_with(annotator, docs, false)
}

pub fn evaluate_with(annotator: &Annotator, docs: &[GoldDoc], keep_errors: bool) -> Report {
    let mut r = Report::default();
    for d in docs {
        let pred = annotator.annotate(&d.text, &Options::default());
        r.docs += 1;
        r.tokens += d.text.split_whitespace().count();
        let gold: HashSet<(usize, usize, String)> = d.spans.iter().filter_map(|s| Some((s.start, s.end, eval_label(&s.ty)?.to_string()))).collect();
        let predicted: HashSet<(usize, usize, String)> = pred.iter().filter_map(|e| Some((e.start, e.end, pred_label(e)?.to_string()))).collect();
        tally(&mut r.labels, &gold, &predicted);
        for e in &pred {
            if let Some(l) = pred_label(e) {
                let bin = &mut r.by_score.entry(l.to_string()).or_insert([(0, 0, 0.0); 10])[((e.score * 10.0) as usize).min(9)];
                bin.0 += 1;
                bin.1 += gold.contains(&(e.start, e.end, l.to_string())) as usize;
                bin.2 += e.score as f64;
            }
        }
        if keep_errors {
            let ctx = |s: usize, e: usize| {
                let a = d.text[..s].char_indices().rev().nth(40).map_or(0, |x| x.0);
                let b = d.text[e..].char_indices().nth(40).map_or(d.text.len(), |x| e + x.0);
                format!("{}[{}]{}", &d.text[a..s], &d.text[s..e], &d.text[e..b]).replace('\n', " ")
            };
            for g in gold.difference(&predicted) {
                r.errors.push(("fn".into(), g.2.clone(), d.text[g.0..g.1].to_string(), ctx(g.0, g.1)));
            }
            for p in predicted.difference(&gold) {
                r.errors.push(("fp".into(), p.2.clone(), d.text[p.0..p.1].to_string(), ctx(p.0, p.1)));
            }
        }
        let gk: HashSet<(usize, usize, String)> = d.spans.iter().filter(|s| eval_label(&s.ty) == Some("NUMBER") && s.ty != "NUMBER").map(|s| (s.start, s.end, s.ty.to_ascii_lowercase())).collect();
        let pk: HashSet<(usize, usize, String)> = pred.iter().filter(|e| e.label == Label::Number).map(|e| (e.start, e.end, e.kind.clone())).collect();
        if !gk.is_empty() || d.spans.iter().any(|s| eval_label(&s.ty) == Some("NUMBER")) {
            tally(&mut r.number_kinds, &gk, &pk);
        }
    }
    r
}

fn tally(out: &mut BTreeMap<String, Counts>, gold: &HashSet<(usize, usize, String)>, pred: &HashSet<(usize, usize, String)>) {
    for g in gold {
        let c = out.entry(g.2.clone()).or_default();
        if pred.contains(g) { c.tp += 1 } else { c.fn_ += 1 }
    }
    for p in pred {
        if !gold.contains(p) {
            out.entry(p.2.clone()).or_default().fp += 1;
        }
    }
}

impl Report {
    /// Labels that occur in the gold data (CoNLL has no numbers or dates, for instance).
    pub fn table(&self, gold_labels_only: bool) -> String {
        let mut s = format!("{:<10} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}\n", "label", "P", "R", "F1", "tp", "fp", "fn");
        for (l, c) in &self.labels {
            if gold_labels_only && c.tp + c.fn_ == 0 {
                continue;
            }
            s += &format!("{:<10} {:>7.4} {:>7.4} {:>7.4} {:>7} {:>7} {:>7}\n", l, c.precision(), c.recall(), c.f1(), c.tp, c.fp, c.fn_);
        }
        if self.number_kinds.values().any(|c| c.tp + c.fn_ > 0) {
            s += "NUMBER by kind (span + kind must match):\n";
            for (l, c) in &self.number_kinds {
                s += &format!("  {:<8} {:>7.4} {:>7.4} {:>7.4} {:>7} {:>7} {:>7}\n", l, c.precision(), c.recall(), c.f1(), c.tp, c.fp, c.fn_);
            }
        }
        s
    }
    /// Do scores track precision? Per label (those in the gold data when `gold_labels_only`): per
    /// score tenth, the spans, their mean score and the share that is right; and the expected
    /// calibration error (the spans' weighted mean gap between the two).
    pub fn calibration_table(&self, gold_labels_only: bool) -> String {
        let mut s = String::from("calibration: spans / mean score / precision, per score tenth\n");
        for (l, bins) in &self.by_score {
            if gold_labels_only && self.labels.get(l).is_none_or(|c| c.tp + c.fn_ == 0) {
                continue;
            }
            let n: usize = bins.iter().map(|b| b.0).sum();
            let gap: f64 = bins.iter().map(|b| (b.1 as f64 - b.2).abs()).sum();
            s += &format!("{:<10} ECE {:.3} ", l, gap / n.max(1) as f64);
            for (i, b) in bins.iter().enumerate().filter(|(_, b)| b.0 > 0) {
                s += &format!(" | {:.1}: {} {:.2} {:.2}", i as f64 / 10.0, b.0, b.2 / b.0 as f64, b.1 as f64 / b.0 as f64);
            }
            s += "\n";
        }
        s
    }

    pub fn f1(&self, label: &str) -> f64 {
        self.labels.get(label).map_or(0.0, |c| c.f1())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibration_compares_scores_with_precision_per_tenth() {
        let mut r = Report::default();
        r.labels.insert("PERSON".into(), Counts { tp: 3, fp: 1, fn_: 0 });
        r.labels.insert("DATE".into(), Counts { tp: 0, fp: 2, fn_: 0 });
        let mut bins = [(0, 0, 0.0); 10];
        bins[9] = (2, 2, 1.9); // two spans at 0.95, both right
        bins[6] = (2, 1, 1.3); // two at 0.65, one right
        r.by_score.insert("PERSON".into(), bins);
        r.by_score.insert("DATE".into(), [(0, 0, 0.0); 10]);
        let t = r.calibration_table(true);
        // Gap: |2 − 1.9| + |1 − 1.3| = 0.4 over 4 spans.
        assert!(t.contains("PERSON     ECE 0.100"), "{t}");
        assert!(t.contains("0.6: 2 0.65 0.50") && t.contains("0.9: 2 0.95 1.00"), "{t}");
        assert!(!t.contains("DATE"), "labels absent from the gold data are left out: {t}");
    }
}
