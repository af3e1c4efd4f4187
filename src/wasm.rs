//! The JavaScript binding: converts only. `annotate(text, options?)` returns plain objects with
//! UTF-16 offsets (JS string indices). All logic lives in the core.

use crate::annotate::{Annotator, Options};
use crate::offsets::Encoding;
use serde::Serialize;
use std::cell::OnceCell;
use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static ANNOTATOR: OnceCell<Result<Annotator, String>> = const { OnceCell::new() };
}

fn with_annotator<R>(f: impl FnOnce(&Annotator) -> R) -> Result<R, JsError> {
    ANNOTATOR.with(|cell| match cell.get_or_init(|| Annotator::embedded().map_err(|e| e.to_string())) {
        Ok(a) => Ok(f(a)),
        Err(e) => Err(JsError::new(e)),
    })
}

#[wasm_bindgen]
extern "C" {
    /// The platform's `TextEncoder` (browsers, workers, Node).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    /// The UTF-8 of `s` (a lone surrogate becomes U+FFFD, one UTF-16 unit like itself), copied
    /// into wasm memory at exactly its length.
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, s: &JsString) -> Vec<u8>;
}

/// A JS string as Rust text. wasm-bindgen's own `&str` conversion reserves three bytes per
/// UTF-16 unit after the first non-ASCII character and moves the text once to shrink it: for a
/// 0.52 MB text linear memory (which never shrinks) grew by 2.1 MB before the annotation began,
/// and a 1,000,000-word text's peak was 1 MB higher. `TextEncoder` hands over exactly the UTF-8
/// bytes.
fn text_of(text: &JsValue) -> Result<String, JsError> {
    let s = text.dyn_ref::<JsString>().ok_or_else(|| JsError::new("text must be a string"))?;
    if s.length() == 0 {
        return Ok(String::new());
    }
    String::from_utf8(TextEncoder::new().encode(s)).map_err(|e| JsError::new(&format!("text is not valid UTF-8 after encoding: {e}")))
}

/// Annotates `text` and returns its entities, sorted by start and non-overlapping.
///
/// `options` (optional): `{ labels?, minScore?, dictionary?: { add?, suppress? }, offsets? }`.
/// Offsets are UTF-16 code units (JS string indices, `text.slice(e.start, e.end) === e.text`)
/// unless `options.offsets` asks for `"utf8"` or `"codepoints"`. A `text` that is not a string
/// is an error.
#[wasm_bindgen(unchecked_return_type = "Entity[]")]
pub fn annotate(
    #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AnnotateOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let text = text_of(text)?;
    let text = text.as_str();
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let mut opts: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        serde_wasm_bindgen::from_value(options.clone()).map_err(|e| JsError::new(&format!("invalid options: {e}")))?
    };
    let offsets_given = options.is_object() && js_sys::Reflect::get(&options, &JsValue::from_str("offsets")).is_ok_and(|v| !v.is_undefined() && !v.is_null());
    if !offsets_given {
        opts.offsets = Encoding::Utf16;
    }
    let ents = with_annotator(|a| a.annotate(text, &opts))?;
    ents.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

/// Loads the model now (otherwise the first `annotate` does), so a page can warm up.
#[wasm_bindgen]
pub fn warm() -> Result<(), JsError> {
    with_annotator(|_| ())
}

/// Crate version and a one-line description of the embedded model.
#[wasm_bindgen]
pub fn version() -> String {
    let model = ANNOTATOR.with(|c| match c.get() {
        Some(Ok(a)) => a.model().info.clone(),
        _ => String::from("model not loaded yet"),
    });
    format!("article-annotator {} ({model})", env!("CARGO_PKG_VERSION"))
}
