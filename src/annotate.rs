//! The public API: [`Annotator::annotate`] runs the whole pipeline on a text.

use crate::features::{self, DocContext, SentenceView};
use crate::gazetteer;
use crate::model::{Model, ModelError};
use crate::numbers::{self, NumberKind};
use crate::offsets::{self, Encoding};
use crate::spans::{self, RawSpan};
use crate::tokens;
use serde::{Deserialize, Serialize};

/// The four labels the product shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    Person,
    Place,
    Number,
    Date,
}

impl Label {
    pub const ALL: [Label; 4] = [Label::Person, Label::Place, Label::Number, Label::Date];
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Place => "PLACE",
            Label::Number => "NUMBER",
            Label::Date => "DATE",
        }
    }
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// One entity found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Start offset, in the unit the caller asked for (UTF-8 bytes by default).
    pub start: usize,
    /// End offset (exclusive), same unit.
    pub end: usize,
    pub label: Label,
    /// Finer kind: `person`; `country`, `city`, `region`, `place`, `location`, `facility`;
    /// `cardinal`, `ordinal`, `money`, `percent`, `quantity`; `date`, `time`.
    pub kind: String,
    /// The text of the span, exactly as in the input.
    pub text: String,
    /// Normalised value of a number (the low end of a range).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// Unit of a quantity ("km") or "percent".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// ISO 4217 code of an amount of money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Confidence in [0, 1].
    pub score: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct DictEntry {
    pub text: String,
    pub label: Option<Label>,
    pub kind: Option<String>,
}

/// The user's dictionary: strings that must be found, and strings that must not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct Dictionary {
    pub add: Vec<DictEntry>,
    pub suppress: Vec<String>,
}

/// Options of [`Annotator::annotate`]; every field is optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    /// Labels to return (all when empty).
    pub labels: Vec<Label>,
    /// Drop entities whose score is below this.
    pub min_score: f32,
    pub dictionary: Dictionary,
    /// Offset unit of the returned entities.
    pub offsets: Encoding,
}

impl Default for Options {
    fn default() -> Self {
        Options { labels: Vec::new(), min_score: 0.0, dictionary: Dictionary::default(), offsets: Encoding::Utf8 }
    }
}

/// The model file built by `make model` and embedded in the library (absent only while
/// bootstrapping a checkout without one).
#[cfg(has_model)]
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/model/annotator.model"));
#[cfg(not(has_model))]
static EMBEDDED: &[u8] = &[];

pub struct Annotator {
    model: Model,
    person: Option<usize>,
}

impl Annotator {
    /// The model shipped inside the library.
    pub fn embedded() -> Result<Annotator, ModelError> {
        if EMBEDDED.is_empty() {
            return Err(ModelError("this build has no embedded model: run `make model`".into()));
        }
        Annotator::from_bytes(EMBEDDED)
    }

    /// A model from bytes (e.g. a file written by the trainer).
    pub fn from_bytes(bytes: &[u8]) -> Result<Annotator, ModelError> {
        Ok(Annotator::from_model(Model::from_bytes(bytes)?))
    }

