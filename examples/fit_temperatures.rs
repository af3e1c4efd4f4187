//! Fits the per-label score temperatures (`annotate::score_temperature`) on dev files: for each
//! label, the temperature at which the spans' scores best predict whether they are right
//! (exact span and label), by log-loss over a grid, counting each file's spans only for the labels
//! that file annotates. Choose on dev, never on test.
//!
//! cargo run --release --example fit_temperatures -- [--model FILE] FILE.conll ...

use article_annotator::annotate::score_temperature;
use article_annotator::corpus::{eval_label, read_conll};
use article_annotator::model::CONFIDENCE_TEMPERATURE;
use article_annotator::{Annotator, Label, Options};
use std::collections::HashSet;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let ann = if args.first().map(String::as_str) == Some("--model") {
        let path = args.get(1).cloned().unwrap_or_else(|| die("--model needs a file"));
        args.drain(..2);
        Annotator::from_bytes(&std::fs::read(&path).unwrap_or_else(|e| die(&format!("{path}: {e}"))))
    } else {
        Annotator::embedded()
    }
    .unwrap_or_else(|e| die(&e.to_string()));
    if args.is_empty() {
        die("no dev file given");
    }
    let labels = [Label::Person, Label::Place, Label::Number, Label::Date];
    // Per label: (the tagger's margin, right?) of every predicted span.
    let mut seen: Vec<Vec<(f32, bool)>> = vec![vec![]; labels.len()];
    for f in &args {
        let docs = read_conll(f).unwrap_or_else(|e| die(&format!("{f}: {e}")));
        // Only the labels the file annotates (CoNLL-2003 has no numbers or dates).
        let annotated: HashSet<&str> = docs.iter().flat_map(|d| d.spans.iter().filter_map(|s| eval_label(&s.ty))).collect();
        for d in docs {
            let gold: HashSet<(usize, usize, &str)> = d.spans.iter().filter_map(|s| Some((s.start, s.end, eval_label(&s.ty)?))).collect();
            for e in ann.annotate(&d.text, &Options::default()) {
                if e.label == Label::Date && e.kind == "time" || !annotated.contains(e.label.as_str()) {
                    continue;
                }
                let k = labels.iter().position(|l| *l == e.label).unwrap();
                let p = e.score.clamp(1e-6, 1.0 - 1e-6);
                // The score is logistic(margin / T): the margin back in the tagger's units.
                let margin = (p / (1.0 - p)).ln() * score_temperature(e.label);
                seen[k].push((margin, gold.contains(&(e.start, e.end, e.label.as_str()))));
            }
        }
    }
    for (k, l) in labels.iter().enumerate() {
        let loss = |t: f32| seen[k].iter().map(|&(m, y)| {
            let p = (1.0 / (1.0 + (-m / t).exp())).clamp(1e-6, 1.0 - 1e-6) as f64;
            if y { -p.ln() } else { -(1.0 - p).ln() }
        }).sum::<f64>() / seen[k].len().max(1) as f64;
        let best = (1..=120).map(|i| i as f32 * 1.0).min_by(|a, b| loss(*a).total_cmp(&loss(*b))).unwrap();
        println!("{:<7} spans {:>6}  temperature now {:>5.1} (log-loss {:.4}), best {:>5.1} (log-loss {:.4}); the tagger's own {CONFIDENCE_TEMPERATURE}", l.as_str(), seen[k].len(), score_temperature(*l), loss(score_temperature(*l)), best, loss(best));
    }
}

fn die(msg: &str) -> ! {
    eprintln!("fit_temperatures: {msg}");
    std::process::exit(2)
}
