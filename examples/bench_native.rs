//! Native throughput of the annotator core, for `make bench` (scripts/bench.sh).
//!
//!     cargo run --release --example bench_native -- bench/out/texts/article.txt bench/out/texts/ontonotes.txt …
//!
//! Each file is one corpus; documents are separated by U+001E. For every corpus: one warm-up pass
//! (counted as a repetition for inputs over 1 MB), then repetitions (at least 3 unless they already
//! took 12 s, more while under ~1.5 s, at most 15) of
//! `Annotator::annotate(doc, &Options::default())` over every document. Prints one JSON object per
//! corpus with the median seconds per pass and tokens (our tokenizer), words (whitespace-separated)
//! and bytes per pass.
use std::time::Instant;

use article_annotator::{tokens, Annotator, Options};

fn main() {
    let annotator = Annotator::embedded().expect("embedded model");
    let opts = Options::default();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let docs: Vec<&str> = text.split('\u{1e}').collect();
        let tokens: usize = docs.iter().map(|d| tokens::tokenize(d).len()).sum();
        let words: usize = docs.iter().map(|d| d.split_whitespace().count()).sum();
        let bytes: usize = docs.iter().map(|d| d.len()).sum();
        let pass = || {
            let t = Instant::now();
            let mut n = 0usize;
            for d in &docs {
                n += std::hint::black_box(annotator.annotate(std::hint::black_box(d), &opts)).len();
            }
            (t.elapsed().as_secs_f64(), n)
        };
        let mut times = Vec::new();
        let mut total = 0.0;
        let (s, entities) = pass(); // warm-up, kept as a repetition only for inputs over 1 MB
        if bytes > 1_000_000 {
            total += s;
            times.push(s);
        }
        while times.len() < 15 && (total < 1.5 || (times.len() < 3 && total < 12.0)) {
            let (s, _) = pass();
            total += s;
            times.push(s);
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let mid = times.len() / 2;
        let median = if times.len() % 2 == 1 {
            times[mid]
        } else {
            (times[mid - 1] + times[mid]) / 2.0
        };
        let name = std::path::Path::new(&path)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        println!(
            "{{\"corpus\":\"{name}\",\"docs\":{},\"tokens\":{tokens},\"words\":{words},\"bytes\":{bytes},\"entities\":{entities},\"reps\":{},\"median_s\":{median},\"min_s\":{},\"max_s\":{}}}",
            docs.len(),
            times.len(),
            times[0],
            times[times.len() - 1]
        );
    }
}
