//! Prints the raw OntoNotes-typed spans `Annotator::tag` finds in each argument (debugging aid).
//!
//!     cargo run --release --example raw_types -- "Missiles hit the Ayn al-Assad Airbase."
use article_annotator::Annotator;

fn main() {
    let annotator = Annotator::embedded().expect("embedded model");
    let types = annotator.model().types.clone();
    for text in std::env::args().skip(1) {
        println!("== {text}");
        for s in annotator.tag(&text) {
            println!(
                "{:>5}-{:<5} {:<12} {:.2} {:?}",
                s.start,
                s.end,
                types[s.ty],
                s.score,
                &text[s.start..s.end]
            );
        }
    }
}
