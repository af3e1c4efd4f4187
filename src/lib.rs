//! # Article Annotator
//!
//! Finds the people, places, numbers and dates in English text. The pipeline reads top to bottom:
//!
//! text → [`tokens`] (with byte offsets) → [`numbers`] (values of numeric spans) →
//! [`features`] + [`model`] (a trained sequence tagger for people, places, numbers and dates) →
//! [`spans`] (merged, non-overlapping entities) → [`annotate`] (the public API) → [`offsets`]
//! (byte, code point or UTF-16 offsets for the caller).
//!
//! The core is plain Rust with no JS types; `wasm` (only on `wasm32`) converts to and from JS.
//! The command-line tools and the trainer sit behind the `cli` feature.
//!
//! ```
//! use article_annotator::{Annotator, Options};
//! let annotator = Annotator::embedded().expect("the committed model loads");
//! let text = "Angela Merkel met Emmanuel Macron in Paris on Tuesday.";
//! let entities = annotator.annotate(text, &Options::default());
//! assert!(entities.iter().any(|e| e.text == "Paris" && e.label.as_str() == "PLACE"));
//! ```

pub mod annotate;
pub mod features;
pub mod gazetteer;
pub mod hash;
pub mod model;
pub mod numbers;
pub mod offsets;
pub mod spans;
pub mod tokens;

#[cfg(feature = "cli")]
pub mod clusters;
#[cfg(feature = "cli")]
pub mod corpus;
#[cfg(feature = "cli")]
pub mod crf;
#[cfg(feature = "cli")]
pub mod evaluation;
#[cfg(feature = "cli")]
pub mod train;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use annotate::{Annotator, DictEntry, Dictionary, Entity, Label, Options};
pub use offsets::Encoding;

/// The Rust example of README.md runs as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