    pub fn from_model(model: Model) -> Annotator {
        let person = model.types.iter().position(|t| t == "PERSON");
        Annotator { model, person }
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Finds the entities of `text`, sorted by start, non-overlapping.
    pub fn annotate(&self, text: &str, opts: &Options) -> Vec<Entity> {
        let raw = self.tag(text);
        let mut ents: Vec<Entity> = raw.iter().filter_map(|s| self.to_entity(text, s)).collect();
        apply_dictionary(text, &mut ents, &opts.dictionary);
        ents.retain(|e| (opts.labels.is_empty() || opts.labels.contains(&e.label)) && e.score >= opts.min_score);
        convert_offsets(text, &mut ents, opts.offsets);
        ents
    }

    /// Tagger spans (byte offsets), after the document-level pass, before mapping to labels.
    pub fn tag(&self, text: &str) -> Vec<RawSpan> {
        let toks = tokens::tokenize(text);
        let sents = tokens::sentences(text, &toks);
        let doc = DocContext::new(text, &toks, &sents);
        let model = &self.model;
        // First tagger, on local features.
        let mut base = Vec::with_capacity(sents.len());
        let mut tags = vec![0usize; toks.len()];
        let mut conf = vec![0f32; toks.len()];
        for s in &sents {
            let (mut feats, mut offs) = (Vec::new(), Vec::new());
            let view = SentenceView::new(text, &toks[s.clone()]);
            features::extract(&view, &model.gazetteer, &doc, &toks[s.clone()], &mut feats, &mut offs);
            let (t, c) = model.first.decode(&feats, &offs);
            tags[s.clone()].copy_from_slice(&t);
            conf[s.clone()].copy_from_slice(&c);
            base.push((feats, offs));
        }
        // Second tagger: the same features plus the first tagger's view of the whole document.
        if let Some(second) = &model.second {
            let votes = features::DocVotes::new(text, &toks, &tags, model.types.len());
            let first_tags = tags.clone();
            let (mut feats, mut offs) = (Vec::new(), Vec::new());
            for (s, (bf, bo)) in sents.iter().zip(&base) {
                features::stack(text, &toks, &first_tags, &votes, s.start, bf, bo, &mut feats, &mut offs);
                let (t, c) = second.decode(&feats, &offs);
                tags[s.clone()].copy_from_slice(&t);
                conf[s.clone()].copy_from_slice(&c);
            }
        }
        let mut raw = Vec::new();
        for s in &sents {
            spans::from_tags(&tags[s.clone()], &conf[s.clone()], &toks, s.start, &mut raw);
        }
        let types = &model.types;
        let name_like = |t: usize| matches!(types[t].as_str(), "PERSON" | "GPE" | "LOC" | "FAC" | "ORG" | "NORP");
        spans::harmonise(text, &toks, &mut raw, self.person, name_like);
        raw
    }

    /// Maps a tagger span to one of our labels (or `None` for types we do not show: ORG, NORP…).
    fn to_entity(&self, text: &str, s: &RawSpan) -> Option<Entity> {
        let ty = self.model.types[s.ty].as_str();
        let span = &text[s.start..s.end];
        let (label, kind): (Label, String) = match ty {
            "PERSON" => (Label::Person, "person".into()),
            "GPE" => (Label::Place, self.place_kind(span)),
            "LOC" => (Label::Place, "location".into()),
            "FAC" => (Label::Place, "facility".into()),
            "DATE" => (Label::Date, "date".into()),
            "TIME" => (Label::Date, "time".into()),
            "CARDINAL" | "ORDINAL" | "MONEY" | "PERCENT" | "QUANTITY" => (Label::Number, ty.to_ascii_lowercase()),
            _ => return None,
        };
        let mut e = Entity { start: s.start, end: s.end, label, kind, text: span.to_string(), value: None, low: None, high: None, unit: None, currency: None, score: s.score.clamp(0.0, 1.0) };
        if label == Label::Number {
            fill_value(&mut e);
        }
        Some(e)
    }

    fn place_kind(&self, span: &str) -> String {
        let f = self.model.gazetteer.get(&gazetteer::normalise(span));
        let k = if f & gazetteer::COUNTRY != 0 {
            "country"
        } else if f & gazetteer::CONTINENT != 0 {
            "continent"
        } else if f & (gazetteer::CITY_BIG | gazetteer::CITY_MID) != 0 {
            "city"
        } else if f & gazetteer::REGION != 0 {
            "region"
        } else if f & gazetteer::CITY != 0 {
            "city"
        } else {
            "place"
        };
        k.to_string()
    }
}

fn hint_of(kind: &str) -> Option<NumberKind> {
    Some(match kind {
        "cardinal" => NumberKind::Cardinal,
        "ordinal" => NumberKind::Ordinal,
        "money" => NumberKind::Money,
        "percent" => NumberKind::Percent,
        "quantity" => NumberKind::Quantity,
        _ => return None,
    })
}

/// Attach the number grammar's value to a NUMBER entity.
fn fill_value(e: &mut Entity) {
    if let Some(v) = numbers::parse_value(&e.text, hint_of(&e.kind)) {
        e.value = Some(v.value).filter(|x| x.is_finite());
        e.low = v.low;
        e.high = v.high;
        e.unit = v.unit;
        e.currency = v.currency;
    }
}

/// Dictionary: suppressed strings (case-insensitive) are removed; added strings are found
/// wherever they occur as whole words and win over what the tagger said there.
fn apply_dictionary(text: &str, ents: &mut Vec<Entity>, dict: &Dictionary) {
    if !dict.suppress.is_empty() {
        let sup: Vec<String> = dict.suppress.iter().map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()).collect();
        ents.retain(|e| !sup.contains(&e.text.to_lowercase()));
    }
    if dict.add.is_empty() {
        return;
    }
    let lower = text.to_lowercase();
    let same_len = lower.len() == text.len();
    let mut forced = Vec::new();
    for d in &dict.add {
        let needle = d.text.trim();
        if needle.is_empty() {
            continue;
        }
        let label = d.label.unwrap_or(Label::Person);
        let (hay, pat) = if same_len { (lower.as_str(), needle.to_lowercase()) } else { (text, needle.to_string()) };
        let mut from = 0;
        while let Some(p) = hay[from..].find(&pat) {
            let s = from + p;
            let e = s + pat.len();
            from = s + pat.len().max(1);
            let before_ok = text[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok && text.is_char_boundary(s) && text.is_char_boundary(e) {
                let kind = d.kind.clone().unwrap_or_else(|| match label {
                    Label::Person => "person",
                    Label::Place => "place",
                    Label::Number => "cardinal",
                    Label::Date => "date",
                }.to_string());
                let mut ent = Entity { start: s, end: e, label, kind, text: text[s..e].to_string(), value: None, low: None, high: None, unit: None, currency: None, score: 1.0 };
                if label == Label::Number {
                    fill_value(&mut ent);
                }
                forced.push(ent);
            }
        }
    }
    if forced.is_empty() {
        return;
    }
    let all: Vec<(Entity, u8)> = forced.into_iter().map(|e| (e, 1)).chain(ents.drain(..).map(|e| (e, 0))).collect();
    *ents = spans::non_overlapping(all, |(e, _)| (e.start, e.end), |(_, p)| *p).into_iter().map(|(e, _)| e).collect();
}

/// Rewrites byte offsets into the requested unit (the one conversion point of the pipeline).
fn convert_offsets(text: &str, ents: &mut [Entity], to: Encoding) {
    if to == Encoding::Utf8 || ents.is_empty() {
        return;
    }
    let bytes: Vec<usize> = ents.iter().flat_map(|e| [e.start, e.end]).collect();
    let conv = offsets::convert_sorted(text, &bytes, to);
    for (e, c) in ents.iter_mut().zip(conv.chunks(2)) {
        e.start = c[0];
        e.end = c[1];
    }
}
