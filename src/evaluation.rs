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
    pub fn f1(&self, label: &str) -> f64 {
        self.labels.get(label).map_or(0.0, |c| c.f1())
    }
}
