//! Gzip size of each part of a model file (which tables pay for the 1.2 MB budget).
//!   cargo run --release --example model_sizes [-- model/annotator.model]
use article_annotator::model::ModelData;
use std::io::Write;
fn gz(b: &[u8]) -> usize {
    let mut c = std::process::Command::new("gzip").arg("-9").stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().unwrap();
    c.stdin.take().unwrap().write_all(b).unwrap();
    c.wait_with_output().unwrap().stdout.len()
}
fn main() {
    let p = std::env::args().nth(1).unwrap_or("model/annotator.model".into());
    let d = ModelData::from_bytes(&std::fs::read(&p).unwrap()).unwrap();
    let w = &d.first;
    let parts: Vec<(&str, Vec<u8>)> = vec![
        ("feature_deltas", postcard::to_allocvec(&w.feature_deltas).unwrap()),
        ("counts", postcard::to_allocvec(&w.counts).unwrap()),
        ("tags", postcard::to_allocvec(&w.tags).unwrap()),
        ("weights", postcard::to_allocvec(&w.weights).unwrap()),
        ("gazetteer", postcard::to_allocvec(&d.gazetteer).unwrap()),
        ("clusters", postcard::to_allocvec(&d.clusters).unwrap()),
        ("brown", postcard::to_allocvec(&d.brown).unwrap()),
    ];
    println!("{} features, {} weights", w.counts.len(), w.weights.len());
    for (n, b) in parts { println!("{n:16} {:>9} raw {:>9} gzip", b.len(), gz(&b)); }
}
