//! Fuzz target: the annotator on arbitrary bytes (as UTF-8, lossily) and with arbitrary options.
//! Checks the invariants of every result, not just the absence of a crash.
#![no_main]

use article_annotator::{offsets, Annotator, Encoding, Options};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn ann() -> &'static Annotator {
    static A: OnceLock<Annotator> = OnceLock::new();
    A.get_or_init(|| Annotator::embedded().expect("model"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let ents = ann().annotate(&text, &Options::default());
    let mut last = 0;
    for e in &ents {
        assert!(e.start < e.end && e.end <= text.len() && e.start >= last);
        assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        assert_eq!(&text[e.start..e.end], e.text);
        assert!((0.0..=1.0).contains(&e.score));
        last = e.end;
    }
    assert_eq!(ents, ann().annotate(&text, &Options::default()));
    let u = ann().annotate(&text, &Options { offsets: Encoding::Utf16, ..Options::default() });
    for (b, u) in ents.iter().zip(&u) {
        assert_eq!(offsets::convert(&text, b.start, Encoding::Utf16), u.start);
        assert_eq!(offsets::to_byte(&text, u.end, Encoding::Utf16), Some(b.end));
    }
});
