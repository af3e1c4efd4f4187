//! Where the tagger and a CoNLL file disagree, by (predicted type, gold type) over all 18 types
//! ("~T": overlapping a gold T span with other boundaries; "O": nothing there).
//!   cargo run --release --example confusions -- ../shared/data/ontonotes5/dev.conll
//! SHOW="PERSON>O" also prints each such span in context.
use article_annotator::{corpus, Annotator};
use std::collections::HashMap;
fn main() {
    let f = std::env::args().nth(1).unwrap();
    let ann = Annotator::embedded().unwrap();
    let docs = corpus::read_conll(&f).unwrap();
    let mut conf: HashMap<(String, String), usize> = HashMap::new();
    for d in &docs {
        let raw = ann.tag(&d.text);
        let types = &ann.model().types;
        for s in &raw {
            let pt = types[s.ty].clone();
            let g = d.spans.iter().find(|g| g.start < s.end && s.start < g.end);
            let key = match g {
                Some(g) if g.start == s.start && g.end == s.end => if g.ty == pt { continue } else { (pt, g.ty.clone()) },
                Some(g) => (pt, format!("~{}", g.ty)),
                None => (pt, "O".into()),
            };
            if std::env::var("SHOW").is_ok_and(|v| v == format!("{}>{}", key.0, key.1)) {
                let a = d.text[..s.start].char_indices().rev().nth(50).map_or(0, |x| x.0);
                let b = d.text[s.end..].char_indices().nth(40).map_or(d.text.len(), |x| s.end + x.0);
                let g = g.map(|g| d.text[g.start..g.end].to_string()).unwrap_or_default();
                println!("{}[{}]{}\t{}", &d.text[a..s.start].replace('\n', " "), &d.text[s.start..s.end], &d.text[s.end..b].replace('\n', " "), g);
            }
            *conf.entry(key).or_default() += 1;
        }
        for g in &d.spans {
            if !raw.iter().any(|s| s.start < g.end && g.start < s.end) {
                *conf.entry(("O".into(), g.ty.clone())).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = conf.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1));
    for ((p, g), n) in v.iter().take(60) { println!("{n}\tpred {p}\tgold {g}"); }
}
