//! The wasm binding in headless Chromium: results decode back into the core's Rust types, and
//! offsets are UTF-16 code units (checked by slicing the JS string).
#![cfg(target_arch = "wasm32")]

use article_annotator::{wasm, Entity, Label};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn run(text: &str, options: JsValue) -> Vec<Entity> {
    let v = wasm::annotate(&JsValue::from_str(text), Some(options)).map_err(JsValue::from).expect("annotate succeeds");
    serde_wasm_bindgen::from_value(v).expect("results decode into Entity")
}

#[wasm_bindgen_test]
fn utf16_offsets_slice_the_js_string() {
    let text = "👩🏽‍🚀 “Angela Merkel” flew to Paris — then to Berlin, spending $4.5 billion.";
    let ents = run(text, JsValue::UNDEFINED);
    let js = js_sys::JsString::from(text);
    assert!(!ents.is_empty());
    for e in &ents {
        let sliced: String = js.slice(e.start as u32, e.end as u32).into();
        assert_eq!(sliced, e.text, "UTF-16 offsets of {e:?}");
    }
    assert!(ents.iter().any(|e| e.text == "Angela Merkel" && e.label == Label::Person), "{ents:?}");
    assert!(ents.iter().any(|e| e.text == "Paris" && e.label == Label::Place), "{ents:?}");
    let money = ents.iter().find(|e| e.label == Label::Number && e.kind == "money").expect("a money span");
    assert_eq!(money.value, Some(4.5e9));
    assert_eq!(money.currency.as_deref(), Some("USD"));
}

#[wasm_bindgen_test]
fn options_filter_and_dictionary() {
    let opts = js_sys::JSON::parse(r#"{"labels":["PERSON"],"minScore":0.0,"dictionary":{"add":[{"text":"Zorblax Quint","label":"PERSON"}],"suppress":["Angela Merkel"]}}"#).unwrap();
    let ents = run("Angela Merkel met Zorblax Quint in Paris on 3 March 2021.", opts);
    let texts: Vec<&str> = ents.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, vec!["Zorblax Quint"]);
}

#[wasm_bindgen_test]
fn bad_options_are_a_clear_error() {
    let err = wasm::annotate(&JsValue::from_str("Paris"), Some(JsValue::from_str("not an object"))).err().expect("an error");
    let msg = js_sys::Error::from(JsValue::from(err)).message();
    assert!(String::from(msg).contains("invalid options"));
}

#[wasm_bindgen_test]
fn empty_and_lone_surrogate_inputs() {
    assert!(run("", JsValue::UNDEFINED).is_empty());
    assert!(run("   \n\t ", JsValue::UNDEFINED).is_empty());
    // A JS string may hold a lone surrogate (a cut emoji): one UTF-16 unit, read as U+FFFD, so
    // the offsets after it still slice the JS string.
    let js = js_sys::JsString::from_char_code1(0xD83D).concat(&JsValue::from_str(" Angela Merkel flew to Paris."));
    let v = wasm::annotate(&js, None).map_err(JsValue::from).expect("annotate succeeds");
    let ents: Vec<Entity> = serde_wasm_bindgen::from_value(v).unwrap();
    let paris = ents.iter().find(|e| e.text == "Paris").expect("Paris");
    assert_eq!(String::from(js.slice(paris.start as u32, paris.end as u32)), "Paris");
    assert!(ents.iter().any(|e| e.text == "Angela Merkel" && e.start == 2), "{ents:?}");
}

#[wasm_bindgen_test]
fn a_text_that_is_not_a_string_is_a_clear_error() {
    for bad in [JsValue::from_f64(42.0), JsValue::NULL, JsValue::UNDEFINED, js_sys::Object::new().into()] {
        let err = wasm::annotate(&bad, None).err().expect("an error");
        let msg = String::from(js_sys::Error::from(JsValue::from(err)).message());
        assert!(msg.contains("text must be a string"), "{msg}");
    }
}

#[wasm_bindgen_test]
fn options_may_be_omitted_and_offsets_chosen() {
    let text = "😀 Paris";
    let none = wasm::annotate(&JsValue::from_str(text), None).map_err(JsValue::from).expect("annotate succeeds");
    let ents: Vec<Entity> = serde_wasm_bindgen::from_value(none).unwrap();
    let paris = ents.iter().find(|e| e.text == "Paris").expect("Paris");
    assert_eq!((paris.start, paris.end), (3, 8), "UTF-16 by default");
    let cp = run(text, js_sys::JSON::parse(r#"{"offsets":"codepoints"}"#).unwrap());
    let paris = cp.iter().find(|e| e.text == "Paris").expect("Paris");
    assert_eq!((paris.start, paris.end), (2, 7), "code points when asked");
}

#[wasm_bindgen_test]
fn feature_hashes_match_the_native_ones() {
    // The model stores these hashes: wasm must compute exactly what the trainer did natively.
    assert_eq!(article_annotator::hash::key32("paris"), 1_151_346_436);
    assert_eq!(article_annotator::hash::Fnv::new(7).byte(3).str("Zürich").finish32(), 209_911_711);
}

#[wasm_bindgen_test]
fn long_chains_of_clitics_hyphens_and_symbols_neither_overflow_nor_hang() {
    // One 600 KB "word" each: the tokenizer peels and splits them in loops, not by recursion
    // ("'s" × 300,000 overflowed the wasm stack before).
    for unit in ["'s", "a-", "5%", "’s", "$-"] {
        let text = unit.repeat(300_000);
        let ents = run(&text, JsValue::UNDEFINED);
        assert!(ents.iter().all(|e| e.start < e.end && e.end <= text.encode_utf16().count()));
    }
}
