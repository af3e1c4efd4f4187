//! Command-line annotator.
//!
//! Plain text (stdin or files) → entities printed readably, one per line.
//! `--jsonl`: JSON lines `{"id": …, "text": "…"}` in, `{"id": …, "entities": […]}` out, offsets
//! in Unicode code points (Python string indices). A bad line is reported on stderr with its
//! line number; the others are still processed; the exit status is 1 when any line failed.

use article_annotator::{Annotator, Encoding, Entity, Label, Options};
use std::io::{BufRead, BufWriter, Read, Write};

const HELP: &str = "annotate: find people, places, numbers and dates in English text.

USAGE:
  annotate [OPTIONS] [FILE ...]        plain text from FILEs (or stdin), entities printed readably
  annotate --jsonl [OPTIONS] < in.jsonl

  --jsonl            read JSON lines {\"id\": ..., \"text\": \"...\"} (other fields ignored) and write
                     {\"id\": <same>, \"entities\": [{\"start\", \"end\", \"label\", \"kind\", \"text\",
                     \"value\", \"unit\", \"currency\", \"score\"}]} per line; offsets are code points
  --labels L,L       only these labels (PERSON, PLACE, NUMBER, DATE)
  --min-score X      drop entities scored below X (0..1)
  --model FILE       use this model file instead of the built-in one
  -h, --help         this help

Exit status: 0 ok, 1 some input line failed (reported on stderr with its line number), 2 usage error.";

fn main() {
    let mut jsonl = false;
    let mut opts = Options::default();
    let mut model = None;
    let mut files = vec![];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--jsonl" => jsonl = true,
            "--labels" => {
                let v = args.next().unwrap_or_else(|| usage("--labels needs a value"));
                opts.labels = v.split(',').map(|l| Label::parse(l).unwrap_or_else(|| usage(&format!("unknown label {l:?}")))).collect();
            }
            "--min-score" => opts.min_score = args.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| usage("--min-score needs a number")),
            "--model" => model = Some(args.next().unwrap_or_else(|| usage("--model needs a file"))),
            "-h" | "--help" => {
                println!("{HELP}");
                return;
            }
            _ if a.starts_with('-') && a != "-" => usage(&format!("unknown option {a}")),
            _ => files.push(a),
        }
    }
    let ann = match &model {
        Some(p) => std::fs::read(p).map_err(|e| format!("{p}: {e}")).and_then(|b| Annotator::from_bytes(&b).map_err(|e| e.to_string())),
        None => Annotator::embedded().map_err(|e| e.to_string()),
    }
    .unwrap_or_else(|e| {
        eprintln!("annotate: {e}");
        std::process::exit(2)
    });
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let failed = if jsonl {
        opts.offsets = Encoding::CodePoints;
        run_jsonl(&ann, &opts, std::io::stdin().lock(), &mut out)
    } else {
        run_plain(&ann, &opts, &files, &mut out)
    };
    out.flush().ok();
    std::process::exit(if failed { 1 } else { 0 });
}

fn usage(msg: &str) -> ! {
    eprintln!("annotate: {msg}\n(see annotate --help)");
    std::process::exit(2)
}

fn run_plain(ann: &Annotator, opts: &Options, files: &[String], out: &mut impl Write) -> bool {
    let mut failed = false;
    let inputs: Vec<String> = if files.is_empty() { vec!["-".into()] } else { files.to_vec() };
    for f in &inputs {
        let mut bytes = vec![];
        let r = if f == "-" { std::io::stdin().read_to_end(&mut bytes) } else { std::fs::File::open(f).and_then(|mut h| h.read_to_end(&mut bytes)) };
        if let Err(e) = r {
            eprintln!("annotate: {f}: {e}");
            failed = true;
            continue;
        }
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("annotate: {f}: invalid UTF-8 at byte {}", e.utf8_error().valid_up_to());
                failed = true;
                continue;
            }
        };
        if inputs.len() > 1 {
            writeln!(out, "== {f}").ok();
        }
        let mut o = opts.clone();
        o.offsets = Encoding::CodePoints;
        for e in ann.annotate(&text, &o) {
            writeln!(out, "{}", readable(&e)).ok();
        }
    }
    failed
}

fn readable(e: &Entity) -> String {
    let mut s = format!("{:>6}-{:<6} {:<7} {:<10} {:?}", e.start, e.end, e.label.as_str(), e.kind, e.text);
    if let Some(v) = e.value {
        s += &format!("  = {v}");
        if let (Some(l), Some(h)) = (e.low, e.high) {
            s += &format!(" ({l}..{h})");
        }
        if let Some(c) = &e.currency {
            s += &format!(" {c}");
        }
        if let Some(u) = &e.unit {
            s += &format!(" {u}");
        }
    }
    s + &format!("  [{:.2}]", e.score)
}

/// JSON of one entity with the documented, stable set of keys.
pub fn entity_json(e: &Entity) -> serde_json::Value {
    let mut v = serde_json::json!({
        "start": e.start, "end": e.end, "label": e.label.as_str(), "kind": e.kind, "text": e.text,
        "value": e.value, "unit": e.unit, "currency": e.currency, "score": (e.score * 1000.0).round() / 1000.0,
    });
    if let (Some(l), Some(h)) = (e.low, e.high) {
        v["low"] = l.into();
        v["high"] = h.into();
    }
    v
}

fn run_jsonl(ann: &Annotator, opts: &Options, mut input: impl BufRead, out: &mut impl Write) -> bool {
    let mut failed = false;
    let mut buf = Vec::new();
    let mut n = 0usize;
    loop {
        buf.clear();
        match input.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                eprintln!("annotate: line {}: read error: {e}", n + 1);
                return true;
            }
        }
        n += 1;
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l.trim_end_matches(['\n', '\r']),
            Err(e) => {
                eprintln!("annotate: line {n}: invalid UTF-8 at byte {}", e.valid_up_to());
                failed = true;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("annotate: line {n}: invalid JSON: {e}");
                failed = true;
                continue;
            }
        };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
            eprintln!("annotate: line {n}: no \"text\" string field");
            failed = true;
            continue;
        };
        let ents: Vec<serde_json::Value> = ann.annotate(text, opts).iter().map(entity_json).collect();
        let id = v.get("id").cloned().unwrap_or(serde_json::Value::Null);
        let line_out = serde_json::json!({ "id": id, "entities": ents });
        if writeln!(out, "{line_out}").is_err() {
            return true; // closed pipe
        }
    }
    failed
}
