//! Tags → spans, then the document-level pass that makes mentions consistent, the user
//! dictionary, and the merge into one sorted, non-overlapping list.

use crate::model::{tag_pos, tag_type};
use std::collections::HashMap;

/// A span over tokens with the tagger's entity type.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSpan {
    /// Byte offsets.
    pub start: usize,
    pub end: usize,
    /// Index into the model's types, or `usize::MAX` for a dictionary-forced span (see `forced`).
    pub ty: usize,
    pub score: f32,
    /// Token index range (within the whole text).
    pub first_tok: usize,
    pub last_tok: usize,
}

/// Read BILOU tags of one sentence (token indices `base..base+tags.len()`) into spans.
pub fn from_tags(tags: &[usize], conf: &[f32], toks: &[crate::tokens::Token], base: usize, out: &mut Vec<RawSpan>) {
    let mut open: Option<(usize, usize, f32)> = None; // (first token, type, lowest confidence)
    for (i, &t) in tags.iter().enumerate() {
        if t == 0 {
            open = None;
            continue;
        }
        let ty = tag_type(t).unwrap();
        match tag_pos(t) {
            0 => open = Some((i, ty, conf[i])),
            1 => {
                if let Some(o) = open.as_mut() {
                    o.2 = o.2.min(conf[i]);
                }
            }
            2 => {
                if let Some((f, oty, sum)) = open.take() {
                    if oty == ty {
                        out.push(RawSpan { start: toks[base + f].start, end: toks[base + i].end, ty, score: sum.min(conf[i]), first_tok: base + f, last_tok: base + i });
                    }
                }
            }
            _ => {
                open = None;
                out.push(RawSpan { start: toks[base + i].start, end: toks[base + i].end, ty, score: conf[i], first_tok: base + i, last_tok: base + i });
            }
        }
    }
}

/// Document-level consistency. `is_person(ty)`, `is_place(ty)` say which types are which.
///
/// 1. The same string gets the same type everywhere: each distinct span text takes the type with
///    the highest total confidence over its mentions.
/// 2. A confidently tagged multi-word person name ("Harry Smith") marks the untagged, capitalised
///    mentions of its last word elsewhere ("Smith", "Smith's") as the same person.
pub fn harmonise(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, person_ty: Option<usize>, name_like: impl Fn(usize) -> bool) {
    let mut votes: HashMap<&str, HashMap<usize, f32>> = HashMap::new();
    for s in spans.iter() {
        if name_like(s.ty) {
            *votes.entry(&text[s.start..s.end]).or_default().entry(s.ty).or_default() += s.score;
        }
    }
    let best: HashMap<&str, usize> = votes
        .iter()
        .map(|(k, v)| (*k, *v.iter().max_by(|a, b| a.1.partial_cmp(b.1).unwrap().then(b.0.cmp(a.0))).unwrap().0))
        .collect();
    for s in spans.iter_mut() {
        if name_like(s.ty) {
            if let Some(&b) = best.get(&text[s.start..s.end]) {
                s.ty = b;
            }
        }
    }
    let Some(person) = person_ty else { return };
    let mut surnames: HashMap<&str, f32> = HashMap::new();
    for s in spans.iter() {
        if s.ty == person && s.last_tok > s.first_tok && s.score > 0.5 {
            let w = toks[s.last_tok].text(text);
            if w.chars().count() > 1 && w.chars().next().is_some_and(char::is_uppercase) {
                let e = surnames.entry(w).or_insert(0.0);
                *e = e.max(s.score);
            }
        }
    }
    if surnames.is_empty() {
        return;
    }
    let mut covered = vec![false; toks.len()];
    for s in spans.iter() {
        for c in &mut covered[s.first_tok..=s.last_tok] {
            *c = true;
        }
    }
    let mut added = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !covered[i] {
            if let Some(&sc) = surnames.get(t.text(text)) {
                added.push(RawSpan { start: t.start, end: t.end, ty: person, score: sc * 0.8, first_tok: i, last_tok: i });
            }
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| s.start);
    }
}

/// Removes overlaps: earlier-starting, then longer, spans win. Input order does not matter.
pub fn non_overlapping<T>(mut items: Vec<T>, range: impl Fn(&T) -> (usize, usize), priority: impl Fn(&T) -> u8) -> Vec<T> {
    // Higher priority first, then longer, then earlier; keep a span only if it overlaps nothing kept.
    items.sort_by(|a, b| {
        let (sa, ea) = range(a);
        let (sb, eb) = range(b);
        priority(b).cmp(&priority(a)).then((eb - sb).cmp(&(ea - sa))).then(sa.cmp(&sb))
    });
    let mut kept: Vec<T> = Vec::with_capacity(items.len());
    let mut taken: std::collections::BTreeMap<usize, usize> = Default::default(); // start → end
    for it in items {
        let (s, e) = range(&it);
        let clash = taken.range(..e).next_back().is_some_and(|(_, &pe)| pe > s);
        if !clash {
            taken.insert(s, e);
            kept.push(it);
        }
    }
    kept.sort_by_key(|t| range(t).0);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn overlaps_resolved_by_priority_then_length() {
        let v = vec![(0, 5, 0u8), (3, 9, 0), (8, 12, 1), (20, 22, 0)];
        let k = non_overlapping(v, |t| (t.0, t.1), |t| t.2);
        assert_eq!(k, vec![(0, 5, 0), (8, 12, 1), (20, 22, 0)]);
    }
}
