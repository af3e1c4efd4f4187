//! Offsets: the core works in UTF-8 byte offsets (Rust `&str` indices). Callers get either UTF-16
//! code units (JS string indices) or Unicode code points (Python string indices). This is the one
//! place where they are converted.

use serde::{Deserialize, Serialize};

/// The unit of entity offsets, chosen with [`Options::offsets`](crate::Options::offsets)
/// (`"utf8"`, `"utf16"` or `"codepoints"` in JSON).
// The Rust example is left out of the wasm build, so the TypeScript declarations that
// tsify generates from these doc comments carry no Rust code.
#[cfg_attr(not(target_arch = "wasm32"), doc = r#"
```
use article_annotator::{Annotator, Encoding, Label, Options};
let annotator = Annotator::embedded().unwrap();
let text = "Café 😀 in Paris";
let at = |offsets| {
    let opts = Options { labels: vec![Label::Place], offsets, ..Options::default() };
    let e = &annotator.annotate(text, &opts)[0];
    (e.start, e.end)
};
assert_eq!(at(Encoding::Utf8), (14, 19));       // Rust: &text[14..19] == "Paris"
assert_eq!(at(Encoding::CodePoints), (10, 15)); // Python: text[10:15]
assert_eq!(at(Encoding::Utf16), (11, 16));      // JavaScript: text.slice(11, 16)
assert_eq!(serde_json::to_string(&Encoding::CodePoints).unwrap(), "\"codepoints\"");
```
"#)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    /// UTF-8 bytes (Rust string indices).
    #[default]
    Utf8,
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
    /// Unicode scalar values (Python string indices).
    CodePoints,
}

/// Converts sorted byte offsets into another encoding in one linear pass.
///
/// `byte_offsets` must be ascending and fall on character boundaries of `text`.
pub fn convert_sorted(text: &str, byte_offsets: &[usize], to: Encoding) -> Vec<usize> {
    if to == Encoding::Utf8 {
        return byte_offsets.to_vec();
    }
    let mut out = Vec::with_capacity(byte_offsets.len());
    let mut it = byte_offsets.iter().copied().peekable();
    let mut units = 0usize;
    for (b, ch) in text.char_indices() {
        while let Some(&o) = it.peek() {
            if o <= b {
                out.push(units);
                it.next();
            } else {
                break;
            }
        }
        if it.peek().is_none() {
            return out;
        }
        units += match to {
            Encoding::Utf16 => ch.len_utf16(),
            _ => 1,
        };
    }
    for _ in it {
        out.push(units);
    }
    out
}

/// Converts one byte offset.
pub fn convert(text: &str, byte_offset: usize, to: Encoding) -> usize {
    let prefix = &text[..byte_offset];
    match to {
        Encoding::Utf8 => byte_offset,
        Encoding::Utf16 => prefix.encode_utf16().count(),
        Encoding::CodePoints => prefix.chars().count(),
    }
}

/// Converts an offset in `from` units back to a byte offset; `None` when it is out of range or
/// falls inside a character (e.g. between the two halves of a surrogate pair).
pub fn to_byte(text: &str, offset: usize, from: Encoding) -> Option<usize> {
    if from == Encoding::Utf8 {
        return text.is_char_boundary(offset).then_some(offset);
    }
    let mut units = 0usize;
    for (b, ch) in text.char_indices() {
        if units == offset {
            return Some(b);
        }
        if units > offset {
            return None;
        }
        units += match from {
            Encoding::Utf16 => ch.len_utf16(),
            _ => 1,
        };
    }
    (units == offset).then_some(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "“Zoë” 👩🏽‍🚀 went — to Zürich 😀 x";

    #[test]
    fn emoji_quotes_dashes() {
        let b = TEXT.find("Zürich").unwrap();
        let e = b + "Zürich".len();
        let u16s = convert_sorted(TEXT, &[b, e], Encoding::Utf16);
        let js: Vec<u16> = TEXT.encode_utf16().collect();
        assert_eq!(String::from_utf16(&js[u16s[0]..u16s[1]]).unwrap(), "Zürich");
        let cps = convert_sorted(TEXT, &[b, e], Encoding::CodePoints);
        let chars: Vec<char> = TEXT.chars().collect();
        assert_eq!(chars[cps[0]..cps[1]].iter().collect::<String>(), "Zürich");
        assert_eq!(convert(TEXT, b, Encoding::Utf16), u16s[0]);
        assert_eq!(convert(TEXT, e, Encoding::CodePoints), cps[1]);
        assert_eq!(to_byte(TEXT, u16s[0], Encoding::Utf16), Some(b));
        assert_eq!(to_byte(TEXT, cps[1], Encoding::CodePoints), Some(e));
    }

    #[test]
    fn end_of_text_and_inside_surrogate() {
        let t = "a😀";
        assert_eq!(convert_sorted(t, &[0, 1, 5], Encoding::Utf16), vec![0, 1, 3]);
        assert_eq!(convert_sorted(t, &[5], Encoding::CodePoints), vec![2]);
        assert_eq!(to_byte(t, 2, Encoding::Utf16), None);
        assert_eq!(to_byte(t, 3, Encoding::Utf16), Some(5));
        assert_eq!(to_byte(t, 4, Encoding::Utf16), None);
    }

    proptest::proptest! {
        #[test]
        fn conversions_agree(s in "\\PC{0,40}") {
            let offs: Vec<usize> = s.char_indices().map(|(b, _)| b).chain([s.len()]).collect();
            for enc in [Encoding::Utf16, Encoding::CodePoints] {
                let conv = convert_sorted(&s, &offs, enc);
                for (b, c) in offs.iter().zip(&conv) {
                    proptest::prop_assert_eq!(convert(&s, *b, enc), *c);
                    proptest::prop_assert_eq!(to_byte(&s, *c, enc), Some(*b));
                }
            }
        }
    }
}
