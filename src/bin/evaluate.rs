//! Scores the annotator on a CoNLL or JSON-lines file: P/R/F1 per label (exact span match) and a
//! per-kind breakdown for NUMBER.
//!
//! cargo run --release --bin evaluate -- [--model FILE] [--recase lower|upper] FILE.conll|FILE.jsonl ...
//!
//! `--recase` scores the same gold spans on the text with every ASCII letter lower-cased or
//! upper-cased (how comments and headlines arrive); offsets do not move.

use article_annotator::{corpus, evaluation, Annotator};
use std::time::Instant;

fn main() {
    let mut model = None;
    let mut files = vec![];
    let mut errors = false;
    let mut calibration = false;
    let mut recase: Option<fn(&str) -> String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--model" => model = Some(args.next().unwrap_or_else(|| die("--model needs a file"))),
            "--errors" => errors = true,
            "--calibration" => calibration = true,
            "--recase" => {
                recase = Some(match args.next().as_deref() {
                    Some("lower") => str::to_ascii_lowercase,
                    Some("upper") => str::to_ascii_uppercase,
                    _ => die("--recase takes lower or upper"),
                })
            }
            "-h" | "--help" => {
                println!("evaluate [--model FILE] [--errors] [--calibration] [--recase lower|upper] FILE.conll|FILE.jsonl ...\n\nPrints precision, recall and F1 per label (PERSON; PLACE = GPE+LOC+FAC; NUMBER = CARDINAL+MONEY+PERCENT+QUANTITY+ORDINAL; DATE), exact span match, and NUMBER by kind; --calibration adds, per label and score tenth, the spans' mean score and precision; --recase scores the text with every ASCII letter lower- or upper-cased (same gold spans).\nCoNLL: token<TAB>tag lines, BIO tags (OntoNotes or CoNLL-2003 types). JSONL: {{\"text\", \"entities\": [{{\"start\", \"end\", \"label\"}}]}} with code-point offsets.");
                return;
            }
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        die("no input file (see --help)");
    }
    let ann = match &model {
        Some(p) => Annotator::from_bytes(&std::fs::read(p).unwrap_or_else(|e| die(&format!("{p}: {e}")))),
        None => Annotator::embedded(),
    }
    .unwrap_or_else(|e| die(&e.to_string()));
    for f in files {
        let mut docs = if f.ends_with(".jsonl") || f.ends_with(".json") {
            corpus::read_jsonl(&f).unwrap_or_else(|e| die(&e))
        } else {
            corpus::read_conll(&f).unwrap_or_else(|e| die(&format!("{f}: {e}")))
        };
        if let Some(recase) = recase {
            for d in &mut docs {
                d.text = recase(&d.text);
            }
        }
        let t = Instant::now();
        let r = evaluation::evaluate_with(&ann, &docs, errors);
        let secs = t.elapsed().as_secs_f64();
        println!("{f}: {} documents, {} tokens, {:.0} tokens/s", r.docs, r.tokens, r.tokens as f64 / secs);
        println!("{}", r.table(true));
        if calibration {
            println!("{}", r.calibration_table(true));
        }
        for (k, l, t, c) in &r.errors {
            println!("{k}\t{l}\t{t}\t{c}");
        }
    }
}

fn die(msg: &str) -> ! {
    eprintln!("evaluate: {msg}");
    std::process::exit(2)
}
