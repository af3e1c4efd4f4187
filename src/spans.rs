//! Tags → spans, then the document-level pass that makes mentions consistent, the user
//! dictionary, and the merge into one sorted, non-overlapping list.

use crate::model::{tag_pos, tag_type};
/// Maps keyed by the words of one text (FNV: a few times cheaper than SipHash on short keys).
type HashMap<K, V> = std::collections::HashMap<K, V, crate::hash::FnvBuild>;

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

/// A name span at least this confident keeps its own type whatever the other mentions say, unless
/// one of the two types is PERSON (chosen on OntoNotes and CoNLL dev: 0.90 gave CoNLL LOC +1.1 F1
/// over always harmonising with a single tagger; 0.8 with the averaged taggers, whose scores run
/// lower: CoNLL LOC +0.3, flat from 0.75 to 0.85).
pub const HARMONISE_KEEP: f32 = 0.8;

/// Document-level consistency. `person_ty` is the PERSON type, `name_like(ty)` the name types.
///
/// 1. The same string gets the same type everywhere: the type with the highest total confidence
///    over its mentions. Only a confident mention (at least [`HARMONISE_KEEP`]) may keep another
///    type, and never where that makes it a person here and not there (or the other way round).
/// 2. A confidently tagged name (at least [`HARMONISE_KEEP`]) marks its other, untagged mentions
///    written the same way as the same name (dev: PERSON +0.2 F1, CoNLL LOC +0.2).
/// 3. A tagged multi-word person name ("Harry Smith") marks the untagged, capitalised mentions of
///    its last word elsewhere ("Smith", "Smith's") as the same person.
/// 4. An unsure one-word mention of another type that is a confident person's surname is that
///    person, unless a preposition of place comes before it ("MaliVai Washington … Washington
///    found the net", not "flew to Washington").
/// 5. A confident person's hyphenated surname ("Sam Bankman-Fried") is that person wherever it is
///    tagged alone as another kind of name (the tagger reads "Bankman-Fried" as a company).
/// 6. In a line written all in capitals, a confident name written in mixed case elsewhere, or a
///    confident person's surname, is that name ("TRUMP SLAMS BIDEN" after "Donald Trump"):
///    untagged mentions are added, unsure ones of another type retyped (CoNLL-2003 dev PER
///    0.9472 → 0.9473, LOC 0.9220 → 0.9227; train PER +5 people; OntoNotes unchanged).
pub fn harmonise(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, person_ty: Option<usize>, name_like: impl Fn(usize) -> bool) {
    let mut votes: HashMap<&str, HashMap<usize, f32>> = HashMap::default();
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
                // A person in one place and a place (or company) in the next needs more reason
                // than one confident mention: the mentions' vote decides.
                let person_vs_other = person_ty.is_some_and(|p| (s.ty == p) != (b == p));
                if s.score < HARMONISE_KEEP || person_vs_other {
                    s.ty = b;
                }
            }
        }
    }
    // A name in capitals only ("KHARKIV" in a headline) that the tagger calls a person where the
    // text's mixed-case mentions say otherwise ("Kharkiv", a place), or the other way round,
    // follows those: its case hides what the tagger reads best. (Other disagreements stay: "AT
    // CHICAGO" in a fixtures list is the city where "Chicago" in the text is the team.)
    if let Some(p) = person_ty {
        let shouted = |s: &RawSpan| !text[s.start..s.end].chars().any(char::is_lowercase);
        let mut mixed: HashMap<String, HashMap<usize, f32>> = HashMap::default();
        for s in spans.iter().filter(|s| name_like(s.ty) && !shouted(s)) {
            *mixed.entry(text[s.start..s.end].to_uppercase()).or_default().entry(s.ty).or_default() += s.score;
        }
        if !mixed.is_empty() {
            for s in spans.iter_mut().filter(|s| name_like(s.ty)) {
                if !shouted(s) {
                    continue;
                }
                if let Some(v) = mixed.get(&text[s.start..s.end]) {
                    let b = *v.iter().max_by(|a, b| a.1.partial_cmp(b.1).unwrap().then(b.0.cmp(a.0))).unwrap().0;
                    if (s.ty == p) != (b == p) {
                        s.ty = b;
                    }
                }
            }
        }
    }
    let mut covered = covered_tokens(toks.len(), spans);
    let mut added = Vec::new();
    // 2. Other mentions of a confidently tagged name, written the same way, are that name too.
    // First word → one mention of each distinct (name, type): (first, last, type, best score).
    let mut names: HashMap<&str, Vec<(usize, usize, usize, f32)>> = HashMap::default();
    let mut seen: HashMap<(&str, usize), usize> = HashMap::default(); // (name, type) → its place in `names[first]`
    for s in spans.iter() {
        if name_like(s.ty) && s.score >= HARMONISE_KEEP && text[s.start..].starts_with(char::is_uppercase) {
            let first = toks[s.first_tok].text(text);
            let list = names.entry(first).or_default();
            match seen.get(&(&text[s.start..s.end], s.ty)) {
                Some(&k) => list[k].3 = list[k].3.max(s.score),
                None => {
                    seen.insert((&text[s.start..s.end], s.ty), list.len());
                    list.push((s.first_tok, s.last_tok, s.ty, s.score));
                }
            }
        }
    }
    if !names.is_empty() {
        let mut i = 0;
        while i < toks.len() {
            let mut next = i + 1;
            if !covered[i] {
                if let Some(cands) = names.get(toks[i].text(text)) {
                    let fits = |&&(f, l, _, _): &&(usize, usize, usize, f32)| i + (l - f) < toks.len() && (0..=l - f).all(|k| !covered[i + k] && toks[i + k].text(text) == toks[f + k].text(text));
                    if let Some(&(f, l, ty, sc)) = cands.iter().filter(fits).max_by_key(|c| c.1 - c.0) {
                        let j = i + (l - f);
                        added.push(RawSpan { start: toks[i].start, end: toks[j].end, ty, score: sc * 0.8, first_tok: i, last_tok: j });
                        covered[i..=j].iter_mut().for_each(|c| *c = true);
                        next = j + 1;
                    }
                }
            }
            i = next;
        }
    }
    // 3. Surnames of people.
    if let Some(person) = person_ty {
        let mut surnames: HashMap<&str, f32> = HashMap::default();
        // The surname of "Mauricio Pochettino Jr." is "Pochettino".
        let suffix = |k: usize| matches!(toks[k].text(text), "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III" | "IV");
        for s in spans.iter() {
            let last = if s.last_tok > s.first_tok + 1 && suffix(s.last_tok) { s.last_tok - 1 } else { s.last_tok };
            if s.ty == person && last > s.first_tok && s.score > 0.5 {
                let w = toks[last].text(text);
                if w.chars().count() > 1 && w.chars().next().is_some_and(char::is_uppercase) {
                    let e = surnames.entry(w).or_insert(0.0);
                    *e = e.max(s.score);
                }
            }
        }
        // Not a piece of a hyphenated word ("Smith-Jones", "Bankman-Fried"): see 5.
        let in_chain = |i: usize| (i >= 1 && toks[i - 1].end == toks[i].start && matches!(toks[i - 1].text(text), "-" | "‐" | "‑")) || toks.get(i + 1).is_some_and(|n| n.start == toks[i].end && matches!(n.text(text), "-" | "‐" | "‑"));
        for (i, t) in toks.iter().enumerate() {
            if !covered[i] && !in_chain(i) {
                if let Some(&sc) = surnames.get(t.text(text)) {
                    added.push(RawSpan { start: t.start, end: t.end, ty: person, score: sc * 0.8, first_tok: i, last_tok: i });
                    // (So that 6 adds no second span on it in a line of capitals.)
                    covered[i] = true;
                }
            }
        }
        // 4. A one-word name of another type, tagged without confidence, that is a confident
        // person's surname is that person where no preposition of place comes before it
        // ("Washington found the net" after "MaliVai Washington"; dev CoNLL PER 0.9424 → 0.9466,
        // LOC 0.9189 → 0.9191, OntoNotes PERSON 0.9086 → 0.9089; train CoNLL PER 0.9833 →
        // 0.9838, OntoNotes PERSON 0.9711 → 0.9710; places alone instead of any name type gave
        // CoNLL PER 0.9426: most such mentions were organisations).
        {
            for s in spans.iter_mut() {
                if s.first_tok == s.last_tok && s.ty != person && name_like(s.ty) && s.score < HARMONISE_KEEP && surnames.get(toks[s.first_tok].text(text)).is_some_and(|&sc| sc >= HARMONISE_KEEP) {
                    let prev = if s.first_tok > 0 { toks[s.first_tok - 1].text(text).to_lowercase() } else { String::new() };
                    if !matches!(prev.as_str(), "in" | "to" | "from" | "at" | "near" | "of" | "into" | "across" | "through" | "outside" | "around") {
                        s.ty = person;
                    }
                }
            }
        }
    }
    // 6. In a line written all in capitals (a headline), a name the text writes in mixed case
    // and the tagger found there with confidence ("Paris", "Donald Trump"), or such a person's
    // surname, is that name too ("TRUMP SLAMS BIDEN", "FLOODS HIT PARIS"): capitals hide the
    // clues the tagger reads.
    {
        let letters_upper = |w: &str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
        // Upper-cased first word → (upper-cased words, type, score).
        let mut shouted_names: ShoutedNames = HashMap::default();
        let mut note = |words: Vec<String>, ty: usize, score: f32| note_shouted_name(&mut shouted_names, words, ty, score);
        for s in spans.iter().filter(|s| name_like(s.ty) && s.score >= HARMONISE_KEEP && text[s.start..s.end].chars().any(char::is_lowercase)) {
            let words: Vec<String> = (s.first_tok..=s.last_tok).map(|k| toks[k].text(text).to_uppercase()).collect();
            if Some(s.ty) == person_ty && s.last_tok > s.first_tok && toks[s.last_tok].text(text).chars().count() > 1 {
                note(vec![words[words.len() - 1].clone()], s.ty, s.score);
            }
            note(words, s.ty, s.score);
        }
        if !shouted_names.is_empty() {
            // Whether token `i` stands on a line without a lower-case letter.
            let shouted = shouted_lines(text, toks);
            let shouted_line = |i: usize| shouted[i];
            // Unsure spans of another type on exactly such words take its type ("TRUMP" read as
            // a company).
            for s in spans.iter_mut().filter(|s| name_like(s.ty) && s.score < HARMONISE_KEEP) {
                let words = s.first_tok..=s.last_tok;
                let found = shouted_names.get(toks[s.first_tok].text(text)).and_then(|cands| cands.iter().find(|c| c.0.len() == words.clone().count() && words.clone().zip(&c.0).all(|(k, w)| toks[k].text(text) == w)));
                if let Some(&(_, ty, sc)) = found {
                    if ty != s.ty && shouted_line(s.first_tok) {
                        s.ty = ty;
                        s.score = s.score.max(sc * 0.8);
                    }
                }
            }
            let mut i = 0;
            while i < toks.len() {
                let mut next = i + 1;
                let w = toks[i].text(text);
                if !covered[i] && letters_upper(w) {
                    if let Some(cands) = shouted_names.get(w) {
                        let fits = |c: &&(Vec<String>, usize, f32)| i + c.0.len() <= toks.len() && (0..c.0.len()).all(|k| !covered[i + k] && toks[i + k].text(text) == c.0[k]);
                        if let Some((words, ty, sc)) = cands.iter().filter(fits).max_by_key(|c| c.0.len()).cloned() {
                            if shouted_line(i) {
                                let j = i + words.len() - 1;
                                added.push(RawSpan { start: toks[i].start, end: toks[j].end, ty, score: sc * 0.8, first_tok: i, last_tok: j });
                                covered[i..=j].iter_mut().for_each(|c| *c = true);
                                next = j + 1;
                            }
                        }
                    }
                }
                i = next;
            }
        }
    }
    // 5. A confident person's hyphenated surname ("Sam Bankman-Fried") names that person
    // wherever it stands alone: the tagger reads such a mention as a company ("Rolls-Royce").
    if let Some(person) = person_ty {
        let hyphen = |w: &str| matches!(w, "-" | "‐" | "‑");
        let glued = |a: usize| toks[a].end == toks[a + 1].start;
        // Each surname → the index of its last token past its first, and the person's score.
        let mut hyphenated: HashMap<&str, (usize, f32)> = HashMap::default();
        for s in spans.iter().filter(|s| s.ty == person && s.score >= HARMONISE_KEEP && s.last_tok >= s.first_tok + 3) {
            let mut k = s.last_tok;
            while k >= s.first_tok + 3 && hyphen(toks[k - 1].text(text)) && glued(k - 2) && glued(k - 1) {
                k -= 2;
            }
            if k < s.last_tok && k > s.first_tok && text[toks[k].start..].starts_with(char::is_uppercase) {
                let e = hyphenated.entry(&text[toks[k].start..s.end]).or_insert((s.last_tok - k, 0.0));
                e.1 = e.1.max(s.score);
            }
        }
        if !hyphenated.is_empty() {
            for s in spans.iter_mut().chain(added.iter_mut()).filter(|s| s.ty != person && name_like(s.ty)) {
                if hyphenated.contains_key(&text[s.start..s.end]) {
                    s.ty = person;
                }
            }
            // Its untagged mentions, as whole words: a surname starts with a word and a hyphen.
            let firsts: std::collections::HashSet<&str, crate::hash::FnvBuild> = hyphenated.keys().map(|n| n.split(['-', '‐', '‑']).next().unwrap_or(n)).collect();
            let mut i = 0;
            while i < toks.len() {
                // Not glued to a word or a hyphen ("Bankman-Fried," is a mention; "Bankman-Fried-Smith" is not).
                let wordish = |t: &crate::tokens::Token| t.text(text).chars().next().is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '‐' | '‑'));
                let fits = |&(len, _): &(usize, f32)| {
                    i + len < toks.len() && !covered[i..=i + len].iter().any(|&c| c) && (i == 0 || toks[i - 1].end < toks[i].start || !wordish(&toks[i - 1])) && toks.get(i + len + 1).is_none_or(|n| n.start > toks[i + len].end || !wordish(n))
                };
                let found = firsts.contains(toks[i].text(text)).then(|| (2..=8).step_by(2).find_map(|len| hyphenated.get(text.get(toks[i].start..toks.get(i + len)?.end)?).filter(|&&(l, _)| l == len).copied().filter(fits))).flatten();
                match found {
                    Some((len, sc)) => {
                        added.push(RawSpan { start: toks[i].start, end: toks[i + len].end, ty: person, score: sc * 0.8, first_tok: i, last_tok: i + len });
                        covered[i..=i + len].iter_mut().for_each(|c| *c = true);
                        i += len + 1;
                    }
                    None => i += 1,
                }
            }
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| s.start);
    }
}

/// Head words that end the names of facilities, natural locations and administrative places,
/// never of people in OntoNotes' training data ("Ayn al-Assad Airbase", "Yangtze River",
/// "Orange County"), with the type they make: 0 FAC, 1 LOC, 2 GPE.
const PLACE_HEADS: &[(&str, u8)] = &[
    ("airport", 0), ("airbase", 0), ("base", 0), ("bridge", 0), ("road", 0), ("square", 0), ("railway", 0),
    ("street", 0), ("avenue", 0), ("highway", 0), ("boulevard", 0), ("stadium", 0), ("station", 0),
    ("palace", 0), ("mosque", 0), ("cathedral", 0), ("prison", 0), ("canal", 0), ("plaza", 0),
    ("building", 0), ("expressway", 0), ("freeway", 0), ("motorway", 0), ("tunnel", 0), ("harbor", 0),
    ("harbour", 0), ("park", 0), ("river", 1), ("sea", 1), ("ocean", 1), ("gulf", 1), ("strait", 1),
    ("delta", 1), ("lake", 1), ("mountain", 1), ("mountains", 1), ("valley", 1), ("desert", 1), ("canyon", 1),
    ("plateau", 1), ("basin", 1), ("glacier", 1), ("falls", 1), ("coast", 1), ("island", 1), ("islands", 1),
    ("county", 2), ("city", 2), ("township", 2), ("province", 2), ("states", 2),
    ("airfield", 0), ("airstrip", 0), ("trail", 0), ("memorial", 0), ("garden", 0), ("gardens", 0),
    ("cemetery", 0), ("crossing", 0), ("mall", 0), ("reservoir", 0), ("dam", 0), ("pier", 0),
    ("bay", 1), ("peninsula", 1), ("reef", 1), ("peak", 1), ("marshes", 1), ("beach", 2), ("springs", 2),
    ("heights", 2), ("hills", 2), ("cosmodrome", 0), ("spaceport", 0), ("launchpad", 0), ("collider", 0),
    ("telescope", 0), ("reactor", 0), ("observatory", 0),
];

/// The head words of `PLACE_HEADS` that also make a place of an organisation the tagger found
/// ("Changi Prison", "Kai Tak Airport"): in OntoNotes and CoNLL train at most one name in twenty
/// with such a head is an organisation ("county" and "province" are not here: CoNLL's cricket
/// clubs are "Durham County"; nor "street", "station", "palace": "Wall Street").
const ORG_PLACE_HEADS: &[&str] = &[
    "airport", "airbase", "base", "bridge", "road", "highway", "stadium", "mosque", "prison", "canal", "plaza", "tunnel",
    "river", "sea", "ocean", "gulf", "lake", "mountains", "desert", "airfield", "bay", "beach", "trail", "memorial",
    "cemetery", "crossing", "mall", "cosmodrome", "spaceport",
];

/// "Hong Kong Wetland Park", "Hong Kong International Airport": a place (`gpe`) that starts a
/// run of capitalised words ending in a facility's head word (`PLACE_HEADS` of type FAC) is
/// part of that facility's name, one span of type `fac` with what the tagger found after it
/// (nothing, or names inside the run). On OntoNotes train, 345 of 347 such runs are one name
/// (168 facilities, 179 organisations: "Beijing University"; "university" is no head here).
pub fn facilities_named_after_places(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, gpe: usize, fac: usize) {
    let cap = |i: usize| crate::tokens::is_capitalised_word(toks[i].text(text));
    let mut owner = vec![usize::MAX; toks.len()];
    for (k, s) in spans.iter().enumerate() {
        owner[s.first_tok..=s.last_tok].iter_mut().for_each(|o| *o = k);
    }
    let mut absorbed = vec![false; spans.len()];
    for k in 0..spans.len() {
        let s = &spans[k];
        // Not a possessive place ("New York's Kennedy Airport": two names).
        if s.ty != gpe || absorbed[k] || (s.first_tok > 0 && cap(s.first_tok - 1)) || matches!(toks[s.last_tok].text(text), "'s" | "’s") {
            continue;
        }
        let mut l = s.last_tok;
        while l + 1 < toks.len() && cap(l + 1) && toks[l + 1].start == toks[l].end + 1 {
            l += 1;
        }
        if l == s.last_tok || !PLACE_HEADS.iter().any(|&(h, t)| t == 0 && toks[l].text(text).eq_ignore_ascii_case(h)) {
            continue;
        }
        // The spans after the place must lie inside the run.
        let inside: Vec<usize> = (s.last_tok + 1..=l).map(|i| owner[i]).filter(|&o| o != usize::MAX).collect();
        if inside.iter().any(|&o| spans[o].first_tok <= s.last_tok || spans[o].last_tok > l) {
            continue;
        }
        inside.iter().for_each(|&o| absorbed[o] = true);
        let end = toks[l].end;
        let s = &mut spans[k];
        (s.ty, s.end, s.last_tok) = (fac, end, l);
    }
    let mut keep = absorbed.iter().map(|a| !a);
    spans.retain(|_| keep.next().unwrap_or(true));
}

/// A person's name that ends in a place's head word ("Ayn al-Assad Airbase") is that place,
/// unless the head word is also a surname (`is_surname`: "Andrew Park", "Picabo Street"); so is
/// an organisation's (`org`) whose head word is one of `ORG_PLACE_HEADS` ("Changi Prison"), but
/// not a name with "of", whose place is only its end ("First National Bank of Toms River"):
/// `place_types` are the model's FAC, LOC and GPE types.
pub fn retype_by_head(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], person: usize, org: Option<usize>, place_types: [usize; 3], is_surname: impl Fn(&str) -> bool) {
    let covered = covered_tokens(toks.len(), spans);
    for s in spans.iter_mut().filter(|s| (s.ty == person || Some(s.ty) == org) && s.last_tok > s.first_tok) {
        let head = toks[s.last_tok].text(text).to_lowercase();
        if (s.ty == person && is_surname(&head)) || (s.ty != person && !ORG_PLACE_HEADS.contains(&head.as_str())) {
            continue;
        }
        if toks[s.first_tok..s.last_tok].iter().any(|t| t.text(text) == "of") {
            continue;
        }
        if let Some(&(_, k)) = PLACE_HEADS.iter().find(|(h, _)| *h == head) {
            let was_person = s.ty == person;
            s.ty = place_types[k as usize];
            // "the Large Hadron Collider": a person's name made a facility takes one capitalised
            // word the tagger left out between "the" and it.
            let f = s.first_tok;
            if was_person && k == 0 && f >= 2 && !covered[f - 1] && crate::tokens::is_capitalised_word(toks[f - 1].text(text)) && toks[f - 2].text(text).eq_ignore_ascii_case("the") {
                s.first_tok = f - 1;
                s.start = toks[f - 1].start;
            }
        }
    }
}

/// Drops the people (`person` spans) scored below `min`, except those scored `listed_min` or
/// more that "and", "or" or a comma joins to a person scored `min` or more ("Paris Hilton and
/// Jordan Peterson"), that `full_name` accepts ("Taylor Swift", a first name and a surname), or
/// whose unsure mentions together reach `min` (below).
pub fn drop_unsure_people(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, person: usize, min: f32, listed_min: f32, full_name: impl Fn(&RawSpan) -> bool) {
    let joined = |a: &RawSpan, b: &RawSpan| b.first_tok == a.last_tok + 2 && matches!(toks[a.last_tok + 1].text(text), "and" | "or" | ",");
    // Mentions add up: the unsure people (`listed_min` or more) whose last word is the same are
    // as sure as the chance that at least one of them is right ("Obama spoke in Chicago. Obama's
    // aide …": 0.50 and 0.56, together 0.78).
    let last_word = |s: &RawSpan| toks[s.last_tok].text(text);
    let mut doubt: HashMap<&str, f32> = HashMap::default();
    // Only names of plain capitalised words ("Tino Martinez 's", "TAVILDARA" are not).
    let clean = |s: &RawSpan| (s.first_tok..=s.last_tok).all(|k| {
        let w = toks[k].text(text);
        crate::tokens::is_capitalised_word(w) && w.chars().any(char::is_lowercase) && w.chars().all(char::is_alphabetic)
    });
    for s in spans.iter().filter(|s| s.ty == person && s.score >= listed_min && clean(s)) {
        *doubt.entry(last_word(s)).or_insert(1.0) *= 1.0 - s.score;
    }
    // Not where a mention is of another type, or after a preposition of place ("in Batajnica").
    for s in spans.iter() {
        let placed = s.first_tok > 0 && matches!(toks[s.first_tok - 1].text(text), "in" | "In" | "near" | "into" | "outside" | "across");
        if s.ty != person || placed {
            if let Some(d) = doubt.get_mut(last_word(s)) {
                *d = 1.0;
            }
        }
    }
    let together = |s: &RawSpan| clean(s) && doubt.get(last_word(s)).is_some_and(|d| 1.0 - d >= min);
    let sure = |s: &RawSpan| s.ty != person || s.score >= min || (s.score >= listed_min && (full_name(s) || together(s)));
    let confident_person = |s: &RawSpan| s.ty == person && s.score >= min;
    let keep: Vec<bool> = (0..spans.len())
        .map(|k| {
            let s = &spans[k];
            sure(s)
                || (s.score >= listed_min
                    && ((k > 0 && confident_person(&spans[k - 1]) && joined(&spans[k - 1], s)) || spans.get(k + 1).is_some_and(|n| confident_person(n) && joined(s, n))))
        })
        .collect();
    let mut keep = keep.into_iter();
    spans.retain(|_| keep.next().unwrap_or(true));
}

/// "a man from St. Paul": "St." or "Saint" and the capitalised word after it that the lists know
/// as a city of 100,000 or more with "Saint" spelt out (`city`) are that city (`gpe`), whatever
/// the tagger made of the word (here an unsure person, "Paul" at 0.51, that the rules for
/// unsure people would drop, or for churches make a church).
pub fn saint_cities(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, gpe: usize, city: impl Fn(&str) -> bool) {
    let mut found = vec![];
    for k in 0..toks.len().saturating_sub(1) {
        let w = toks[k + 1].text(text);
        if matches!(toks[k].text(text), "St." | "Saint" | "ST." | "SAINT") && crate::tokens::is_capitalised_word(w) && city(&format!("Saint {w}")) {
            found.push(k);
        }
    }
    if found.is_empty() {
        return;
    }
    // Per token, the city starting there (its "St.") or ending there (the word).
    let mut at = vec![usize::MAX; toks.len()];
    found.iter().for_each(|&k| (at[k], at[k + 1]) = (k, k));
    // A span of the word alone or of both words becomes the city (at least 0.8 sure); a longer
    // name keeps its span ("St. Paul Cathedral").
    for s in spans.iter_mut() {
        let k = at[s.first_tok];
        if k != usize::MAX && s.last_tok == k + 1 {
            (s.first_tok, s.start, s.ty, s.score) = (k, toks[k].start, gpe, s.score.max(0.8));
        }
    }
    let covered = covered_tokens(toks.len(), spans);
    for k in found {
        if !covered[k] && !covered[k + 1] {
            spans.push(RawSpan { start: toks[k].start, end: toks[k + 1].end, ty: gpe, score: 0.8, first_tok: k, last_tok: k + 1 });
        }
    }
    spans.sort_by_key(|s| (s.start, s.end));
}

/// "the band at St. Mary Abbot", "the parishioners of St. Michael": a person found right after
/// "St." or "Saint" (left out of the span) names a church or a school, not a person: the span
/// takes the word in and becomes an organisation (`org`). On OntoNotes train no person follows
/// such a word outside its span (its saints and people include it: "Saint Augustine", "Imette
/// St. Guillen"); dev OntoNotes PERSON 0.9158 → 0.9168 (4 false people fewer).
pub fn saints_name_churches(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], person: usize, org: usize) {
    for s in spans.iter_mut().filter(|s| s.ty == person && s.first_tok > 0) {
        let k = s.first_tok - 1;
        if matches!(toks[k].text(text), "St." | "Saint" | "ST." | "SAINT") && (k == 0 || !crate::tokens::is_capitalised_word(toks[k - 1].text(text)) || matches!(toks[k - 1].text(text), "The" | "At" | "In" | "Of")) {
            (s.first_tok, s.start, s.ty) = (k, toks[k].start, org);
        }
    }
}

/// "Taylor Swift's Eras Tour": a span of another type that starts with a person's name and its
/// "'s" (two or three capitalised words, a census first name first and a surname last, then more
/// words) is that person and, after the "'s", the rest with the span's type and score. OntoNotes
/// train has no organisation, work or event named so; the tagger reads a few of them whole.
pub fn possessor_names(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, person: usize, is_first_name: impl Fn(&str) -> bool, is_surname: impl Fn(&str) -> bool) {
    let mut out = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        let possessive = (s.first_tok + 2..s.last_tok.min(s.first_tok + 4)).find(|&k| matches!(toks[k].text(text), "'s" | "’s"));
        let name = possessive.filter(|&k| {
            let words = &toks[s.first_tok..k];
            s.ty != person
                && s.ty != usize::MAX
                && words.iter().all(|t| crate::tokens::is_capitalised_word(t.text(text)))
                && is_first_name(words[0].text(text))
                && is_surname(words[words.len() - 1].text(text))
        });
        match name {
            Some(k) => {
                out.push(RawSpan { start: s.start, end: toks[k - 1].end, ty: person, score: s.score, first_tok: s.first_tok, last_tok: k - 1 });
                out.push(RawSpan { start: toks[k + 1].start, first_tok: k + 1, ..s });
            }
            None => out.push(s),
        }
    }
    *spans = out;
}

/// "Jordan's King Abdullah II": an organisation (`org`) of a royal title and a name, the name
/// capitalised and either numbered or starting with a first name (`is_first_name`), is that
/// person without the title (OntoNotes leaves the title out).
pub fn royals(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], org: usize, person: usize, is_first_name: impl Fn(&str) -> bool) {
    let roman = |w: &str| !w.is_empty() && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    for s in spans.iter_mut().filter(|s| s.ty == org && s.last_tok > s.first_tok && s.last_tok - s.first_tok <= 4) {
        let title = toks[s.first_tok].text(text);
        if !matches!(title, "King" | "Queen" | "Prince" | "Princess" | "Sheikh" | "Emir" | "Sultan" | "Pope") {
            continue;
        }
        let rest = &toks[s.first_tok + 1..=s.last_tok];
        if rest.iter().all(|t| {
            let w = t.text(text);
            roman(w) || (crate::tokens::is_capitalised_word(w) && w.chars().skip(1).all(char::is_lowercase))
        }) && !roman(rest[0].text(text))
            // A first name, or a numbered name ("Abdullah II"): not "King World Productions".
            && (is_first_name(rest[0].text(text)) || roman(rest[rest.len() - 1].text(text)))
        {
            s.first_tok += 1;
            s.start = toks[s.first_tok].start;
            s.ty = person;
        }
    }
}

/// "Jockey Shane Sellers", "the Vicar Hummerstone": a title or rank the tagger took into a
/// person's name (`is_title`, lower case) is left out, as OntoNotes leaves titles out (on its
/// train split, "President" comes before 537 people and starts 1; "Senator" 91 and 1). The name
/// keeps at least one word.
pub fn strip_titles(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], person: usize, is_title: impl Fn(&str) -> bool) {
    for s in spans.iter_mut().filter(|s| s.ty == person) {
        // Not "Major - General …": a hyphen makes the title part of a longer one.
        while s.last_tok > s.first_tok && is_title(&toks[s.first_tok].text(text).to_lowercase()) && !matches!(toks[s.first_tok + 1].text(text), "-" | "–") {
            s.first_tok += 1;
            s.start = toks[s.first_tok].start;
        }
    }
}

/// "Humboldt County Sheriff William Honsal": a title (`is_title`, lower case) that ends another
/// name span (`is_name`: a place the tagger read as "Humboldt County Sheriff") right before a
/// person is the person's, not part of that name, and is left out of it.
pub fn titles_before_people(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], person: usize, is_name: impl Fn(usize) -> bool, is_title: impl Fn(&str) -> bool) {
    if !spans.windows(2).all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)) {
        spans.sort_by_key(|s| (s.start, s.end));
    }
    for k in 0..spans.len() {
        let s = &spans[k];
        let l = s.last_tok;
        if s.ty != person && is_name(s.ty) && l > s.first_tok && spans.get(k + 1).is_some_and(|n| n.ty == person && n.first_tok == l + 1) && is_title(&toks[l].text(text).to_lowercase()) && crate::tokens::is_capitalised_word(toks[l].text(text)) {
            spans[k].last_tok = l - 1;
            spans[k].end = toks[l - 1].end;
        }
    }
}

/// "ruled in Trump v. United States", "Roe v. Wade": a case's name is its two parties, not one
/// name (the tagger read the first as one place). A name span (`is_name`) with "v." or "vs." inside
/// splits there, each party (its tokens `f..=l`) of the type `party_type(f, l, the span's type)`
/// says: in the annotator, a place where the lists know it ("United States"), a person where the
/// census does or the span was a person, else an organisation (not shown). OntoNotes train tags
/// "v." and "vs." outside names 20 times in 24.
pub fn case_names(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, is_name: impl Fn(usize) -> bool, party_type: impl Fn(usize, usize, usize) -> usize) {
    let versus = |i: usize| matches!(toks[i].text(text), "v." | "vs." | "v" | "vs");
    if !spans.iter().any(|s| is_name(s.ty) && (s.first_tok + 1..s.last_tok).any(versus)) {
        return;
    }
    let mut out = Vec::with_capacity(spans.len() + 1);
    for s in spans.drain(..) {
        let Some(v) = (is_name(s.ty)).then(|| (s.first_tok + 1..s.last_tok).find(|&i| versus(i))).flatten() else {
            out.push(s);
            continue;
        };
        for (f, l) in [(s.first_tok, v - 1), (v + 1, s.last_tok)] {
            out.push(RawSpan { start: toks[f].start, end: toks[l].end, ty: party_type(f, l, s.ty), score: s.score, first_tok: f, last_tok: l });
        }
    }
    *spans = out;
}

/// Upper-cased first word → (upper-cased words, type, best score) of the names a line in
/// capitals may spell: `words` of type `ty` go in once per name and type, however often the text
/// repeats them (so that lookups stay linear in the text).
type ShoutedNames = HashMap<String, Vec<(Vec<String>, usize, f32)>>;
fn note_shouted_name(names: &mut ShoutedNames, words: Vec<String>, ty: usize, score: f32) {
    let list = names.entry(words[0].clone()).or_default();
    match list.iter_mut().find(|(w, t, _)| *w == words && *t == ty) {
        Some(e) => e.2 = e.2.max(score),
        None => list.push((words, ty, score)),
    }
}

/// Per token, whether it stands on a line without a lower-case letter (one pass over the text:
/// asking line by line for each token would be quadratic in a long line).
fn shouted_lines(text: &str, toks: &[crate::tokens::Token]) -> Vec<bool> {
    let mut out = Vec::with_capacity(toks.len());
    let mut k = 0;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let shouted = !line.chars().any(char::is_lowercase);
        while k < toks.len() && toks[k].start < end {
            out.push(shouted);
            k += 1;
        }
        start = end;
    }
    out.resize(toks.len(), true);
    out
}

/// Per token of a text of `n` tokens, whether any of `spans` covers it.
fn covered_tokens(n: usize, spans: &[RawSpan]) -> Vec<bool> {
    let mut covered = vec![false; n];
    for s in spans {
        covered[s.first_tok..=s.last_tok.min(n.saturating_sub(1))].iter_mut().for_each(|c| *c = true);
    }
    covered
}

/// Tidies name spans (`is_name` types): a possessive or quote the tagger took along is trimmed
/// ("Zarif’s" → "Zarif"), and a person's name that a line break split in two ("Harry⏎Smith")
/// becomes one span again (places on consecutive lines are more often a list than one name).
pub fn tidy_names(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, is_name: impl Fn(usize) -> bool, person: Option<usize>) {
    let trailing = |w: &str| matches!(w, "'s" | "’s" | "'S" | "’S" | "'" | "’" | "\"" | "”" | "," | "." | ":" | ";");
    for s in spans.iter_mut() {
        if !is_name(s.ty) {
            continue;
        }
        // Only what is glued to the name: treebank-style text ("Smith 's", as in OntoNotes, which
        // includes the possessive in about a quarter of its names) keeps the tagger's choice.
        while s.last_tok > s.first_tok && trailing(toks[s.last_tok].text(text)) && toks[s.last_tok - 1].end == toks[s.last_tok].start {
            s.last_tok -= 1;
            s.end = toks[s.last_tok].end;
        }
    }
    // "Han Duck-soo", "Moon Jae-in": a person of two or more words whose last is a short
    // capitalised syllable takes the lower-case syllable hyphenated to it (a Korean given name),
    // not a word that makes an adjective of the name ("a Joe Biden-era rule").
    if let Some(p) = person {
        let covered = covered_tokens(toks.len(), spans);
        for s in spans.iter_mut().filter(|s| s.ty == p && s.last_tok > s.first_tok && s.last_tok + 2 < toks.len()) {
            let (l, glued) = (s.last_tok, |a: usize| toks[a].end == toks[a + 1].start);
            let syllable = toks[l + 2].text(text);
            let last = toks[l].text(text);
            if crate::tokens::is_capitalised_word(last)
                && last.len() <= 5
                && matches!(toks[l + 1].text(text), "-" | "‐")
                && glued(l)
                && glued(l + 1)
                && !covered[l + 1]
                && !covered[l + 2]
                && (2..=5).contains(&syllable.len())
                && syllable.bytes().all(|b| b.is_ascii_lowercase())
                && !matches!(syllable, "era" | "style" | "led" | "based" | "like" | "born" | "type" | "made" | "backed" | "linked" | "run" | "owned" | "esque" | "ish" | "free" | "only" | "level" | "year" | "old" | "ite" | "ites" | "ism" | "wing" | "wise" | "less" | "ian" | "an" | "san")
                && toks.get(l + 3).is_none_or(|n| !glued(l + 2) || !n.text(text).starts_with(char::is_alphanumeric))
            {
                s.last_tok = l + 2;
                s.end = toks[l + 2].end;
            }
        }
    }
    let mut out: Vec<RawSpan> = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        if let Some(prev) = out.last_mut() {
            let gap = &text[prev.end..s.start];
            // Both halves written alike: an all-caps headline's last word does not join the
            // capitalised name that opens the next line ("…BIDEN CONCEDES⏎John Smith won").
            let caps = |k: usize| {
                let w = toks[k].text(text);
                w.chars().filter(|c| c.is_alphabetic()).count() > 1 && !w.chars().any(char::is_lowercase)
            };
            if Some(s.ty) == person && prev.ty == s.ty && s.first_tok == prev.last_tok + 1 && gap.trim_matches([' ', '\t', '\r']) == "\n" && caps(prev.last_tok) == caps(s.first_tok) {
                prev.end = s.end;
                prev.last_tok = s.last_tok;
                prev.score = prev.score.min(s.score);
                continue;
            }
        }
        out.push(s);
    }
    *spans = out;
}

/// "of Cork, Ireland": capitalised words the tagger left untagged, right
/// before a comma and a place that `is_region` accepts (a country or a region), after "in", "of",
/// "from", "at", "near" or "to", are a place too (a town). Its score is the region's, a little lower.
pub fn town_before_region(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, place_ty: usize, is_region: impl Fn(&RawSpan) -> bool) {
    let tok = |i: usize| toks[i].text(text);
    let titlecase = |i: usize| crate::tokens::is_capitalised_word(tok(i));
    let covered = covered_tokens(toks.len(), spans);
    let mut added = vec![];
    for s in spans.iter() {
        let f = s.first_tok;
        // "Town" "," region, and not "Ireland's …".
        if f < 2 || tok(f - 1) != "," || toks[f - 2].end != toks[f - 1].start || !is_region(s) {
            continue;
        }
        if toks.get(s.last_tok + 1).is_some_and(|n| matches!(n.text(text), "'s" | "’s")) {
            continue;
        }
        let last = f - 2;
        let mut first = last;
        while first > 0 && last - first < 2 && !covered[first - 1] && titlecase(first - 1) && !toks[first].after_newline {
            first -= 1;
        }
        if covered[last] || !(first..=last).all(|i| !covered[i] && titlecase(i)) || first == 0 {
            continue;
        }
        if !matches!(tok(first - 1), "in" | "of" | "from" | "at" | "near" | "to") {
            continue;
        }
        added.push(RawSpan { start: toks[first].start, end: toks[last].end, ty: place_ty, score: s.score * 0.9, first_tok: first, last_tok: last });
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// Words that start a place's name without being a town ("West Virginia", "New Jersey", "Nazi
/// Germany").
const MODIFIERS: &[&str] = &[
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Northeastern", "Northwestern", "Southeastern", "Southwestern",
    "The", "Central", "Upper", "Lower", "Inner", "Outer", "Greater", "Great", "New", "Old", "Mount", "Fort", "Port", "Lake", "Saint", "Little", "Baja", "Nova",
    "County", "Miss", "Soviet", "Arab", "Nazi",
];

/// "in Newport Rhode Island", "from Bowling Green Kentucky": a place the tagger read as one name
/// that is a town and, with no comma between, the country or region it lies in, is two places, as
/// OntoNotes marks them (train: 60 such pairs split, 5 kept whole; of countries, 17 split and 1
/// whole). `is_region` says whether words are a country or a region written out; `is_known` whether
/// the whole name is a place the lists know ("New Jersey", "Papua New Guinea" stay whole). Every word
/// must be capitalised ("Santiago de Cuba" stays), at most three before the region, and the first no
/// compass or other modifier ("West Virginia", "Northern Ireland", "Greater Manchester"). The
/// tagger may read such a pair as a location (`location_ty`, "Bowling Green Kentucky"); then the
/// town must be one the lists know, since locations name mountains and seas ("Sierra Nevada");
/// otherwise a town the lists lack must not read as a nationality ("Belgian Congo", "Iraqi
/// Kurdistan").
pub fn split_town_and_region(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, place_ty: usize, location_ty: Option<usize>, is_region: impl Fn(&str) -> bool, is_known: impl Fn(&str) -> bool) {
    let mut out = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        let (first, last) = (s.first_tok, s.last_tok);
        let n = last - first + 1;
        let capitalised = || (first..=last).all(|i| crate::tokens::is_capitalised_word(toks[i].text(text)));
        let location = Some(s.ty) == location_ty;
        if (s.ty != place_ty && !location) || n < 2 || MODIFIERS.contains(&toks[first].text(text)) || !capitalised() || is_known(&text[s.start..s.end]) {
            out.push(s);
            continue;
        }
        // The longest region that leaves one to three words before it ("Brooklyn New York", not "York").
        // A town the lists know, or (in a place the tagger is sure of) no nationality ("Belgian Congo").
        let town_ok = |k: usize| {
            let town = &text[s.start..toks[last - k].end];
            is_known(town) || (!location && !town.ends_with("an") && !town.ends_with("ish") && !town.ends_with("ese") && !town.ends_with('i'))
        };
        let cut = (1..=3.min(n - 1)).rev().find(|&k| n - k <= 3 && is_region(&text[toks[last + 1 - k].start..s.end]) && town_ok(k));
        match cut {
            Some(k) => {
                let t = last + 1 - k;
                out.push(RawSpan { start: s.start, end: toks[t - 1].end, ty: place_ty, score: s.score, first_tok: first, last_tok: t - 1 });
                out.push(RawSpan { start: toks[t].start, end: s.end, ty: place_ty, score: s.score, first_tok: t, last_tok: last });
            }
            None => out.push(s),
        }
    }
    *spans = out;
}

/// "Ilminster, Somerset", "vicar of Great Torrington, Devon": capitalised words right after a place
/// (`place_ty`) and a comma, which the lists know as a country or a region (`region_len` gives the
/// tokens of the longest such name starting at a token, 0 for none), are a place too, where the
/// tagger found nothing there or a name of a `retypable` type of exactly those words (it read
/// "Devon" as a company): on OntoNotes train, 467 of the 470 countries and regions written after a
/// place and a comma are places. A new span's score is the place's, a little lower.
pub fn regions_after_places(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, place_ty: usize, retypable: impl Fn(usize) -> bool, region_len: impl Fn(usize) -> usize) {
    // Per token: the span covering it.
    let mut owner = vec![usize::MAX; toks.len()];
    for (k, s) in spans.iter().enumerate() {
        owner[s.first_tok..=s.last_tok].iter_mut().for_each(|c| *c = k);
    }
    let mut added = vec![];
    let mut retyped = vec![];
    for s in spans.iter().filter(|s| s.ty == place_ty) {
        let f = s.last_tok + 2;
        if f >= toks.len() || toks[s.last_tok + 1].text(text) != "," {
            continue;
        }
        let n = region_len(f);
        if n == 0 || f + n > toks.len() || (f..f + n).any(|i| !crate::tokens::is_capitalised_word(toks[i].text(text))) {
            continue;
        }
        // Not the start of a longer name ("Devon Loch"), nor a club of a country ("Alba of Germany").
        if toks.get(f + n).is_some_and(|t| crate::tokens::is_capitalised_word(t.text(text)) || t.text(text) == "of") {
            continue;
        }
        match owner[f] {
            usize::MAX if (f..f + n).all(|i| owner[i] == usize::MAX) => {
                added.push(RawSpan { start: toks[f].start, end: toks[f + n - 1].end, ty: place_ty, score: s.score * 0.9, first_tok: f, last_tok: f + n - 1 })
            }
            k if k != usize::MAX && spans[k].first_tok == f && spans[k].last_tok == f + n - 1 && retypable(spans[k].ty) => retyped.push(k),
            _ => {}
        }
    }
    for k in retyped {
        spans[k].ty = place_ty;
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// "Little [Oxford]" where the text elsewhere tags "Little Oxford" with confidence: a name span
/// whose neighbouring words, with it, spell a longer confident name of the document (the same
/// words, in the same order, on no other span) is that longer name, of its type. The tagger
/// reads each mention on its own and may find only a piece of one.
pub fn longer_mentions(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], name_like: impl Fn(usize) -> bool) {
    // Each word of a confident name of two words or more → (name's first token, last, type,
    // score), one entry per distinct name and type (a text that repeats a name a thousand times
    // gives each word one candidate, not a thousand).
    let mut by_word: HashMap<&str, Vec<(usize, usize, usize, f32)>> = HashMap::default();
    let mut seen: HashMap<(&str, usize), (usize, usize, usize, f32)> = HashMap::default();
    for s in spans.iter().filter(|s| name_like(s.ty) && s.score >= HARMONISE_KEEP && s.last_tok > s.first_tok) {
        let e = seen.entry((&text[s.start..s.end], s.ty)).or_insert((s.first_tok, s.last_tok, s.ty, s.score));
        e.3 = e.3.max(s.score);
    }
    for &(f, l, ty, sc) in seen.values() {
        for t in &toks[f..=l] {
            let list = by_word.entry(t.text(text)).or_default();
            // A word twice in one name ("Boutros Boutros-Ghali") lists the name once.
            if !list.iter().any(|c| c.0 == f && c.1 == l) {
                list.push((f, l, ty, sc));
            }
        }
    }
    if by_word.is_empty() {
        return;
    }
    // Spans do not overlap; in start order, only a span's neighbours can hold the words it
    // would take (no per-token table: wasm memory never shrinks, and this runs on whole texts).
    if !spans.is_sorted_by_key(|s| s.start) {
        spans.sort_by_key(|s| (s.start, s.end));
    }
    for k in 0..spans.len() {
        let s = &spans[k];
        if !name_like(s.ty) {
            continue;
        }
        let Some(cands) = by_word.get(toks[s.first_tok].text(text)) else { continue };
        let free_from = if k > 0 { spans[k - 1].last_tok + 1 } else { 0 };
        let free_to = spans.get(k + 1).map_or(toks.len(), |n| n.first_tok);
        // Where a candidate, laid over this span with its word `a` on the span's first word,
        // would start.
        let placed = |f: usize, a: usize| (toks[a].text(text) == toks[s.first_tok].text(text) && s.first_tok >= a - f).then(|| s.first_tok - (a - f));
        // The longest candidate that, so laid, spells the text around the span.
        let fits = |&&(f, l, _, _): &&(usize, usize, usize, f32)| {
            (f..=l).filter_map(|a| placed(f, a)).next().is_some_and(|start| {
                let end = start + (l - f);
                end < free_to
                    && start >= free_from
                    && end >= s.last_tok
                    && l - f > s.last_tok - s.first_tok
                    // What it adds starts and ends on capitalised words: "the" and "'s" go with a
                    // name one time and not the next ("the West Bank", "the [West Bank]").
                    && (start == s.first_tok || (crate::tokens::is_capitalised_word(toks[start].text(text)) && !matches!(toks[start].text(text), "The" | "A" | "An")))
                    && (end == s.last_tok || crate::tokens::is_capitalised_word(toks[end].text(text)))
                    && (start..=end).all(|i| toks[i].text(text) == toks[f + i - start].text(text))
                    && (start..end).all(|i| toks[i + 1].start - toks[i].end == toks[f + i - start + 1].start - toks[f + i - start].end)
            })
        };
        if let Some(&(f, l, ty, sc)) = cands.iter().filter(fits).max_by_key(|c| c.1 - c.0) {
            let start = (f..=l).find_map(|a| placed(f, a)).expect("the candidate fits");
            let end = start + (l - f);
            let t = &mut spans[k];
            t.first_tok = start;
            t.last_tok = end;
            t.start = toks[start].start;
            t.end = toks[end].end;
            t.ty = ty;
            t.score = t.score.max(sc * 0.8);
        }
    }
}

/// "Tesla's Elon Musk", "Britain's Boris Johnson": a one-word "person" whose "'s" stands right
/// before a person of two words or more is whose that person is, a company or a place (OntoNotes
/// and CoNLL train: 139 such words, none a person): a place if `listed_place` knows it, else an
/// organisation (`org_ty`).
pub fn possessors_of_people(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], person_ty: usize, org_ty: usize, place_ty: usize, listed_place: impl Fn(usize) -> bool) {
    for k in 0..spans.len().saturating_sub(1) {
        let (a, b) = (&spans[k], &spans[k + 1]);
        let s_tok = a.last_tok + 1;
        let possessed = a.ty == person_ty
            && a.first_tok == a.last_tok
            && b.ty == person_ty
            && b.last_tok > b.first_tok
            && b.first_tok == s_tok + 1
            && matches!(toks[s_tok].text(text), "'s" | "’s")
            && toks[a.last_tok].end == toks[s_tok].start;
        if possessed {
            let ty = if listed_place(a.first_tok) { place_ty } else { org_ty };
            spans[k].ty = ty;
        }
    }
}

/// The index of the span covering token `i`, by bisection; `spans` must be sorted by their first
/// token and not overlap.
/// For each of `n` tokens, the index of the span over it, if any (built once per text, so that
/// rules that look up many tokens stay linear).
fn owner_map(n: usize, spans: &[RawSpan]) -> Vec<Option<usize>> {
    let mut owner = vec![None; n];
    for (j, s) in spans.iter().enumerate() {
        owner[s.first_tok..=s.last_tok.min(n.saturating_sub(1))].iter_mut().for_each(|o| *o = Some(j));
    }
    owner
}

fn covering(spans: &[RawSpan], i: usize) -> Option<usize> {
    let k = spans.partition_point(|s| s.first_tok <= i);
    (k > 0 && spans[k - 1].last_tok >= i).then(|| k - 1)
}

/// "in Jiangsu province": a place the word "province" follows, in lower case, takes it, as
/// OntoNotes mostly marks it (train: 17 of 25 after a single place name; dev 10 of 11). Plural
/// "provinces" names several and stays out ("Guizhou and Yunnan provinces").
pub fn province_nouns(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], place_ty: usize) {
    if !spans.is_sorted_by_key(|s| s.start) {
        spans.sort_by_key(|s| (s.start, s.end));
    }
    for j in 0..spans.len() {
        let k = spans[j].last_tok + 1;
        let taken = spans[j + 1..].iter().take_while(|n| n.first_tok <= k).any(|n| n.last_tok >= k);
        let s = &mut spans[j];
        if s.ty == place_ty && k < toks.len() && toks[k].text(text) == "province" && toks[k].start == s.end + 1 && text.as_bytes()[s.end] == b' ' && !taken {
            s.last_tok = k;
            s.end = toks[k].end;
        }
    }
}

/// "the towns of Paiporta, Catarroja and Alfafar": a name the tagger was unsure of (below
/// `max_score`) of a `retypable` type (an organisation there, 0.60), between two places of
/// `place_ty` in one list (a comma before it, a comma, "and" or "or" after), is a place too; so
/// is one word so read after "in", "near", "around" or "outside", a place and "and", at the end
/// of a clause ("near Stepove and Berdychi.": an organisation at 0.66).
pub fn places_listed_between_places(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], place_ty: usize, retypable: impl Fn(usize) -> bool, max_score: f32) {
    let gap = |a: &RawSpan, b: &RawSpan| text[a.end..b.start].trim().to_string();
    for k in 1..spans.len() {
        let (p, s) = (&spans[k - 1], &spans[k]);
        if p.ty != place_ty || !retypable(s.ty) || s.score >= max_score || s.last_tok > s.first_tok + 2 || p.last_tok + 2 != s.first_tok {
            continue;
        }
        let words_ok = (s.first_tok..=s.last_tok).all(|i| crate::tokens::is_capitalised_word(toks[i].text(text)));
        let pair = p.first_tok > 0
            && matches!(toks[p.first_tok - 1].text(text), "in" | "near" | "around" | "outside")
            && gap(p, s) == "and"
            && s.first_tok == s.last_tok
            && toks.get(s.last_tok + 1).is_none_or(|t| matches!(t.text(text), "." | "," | ";" | ")"));
        let listed = gap(p, s) == ","
            && spans.get(k + 1).is_some_and(|n| n.ty == place_ty && n.first_tok <= s.last_tok + 3 && matches!(gap(s, n).as_str(), "," | "and" | "or" | ", and" | ", or"));
        if words_ok && (pair || listed) {
            spans[k].ty = place_ty;
        }
    }
}

/// "MESSI SCORES AS INTER MIAMI BEAT NEW YORK RED BULLS": in a line without lower-case letters,
/// words that a confident name of two or more words written in mixed case elsewhere spells
/// ("Inter Miami", "the New York Red Bulls", less "the") are that name, of its type, where the
/// tagger split them into pieces of its own ("INTER" an organisation and "MIAMI" a place; "NEW
/// YORK" a place and "RED BULLS" an organisation) or found one piece only. Spans that run past
/// those words stay.
pub fn shouted_names_whole(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, name_like: impl Fn(usize) -> bool) {
    let shouted_tok = |i: usize| {
        let w = toks[i].text(text);
        w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
    };
    // Only for a line in capitals (one pass over the text).
    let shouted = shouted_lines(text, toks);
    if !(0..toks.len()).any(|i| shouted[i] && shouted_tok(i)) {
        return;
    }
    // Upper-cased first word → (upper-cased words, type, score), names of two words or more.
    let mut names: ShoutedNames = HashMap::default();
    for s in spans.iter().filter(|s| name_like(s.ty) && s.score >= HARMONISE_KEEP && text[s.start..s.end].chars().any(char::is_lowercase)) {
        let f = if toks[s.first_tok].text(text).eq_ignore_ascii_case("the") { s.first_tok + 1 } else { s.first_tok };
        if s.last_tok > f {
            let words: Vec<String> = (f..=s.last_tok).map(|k| toks[k].text(text).to_uppercase()).collect();
            note_shouted_name(&mut names, words, s.ty, s.score);
        }
    }
    if names.is_empty() {
        return;
    }
    let owner = owner_map(toks.len(), spans);
    let line_shouted = |i: usize| shouted[i];
    let mut dropped = vec![false; spans.len()];
    let mut added = vec![];
    let mut i = 0;
    while i < toks.len() {
        let Some(cands) = names.get(toks[i].text(text)).filter(|_| shouted_tok(i)) else {
            i += 1;
            continue;
        };
        let fits = |c: &&(Vec<String>, usize, f32)| i + c.0.len() <= toks.len() && (0..c.0.len()).all(|k| toks[i + k].text(text) == c.0[k]);
        let Some((words, ty, score)) = cands.iter().filter(fits).max_by_key(|c| c.0.len()).cloned() else {
            i += 1;
            continue;
        };
        let j = i + words.len() - 1;
        let inside: Vec<usize> = {
            let mut v: Vec<usize> = (i..=j).filter_map(|k| owner[k]).collect();
            v.dedup();
            v
        };
        let whole = inside.iter().all(|&o| spans[o].first_tok >= i && spans[o].last_tok <= j && name_like(spans[o].ty));
        let split = inside.len() >= 2 || inside.first().is_some_and(|&o| (spans[o].first_tok, spans[o].last_tok) != (i, j));
        if whole && split && line_shouted(i) {
            inside.iter().for_each(|&o| dropped[o] = true);
            added.push(RawSpan { start: toks[i].start, end: toks[j].end, ty, score: score * 0.8, first_tok: i, last_tok: j });
            i = j + 1;
        } else {
            i += 1;
        }
    }
    if added.is_empty() {
        return;
    }
    let mut k = 0;
    spans.retain(|_| {
        k += 1;
        !dropped[k - 1]
    });
    spans.extend(added);
    spans.sort_by_key(|s| (s.start, s.end));
}

/// "drones struck Belgorod and Kursk": two place names the lists know (`place_len`, as in
/// [`towns_after_locatives`], but for names that are no town alone and no person's name), each
/// word capitalised, joined by "and" or "or", where the tagger found nothing or only a name of
/// a `retypable` type ("Kursk" a product: the submarine), are two places. So is such a name
/// joined to a place the tagger found, if the tagger was less sure of its other reading than of
/// that place ("visited Uttar Pradesh and Tamil Nadu": an organisation at 0.61 and a place at
/// 0.91).
pub fn place_pairs(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, place_ty: usize, retypable: impl Fn(usize) -> bool, place_len: impl Fn(usize) -> usize, town_len: impl Fn(usize) -> usize) {
    let tok = |i: usize| toks[i].text(text);
    let titlecase = |i: usize| crate::tokens::is_capitalised_word(tok(i));
    // Per token: 0 free, 1 in a span that may be retyped (of exactly a name's tokens, see below),
    // 2 in any other span.
    // 2 in any other span, 3 in a place.
    let mut covered = vec![0u8; toks.len()];
    for s in spans.iter() {
        let c = if retypable(s.ty) { 1 } else if s.ty == place_ty { 3 } else { 2 };
        covered[s.first_tok..=s.last_tok].iter_mut().for_each(|x| *x = c);
    }
    if !spans.windows(2).all(|w| w[0].first_tok <= w[1].first_tok) {
        spans.sort_by_key(|s| (s.start, s.end));
    }
    // The span starting at token `f` (by bisection: the spans are in order).
    let starting = |f: usize| {
        let k = spans.partition_point(|s| s.first_tok < f);
        spans.get(k).filter(|s| s.first_tok == f)
    };
    // A retypable span of exactly tokens f..=l.
    let exact = |f: usize, l: usize| starting(f).is_some_and(|s| s.last_tok == l && retypable(s.ty));
    // A name of `place_len` tokens at `i`, all capitalised, free or exactly a retypable span, or
    // a place the tagger found, all capitalised: its last token, and whether it is that place.
    // A name of a town alone (`town_len`) counts only beside a place the tagger was sure of.
    let name_at = |i: usize| -> Option<(usize, bool, bool)> {
        if i >= toks.len() || !titlecase(i) || covered[i] == 2 || toks[i].after_newline {
            return None;
        }
        if covered[i] == 3 {
            return starting(i).filter(|s| (i..=s.last_tok).all(titlecase)).map(|s| (s.last_tok, true, false));
        }
        let (n, town) = match place_len(i) {
            0 => (town_len(i), true),
            n => (n, false),
        };
        let l = i + n.max(1) - 1;
        let free = (i..=l).all(|k| covered[k] == 0);
        (n > 0 && (i..=l).all(titlecase) && (free || exact(i, l))).then_some((l, false, town))
    };
    let mut added = vec![];
    let mut retyped = vec![];
    let mut i = 0;
    while i + 2 < toks.len() {
        let before_ok = i == 0 || !titlecase(i - 1);
        if let (true, Some((a, a_place, a_town))) = (before_ok, name_at(i)) {
            if a + 2 < toks.len() && matches!(tok(a + 1), "and" | "or") {
                if let Some((b, b_place, b_town)) = name_at(a + 2) {
                    let after_ok = toks.get(b + 1).is_none_or(|t| !crate::tokens::is_capitalised_word(t.text(text)) && !matches!(t.text(text), "'s" | "’s"));
                    // Beside a place the tagger found, a name it read otherwise is a place only
                    // if it was less sure of that ("with Liverpool and Southampton": the club,
                    // 0.78, beside a place at 0.70, stays a club).
                    let score_at = |f: usize| starting(f).map(|s| s.score);
                    let less_sure = |f: usize, place: usize| score_at(f).is_none_or(|x| covered[f] == 0 || score_at(place).is_some_and(|p| x < p));
                    // A town ("between Perth and Inverness": an organisation at 0.73) only
                    // beside a place the tagger was sure of, and only where it was unsure of the
                    // town's other reading.
                    let town_ok = |f: usize, place: usize| score_at(place).is_some_and(|p| p >= 0.9) && (covered[f] == 0 || score_at(f).is_some_and(|x| x < 0.8));
                    let mixed_ok = match (a_place, b_place) {
                        (true, false) => less_sure(a + 2, i) && (!b_town || town_ok(a + 2, i)),
                        (false, true) => less_sure(i, a + 2) && (!a_town || town_ok(i, a + 2)),
                        _ => !a_town && !b_town,
                    };
                    if after_ok && !(a_place && b_place) && mixed_ok {
                        for (f, l, found) in [(i, a, a_place), (a + 2, b, b_place)] {
                            if !found {
                                added.push(RawSpan { start: toks[f].start, end: toks[l].end, ty: place_ty, score: 0.6, first_tok: f, last_tok: l });
                                retyped.push((f, l));
                            }
                        }
                        i = b + 1;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    if !added.is_empty() {
        let retyped: std::collections::HashSet<(usize, usize)> = retyped.into_iter().collect();
        spans.retain(|s| !retyped.contains(&(s.first_tok, s.last_tok)));
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// Nouns of settlements and divisions that name a place after "of" ("the village of Bagella").
/// Plural settlement nouns that a list of places may follow ("villages such as").
const PLACES_SUCH_AS: &[&str] = &["villages", "towns", "cities", "provinces", "countries", "islands", "regions", "states", "districts", "counties", "nations", "suburbs", "municipalities"];

const PLACE_OF_NOUNS: &[&str] = &[
    "village", "villages", "town", "city", "hamlet", "township", "suburb", "port", "state", "island", "province", "region", "municipality", "district",
    "county", "towns", "cities",
];

/// "the West Bank village of Bagella", "the town of Marlow Bend": capitalised words right after
/// a settlement's noun and "of" are a place, whatever the lists say, where the tagger found
/// nothing there or a person or organisation of exactly those words (`retypable`). On OntoNotes
/// and CoNLL train, 268 of the 269 capitalised words after such nouns and "of" start a place
/// ("the capital of" is not here: "the capital of Mandarin pop").
///
/// Returns the names so found, for [`retype_mentions`] after [`harmonise`] (whose vote the other
/// mentions may win: "inside Bagella", a person twice).
pub fn places_after_place_nouns(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, place_ty: usize, retypable: impl Fn(usize) -> bool) -> Vec<String> {
    let cap = |i: usize| crate::tokens::is_capitalised_word(toks[i].text(text)) && toks[i].text(text).chars().any(char::is_lowercase);
    let mut owner = vec![usize::MAX; toks.len()];
    for (k, s) in spans.iter().enumerate() {
        owner[s.first_tok..=s.last_tok].iter_mut().for_each(|o| *o = k);
    }
    let mut added = vec![];
    let mut names = vec![];
    let tok = |i: usize| toks[i].text(text);
    // "villages such as Tafeghaghte and Amizmiz", "cities including Kharkiv, Odesa and Lviv": a
    // list after a plural settlement noun (OntoNotes and CoNLL train: 27 of the 28 capitalised
    // words there start a place).
    // Not where the noun hangs on "of" ("leaders of both countries such as Nelieer": people).
    let noun_free = |n: usize| !(n.saturating_sub(2)..n).any(|k| tok(k) == "of");
    let listed_after = |i: usize| {
        (i >= 3 && tok(i - 1) == "as" && tok(i - 2) == "such" && PLACES_SUCH_AS.contains(&tok(i - 3)) && noun_free(i - 3)) || (i >= 2 && matches!(tok(i - 1), "including" | "like") && PLACES_SUCH_AS.contains(&tok(i - 2)) && noun_free(i - 2))
    };
    let mut i = 2;
    while i < toks.len() {
        let after_of = tok(i - 1) == "of" && PLACE_OF_NOUNS.contains(&tok(i - 2));
        let list = listed_after(i);
        if !(after_of || list) || !cap(i) || toks[i].after_newline {
            i += 1;
            continue;
        }
        // The name at `k`, made a place: its last token, or None where it is another's span.
        // In a list, only a name the tagger was unsure of ("leaders of both countries such as
        // Zedong Mao": people), and no word before another name ("regions like Southeastern
        // Bulgaria").
        let mut take = |k: usize, spans: &mut Vec<RawSpan>| -> Option<usize> {
            match owner[k] {
                usize::MAX => {
                    let mut l = k;
                    while l + 1 < toks.len() && l < k + 3 && owner[l + 1] == usize::MAX && cap(l + 1) && toks[l + 1].start == toks[l].end + 1 {
                        l += 1;
                    }
                    if list && l + 1 < toks.len() && owner[l + 1] != usize::MAX && cap(l + 1) {
                        return None;
                    }
                    added.push(RawSpan { start: toks[k].start, end: toks[l].end, ty: place_ty, score: 0.6, first_tok: k, last_tok: l });
                    names.push(text[toks[k].start..toks[l].end].to_string());
                    Some(l)
                }
                o if spans[o].first_tok == k && ((retypable(spans[o].ty) && (!list || spans[o].score < 0.8)) || spans[o].ty == place_ty) => {
                    spans[o].ty = place_ty;
                    names.push(text[spans[o].start..spans[o].end].to_string());
                    Some(spans[o].last_tok)
                }
                _ => None,
            }
        };
        let mut last = take(i, spans);
        // The list goes on through commas and "and"/"or", up to eight names.
        let mut items = 1;
        while let (true, Some(l)) = (list && items < 8, last) {
            let mut n = l + 1;
            if n < toks.len() && tok(n) == "," {
                n += 1;
            }
            if n < toks.len() && matches!(tok(n), "and" | "or") {
                n += 1;
            }
            if n == l + 1 || n >= toks.len() || !cap(n) || toks[n].after_newline {
                break;
            }
            last = take(n, spans);
            items += 1;
        }
        i = last.map_or(i + 1, |l| l + 1);
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
    names
}

/// "Natalee Holloway … Natalee disappeared": the first name of a confident person of two or more
/// words (at least [`HARMONISE_KEEP`]) marks its untagged mentions as that person, and so its
/// unsure one-word mentions of another name type (`name_like`) where no preposition of place
/// comes before them (as [`harmonise`] does for surnames). `is_name_word` must accept the first
/// name: no place, title or everyday word ("King Abdullah", "Paris Hilton", "Will Smith" mark
/// nothing). A mention followed by a capitalised word is another name ("Natalee Smith").
pub fn first_name_mentions(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, person: usize, name_like: impl Fn(usize) -> bool, is_name_word: impl Fn(&str) -> bool) {
    let mut firsts: HashMap<&str, f32> = HashMap::default();
    for s in spans.iter().filter(|s| s.ty == person && s.last_tok > s.first_tok && s.score >= HARMONISE_KEEP) {
        let w = toks[s.first_tok].text(text);
        if crate::tokens::is_capitalised_word(w) && w.chars().count() > 1 && w.chars().any(char::is_lowercase) && !matches!(toks[s.first_tok + 1].text(text), "-" | "." ) && is_name_word(w) {
            let e = firsts.entry(w).or_insert(0.0);
            *e = e.max(s.score);
        }
    }
    if firsts.is_empty() {
        return;
    }
    // Not a word the text also writes in lower case ("The", "Saint").
    let lower: std::collections::HashSet<&str> = toks.iter().map(|t| t.text(text)).filter(|w| w.starts_with(char::is_lowercase)).collect();
    firsts.retain(|w, _| !lower.contains(w.to_lowercase().as_str()));
    if firsts.is_empty() {
        return;
    }
    let covered = covered_tokens(toks.len(), spans);
    let next_is_name = |i: usize| toks.get(i + 1).is_some_and(|n| crate::tokens::is_capitalised_word(n.text(text)) || matches!(n.text(text), "-" | "‐" | "‑"));
    let locative = |i: usize| i > 0 && matches!(toks[i - 1].text(text).to_lowercase().as_str(), "in" | "to" | "from" | "at" | "near" | "of" | "into" | "across" | "through" | "outside" | "around");
    for s in spans.iter_mut() {
        if s.first_tok == s.last_tok && s.ty != person && name_like(s.ty) && s.score < HARMONISE_KEEP && firsts.contains_key(toks[s.first_tok].text(text)) && !next_is_name(s.first_tok) && !locative(s.first_tok) {
            s.ty = person;
        }
    }
    let mut added = vec![];
    for (i, t) in toks.iter().enumerate() {
        if covered[i] || next_is_name(i) || (i > 0 && toks[i - 1].end == t.start && toks[i - 1].text(text).chars().all(char::is_alphanumeric)) {
            continue;
        }
        if let Some(&sc) = firsts.get(t.text(text)) {
            added.push(RawSpan { start: t.start, end: t.end, ty: person, score: sc * 0.8, first_tok: i, last_tok: i });
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| s.start);
    }
}

/// The spans of a `retypable` type whose words are one of `names` become type `ty`.
pub fn retype_mentions(text: &str, spans: &mut [RawSpan], names: &[String], ty: usize, retypable: impl Fn(usize) -> bool) {
    if names.is_empty() {
        return;
    }
    for s in spans.iter_mut().filter(|s| retypable(s.ty) && names.iter().any(|n| *n == text[s.start..s.end])) {
        s.ty = ty;
    }
}

/// Words that join the parts of a town's name with hyphens ("Stratford-upon-Avon",
/// "Boulogne-sur-Mer", "Walton-on-the-Naze", "Ashby-de-la-Zouch").
const TOWN_LINKS: &[&str] = &["on", "upon", "under", "super", "by", "le", "la", "les", "sur", "en", "am", "an", "der", "de", "del", "di", "du", "the"];

/// "Hay-on-Wye", "Stoke-on-Trent", "Frankfurt-am-Main": capitalised words joined by hyphens and
/// one or two of [`TOWN_LINKS`] name a town, one place, wherever the tagger found pieces of it
/// ("Hay" a date, "Stratford" and "Avon" organisations) or nothing. Not where a span runs past
/// the name ("the Stoke-on-Trent City Council").
pub fn hyphenated_towns(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, place_ty: usize) {
    let tok = |i: usize| toks[i].text(text);
    let glued = |a: usize| toks[a].end == toks[a + 1].start;
    let hyphen = |i: usize| matches!(tok(i), "-" | "‐" | "‑");
    let capital = |i: usize| crate::tokens::is_capitalised_word(tok(i));
    let mut towns: Vec<(usize, usize)> = vec![];
    let mut i = 0;
    while i + 4 < toks.len() {
        if !capital(i) || (i > 0 && glued(i - 1) && hyphen(i - 1)) {
            i += 1;
            continue;
        }
        // Capital (- link [- link] - Capital)+, every piece glued to the next.
        let mut j = i;
        let mut links = 0;
        loop {
            let mut k = j;
            let mut n = 0;
            while n < 2 && k + 2 < toks.len() && glued(k) && hyphen(k + 1) && glued(k + 1) && TOWN_LINKS.contains(&tok(k + 2)) {
                k += 2;
                n += 1;
            }
            if n > 0 && k + 2 < toks.len() && glued(k) && hyphen(k + 1) && glued(k + 1) && capital(k + 2) {
                j = k + 2;
                links += n;
            } else {
                break;
            }
        }
        if links > 0 && !(j + 1 < toks.len() && glued(j) && hyphen(j + 1)) {
            towns.push((i, j));
        }
        // A chain that is no town holds none either: its pieces follow hyphens.
        i = j + 1;
    }
    if towns.is_empty() {
        return;
    }
    if !spans.is_sorted_by_key(|s| s.first_tok) {
        spans.sort_by_key(|s| (s.start, s.end));
    }
    // One pass over spans and towns, both in order: a town replaces the spans within it, unless
    // one runs past it.
    let mut out = Vec::with_capacity(spans.len() + towns.len());
    let mut k = 0;
    for &(f, l) in &towns {
        while k < spans.len() && spans[k].last_tok < f {
            out.push(spans[k].clone());
            k += 1;
        }
        let inside_end = (k..spans.len()).take_while(|&m| spans[m].first_tok <= l).last().map_or(k, |m| m + 1);
        let over = &spans[k..inside_end];
        if over.iter().any(|s| s.first_tok < f || s.last_tok > l) {
            continue;
        }
        let score = over.iter().filter(|s| s.ty == place_ty).map(|s| s.score).fold(0.8f32, f32::max);
        out.push(RawSpan { start: toks[f].start, end: toks[l].end, ty: place_ty, score, first_tok: f, last_tok: l });
        k = inside_end;
    }
    out.extend(spans.drain(k..));
    *spans = out;
}

/// Facility nouns a town's name stands before, in lower case ("Istanbul airport", "the
/// Qay'yara airbase").
const FACILITY_NOUNS: &[&str] = &[
    "airport", "airbase", "airfield", "port", "harbor", "harbour", "prison", "refinery",
    // and regions ("Aichi prefecture", "Kherson oblast", "Anbar province")
    "prefecture", "province", "oblast", "governorate",
];

/// "the Qay'yara airbase", "at Dhaka airport": one to three capitalised words the tagger left
/// untagged right before a lower-case [`FACILITY_NOUNS`] word name the town it stands in, a place
/// (OntoNotes and CoNLL train: 62 of the 84 capitalised words before these nouns are places, 20
/// nationalities, which the tagger tags, so this rule never sees them).
/// A name of another type there (`listed_name`: one the place lists know as exactly those words,
/// of a type that may be retyped) is that place too ("Aichi prefecture": a nationality to the
/// tagger, like "Yemeni").
pub fn towns_before_facility_nouns(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, place_ty: usize, listed_name: impl Fn(&RawSpan) -> bool) {
    let tok = |i: usize| toks[i].text(text);
    if !spans.is_sorted_by_key(|s| s.first_tok) {
        spans.sort_by_key(|s| (s.start, s.end));
    }
    for k in 0..spans.len() {
        let n = spans[k].last_tok + 1;
        if spans[k].ty != place_ty && n < toks.len() && FACILITY_NOUNS.contains(&tok(n)) && spans.get(k + 1).is_none_or(|b| b.first_tok > n) && listed_name(&spans[k]) {
            spans[k].ty = place_ty;
        }
    }
    let covered = |spans: &[RawSpan], i: usize| covering(spans, i).is_some();
    let mut added = vec![];
    for n in 1..toks.len() {
        if !FACILITY_NOUNS.contains(&tok(n)) || covered(spans, n) {
            continue;
        }
        let mut f = n;
        while f > 0 && n - f < 3 && crate::tokens::is_capitalised_word(tok(f - 1)) && !covered(spans, f - 1) && !toks[f].after_newline && !matches!(tok(f - 1), "The" | "A" | "An" | "This" | "That" | "Its" | "His" | "Her" | "Their" | "Our") {
            f -= 1;
        }
        // Not a sentence's first word alone ("Airport" news has none), nor a line's.
        let sentence_start = f == 0 || toks[f].after_newline || matches!(tok(f - 1), "." | "!" | "?" | ":" | "\"" | "“");
        if f < n && !(sentence_start && n - f == 1) {
            added.push(RawSpan { start: toks[f].start, end: toks[n - 1].end, ty: place_ty, score: 0.6, first_tok: f, last_tok: n - 1 });
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// "Charles de Gaulle airport", "Indira Gandhi airport": a person right before a lower-case
/// "airport", "airbase" or "airfield" names it, a facility (`fac_ty`), the noun left out as
/// CoNLL marks "Ben Gurion airport" (OntoNotes train is split: "Heathrow airport", "Kennedy
/// airport").
pub fn airports_named_after_people(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], person_ty: usize, fac_ty: usize) {
    for k in 0..spans.len() {
        let n = spans[k].last_tok + 1;
        let free = spans.get(k + 1).is_none_or(|b| b.first_tok > n);
        if spans[k].ty == person_ty && n < toks.len() && free && matches!(toks[n].text(text), "airport" | "airbase" | "airfield") {
            spans[k].ty = fac_ty;
        }
    }
}

/// Titles, capitalised, that stand before a person's name ("Delhi CM Arvind Kejriwal").
const NAME_TITLES: &[&str] = &[
    "President", "Minister", "Senator", "Sen.", "Rep.", "Governor", "Gov.", "Mayor", "Chancellor", "Premier", "Secretary", "Chairman",
    "Judge", "Ambassador", "Commissioner", "Gen.", "Colonel", "Col.", "Captain", "Capt.", "Sheikh", "King", "Queen", "Prince",
    "Princess", "Pope", "CM", "PM", "Mr.", "Mrs.", "Ms.", "Dr.",
];

/// "Delhi CM Arvind Kejriwal", "Karnataka Chief Minister Siddaramaiah": a place span right after
/// a capitalised title is the person the title names (OntoNotes and CoNLL train: after these
/// titles, 3,351 names start a person and 9 a place, most of them errors, "Mr. Sharon"); and a
/// place the lists know (`place_len`, tokens of the one starting at a token) that the tagger left
/// untagged right before such a title is a place ("Uttar Pradesh Chief Minister").
pub fn people_after_titles(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, person_ty: usize, place_ty: usize, is_place: impl Fn(usize) -> bool, place_len: impl Fn(usize) -> usize) {
    let tok = |i: usize| toks[i].text(text);
    let title_at = |i: usize| NAME_TITLES.contains(&tok(i));
    for s in spans.iter_mut() {
        if is_place(s.ty) && s.first_tok > 0 && title_at(s.first_tok - 1) && crate::tokens::is_capitalised_word(tok(s.first_tok)) {
            s.ty = person_ty;
        }
    }
    if !spans.is_sorted_by_key(|s| s.first_tok) {
        spans.sort_by_key(|s| (s.start, s.end));
    }
    let covered = |spans: &[RawSpan], i: usize| covering(spans, i).is_some();
    let mut added = vec![];
    let mut i = 0;
    while i < toks.len() {
        let n = if covered(spans, i) || !crate::tokens::is_capitalised_word(tok(i)) { 0 } else { place_len(i) };
        // The title right after the place: one word, or "Chief" / "Prime" / "Foreign" and one.
        let t = i + n;
        let titled = n > 0 && t < toks.len() && (title_at(t) || (t + 1 < toks.len() && matches!(tok(t), "Chief" | "Prime" | "Foreign" | "Deputy" | "Finance" | "Defence" | "Defense" | "Home") && title_at(t + 1)));
        if titled && (i..t).all(|k| !covered(spans, k)) {
            added.push(RawSpan { start: toks[i].start, end: toks[t - 1].end, ty: place_ty, score: 0.7, first_tok: i, last_tok: t - 1 });
            i = t;
        } else {
            i += 1;
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// "shelled areas near Nova Kakhovka", "protests in Ferguson": a place name the lists know
/// (`place_len` gives the tokens of the longest one starting at a token, 0 for none; towns of
/// 15,000+ people included), each word capitalised, right after "in", "near", "outside",
/// "around", "toward(s)" or "into", after "residents of", "the town of", "the shelling of" and the
/// like, after "strikes on", "an attack on" and the like, after "towns
/// like", "cities such as", "countries including" and the like, or after a
/// place and "and", "or" or a comma ("in Kherson and Irpin"), or right before "and" or "or" and a
/// place ("strike Kharkiv and Odesa"), and not followed by another
/// capitalised word or "'s", is a place where the tagger found nothing there, or only a person of
/// exactly those words (a surname: "Ferguson", "Bucha"). Months and weekdays never ("in March",
/// a town in England).
pub fn towns_after_locatives(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, place_ty: usize, person_ty: Option<usize>, is_place: impl Fn(usize) -> bool, place_len: impl Fn(usize) -> usize) {
    let tok = |i: usize| toks[i].text(text);
    let titlecase = |i: usize| crate::tokens::is_capitalised_word(tok(i));
    if !spans.windows(2).all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)) {
        spans.sort_by_key(|s| (s.start, s.end));
    }
    // The span covering token `i`, by bisection: no per-token table, as the candidates are few.
    let owner = covering;
    // "towns like Clacton", "cities such as Leeds", "countries including Chad".
    let places_named_next = |i: usize| {
        (matches!(tok(i - 1), "like" | "including") && i >= 2 && PLACE_NOUNS.contains(&tok(i - 2).to_lowercase().as_str()))
            || (tok(i - 1) == "as" && i >= 3 && tok(i - 2) == "such" && PLACE_NOUNS.contains(&tok(i - 3).to_lowercase().as_str()))
    };
    let attack_on = |i: usize| tok(i - 1) == "on" && i >= 2 && matches!(tok(i - 2).to_lowercase().as_str(), "strike" | "strikes" | "airstrike" | "airstrikes" | "attack" | "attacks" | "raid" | "raids" | "assault" | "offensive" | "advance" | "march");
    // "a little town called Pleasant Grove", "a village named Kfar Aza".
    let called = |i: usize| {
        // Not after "the": "a girl in the village named Guo Dingxiang" names the girl.
        i >= 3 && !tok(i - 3).eq_ignore_ascii_case("the") && matches!(tok(i - 1), "called" | "named") && matches!(tok(i - 2).to_lowercase().as_str(), "town" | "city" | "village" | "suburb" | "hamlet" | "island" | "county" | "neighbourhood" | "neighborhood" | "district" | "province" | "region" | "community" | "settlement")
    };
    let mut added = vec![];
    let mut i = 1;
    while i < toks.len() {
        // After "a town called", any person there is that place, and capitalised words the
        // tagger left untagged are too.
        if called(i) && titlecase(i) {
            match owner(spans, i) {
                Some(k) if Some(spans[k].ty) == person_ty && spans[k].first_tok == i => {
                    spans[k].ty = place_ty;
                    i = spans[k].last_tok + 1;
                    continue;
                }
                None => {
                    let mut last = i;
                    while last + 1 < toks.len() && last < i + 2 && titlecase(last + 1) && owner(spans, last + 1).is_none() && !toks[last + 1].after_newline {
                        last += 1;
                    }
                    added.push(RawSpan { start: toks[i].start, end: toks[last].end, ty: place_ty, score: 0.6, first_tok: i, last_tok: last });
                    i = last + 1;
                    continue;
                }
                _ => {}
            }
        }
        // There, an unsure person is a place, listed or not.
        if places_named_next(i) {
            if let Some(k) = owner(spans, i).filter(|&k| Some(spans[k].ty) == person_ty && spans[k].first_tok == i && spans[k].score < HARMONISE_KEEP) {
                // Not the first of a list of people ("countries such as Nelieer, Zedong Mao").
                let listed_person = spans.get(k + 1).is_some_and(|n| Some(n.ty) == person_ty && n.first_tok == spans[k].last_tok + 2 && tok(n.first_tok - 1) == ",");
                if !listed_person {
                    spans[k].ty = place_ty;
                }
                i = spans[k].last_tok + 1;
                continue;
            }
        }
        let after_locative = matches!(tok(i - 1), "in" | "near" | "outside" | "around" | "toward" | "towards" | "into")
            || (tok(i - 1) == "of" && i >= 2 && matches!(tok(i - 2).to_lowercase().as_str(), "residents" | "town" | "city" | "village" | "outskirts" | "suburbs" | "mayor" | "streets" | "centre" | "center" | "shelling" | "bombing" | "bombardment" | "siege"))
            // "strikes on Rafah", "an attack on Odesa".
            || attack_on(i)
            || places_named_next(i)
            // "in Kherson and Irpin": after a place and "and", "or" or a comma.
            || (matches!(tok(i - 1), "and" | "or" | ",") && i >= 2 && owner(spans, i - 2).is_some_and(|k| spans[k].last_tok == i - 2 && is_place(spans[k].ty)));
        // "strike Kharkiv and Odesa": right before "and" or "or" and a place (checked below).
        let maybe_coordinated = (i + 1..(i + 5).min(toks.len())).any(|k| matches!(tok(k), "and" | "or"));
        if !(titlecase(i) && (after_locative || maybe_coordinated) && !toks[i].after_newline) {
            i += 1;
            continue;
        }
        // "near Khan Younis": a person right after "near" is a place, listed or not (OntoNotes and
        // CoNLL train: of 95 names right after "near", none is a person), unless "'s" follows.
        if tok(i - 1) == "near" {
            if let Some(k) = owner(spans, i).filter(|&k| Some(spans[k].ty) == person_ty && spans[k].first_tok == i) {
                if !toks.get(spans[k].last_tok + 1).is_some_and(|t| matches!(t.text(text), "'s" | "’s")) {
                    spans[k].ty = place_ty;
                }
                i = spans[k].last_tok + 1;
                continue;
            }
        }
        let mut n = place_len(i);
        // "in Beit Lahia and Jabalia": after "in"/"near", a place and "and", one capitalised word
        // is a place even where the lists do not know it (OntoNotes train: 74 of 77 names there
        // are places; the others a title before a name and "County").
        if n == 0
            && tok(i - 1) == "and"
            && i >= 3
            && owner(spans, i - 2).is_some_and(|k| spans[k].last_tok == i - 2 && is_place(spans[k].ty) && spans[k].first_tok >= 1 && (matches!(tok(spans[k].first_tok - 1), "in" | "near") || attack_on(spans[k].first_tok)))
            && !GENERIC_PLACE_WORDS.contains(&tok(i).to_lowercase().as_str())
            && owner(spans, i).is_none_or(|k| Some(spans[k].ty) == person_ty && spans[k].first_tok == i && spans[k].last_tok == i && spans[k].score < HARMONISE_KEEP)
        {
            n = 1;
        }
        let last = i + n.max(1) - 1;
        let coordinated = n > 0
            && last + 2 < toks.len()
            && matches!(tok(last + 1), "and" | "or")
            && owner(spans, last + 2).is_some_and(|k| spans[k].first_tok == last + 2 && is_place(spans[k].ty));
        if !(after_locative || coordinated) {
            i += 1;
            continue;
        }
        let ok = n > 0
            && (i..=last).all(titlecase)
            && !toks.get(last + 1).is_some_and(|t| crate::tokens::is_capitalised_word(t.text(text)) || matches!(t.text(text), "'s" | "’s"))
            && !(n == 1 && matches!(crate::numbers::word_class(&tok(i).to_lowercase()), Some("month" | "weekday")));
        if ok {
            match owner(spans, i) {
                None if (i..=last).all(|k| owner(spans, k).is_none()) => {
                    added.push(RawSpan { start: toks[i].start, end: toks[last].end, ty: place_ty, score: 0.6, first_tok: i, last_tok: last });
                }
                Some(k) if Some(spans[k].ty) == person_ty && spans[k].first_tok == i && spans[k].last_tok == last => spans[k].ty = place_ty,
                _ => {}
            }
        }
        i = last + 1;
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// "the Rio Grande do Sul state": a place span the lists know a longer place name from (`place_len`
/// gives the tokens of the longest listed name starting at a token) takes the rest of that name
/// where no other span holds it, the rest is at most three linking words ("do", "de", "la", …) and
/// capitalised ones, one linking word at least, and it ends on a capitalised word ("Rio Grande" +
/// "do Sul"). Not across a line break.
pub fn places_to_listed_length(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], is_place: impl Fn(usize) -> bool, place_len: impl Fn(usize) -> usize) {
    let mut changed = false;
    for k in 0..spans.len() {
        let s = &spans[k];
        if !is_place(s.ty) {
            continue;
        }
        let n = place_len(s.first_tok);
        let last = s.first_tok + n.max(1) - 1;
        if last <= s.last_tok || last >= toks.len() {
            continue;
        }
        let free = spans.get(k + 1).is_none_or(|next| next.first_tok > last);
        // Linking words and capitalised ones, at least one linking word (the lists keep a short
        // hash of a name's words, so a long match needs that much more evidence).
        let link = |i: usize| matches!(toks[i].text(text), "do" | "da" | "dos" | "das" | "de" | "del" | "di" | "du" | "des" | "la" | "le" | "el");
        let word = |i: usize| link(i) || (crate::tokens::is_capitalised_word(toks[i].text(text)) && !GENERIC_PLACE_WORDS.contains(&toks[i].text(text).to_lowercase().as_str()));
        let clean = last - s.last_tok <= 3 && (s.last_tok + 1..=last).all(|i| !toks[i].after_newline && word(i)) && (s.last_tok + 1..=last).any(link);
        if free && clean && crate::tokens::is_capitalised_word(toks[last].text(text)) {
            spans[k].last_tok = last;
            spans[k].end = toks[last].end;
            changed = true;
        }
    }
    if changed {
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// "The 1.5C limit": digits glued to a unit or currency (no space) that the tagger took for a
/// name (`is_name`: "1.5C" an organisation at 0.58) is that amount: a quantity (`quantity_ty`) or
/// money (`money_ty`), as the number grammar reads it.
pub fn amounts_in_names(text: &str, spans: &mut [RawSpan], is_name: impl Fn(usize) -> bool, quantity_ty: usize, money_ty: usize) {
    use crate::numbers::NumberKind;
    for s in spans.iter_mut().filter(|s| is_name(s.ty) && !text[s.start..s.end].contains(char::is_whitespace)) {
        let w = &text[s.start..s.end];
        if !w.starts_with(|c: char| c.is_ascii_digit()) && !w.starts_with(['$', '€', '£', '¥', '₹']) {
            continue;
        }
        match crate::numbers::parse_value(w, None).map(|v| (v.kind, v.unit.is_some(), v.currency.is_some())) {
            Some((NumberKind::Quantity, true, _)) => s.ty = quantity_ty,
            Some((NumberKind::Money, _, true)) => s.ty = money_ty,
            _ => {}
        }
    }
}

/// Nouns of sites named after the place they are in ("the Torkham crossing", "the Kailuan mine").
const SITE_NOUNS: &[&str] = &["crossing", "checkpoint", "border", "port", "mine", "dam", "refinery", "airbase", "base", "oilfield"];

/// "in 44 BC", "AD 476", "the 5th century BCE": a year or a century with its era is a date
/// (`date_ty`), era and all. The tagger, which saw few such years, read "44" as a cardinal and
/// "BC" as an organisation. A span on those words gives way when `retypable` allows (numbers,
/// organisations); a date that ends on the year or the century ("around 2500", "the 5th
/// century") takes the era. Years have up to five digits ("10,000 BC"); "AD" and "A.D." may
/// come first ("AD 476"), the other eras only after.
pub fn era_years(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, date_ty: usize, retypable: impl Fn(usize) -> bool) {
    const ERAS: &[&str] = &["BC", "BCE", "B.C.", "B.C.E.", "AD", "A.D.", "CE", "C.E."];
    let year = |i: usize| {
        let w = toks[i].text(text);
        let digits = w.replace(',', "");
        (1..=5).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0') && (!w.contains(',') || (w.len() == digits.len() + 1 && w.len() >= 5 && w.as_bytes()[w.len() - 4] == b','))
    };
    let mut ranges: Vec<(usize, usize)> = vec![];
    for i in 0..toks.len() {
        let w = toks[i].text(text);
        if !ERAS.contains(&w) {
            continue;
        }
        let prev = if i > 0 { toks[i - 1].text(text).to_lowercase() } else { String::new() };
        if i > 0 && (year(i - 1) || matches!(prev.as_str(), "century" | "centuries" | "millennium")) {
            ranges.push((i - 1, i));
        } else if matches!(w, "AD" | "A.D.") && i + 1 < toks.len() && year(i + 1) {
            ranges.push((i, i + 1));
        }
    }
    if ranges.is_empty() {
        return;
    }
    let owner = owner_map(toks.len(), spans);
    let mut dropped = vec![false; spans.len()];
    let mut added = vec![];
    // Tokens before `free_from` went into a date added here ("AD 476 AD": one date, not two).
    let mut free_from = 0;
    for (a, b) in ranges {
        if a < free_from {
            continue;
        }
        let owners: Vec<usize> = (a..=b).filter_map(|k| owner[k]).collect();
        // "the 5th century" must be a date already: the era alone makes no date of "century".
        let century = !year(a) && !year(b);
        if owners.iter().any(|&j| !(retypable(spans[j].ty) || spans[j].ty == date_ty) || spans[j].last_tok > b || dropped[j]) || (century && !owners.iter().any(|&j| spans[j].ty == date_ty)) {
            continue;
        }
        let first = owners.iter().map(|&j| spans[j].first_tok).fold(a, usize::min);
        if first < free_from {
            continue;
        }
        let score = owners.iter().map(|&j| spans[j].score).fold(0.6f32, f32::max);
        owners.iter().for_each(|&j| dropped[j] = true);
        added.push(RawSpan { start: toks[first].start, end: toks[b].end, ty: date_ty, score, first_tok: first, last_tok: b });
        free_from = b + 1;
    }
    if added.is_empty() {
        return;
    }
    let mut j = 0;
    spans.retain(|_| {
        j += 1;
        !dropped[j - 1]
    });
    spans.extend(added);
    spans.sort_by_key(|s| (s.start, s.end));
}

/// "closed the Torkham crossing": a one-word person between "the" and a lower-case noun of a site
/// named after its place ([`SITE_NOUNS`]) is that place (OntoNotes train: 14 such names are
/// places, 24 nationalities, none a person; "the Gore camp" is one, so "camp" is no such noun).
pub fn places_before_site_nouns(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], person_ty: usize, place_ty: usize) {
    for s in spans.iter_mut().filter(|s| s.ty == person_ty && s.first_tok == s.last_tok && s.first_tok >= 1) {
        let f = s.first_tok;
        if toks[f - 1].text(text).eq_ignore_ascii_case("the") && toks.get(f + 1).is_some_and(|n| SITE_NOUNS.contains(&n.text(text))) {
            s.ty = place_ty;
        }
    }
}

/// Words for a kind of place, which alone name none ("in Taipei City and County").
const GENERIC_PLACE_WORDS: &[&str] = &["county", "city", "province", "state", "district", "region", "island", "islands", "area", "areas", "prefecture", "territory"];

/// Plural nouns of places, before "like", "such as" or "including" and a list of them.
const PLACE_NOUNS: &[&str] = &[
    "towns", "cities", "places", "countries", "states", "regions", "areas", "villages", "communities", "capitals", "provinces", "nations",
    "destinations", "suburbs", "neighbourhoods", "neighborhoods", "resorts", "ports", "islands", "districts", "counties",
];

/// The US Postal Service's two-letter codes of the states and of DC, as web pages and listings
/// write them after a town ("Austin, TX"); edited news writes "Calif." or the name.
pub const USPS_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT",
    "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
];

/// "Austin, TX", "De Armanville, TX", "Houston AZ": a state's postal code (`USPS_STATES`) after a
/// town is a place, and so is the town. The training texts almost never write them (OntoNotes
/// train: 7 times, all places), so the tagger reads them as organisations.
/// - After a comma: the code, untagged or a name span of its own (`person`, `org`), is a place
///   when the word before the comma is capitalised but not in capitals (no headline, no "AT&T,
///   IN") and no capitalised word follows the code; the name before the comma, a person span, an
///   organisation the lists know as a town, or up to three untagged capitalised words that do not
///   start a sentence, becomes a town. A person before "MD", "PA", "DO" or "DC" stays a person
///   ("Jane Roe, MD": a doctor), and "OK" is the word ("So, OK kids").
/// - With no comma: a place, person or organisation span of a town the lists know (`is_known`)
///   and a code is two places ("Houston AZ"; "Washington DC" stays whole, as OntoNotes has it,
///   and so does "West LA").
pub fn postal_state_codes(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, place_ty: usize, person: Option<usize>, org: Option<usize>, is_known: impl Fn(&str) -> bool) {
    // "OK" is mostly the word ("So, OK kids").
    // (Two capitals first: the list is only read for those, not for every token.)
    let is_code = |i: usize| {
        let w = toks[i].text(text);
        w.len() == 2 && w.bytes().all(|b| b.is_ascii_uppercase()) && w != "OK" && USPS_STATES.contains(&w)
    };
    let name_ty = |t: usize| Some(t) == person || Some(t) == org;
    // With no comma: split.
    let mut out = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        let (f, l) = (s.first_tok, s.last_tok);
        let town = |s: &RawSpan| &text[s.start..toks[l - 1].end];
        if (s.ty == place_ty || name_ty(s.ty)) && l > f && is_code(l) && toks[l].text(text) != "DC" && toks[l - 1].end < toks[l].start && !MODIFIERS.contains(&toks[f].text(text))
            && (f..l).all(|i| crate::tokens::is_capitalised_word(toks[i].text(text)) && toks[i].text(text).chars().any(char::is_lowercase))
            && is_known(town(&s))
        {
            out.push(RawSpan { start: s.start, end: toks[l - 1].end, ty: place_ty, score: s.score, first_tok: f, last_tok: l - 1 });
            out.push(RawSpan { start: toks[l].start, end: s.end, ty: place_ty, score: s.score, first_tok: l, last_tok: l });
        } else {
            out.push(s);
        }
    }
    *spans = out;
    // After a comma.
    // The span over each token (`u32::MAX`: none), four bytes a token.
    let mut covering = vec![u32::MAX; toks.len()];
    for (k, s) in spans.iter().enumerate() {
        covering[s.first_tok..=s.last_tok].iter_mut().for_each(|c| *c = k as u32);
    }
    let cover = |i: usize| (covering[i] != u32::MAX).then_some(covering[i] as usize);
    let mut added = vec![];
    for i in 2..toks.len() {
        let before = toks[i - 2].text(text);
        if !is_code(i) || toks[i - 1].text(text) != "," || !crate::tokens::is_capitalised_word(before) || !before.chars().any(char::is_lowercase) {
            continue;
        }
        if toks.get(i + 1).is_some_and(|t| t.text(text).starts_with(char::is_uppercase)) {
            continue;
        }
        let code_span = cover(i);
        if code_span.is_some_and(|k| spans[k].first_tok != i || spans[k].last_tok != i || !(spans[k].ty == place_ty || name_ty(spans[k].ty))) {
            continue;
        }
        let doctor = matches!(toks[i].text(text), "MD" | "PA" | "DO" | "DC");
        match cover(i - 2) {
            Some(k) if spans[k].last_tok == i - 2 => {
                let t = spans[k].ty;
                if (Some(t) == person && doctor) || (Some(t) == org && !is_known(&text[spans[k].start..spans[k].end])) {
                    continue;
                }
                if name_ty(t) {
                    spans[k].ty = place_ty;
                } else if t != place_ty {
                    continue;
                }
            }
            Some(_) => continue,
            None => {
                let mut f = i - 2;
                while f > 0 && i - 2 - f < 2 && cover(f - 1).is_none() && crate::tokens::is_capitalised_word(toks[f - 1].text(text)) && toks[f - 1].end + 1 == toks[f].start {
                    f -= 1;
                }
                // Not a capitalised word that starts a sentence ("So, ..."), which may be any word.
                if f == 0 || matches!(toks[f - 1].text(text), "." | "!" | "?" | ":" | ";" | "\"" | "(" | "-" | "—") || text[toks[f - 1].end..toks[f].start].contains('\n') {
                    continue;
                }
                added.push(RawSpan { start: toks[f].start, end: toks[i - 2].end, ty: place_ty, score: 0.5, first_tok: f, last_tok: i - 2 });
            }
        }
        match code_span {
            Some(k) => spans[k].ty = place_ty,
            None => added.push(RawSpan { start: toks[i].start, end: toks[i].end, ty: place_ty, score: 0.5, first_tok: i, last_tok: i }),
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| s.start);
    }
}

/// "Campbell, Calif.", "Marietta, Ga.": a name the tagger took for a person or an organisation
/// (`retypable`) right before a comma and a US state as the news agencies abbreviate it
/// (`is_state_abbreviation`) is a town. On OntoNotes train and dev, 14 of the 15 such person and
/// organisation spans are places.
pub fn towns_of_state_abbreviations(text: &str, spans: &mut [RawSpan], place_ty: usize, retypable: impl Fn(usize) -> bool, is_state_abbreviation: impl Fn(&RawSpan) -> bool) {
    for k in 1..spans.len() {
        let (head, tail) = spans.split_at_mut(k);
        let (p, s) = (&mut head[k - 1], &tail[0]);
        if retypable(p.ty) && text[p.end..s.start].trim() == "," && is_state_abbreviation(s) {
            p.ty = place_ty;
        }
    }
}

/// "MARLOW BEND, Ohio —", "Gary, Indiana": a name the tagger took for a person right before a
/// comma and a region (`is_region`: a US state or another country's province, written out) is a
/// town. On OntoNotes train, of the 198 gold names right before ", <US state>", 151 are places, 41
/// organisations (news sign-offs: "ABC News, Washington") and 3 people ("Peggy Wehmeyer,
/// Louisiana", a reporter's sign-off); so a person of two or more words starting with a first
/// name (`is_first_name`) stays a person.
pub fn towns_before_regions(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], place_ty: usize, person_ty: usize, is_region: impl Fn(&RawSpan) -> bool, is_first_name: impl Fn(&str) -> bool) {
    for k in 1..spans.len() {
        let (head, tail) = spans.split_at_mut(k);
        let (p, s) = (&mut head[k - 1], &tail[0]);
        if p.ty != person_ty || text[p.end..s.start].trim() != "," || !is_region(s) {
            continue;
        }
        if p.last_tok > p.first_tok && is_first_name(toks[p.first_tok].text(text)) {
            continue;
        }
        p.ty = place_ty;
    }
}

/// "around Khan Younis and Rafah": a name the tagger took for a person, joined by "and" or "or"
/// to a place (`is_place`) right before or after it, is a place too, unless a first name
/// (`is_first_name`) starts it ("Paris and Maria Lopez" stays a person). After a place that "in",
/// "near", "outside", "around" or "residents of" opens, a one-word name is a place even so
/// ("Residents of Wasilla and Palmer").
pub fn people_coordinated_with_places(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], place_ty: usize, person_ty: usize, is_place: impl Fn(usize) -> bool, is_first_name: impl Fn(&str) -> bool) {
    let joined = |a: &RawSpan, b: &RawSpan| b.first_tok == a.last_tok + 2 && matches!(toks[a.last_tok + 1].text(text), "and" | "or");
    for k in 1..spans.len() {
        let (a, b) = (&spans[k - 1], &spans[k]);
        if !joined(a, b) {
            continue;
        }
        let person = if a.ty == person_ty && is_place(b.ty) { k - 1 } else if b.ty == person_ty && is_place(a.ty) { k } else { continue };
        // "Tanzania's Samia Suluhu Hassan and Uganda's Yoweri Museveni": a possessive place says
        // whose the next name is, so the two joined are people, not a list of places.
        let possessive = |i: usize| toks.get(i).is_some_and(|t| matches!(t.text(text), "'s" | "’s"));
        let place = &spans[2 * k - 1 - person];
        if possessive(place.last_tok + 1) || (spans[person].first_tok > 0 && possessive(spans[person].first_tok - 1)) {
            continue;
        }
        // "Residents of Wasilla and Palmer", "in Paris and Lyon": one word after a place that a
        // locative opens is a place even if it is a first name too.
        let locative = person == k && spans[person].first_tok == spans[person].last_tok && place.first_tok >= 1 && {
            let w = toks[place.first_tok - 1].text(text).to_lowercase();
            matches!(w.as_str(), "in" | "near" | "outside" | "around") || (w == "of" && place.first_tok >= 2 && matches!(toks[place.first_tok - 2].text(text).to_lowercase().as_str(), "residents" | "towns" | "cities" | "villages"))
        };
        let p = &mut spans[person];
        if locative || !is_first_name(toks[p.first_tok].text(text)) {
            p.ty = place_ty;
        }
    }
}

/// Kinship nouns written before a name ("his wife Camilla", "her son, Hunter").
const KIN_NOUNS: &[&str] = &[
    "wife", "husband", "son", "daughter", "mother", "father", "brother", "girlfriend", "boyfriend", "widow", "widower", "fiancee", "fiancée",
    "fiance", "fiancé", "uncle", "aunt", "nephew", "niece", "cousin", "grandson", "granddaughter", "grandmother", "grandfather", "stepson",
    "stepdaughter", "spouse", "stepmother", "stepfather",
];

/// "Prince Charles and his new wife Camilla": a place span (`is_place`) right after a kinship
/// noun in lower case (and perhaps a comma), all its words capitalised and no capitalised word
/// after it ("his brother, Florida Governor Jeb Bush"), is a person, and so are the document's
/// other place spans of the same words (run after [`harmonise`], whose vote the other mentions
/// won: "when it comes to Camilla", 0.95). On OntoNotes and CoNLL train, 175 of the 195
/// capitalised words after such nouns start a person; "sister" and "partner" are not here
/// ("sister Lebanon", "its Japanese partner, Kobe Steel").
pub fn kin_are_people(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], person_ty: usize, is_place: impl Fn(usize) -> bool) {
    let mut names: std::collections::HashSet<&str> = Default::default();
    for s in spans.iter().filter(|s| is_place(s.ty)) {
        let mut k = s.first_tok;
        if k > 0 && toks[k - 1].text(text) == "," {
            k -= 1;
        }
        if k == 0 || !KIN_NOUNS.contains(&toks[k - 1].text(text)) || toks.get(s.last_tok + 1).is_some_and(|t| crate::tokens::is_capitalised_word(t.text(text))) {
            continue;
        }
        if (s.first_tok..=s.last_tok).all(|i| crate::tokens::is_capitalised_word(toks[i].text(text)) && toks[i].text(text).chars().any(char::is_lowercase)) {
            names.insert(&text[s.start..s.end]);
        }
    }
    if names.is_empty() {
        return;
    }
    for s in spans.iter_mut().filter(|s| is_place(s.ty) && names.contains(&text[s.start..s.end])) {
        s.ty = person_ty;
    }
}

/// "Biden and Macron meet": a one-word organisation the tagger was unsure of (below `max_score`),
/// right after "and" after a person it was sure of, is a person too (0.52 there). On OntoNotes
/// and CoNLL train, of the single capitalised words after "PERSON and", 145 are people and 13
/// organisations (most before a noun they modify: "Trelleborg joined", "Vogue magazine").
///
/// So is a two-word one whose last word is no common lower-case word (`plain_word`) nor a noun
/// of organisations ("Neil Armstrong and Buzz Aldrin", an organisation there at 0.78): on the
/// same train sets, two such capitalised words after "PERSON and" are a person 178 times and an
/// organisation 7 ("Joint Chiefs", "Universal Studios", "Luneng Group").
pub fn people_in_pairs(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], person_ty: usize, org_ty: usize, max_score: f32, plain_word: impl Fn(&str) -> bool) {
    let titled = |w: &str| crate::tokens::is_capitalised_word(w) && w.chars().skip(1).all(char::is_lowercase) && w.chars().count() > 1;
    for k in 1..spans.len() {
        let (a, b) = (&spans[k - 1], &spans[k]);
        if a.ty == person_ty && a.score >= 0.9 && b.ty == org_ty && b.score < max_score && b.last_tok <= b.first_tok + 1 && a.last_tok + 2 == b.first_tok && toks[a.last_tok + 1].text(text) == "and" {
            let (w, last) = (toks[b.first_tok].text(text), toks[b.last_tok].text(text));
            let pair = b.last_tok > b.first_tok && titled(last) && toks[b.first_tok].end < toks[b.last_tok].start && !plain_word(&last.to_lowercase()) && !ORGANISATION_NOUNS.contains(&last.to_lowercase().as_str());
            if titled(w) && (b.first_tok == b.last_tok || pair) && !toks.get(b.last_tok + 1).is_some_and(|t| crate::tokens::is_capitalised_word(t.text(text))) {
                spans[k].ty = person_ty;
            }
        }
    }
}

/// "identified as Nahel M.": a name of one capitalised word and one initial (a letter and a
/// full stop), as the press writes a minor or a suspect, is a person, whatever other name type
/// (`is_name`) the tagger gave it (an organisation there, 0.77). Not "U." (a university), nor
/// before another capitalised word. Rare in the corpora (on CoNLL train both such names are
/// people, "Jerzy L."; on OntoNotes train one is "Prestige U.").
pub fn initialled_people(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], person_ty: usize, is_name: impl Fn(usize) -> bool) {
    for s in spans.iter_mut().filter(|s| s.ty != person_ty && is_name(s.ty) && s.last_tok == s.first_tok + 1) {
        let (w, i) = (toks[s.first_tok].text(text), toks[s.last_tok].text(text));
        let initial = i.len() == 2 && i.as_bytes()[0].is_ascii_uppercase() && i.ends_with('.') && i != "U.";
        let word = crate::tokens::is_capitalised_word(w) && w.chars().skip(1).all(char::is_lowercase) && w.chars().count() > 1;
        if initial && word && toks[s.first_tok].end < toks[s.last_tok].start && !toks.get(s.last_tok + 1).is_some_and(|t| crate::tokens::is_capitalised_word(t.text(text))) {
            s.ty = person_ty;
        }
    }
}

/// "Trump said …": an untagged capitalised word that starts a sentence, right before a verb of
/// saying or meeting, is a person when `is_name_word` knows it as a first name or surname (the
/// start of a sentence hides whether a word is a name; on OntoNotes train such first words
/// before "said", "told" and the like are pronouns 73 times in 100 and people 22).
pub fn speakers_at_sentence_start(text: &str, toks: &[crate::tokens::Token], sents: &[std::ops::Range<usize>], spans: &mut Vec<RawSpan>, person_ty: usize, is_name_word: impl Fn(&str) -> bool) {
    let mut added = vec![];
    let mut k = 0; // spans[k..] start at or after the current sentence
    for s in sents {
        if s.len() < 3 {
            continue;
        }
        let i = s.start;
        while k < spans.len() && spans[k].last_tok < i {
            k += 1;
        }
        if spans.get(k).is_some_and(|x| x.first_tok <= i + 1) {
            continue;
        }
        let w = toks[i].text(text);
        let next = toks[i + 1].text(text);
        let verb = matches!(next, "said" | "says" | "told" | "tells" | "added" | "wrote" | "asked" | "announced" | "insisted" | "claimed" | "argued" | "warned" | "denied" | "met" | "signed" | "tweeted" | "posted" | "replied" | "admitted" | "urged")
            // Verbs of news headlines and leads ("Trump wins Iowa"); dev and train unchanged.
            || (matches!(next, "wins" | "won" | "visits" | "visited" | "meets" | "vows" | "vowed" | "slams" | "slammed" | "urges" | "praised" | "praises" | "criticised" | "criticized" | "defends" | "defended" | "rejects" | "rejected" | "promised" | "promises" | "pledged" | "pledges" | "resigns" | "resigned" | "thanked" | "blamed" | "blames" | "accused" | "accuses" | "insists" | "warns" | "announces" | "admits" | "denies" | "signs"));
        if verb && crate::tokens::is_capitalised_word(w) && w.chars().skip(1).all(char::is_lowercase) && is_name_word(w) {
            added.push(RawSpan { start: toks[i].start, end: toks[i].end, ty: person_ty, score: 0.6, first_tok: i, last_tok: i });
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// "a private bilingual school called Little Oxford": a place span (`is_place`) right after an
/// organisation's noun and "called" or "named" is that organisation (`org_ty`), and so is every
/// place span of the same words in the text ("the tuition at Little Oxford"). A person there
/// stays a person ("a student at the University named Heidi Hsueh"). On OntoNotes and CoNLL
/// train, every capitalised name after such words is an organisation or a person.
pub fn organisations_called(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], org_ty: usize, is_place: impl Fn(usize) -> bool) {
    let mut names: std::collections::HashSet<&str> = Default::default();
    for s in spans.iter().filter(|s| is_place(s.ty) && s.first_tok >= 2) {
        let (noun, verb) = (toks[s.first_tok - 2].text(text), toks[s.first_tok - 1].text(text));
        if matches!(verb, "called" | "named") && ORGANISATION_NOUNS.contains(&noun) {
            names.insert(&text[s.start..s.end]);
        }
    }
    if names.is_empty() {
        return;
    }
    for s in spans.iter_mut().filter(|s| is_place(s.ty) && names.contains(&text[s.start..s.end])) {
        s.ty = org_ty;
    }
}

const ORGANISATION_NOUNS: &[&str] = &[
    "school", "company", "firm", "group", "organization", "organisation", "band", "agency", "bank", "charity", "foundation",
    "party", "club", "newspaper", "magazine", "airline", "startup", "start-up", "restaurant", "institute", "network", "chain",
    "studio", "label", "brand", "kindergarten", "academy", "team", "movement", "militia", "NGO", "nonprofit", "publisher",
];

/// "stake in Hammond", "Justin 's customers", "Aspen officials": a name the tagger took for a
/// person whose mentions stand in at least [`COMPANY_CUES`] places where companies stand is a
/// company (`org_ty`): every mention of that string. Not when the text also gives it a title
/// ("Mr. Hammond").
pub fn companies_by_context(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], person_ty: usize, org_ty: usize) {
    let low = |i: usize| toks.get(i).map(|t| t.text(text).to_lowercase()).unwrap_or_default();
    let cues_at = |s: &RawSpan| -> (usize, bool) {
        let (f, l) = (s.first_tok, s.last_tok);
        let p1 = if f >= 1 { low(f - 1) } else { String::new() };
        let p2 = if f >= 2 { low(f - 2) } else { String::new() };
        let (n1, n2) = (low(l + 1), low(l + 2));
        let titled = matches!(p1.as_str(), "mr." | "mrs." | "ms." | "dr." | "mr" | "mrs" | "ms" | "dr" | "sir" | "lady" | "lord");
        let mut n = 0;
        n += matches!(p1.as_str(), "founded" | "acquire" | "acquired" | "acquiring" | "bought") as usize;
        // Not a possessor: "a unit of Rupert Murdoch's News Corp" names its owner.
        let possessor = matches!(low(l).as_str(), "'s" | "’s");
        n += (!possessor && matches!((p2.as_str(), p1.as_str()), ("stake" | "interest", "in") | ("shares" | "units" | "unit" | "subsidiary" | "customers" | "shareholders", "of") | ("merger" | "merge", "with"))) as usize;
        n += matches!(n1.as_str(), "officials" | "salesman" | "salesmen" | "shareholders" | "stockholders" | "inc." | "corp." | "co." | "ltd." | "plc") as usize;
        // "the Hang Seng index", "the Dow Jones index": a name before "index" is never its person.
        n += COMPANY_CUES * matches!(n1.as_str(), "index" | "indices" | "indexes") as usize;
        n += (matches!(n1.as_str(), "'s" | "’s")
            && matches!(n2.as_str(), "customers" | "employees" | "shares" | "stock" | "fleet" | "board" | "shareholders" | "products" | "revenue" | "profit" | "earnings" | "subsidiary" | "plant" | "factory" | "stores" | "headquarters" | "capital" | "chairman" | "ceo" | "sales"))
            as usize;
        // "Tesla's market value fell" (Tesla a person at 0.90): no person has a market value.
        n += COMPANY_CUES * (matches!(n1.as_str(), "'s" | "’s") && n2 == "market" && matches!(low(l + 3).as_str(), "value" | "cap" | "capitalisation" | "capitalization" | "share" | "valuation")) as usize;
        n += (n1 == "said" && (n2 == "its" || (n2 == "that" && low(l + 3) == "its"))) as usize;
        // "Bitcoin traded near $67,000" (a person at 0.65): what trades at a price is no person.
        let price = |k: usize| toks.get(k).is_some_and(|t| t.text(text).starts_with(|c: char| c.is_ascii_digit() || crate::numbers::word_class(&c.to_string()) == Some("currency")));
        n += COMPANY_CUES * (matches!(n1.as_str(), "traded" | "trades" | "trading") && matches!(n2.as_str(), "at" | "near" | "above" | "below" | "around") && price(l + 3)) as usize;
        // "Shane Longman , a fictional mid-sized securities firm"
        if n1 == "," && matches!(n2.as_str(), "a" | "an" | "the") {
            n += (l + 3..(l + 9).min(toks.len())).take_while(|&k| !matches!(toks[k].text(text), "," | "." | ";")).any(|k| {
                matches!(low(k).as_str(), "company" | "firm" | "maker" | "concern" | "bank" | "airline" | "retailer" | "manufacturer" | "corporation" | "carrier" | "brokerage" | "insurer" | "conglomerate")
            }) as usize;
        }
        (n, titled)
    };
    // Name → (cues, titled, best score).
    let mut by_name: std::collections::HashMap<&str, (usize, bool, f32)> = Default::default();
    for s in spans.iter().filter(|s| s.ty == person_ty) {
        let (n, titled) = cues_at(s);
        let e = by_name.entry(&text[s.start..s.end]).or_default();
        e.0 += n;
        e.1 |= titled;
        e.2 = e.2.max(s.score);
    }
    // One cue is enough where the tagger was never sure of the person ("Shares of Lockheed
    // Martin rose", 0.63).
    let names: std::collections::HashSet<&str> = by_name.into_iter().filter(|&(_, (n, titled, best))| (n >= COMPANY_CUES || (n >= 1 && best < HARMONISE_KEEP)) && !titled).map(|(k, _)| k).collect();
    if names.is_empty() {
        return;
    }
    for s in spans.iter_mut().filter(|s| s.ty == person_ty) {
        if names.contains(&text[s.start..s.end]) {
            s.ty = org_ty;
        }
    }
}

/// See [`companies_by_context`].
pub const COMPANY_CUES: usize = 2;

/// A news dateline at the start of the text or of a line: one to four words in capitals, then
/// ", <region or country>" (`is_region`) and a dash or a wire service in brackets ("EAST
/// PALESTINE, Ohio —", "MARLOW BEND, Ohio (AP) —"). The capitals name a town. It becomes a place
/// where the tagger found nothing or a name of another type (`retypable`: a person, an
/// organisation) of exactly those words, and so do the text's other mentions of it of such a
/// type, in any case ("Marlow Bend"), provided it is two or more words (a one-word town could
/// also be a person's name: "JACKSON, Miss.").
/// Run it after [`harmonise`], which would otherwise let those mentions outvote the dateline.
pub fn datelines(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, place_ty: usize, retypable: impl Fn(usize) -> bool, is_region: impl Fn(&RawSpan) -> bool) {
    let tok = |i: usize| toks[i].text(text);
    let capitals = |w: &str| w.chars().any(char::is_alphabetic) && w.chars().all(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '’' | '-'));
    if !spans.windows(2).all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)) {
        spans.sort_by_key(|s| (s.start, s.end));
    }
    // The span covering a token is found by bisection ([`covering`]), so a text of many
    // dateline-like lines stays linear.
    let dash = |k: usize| k < toks.len() && matches!(tok(k), "—" | "–" | "-" | "--" | "―");
    let mut towns: Vec<(usize, usize)> = vec![];
    for i in 0..toks.len() {
        if !(i == 0 || toks[i].after_newline) {
            continue;
        }
        let mut j = i;
        while j < toks.len() && j - i < 4 && capitals(tok(j)) && (j == i || !toks[j].after_newline) {
            j += 1;
        }
        // With no region: "GAZA CITY —", "MEXICO CITY (AP) —". A place the tagger found on the
        // first capitals ("GAZA") is the whole name.
        if j > i + 1 && (dash(j) || (j + 3 < toks.len() && tok(j) == "(" && tok(j + 2) == ")" && dash(j + 3))) {
            if let Some(k) = covering(spans, i).filter(|&k| spans[k].first_tok == i && spans[k].last_tok < j - 1 && spans[k].ty == place_ty) {
                if covering(spans, j - 1).is_none() {
                    spans[k].last_tok = j - 1;
                    spans[k].end = toks[j - 1].end;
                }
            }
            continue;
        }
        if j == i || j + 1 >= toks.len() || tok(j) != "," {
            continue;
        }
        // The region right after the comma, then a dash or "(AP)".
        let Some(r) = covering(spans, j + 1).filter(|&r| spans[r].first_tok == j + 1 && is_region(&spans[r])) else { continue };
        let after = spans[r].last_tok + 1;
        let wire = after + 3 < toks.len() && tok(after) == "(" && tok(after + 2) == ")" && dash(after + 3);
        if dash(after) || wire {
            towns.push((i, j - 1));
        }
    }
    if towns.is_empty() {
        return;
    }
    let mut added = vec![];
    let mut names: std::collections::HashSet<String, crate::hash::FnvBuild> = Default::default();
    for &(f, l) in &towns {
        // Overlapping spans: the one covering the first or the last word.
        match covering(spans, f).or_else(|| covering(spans, l)) {
            None => added.push(RawSpan { start: toks[f].start, end: toks[l].end, ty: place_ty, score: 0.9, first_tok: f, last_tok: l }),
            Some(k) if spans[k].first_tok == f && spans[k].last_tok == l && retypable(spans[k].ty) => spans[k].ty = place_ty,
            _ => {}
        }
        if l > f {
            names.insert(text[toks[f].start..toks[l].end].to_lowercase());
        }
    }
    // The other mentions of the towns of two or more words, in one pass.
    if !names.is_empty() {
        for s in spans.iter_mut() {
            if retypable(s.ty) && s.last_tok > s.first_tok && names.contains(&text[s.start..s.end].to_lowercase()) {
                s.ty = place_ty;
            }
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// A date written in digits: day, month and year (either order of day and month) with one kind
/// of separator ("05/06/2024", "5.6.2024", "05-06-24"; a two-digit year not after dots, which
/// versions use), or year, month, day ("2024-05-06", "2024/5/6").
fn numeric_date(w: &str) -> bool {
    // Days the news names by their digits: "after 9/11", "the 7/7 bombings" (not 9 ÷ 11).
    if matches!(w, "9/11" | "7/7") {
        return true;
    }
    // A season or fiscal year: "2023/24", "2023/2024" (the next year after the slash).
    if let Some((a, b)) = w.split_once('/') {
        if let (Ok(y), Ok(z)) = (a.parse::<u32>(), b.parse::<u32>()) {
            if a.len() == 4 && (1800..2200).contains(&y) && ((b.len() == 2 && z == (y + 1) % 100) || (b.len() == 4 && z == y + 1)) {
                return true;
            }
        }
    }
    for sep in ['/', '-', '.'] {
        let parts: Vec<&str> = w.split(sep).collect();
        if parts.len() != 3 || !parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())) {
            continue;
        }
        let n = |p: &str| p.parse::<u32>().unwrap_or(0);
        let (a, b, c) = (parts[0], parts[1], parts[2]);
        let day_month = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
        if a.len() == 4 && b.len() <= 2 && c.len() <= 2 && day_month(n(c), n(b)) {
            return true;
        }
        if a.len() <= 2 && b.len() <= 2 && (c.len() == 4 || (c.len() == 2 && sep != '.')) && (day_month(n(a), n(b)) || day_month(n(b), n(a))) {
            return true;
        }
    }
    false
}

/// Is the number at `text[start..end]` a piece of a phone number ("+1 (555) 123-4567", "555-1234")?
/// The run of digits, spaces, brackets, dots and dashes around it holds at least seven digits in
/// groups, with a country code, a bracketed area code or two dashes; or it is ddd-dddd.
fn in_phone_number(text: &str, start: usize, end: usize) -> bool {
    let part = |c: char| c.is_ascii_digit() || matches!(c, '(' | ')' | '+' | '-' | '.' | ' ');
    // At most 24 characters either side: a phone number is short, and a long run of digits and
    // spaces must not make every number in it a scan of the whole run.
    let from = text[..start].char_indices().rev().take(24).take_while(|&(_, c)| part(c)).last().map_or(start, |(i, _)| i);
    let to = text[end..].char_indices().take(24).take_while(|&(_, c)| part(c)).last().map_or(end, |(i, c)| end + i + c.len_utf8());
    let run = text[from..to].trim_matches(|c: char| c == ' ' || c == '.' || c == '-');
    let digits = run.bytes().filter(u8::is_ascii_digit).count();
    let groups = run.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).count();
    let local = run.len() == 8 && run.as_bytes()[3] == b'-' && groups == 2 && digits == 7;
    // A national number with its trunk zero, in groups: "0800 555 111", "07700 900123" (a
    // count in groups of digits never starts with 0).
    let trunk = run.starts_with('0') && (9..=13).contains(&digits) && groups >= 2;
    local || trunk || (digits >= 7 && groups >= 3 && (run.starts_with('+') || run.contains('(') || run.matches('-').count() >= 2))
}

/// "5 to 10 million dollars", "-3 to 12 percent": a bare number (`cardinal`, digits only, perhaps
/// signed) that "to" or
/// a dash joins to an amount of a type `joins` accepts is the low end of one range of that type
/// (the tagger often stops at the first number; on OntoNotes train such money and percent
/// ranges are always one span). After "between", "and" joins such a number, or an amount of the
/// same type, to the amount or number after it the same way, and the range takes "between"
/// ("between 4% and 9%", "between 700 and 1,000").
pub fn join_ranges(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, cardinal: usize, joins: impl Fn(usize) -> bool) {
    let mut out: Vec<RawSpan> = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        // Where the span before the last ends: "between" must be free to take.
        let free_from = out.len().checked_sub(2).map_or(0, |k| out[k].last_tok + 1);
        if let Some(a) = out.last_mut() {
            let low = toks[a.first_tok].text(text).trim_start_matches(['-', '−', '+']);
            let bare = a.ty == cardinal && a.first_tok == a.last_tok && !low.is_empty() && low.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
            let link = if s.first_tok == a.last_tok + 2 { toks[a.last_tok + 1].text(text) } else { "" };
            // "between 2 and 3 percent", "between 4% and 9%": one range with "between" (OntoNotes
            // train: all 16 such money and percent ranges are one span; dev PERCENT +1).
            let between_in = toks[a.first_tok].text(text).eq_ignore_ascii_case("between") && a.first_tok < a.last_tok;
            let between = between_in || (a.first_tok > free_from && toks[a.first_tok - 1].text(text).eq_ignore_ascii_case("between"));
            let low_bare = {
                let w = toks[a.last_tok].text(text).trim_start_matches(['-', '−', '+']);
                a.ty == cardinal && a.last_tok == a.first_tok + usize::from(between_in) && !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
            };
            let between_pair = between && link == "and" && (low_bare || a.ty == s.ty);
            if (joins(s.ty) && bare && matches!(link, "to" | "-" | "–")) || (between_pair && (joins(s.ty) || s.ty == cardinal)) {
                if between_pair && !between_in {
                    a.first_tok -= 1;
                    a.start = toks[a.first_tok].start;
                }
                a.end = s.end;
                a.last_tok = s.last_tok;
                a.ty = s.ty;
                a.score = a.score.min(s.score);
                continue;
            }
        }
        out.push(s);
    }
    *spans = out;
}

/// "5G", "4G": a mobile network's generation, not grams (a gram is a lower-case "g": "30g").
fn network_generation(span: &str) -> bool {
    span.strip_suffix('G').is_some_and(|d| (1..=2).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether token `i` comes right after "plus or" ("plus or minus 2%": a margin either way, not a
/// negative amount).
fn after_plus_or(text: &str, toks: &[crate::tokens::Token], i: usize) -> bool {
    i >= 2 && toks[i - 1].text(text) == "or" && toks[i - 2].text(text).eq_ignore_ascii_case("plus")
}

/// "10.4 trillion won", "closed at 81,600 won.": the Korean currency after an amount (`is_number`
/// spans) joins it as money (`money_ty`) where the amount ends on a scale word, or where the text
/// names Korea and punctuation or a preposition follows ("won" is the verb far more often:
/// "Smith, 25, won the race").
pub fn korean_won(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], is_number: impl Fn(usize) -> bool, money_ty: usize) {
    if !text.contains(" won") {
        return;
    }
    let korea = text.contains("Korea") || text.contains("Seoul");
    for s in spans.iter_mut().filter(|s| is_number(s.ty)) {
        let l = s.last_tok;
        if l + 1 >= toks.len() || toks[l + 1].text(text) != "won" || toks[l].text(text) == "," {
            continue;
        }
        let scale = crate::numbers::word_class(&toks[l].text(text).to_lowercase()) == Some("scale");
        let after = toks.get(l + 2).map_or(".", |t| t.text(text));
        let ends = matches!(after, "." | "," | ";" | ")" | "(" | "per" | "in" | "on" | "from" | "to" | "at" | "and" | "for" | "a" | "an" | "each");
        if scale || (korea && ends && toks[l].text(text).starts_with(|c: char| c.is_ascii_digit())) {
            s.last_tok = l + 1;
            s.end = toks[l + 1].end;
            s.ty = money_ty;
        }
    }
}

/// Dates the tagger read as numbers or names:
/// - a date in digits that the tagger left out ([`numeric_date`]: "until 31/12/2025,");
/// - a fiscal year written "FY2023", "FY24" or "FY2023/24" (a cardinal or a product to the tagger);
/// - a day of the month in digits before a month's name ("14 Apr", "3 June"), with the year in
///   digits after it and the weekday before it ("Mon, 14 Apr 2025"), whatever one-token spans
///   the tagger put on those words giving way; a date that starts at the month takes the day
///   ("3" and "June 2025").
pub fn short_dates(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, retypable: impl Fn(usize) -> bool, date_ty: usize) {
    let tok = |i: usize| toks[i].text(text);
    let class = |i: usize| crate::numbers::word_class(&tok(i).trim_end_matches('.').to_lowercase());
    let fiscal = |w: &str| {
        let Some(rest) = w.strip_prefix("FY") else { return false };
        let (year, tail) = rest.split_once(['/', '-']).unwrap_or((rest, ""));
        matches!(year.len(), 2 | 4) && year.bytes().all(|b| b.is_ascii_digit()) && (tail.is_empty() || (matches!(tail.len(), 2 | 4) && tail.bytes().all(|b| b.is_ascii_digit())))
    };
    let mut absorbed = vec![];
    let mut owner: Vec<Option<usize>> = vec![];
    for k in 0..spans.len() {
        let s = &spans[k];
        if !retypable(s.ty) && s.ty != date_ty {
            continue;
        }
        if s.ty != date_ty && fiscal(&text[s.start..s.end]) {
            spans[k].ty = date_ty;
            continue;
        }
        let f = s.first_tok;
        let day = s.ty != date_ty && f == s.last_tok && tok(f).len() <= 2 && tok(f).parse::<u8>().is_ok_and(|d| (1..=31).contains(&d));
        if !day || f + 1 >= toks.len() || class(f + 1) != Some("month") {
            continue;
        }
        // The spans on the words it takes: one token each, not dates already.
        if owner.is_empty() {
            owner = owner_map(toks.len(), spans);
        }
        let alone = |i: usize| owner[i].map(|j| (j, spans[j].first_tok == i && spans[j].last_tok == i && spans[j].ty != date_ty));
        let free = |i: usize| alone(i).is_none_or(|(_, one)| one);
        // "3 June 2025" where the tagger dated "June 2025": that date takes the day.
        if let Some((j, false)) = alone(f + 1) {
            if spans[j].ty == date_ty && spans[j].first_tok == f + 1 {
                spans[j].first_tok = f;
                spans[j].start = toks[f].start;
                absorbed.push(k);
            }
            continue;
        }
        let mut last = f + 1;
        if last + 1 < toks.len() && tok(last + 1).len() == 4 && tok(last + 1).parse::<u16>().is_ok_and(|y| (1000..=2100).contains(&y)) && free(last + 1) {
            last += 1;
        }
        let mut first = f;
        if f >= 2 && tok(f - 1) == "," && class(f - 2) == Some("weekday") && free(f - 2) {
            first = f - 2;
        }
        for i in (first..=last).filter(|&i| i != f) {
            if let Some((j, _)) = alone(i) {
                absorbed.push(j);
            }
        }
        let s = &mut spans[k];
        *s = RawSpan { start: toks[first].start, end: toks[last].end, ty: date_ty, score: s.score, first_tok: first, last_tok: last };
    }
    if !absorbed.is_empty() {
        let mut gone = vec![false; spans.len()];
        absorbed.iter().for_each(|&j: &usize| gone[j] = true);
        let mut j = 0;
        spans.retain(|_| {
            j += 1;
            !gone[j - 1]
        });
        spans.sort_by_key(|s| (s.start, s.end));
    }
    // Dates in digits: a span of a retypable type on exactly one is that date; one in no span
    // is added.
    // (Cheap test first: digits and a separator.)
    let digit_date = |t: &crate::tokens::Token| {
        let w = t.text(text);
        w.len() >= 3 && w.as_bytes()[0].is_ascii_digit() && w.bytes().any(|b| matches!(b, b'/' | b'-' | b'.')) && numeric_date(w)
    };
    if !toks.iter().any(digit_date) {
        return;
    }
    let owner = owner_map(toks.len(), spans);
    let mut added = vec![];
    for (i, t) in toks.iter().enumerate() {
        if !digit_date(t) {
            continue;
        }
        match owner[i] {
            None => added.push(RawSpan { start: t.start, end: t.end, ty: date_ty, score: 0.6, first_tok: i, last_tok: i }),
            Some(j) if spans[j].first_tok == i && spans[j].last_tok == i && retypable(spans[j].ty) => spans[j].ty = date_ty,
            Some(_) => {}
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// "15 000 people", "1 234 567": groups of three digits that a space (or a thin or no-break
/// space) sets off after one to three digits are one number; the number spans (`is_number`) on
/// the groups are joined, and a group in no span joins the span before it. Not after a decimal or
/// a four-digit year ("in 2010 500 people").
pub fn spaced_thousands(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, is_number: impl Fn(usize) -> bool) {
    let digits = |i: usize, len: std::ops::RangeInclusive<usize>| {
        let w = toks[i].text(text);
        len.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    };
    let spaced = |a: usize, b: usize| matches!(&text[toks[a].end..toks[b].start], " " | "\u{2009}" | "\u{202F}" | "\u{A0}");
    let mut out: Vec<RawSpan> = Vec::with_capacity(spans.len());
    let mut it = std::mem::take(spans).into_iter().peekable();
    while let Some(mut s) = it.next() {
        while is_number(s.ty) && digits(s.last_tok, 1..=3) {
            let n = s.last_tok + 1;
            // A group of exactly three digits, not glued to more digits or a decimal.
            if n >= toks.len() || !digits(n, 3..=3) || !spaced(s.last_tok, n) || toks.get(n + 1).is_some_and(|t| t.start == toks[n].end && t.text(text).starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')) {
                break;
            }
            match it.peek() {
                // A number span that starts with the group joins whole ("15" + "000 km").
                Some(next) if next.first_tok == n && is_number(next.ty) => {
                    let next = it.next().unwrap();
                    s.score = s.score.min(next.score);
                    if next.last_tok > n {
                        s.ty = next.ty;
                    }
                    s.last_tok = next.last_tok;
                    s.end = next.end;
                }
                Some(next) if next.first_tok <= n => break,
                _ => {
                    s.last_tok = n;
                    s.end = toks[n].end;
                }
            }
        }
        out.push(s);
    }
    *spans = out;
}

/// "1.2bn Swiss francs", "500 Saudi riyals": a number span (`is_number`) before one or two
/// capitalised words and a currency word takes them when the number grammar reads a currency
/// in the whole (the tagger had "Swiss" as a nationality); it becomes money (`money_ty`), and the
/// one-token spans on those words give way.
pub fn named_currencies(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, is_number: impl Fn(usize) -> bool, money_ty: usize) {
    let currency = |i: usize| crate::numbers::word_class(&toks[i].text(text).to_lowercase()) == Some("currency");
    let mut absorbed = vec![];
    let mut owner: Vec<Option<usize>> = vec![];
    for k in 0..spans.len() {
        let s = &spans[k];
        let l = s.last_tok;
        if !is_number(s.ty) || l + 2 >= toks.len() || !crate::tokens::is_capitalised_word(toks[l + 1].text(text)) {
            continue;
        }

        let Some(end) = (l + 2..(l + 4).min(toks.len())).find(|&i| currency(i)) else { continue };
        if !(l + 1..end).all(|i| crate::tokens::is_capitalised_word(toks[i].text(text))) {
            continue;
        }
        // The words between: in no span, or each in a span of its own.
        if owner.is_empty() {
            owner = owner_map(toks.len(), spans);
        }
        let owners: Vec<Option<usize>> = (l + 1..=end).map(|i| owner[i]).collect();
        if !owners.iter().flatten().all(|&j| spans[j].first_tok > l && spans[j].last_tok <= end) {
            continue;
        }
        if crate::numbers::parse_value(&text[s.start..toks[end].end], None).is_none_or(|v| v.currency.is_none()) {
            continue;
        }
        absorbed.extend(owners.into_iter().flatten());
        let s = &mut spans[k];
        s.last_tok = end;
        s.end = toks[end].end;
        s.ty = money_ty;
    }
    if !absorbed.is_empty() {
        let mut gone = vec![false; spans.len()];
        absorbed.iter().for_each(|&j: &usize| gone[j] = true);
        let mut j = 0;
        spans.retain(|_| {
            j += 1;
            !gone[j - 1]
        });
    }
}

/// "reached Mach 5": "Mach" before a number (a person to the tagger) is that speed, one quantity
/// span (`quantity_ty`) over both; the spans on them give way.
pub fn mach_numbers(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, quantity_ty: usize) {
    if !text.contains("Mach ") {
        return;
    }
    let mut found = vec![];
    for i in 0..toks.len().saturating_sub(1) {
        let n = toks[i + 1].text(text);
        if toks[i].text(text) == "Mach" && toks[i + 1].start == toks[i].end + 1 && n.starts_with(|c: char| c.is_ascii_digit()) && n.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            found.push(i);
        }
    }
    if found.is_empty() {
        return;
    }
    let owner = owner_map(toks.len(), spans);
    let mut dropped = vec![false; spans.len()];
    let mut added = vec![];
    for &i in &found {
        let inside: Vec<usize> = [owner[i], owner[i + 1]].into_iter().flatten().collect();
        // Not where a span reaches outside the two words ("Ernst Mach 1838").
        if inside.iter().any(|&j| spans[j].first_tok < i || spans[j].last_tok > i + 1) {
            continue;
        }
        let score = inside.iter().map(|&j| spans[j].score).fold(0.6f32, f32::max);
        inside.iter().for_each(|&j| dropped[j] = true);
        added.push(RawSpan { start: toks[i].start, end: toks[i + 1].end, ty: quantity_ty, score, first_tok: i, last_tok: i + 1 });
    }
    let mut j = 0;
    spans.retain(|_| {
        j += 1;
        !dropped[j - 1]
    });
    spans.extend(added);
    spans.sort_by_key(|s| (s.start, s.end));
}

/// Sorts `spans` by start and drops each one that overlaps a span kept before it (the first
/// of two overlapping spans stays). The rules keep their spans disjoint; this is the last guard.
pub fn disjoint(spans: &mut Vec<RawSpan>) {
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut end = 0;
    spans.retain(|s| {
        let keep = s.start >= end && s.start < s.end;
        if keep {
            end = s.end;
        }
        keep
    });
}

/// "£45–£120": a number span that ends on a currency symbol takes the amount glued after it, and
/// any number span there gives way (the tagger had "£45–£" and the cardinal "120").
pub fn amounts_after_trailing_symbols(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, is_number: impl Fn(usize) -> bool) {
    let symbol = |w: &str| matches!(w, "$" | "€" | "£" | "¥" | "₹" | "US$");
    let ends_on_symbol = |s: &RawSpan| {
        let l = s.last_tok;
        is_number(s.ty) && s.last_tok > s.first_tok && symbol(toks[l].text(text)) && l + 1 < toks.len() && toks[l].end == toks[l + 1].start && toks[l + 1].text(text).starts_with(|c: char| c.is_ascii_digit())
    };
    if !spans.iter().any(ends_on_symbol) {
        return;
    }
    let mut out: Vec<RawSpan> = Vec::with_capacity(spans.len());
    let mut it = std::mem::take(spans).into_iter().peekable();
    while let Some(mut s) = it.next() {
        if ends_on_symbol(&s) {
            // The amount, and a scale word glued to it or after it, taken by the span there.
            // Any span that starts inside the longer span gives way to it: a number span
            // lends its end and score, another kind is dropped ("1-€0" and "€0" overlapped).
            let mut last = s.last_tok + 1;
            while let Some(n) = it.next_if(|n| n.first_tok <= last) {
                if is_number(n.ty) {
                    last = last.max(n.last_tok);
                    s.score = s.score.min(n.score);
                }
            }
            s.last_tok = last;
            s.end = toks[last].end;
        }
        out.push(s);
    }
    *spans = out;
}

/// Whether `w` is the number of a Boeing airliner ("707" to "787").
fn boeing_model(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 3 && b[0] == b'7' && b[2] == b'7' && (b'0'..=b'8').contains(&b[1])
}

/// Whether `outward` and the letters after a digit make a British postcode ("SW7" and "AP" of
/// "SW7 2AP", "M4" and "AE" of "M4 1AE").
fn uk_postcode(outward: &str, letters: &str) -> bool {
    let b = outward.as_bytes();
    let area = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let district = b[area..].iter().take_while(|c| c.is_ascii_digit()).count();
    let rest = &b[area + district..];
    (1..=2).contains(&area) && (1..=2).contains(&district) && (rest.is_empty() || (rest.len() == 1 && rest[0].is_ascii_uppercase())) && letters.len() == 2 && letters.bytes().all(|c| c.is_ascii_uppercase())
}

/// Whether token `f`, the first of a number span, is a name before its amount: capitalised (not
/// all capitals, which may be a currency code), not the first word of its sentence, not a number
/// word, currency, unit or month, and followed by a modifier or digits ("the Sun about 1.5 million
/// kilometres", "Sun" inside the span).
fn name_before_amount(text: &str, toks: &[crate::tokens::Token], f: usize) -> bool {
    let w = toks[f].text(text);
    let mut chars = w.chars();
    let titled = chars.next().is_some_and(char::is_uppercase) && w.chars().count() >= 2 && chars.all(char::is_lowercase);
    let starts = f == 0 || toks[f].after_newline || matches!(toks[f - 1].text(text), "." | "!" | "?" | ":" | ";" | "\"" | "“" | "(" | "-" | "–" | "—");
    // ("Sun" is a weekday's abbreviation too, never one before an amount.)
    if !titled || starts || crate::numbers::word_class(&w.to_lowercase()).is_some_and(|c| c != "weekday") {
        return false;
    }
    let next = toks[f + 1].text(text);
    next.starts_with(|c: char| c.is_ascii_digit()) || crate::numbers::is_modifier_word(next)
}

/// Tidies the tagger's number spans with what the number grammar knows:
/// - punctuation at either end is trimmed ("5 ." → "5");
/// - a list marker at the start of a line ("1." or "2)") is not a number;
/// - digits glued by a hyphen to a word are part of a name, not a number ("COVID-19", "F-16");
/// - a span that runs over ", " or "; " into another amount is split there ("2,500 $, 80 mln"),
///   and so is one that runs on into "and another …" ("€40m and another 80 mln"), or into "and"
///   and digits after an amount closed by its currency or unit ("2,500 $ and 80 mln");
/// - a fraction word takes its article or count ("a third", "one quarter");
/// - "each" and "apiece" after a price stay out of it ("2,500 $ each").
pub fn tidy_numbers(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, is_number: impl Fn(usize) -> bool) {
    let tok = |i: usize| toks[i].text(text);
    // A currency code in capitals ("SEK", "Rp", "Rs."), which may stand a space before its amount.
    let capital_code = |i: usize| {
        let w = tok(i);
        w.starts_with(char::is_uppercase) && w.trim_end_matches('.').chars().all(char::is_alphabetic) && crate::numbers::word_class(&w.to_lowercase()) == Some("currency")
    };
    let is_punct = |w: &str| matches!(w, "." | "," | ";" | ":" | "(" | ")" | "[" | "]" | "\"" | "'" | "“" | "”" | "‘" | "’" | "!" | "?" | "-" | "–" | "—");
    let glued = |a: usize, b: usize| toks[a].end == toks[b].start;
    let mut out = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        if !is_number(s.ty) {
            out.push(s);
            continue;
        }
        let (mut f, mut l) = (s.first_tok, s.last_tok);
        while l > f && is_punct(tok(l)) {
            l -= 1;
        }
        while f < l && is_punct(tok(f)) {
            f += 1;
        }
        if is_punct(tok(f)) {
            continue;
        }
        // "orbits the Sun about 1.5 million kilometres": a capitalised word inside a sentence that
        // is no number word, currency or modifier stays out of the amount after it.
        while f < l && name_before_amount(text, toks, f) {
            f += 1;
        }
        let digits = |i: usize| tok(i).bytes().all(|b| b.is_ascii_digit());
        // List marker: the first token of its line, digits, then "." or ")".
        let line_start = f == 0 || toks[f].after_newline;
        if f == l && digits(f) && line_start && toks.get(f + 1).is_some_and(|n| matches!(n.text(text), "." | ")") && glued(f, f + 1)) {
            continue;
        }
        // Identifier: word-hyphen-digits with no spaces.
        if f == l && digits(f) && f >= 2 && matches!(tok(f - 1), "-" | "‐" | "‑") && glued(f - 1, f) && glued(f - 2, f - 1) && tok(f - 2).chars().any(char::is_alphabetic) {
            continue;
        }
        // "5G", "4G": a network generation, not grams (a gram is a lower-case "g": "30g").
        if network_generation(&text[toks[f].start..toks[l].end]) {
            continue;
        }
        // "open 24/7": always, not 24 ÷ 7.
        if f == l && matches!(tok(f), "24/7" | "24x7" | "24/7/365") {
            continue;
        }
        // "Scores: 2-1", "test scores": "scores" counts only in "scores of" (OntoNotes train
        // leaves 10 of 11 other "scores" unmarked).
        if f == l && tok(f).eq_ignore_ascii_case("scores") && !toks.get(f + 1).is_some_and(|n| n.text(text).eq_ignore_ascii_case("of")) {
            continue;
        }
        // A version or an address ("2.0.1", "192.168.0.1"), or a piece of a phone number.
        if f == l && tok(f).split('.').filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())).count() >= 3 {
            continue;
        }
        if in_phone_number(text, toks[f].start, toks[l].end) {
            continue;
        }
        // Letters glued to digits name a thing ("Q3", "G7", "A320", "FY2023") unless the letters
        // are a currency ("SKr29").
        let code = tok(f);
        let letters = code.trim_end_matches(|c: char| c.is_ascii_digit());
        if f == l && !letters.is_empty() && letters.len() < code.len() && letters.chars().all(|c| c.is_ascii_alphabetic()) && crate::numbers::parse_value(code, None).is_none_or(|v| v.currency.is_none()) {
            continue;
        }
        // "London SW7 2AP": the inward half of a British postcode, not a count.
        if f == l && digits(f) && tok(f).len() == 1 && f >= 1 && uk_postcode(tok(f - 1), toks.get(f + 1).filter(|_| glued(f, f + 1)).map_or("", |t| t.text(text))) {
            continue;
        }
        // "the 737 Max", "a dozen 737 jetliners": a Boeing model, a product (OntoNotes train and
        // dev: every such number before an aircraft word is one).
        // Before a plain aircraft noun, only after a determiner, a count or an airline ("727
        // planes" may be a count of planes).
        if f == l && boeing_model(tok(f)) {
            let next = toks.get(f + 1).map_or("", |n| n.text(text));
            let prev = if f > 0 { tok(f - 1) } else { "" };
            let named = matches!(next, "Max" | "MAX" | "Dreamliner" | "Dreamliners" | "-");
            let noun = matches!(next, "jet" | "jets" | "jetliner" | "jetliners" | "aircraft" | "airliner" | "airliners" | "plane" | "planes" | "freighter" | "freighters" | "airplane" | "airplanes");
            let determined = matches!(prev.to_lowercase().as_str(), "the" | "a" | "an" | "its" | "their" | "new" | "used" | "dozen") || prev.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase()) || crate::numbers::word_class(&prev.to_lowercase()) == Some("numword");
            if named || (noun && determined) {
                continue;
            }
        }
        // "UPDATE 2-Oil rises": the number of a wire story's update, not a count.
        if f == l && digits(f) && f >= 1 && tok(f - 1).ends_with("UPDATE") && toks.get(f + 1).is_some_and(|n| matches!(n.text(text), "-" | "–") && glued(f, f + 1)) {
            continue;
        }
        // "call 911", "dial 999": an emergency line, not a count.
        if f == l && matches!(tok(f), "911" | "999" | "112" | "000") && f >= 1 && matches!(tok(f - 1).to_lowercase().as_str(), "call" | "calls" | "called" | "calling" | "dial" | "dials" | "dialed" | "dialled" | "dialing" | "dialling") {
            continue;
        }
        // "case No. 21-476": a docket or serial number of two groups after "No." is no range.
        if f + 2 == l && digits(f) && digits(l) && matches!(tok(f + 1), "-" | "–") && f >= 1 && matches!(tok(f - 1), "No." | "no." | "Nos." | "#") {
            continue;
        }
        // The number of a road, flight, gate or room is part of its name ("Interstate 95").
        if f == l && tok(f).starts_with(|c: char| c.is_ascii_digit()) && f >= 1 && NAMED_BY_NUMBER.contains(&tok(f - 1)) {
            continue;
        }
        // Fractions: "a third", "one quarter".
        // "Third", "fifth" and "tenth" are ordinals before a noun ("a third straight meeting"):
        // fractions only before "of" or where the phrase ends ("a third of them", "cut by a third").
        let word = tok(f).to_lowercase();
        let ordinal_too = matches!(word.as_str(), "third" | "fifth" | "tenth");
        let phrase_ends = toks.get(f + 1).is_none_or(|n| {
            let n = n.text(text);
            n.eq_ignore_ascii_case("of") || !n.chars().next().is_some_and(char::is_alphanumeric)
        });
        if f == l && f > 0 && matches!(word.as_str(), "third" | "thirds" | "quarter" | "quarters" | "fifth" | "fifths" | "half" | "tenth") && (!ordinal_too || phrase_ends) && matches!(tok(f - 1).to_lowercase().as_str(), "a" | "an" | "one" | "two" | "three") && out.last().is_none_or(|p: &RawSpan| p.last_tok < f - 1) {
            f -= 1;
        }
        // "plus or minus 2%": a margin either way, not a negative amount.
        if f < l && tok(f).eq_ignore_ascii_case("minus") && after_plus_or(text, toks, f) {
            f += 1;
        }
        // "CHF 12.5 million and SEK" + "300": a currency code ending the span after "and" or
        // "or" opens the amount after it, not this one.
        if l >= f + 2 && matches!(tok(l - 1), "and" | "or") && capital_code(l) && toks.get(l + 1).is_some_and(|n| n.text(text).starts_with(|c: char| c.is_ascii_digit()) && n.start == toks[l].end + 1) {
            l -= 2;
        }
        // Split at ", " / "; " between amounts, and at ordinary lower-case words that no number
        // phrase contains ("25 km north carried 80,000 barrels"); keep the parts with a number.
        let mut parts = vec![];
        let mut start = f;
        for i in f + 1..l {
            let comma = matches!(tok(i), "," | ";") && glued(i - 1, i) && !glued(i, i + 1);
            // "€40m and another 80 mln": a second amount, not a range.
            let another = matches!(tok(i), "and" | "or" | "plus") && i + 1 < l && matches!(tok(i + 1).to_lowercase().as_str(), "another" | "additional" | "further");
            // "rose $1.02 to $82.15": after a verb of change, "X to Y" is the change and the new
            // level, two amounts (when both show their unit or currency); elsewhere "X to Y" is
            // mostly a range and stays one span ("a 2.5% to 3% growth rate", "5 to 10 million").
            let marked = |a: usize, b: usize| crate::numbers::parse_value(&text[toks[a].start..toks[b].end], None).is_some_and(|v| v.unit.is_some() || v.currency.is_some());
            let after_change = f > 0 && CHANGE_VERBS.contains(&tok(f - 1).to_lowercase().as_str());
            let two_amounts = after_change && tok(i) == "to" && i > start && marked(start, i - 1) && marked(i + 1, l);
            // "80 mln and €40m": an amount in its own currency after "and"/"or" is a second
            // amount ("between $5 and $10" stays a range).
            let own_currency = matches!(tok(i), "and" | "or") && i > start && i + 2 <= l && (glued(i + 1, i + 2) || capital_code(i + 1))
                && crate::numbers::word_class(&tok(i + 1).to_lowercase()) == Some("currency")
                && tok(i + 2).starts_with(|c: char| c.is_ascii_digit())
                && !matches!(tok(f).to_lowercase().as_str(), "between" | "from")
                && crate::numbers::parse_value(&text[toks[start].start..toks[i - 1].end], None).is_some();
            // "$4.5bn $2bn": a currency sign after a space, glued to digits, opens a second amount
            // when what comes before it ends one (not "between $5 and $10").
            let ends_amount = |k: usize| tok(k).chars().any(|c| c.is_ascii_digit()) || matches!(crate::numbers::word_class(&tok(k).to_lowercase()), Some("scale" | "currency" | "unit"));
            let next_amount = i > start && !glued(i - 1, i) && glued(i, i + 1) && ends_amount(i - 1)
                && crate::numbers::word_class(&tok(i).to_lowercase()) == Some("currency")
                && tok(i + 1).starts_with(|c: char| c.is_ascii_digit())
                && crate::numbers::parse_value(&text[toks[start].start..toks[i - 1].end], None).is_some();
            // "2,500 $ and 80 mln": an amount closed by its currency or unit, then "and"/"or" and
            // digits, is followed by a second amount (not "between 5 km and 10 km").
            let closed = matches!(tok(i), "and" | "or") && i > start && i < l
                && matches!(crate::numbers::word_class(&tok(i - 1).to_lowercase()), Some("currency" | "unit"))
                && tok(i + 1).starts_with(|c: char| c.is_ascii_digit())
                && !matches!(tok(f).to_lowercase().as_str(), "between" | "from")
                && marked(start, i - 1);
            // "a depth of 35 kilometres about 80 km west": an amount closed by its unit or
            // currency, then a modifier opening another whole amount, is two amounts.
            let modified_next = i > start && i < l
                && ends_amount(i - 1)
                && matches!(tok(i).to_lowercase().as_str(), "about" | "some" | "around" | "nearly" | "almost" | "roughly" | "approximately" | "over" | "under" | "only" | "just")
                && (tok(i + 1).starts_with(|c: char| c.is_ascii_digit()) || crate::numbers::word_class(&tok(i + 1).to_lowercase()) == Some("currency"))
                && marked(start, i - 1)
                && marked(i + 1, l);
            if next_amount || modified_next {
                parts.push((start, i - 1));
                start = i;
            } else if comma || another || two_amounts || own_currency || closed || foreign_to_numbers(tok(i)) {
                parts.push((start, i - 1));
                start = i + 1;
            }
        }
        parts.push((start, l));
        let numeric = |a: usize, b: usize| (a..=b).any(|k| tok(k).chars().any(|c| c.is_ascii_digit()) || matches!(crate::numbers::word_class(&tok(k).to_lowercase()), Some("numword" | "ordword" | "fracword" | "vague" | "scale")));
        for (a, mut b) in parts {
            // "2,500 $ each", "$5 apiece": the price stops before the word (OntoNotes train: 14
            // of 15).
            if b > a && matches!(tok(b), "each" | "apiece") {
                b -= 1;
            }
            if a <= b && numeric(a, b) {
                out.push(RawSpan { start: toks[a].start, end: toks[b].end, first_tok: a, last_tok: b, ..s.clone() });
            }
        }
    }
    *spans = out;
}

/// "Ben Nevis, Britain's highest mountain", "Derna, a port city of 100,000": a name the tagger
/// took for a person or an organisation (`retypable`), of one to three words, that an
/// appositive after a comma calls a town, city, mountain or the like (a determiner or a name's
/// possessive, up to two lower-case words, the noun, then punctuation, "of", "in" or "on") is a
/// place of the noun's kind: `town_ty` for a settlement, `loc_ty` for a landform.
pub fn places_by_apposition(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], retypable: impl Fn(usize) -> bool, town_ty: usize, loc_ty: usize) {
    const TOWNS: &[&str] = &["town", "city", "village", "capital", "port", "suburb", "hamlet", "municipality", "province", "region", "state", "county", "district", "island"];
    const LANDFORMS: &[&str] = &["mountain", "peak", "volcano", "river", "lake", "glacier", "desert", "valley", "summit"];
    let tok = |i: usize| toks[i].text(text);
    for s in spans.iter_mut() {
        let c = s.last_tok + 1;
        if !retypable(s.ty) || s.last_tok > s.first_tok + 2 || c + 3 >= toks.len() || tok(c) != "," {
            continue;
        }
        // The determiner: "a", "an", "the", or a name and its "'s".
        let mut i = c + 1;
        if matches!(tok(i), "a" | "an" | "the") {
            i += 1;
        } else if crate::tokens::is_capitalised_word(tok(i)) && matches!(tok(i + 1), "'s" | "’s") {
            i += 2;
        } else {
            continue;
        }
        let mut found = None;
        for j in i..(i + 3).min(toks.len() - 1) {
            let w = tok(j);
            if !w.chars().all(|ch| ch.is_lowercase() || ch == '-') || w.is_empty() {
                break;
            }
            if matches!(tok(j + 1), "," | "." | ";" | "of" | "in" | "on" | ")") {
                found = if TOWNS.contains(&w) { Some(town_ty) } else if LANDFORMS.contains(&w) { Some(loc_ty) } else { None };
                break;
            }
        }
        if let Some(ty) = found {
            s.ty = ty;
        }
    }
}

/// "sued Media Matters for America", "Progress for America": capitalised words the tagger left
/// untagged (or read as an organisation, `org_ty`), then "for" and a place, are one
/// organisation, the place inside it ("America" was a place at 0.98). Two such words at least,
/// or one that does not start its sentence ("Thanks for America" is no name).
pub fn organisations_for_places(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, org_ty: usize, place_ty: usize) {
    let cap = |i: usize| crate::tokens::is_capitalised_word(toks[i].text(text)) && toks[i].text(text).chars().skip(1).all(char::is_lowercase) && toks[i].text(text).chars().count() > 1;
    let starts = |i: usize| i == 0 || toks[i].after_newline || matches!(toks[i - 1].text(text), "." | "!" | "?" | ":" | "\"" | "“");
    let mut owner: Vec<Option<usize>> = vec![];
    let mut dropped = vec![false; spans.len()];
    let mut changed = false;
    for k in 0..spans.len() {
        let p = &spans[k];
        let f = p.first_tok;
        // Not a place's possessive ("thank the President for Spain's support").
        let possessive = toks.get(p.last_tok + 1).is_some_and(|t| matches!(t.text(text), "'s" | "’s"));
        if p.ty != place_ty || f < 2 || !toks[f - 1].text(text).eq_ignore_ascii_case("for") || !cap(f - 2) || possessive {
            continue;
        }
        if owner.is_empty() {
            owner = owner_map(toks.len(), spans);
        }
        // Back over the capitalised words before "for", untagged or an organisation's.
        let mut first = f - 2;
        while first > 0 && cap(first - 1) && !starts(first) {
            first -= 1;
        }
        let words = f - 1 - first;
        let free = (first..f - 1).all(|i| owner[i].is_none_or(|o| spans[o].ty == org_ty && spans[o].first_tok >= first));
        if !free || (words < 2 && starts(first)) {
            continue;
        }
        (first..f - 1).filter_map(|i| owner[i]).for_each(|o| dropped[o] = true);
        let s = &mut spans[k];
        (s.first_tok, s.start, s.ty) = (first, toks[first].start, org_ty);
        changed = true;
    }
    if changed {
        let mut j = 0;
        spans.retain(|_| {
            j += 1;
            !dropped[j - 1]
        });
    }
}

/// "The Queen Mary 2 docked", "the Apollo 11 crew": a person's name with a number in digits
/// among its words, after "the" (with one capitalised word between at most), names a thing (a
/// ship, a mission), not a person: it becomes `thing_ty`. (On OntoNotes train, the people so
/// written are forum user names, "Mujahid 2005", never after "the".)
pub fn numbered_things(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], person_ty: usize, thing_ty: usize) {
    let the = |i: usize| toks[i].text(text).eq_ignore_ascii_case("the");
    for s in spans.iter_mut().filter(|s| s.ty == person_ty && s.last_tok > s.first_tok) {
        let f = s.first_tok;
        let after_the = (f >= 1 && the(f - 1)) || (f >= 2 && the(f - 2) && crate::tokens::is_capitalised_word(toks[f - 1].text(text)));
        if after_the && (f..=s.last_tok).any(|k| toks[k].text(text).bytes().all(|b| b.is_ascii_digit())) {
            s.ty = thing_ty;
        }
    }
}

/// "to London Gatwick", "Singapore Changi", "Paris Orly": a city and the name of one of its
/// airports, which the tagger read as two places or a place and a person ("Changi" at 0.80),
/// are one facility (`fac_ty`).
pub fn city_airports(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, fac_ty: usize) {
    const AIRPORTS: &[(&str, &str)] = &[
        ("London", "Heathrow"), ("London", "Gatwick"), ("London", "Stansted"), ("London", "Luton"), ("London", "Southend"),
        ("Singapore", "Changi"), ("Paris", "Orly"), ("Milan", "Linate"), ("Milan", "Malpensa"), ("Tokyo", "Narita"),
        ("Tokyo", "Haneda"), ("Amsterdam", "Schiphol"), ("Moscow", "Sheremetyevo"), ("Moscow", "Domodedovo"), ("Moscow", "Vnukovo"),
    ];
    if !AIRPORTS.iter().any(|(city, _)| text.contains(city)) {
        return;
    }
    let airport = |c: usize, i: usize| i < toks.len() && AIRPORTS.iter().any(|&(city, name)| city == toks[c].text(text) && name == toks[i].text(text));
    let owner = owner_map(toks.len(), spans);
    let mut dropped = vec![false; spans.len()];
    let mut changed = false;
    for k in 0..spans.len() {
        let s = &spans[k];
        let a = s.last_tok + 1;
        if s.first_tok != s.last_tok || !airport(s.first_tok, a) || toks[a].start != s.end + 1 {
            continue;
        }
        if let Some(o) = owner[a] {
            if spans[o].first_tok != a || spans[o].last_tok != a {
                continue;
            }
            dropped[o] = true;
        }
        let s = &mut spans[k];
        (s.last_tok, s.end, s.ty) = (a, toks[a].end, fac_ty);
        changed = true;
    }
    if changed {
        let mut j = 0;
        spans.retain(|_| {
            j += 1;
            !dropped[j - 1]
        });
    }
}

/// "The Suwon-based company", "the Lagos-born singer": a name span (`is_name`) that runs on
/// over a hyphen into "based" or "born" ends before the hyphen, without a "The" before it, and
/// the name is a place (`place_ty`; "The Suwon-based" was a person at 0.76). On OntoNotes
/// train, 45 of 46 capitalised names before "-based" are places.
pub fn places_before_based(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, place_ty: usize, is_name: impl Fn(usize) -> bool) {
    let mut empty = false;
    for s in spans.iter_mut().filter(|s| is_name(s.ty) && s.last_tok >= s.first_tok + 2) {
        let l = s.last_tok;
        if !matches!(toks[l].text(text), "based" | "born") || !matches!(toks[l - 1].text(text), "-" | "‐" | "‑") || toks[l - 1].start != toks[l - 2].end {
            continue;
        }
        let f = if toks[s.first_tok].text(text).eq_ignore_ascii_case("the") { s.first_tok + 1 } else { s.first_tok };
        if f > l - 2 {
            empty = true;
            s.first_tok = usize::MAX;
            continue;
        }
        *s = RawSpan { start: toks[f].start, end: toks[l - 2].end, ty: place_ty, score: s.score, first_tok: f, last_tok: l - 2 };
    }
    if empty {
        spans.retain(|s| s.first_tok != usize::MAX);
    }
}

/// "In Brittany and Normandy": a name that `region_len` knows (the tokens of the longest listed
/// name starting at a token, 0 for none; names the place lists miss) is a place (`place_ty`)
/// where the tagger found nothing there or only names of a `retypable` type ("Normandy" an
/// organisation at 0.93), of exactly those words ("the" before it may go with it) or pieces of
/// them. Also used with lists of towns and of sports grounds.
pub fn names_from_list(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, place_ty: usize, retypable: impl Fn(usize) -> bool, region_len: impl Fn(usize) -> usize) {
    // (The span map only once a listed name turns up: most texts name none.)
    let mut owner: Vec<Option<usize>> = vec![];
    let mut dropped = vec![false; spans.len()];
    let mut added = vec![];
    let mut i = 0;
    while i < toks.len() {
        let n = if crate::tokens::is_capitalised_word(toks[i].text(text)) { region_len(i) } else { 0 };
        if n == 0 {
            i += 1;
            continue;
        }
        let l = i + n - 1;
        if owner.is_empty() {
            owner = owner_map(toks.len(), spans);
        }
        let mut inside: Vec<usize> = (i..=l).filter_map(|k| owner[k]).collect();
        inside.dedup();
        match inside[..] {
            [] => added.push(RawSpan { start: toks[i].start, end: toks[l].end, ty: place_ty, score: 0.6, first_tok: i, last_tok: l }),
            [o] if retypable(spans[o].ty) && spans[o].last_tok == l && (spans[o].first_tok == i || (spans[o].first_tok + 1 == i && toks[i - 1].text(text).eq_ignore_ascii_case("the"))) => spans[o].ty = place_ty,
            // Pieces of the name ("Old" untagged, "Trafford" an organisation): one span.
            _ if inside.iter().all(|&o| retypable(spans[o].ty) && spans[o].first_tok >= i && spans[o].last_tok <= l) => {
                let score = inside.iter().map(|&o| spans[o].score).fold(0.6f32, f32::max);
                inside.iter().for_each(|&o| dropped[o] = true);
                added.push(RawSpan { start: toks[i].start, end: toks[l].end, ty: place_ty, score, first_tok: i, last_tok: l });
            }
            _ => {}
        }
        i = l + 1;
    }
    if dropped.iter().any(|&d| d) {
        let mut k = 0;
        spans.retain(|_| {
            k += 1;
            !dropped[k - 1]
        });
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// "a ferry to the Isle of Wight", "the Isle of Man", "the Isles of Scilly": "Isle" or "Isles",
/// "of" and one or two capitalised words, with "the" before, are a place (`place_ty`; OntoNotes
/// marks its one such name GPE, "the" and all), over names of `is_name` types the tagger found
/// inside ("Wight" a person at 0.74). Not where a span runs past those words.
pub fn isles_of(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, place_ty: usize, is_name: impl Fn(usize) -> bool) {
    let tok = |i: usize| toks[i].text(text);
    if !text.contains("Isle") {
        return;
    }
    let cap = |i: usize| i < toks.len() && crate::tokens::is_capitalised_word(tok(i)) && tok(i).chars().skip(1).all(char::is_lowercase);
    let owner = owner_map(toks.len(), spans);
    let mut dropped = vec![false; spans.len()];
    let mut added = vec![];
    for i in 0..toks.len().saturating_sub(2) {
        if !matches!(tok(i), "Isle" | "Isles") || tok(i + 1) != "of" || !cap(i + 2) {
            continue;
        }
        let l = if cap(i + 3) { i + 3 } else { i + 2 };
        let f = if i > 0 && tok(i - 1).eq_ignore_ascii_case("the") { i - 1 } else { i };
        let inside: Vec<usize> = (f..=l).filter_map(|k| owner[k]).collect();
        if inside.iter().any(|&o| !is_name(spans[o].ty) || spans[o].first_tok < f || spans[o].last_tok > l || dropped[o]) {
            continue;
        }
        inside.iter().for_each(|&o| dropped[o] = true);
        added.push(RawSpan { start: toks[f].start, end: toks[l].end, ty: place_ty, score: 0.7, first_tok: f, last_tok: l });
    }
    if added.is_empty() {
        return;
    }
    let mut k = 0;
    spans.retain(|_| {
        k += 1;
        !dropped[k - 1]
    });
    spans.extend(added);
    spans.sort_by_key(|s| (s.start, s.end));
}

/// "landed in Jezero Crater": capitalised words the tagger left untagged before a capitalised
/// landform noun ("Crater", "River", "Lake", "Valley"…) are a natural location (`loc_ty`),
/// up to three words, not "The" (on OntoNotes train, 366 of 420 capitalised words before such
/// a noun end a place, 20 an organisation: "U.S. Coast Guard").
pub fn landforms(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, loc_ty: usize) {
    let tok = |i: usize| toks[i].text(text);
    let covered = covered_tokens(toks.len(), spans);
    let name = |i: usize| !covered[i] && crate::tokens::is_capitalised_word(tok(i)) && tok(i).chars().any(char::is_lowercase) && !matches!(tok(i), "The" | "A" | "An" | "In" | "On" | "At" | "From" | "To" | "Of");
    let mut added = vec![];
    for i in 1..toks.len() {
        if covered[i] || !LANDFORMS.contains(&tok(i)) || toks.get(i + 1).is_some_and(|t| t.text(text).starts_with(char::is_uppercase)) {
            continue;
        }
        let mut first = i;
        while first > 0 && i - first < 3 && name(first - 1) && toks[first - 1].end < toks[first].start {
            first -= 1;
        }
        if first < i {
            added.push(RawSpan { start: toks[first].start, end: toks[i].end, ty: loc_ty, score: 0.75, first_tok: first, last_tok: i });
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// Capitalised head words of natural locations ("Jezero Crater", "the Red Sea").
pub const LANDFORMS: &[&str] = &["Crater", "River", "Lake", "Mountains", "Valley", "Bay", "Peninsula", "Desert", "Canyon", "Glacier", "Gulf", "Strait", "Sea", "Ocean", "Creek", "Plateau", "Basin", "Volcano", "Reef", "Delta"];

/// Rivers, mountain ranges, deserts and seas that news names by one word ("the Nile", "the
/// Sahara"), which the place lists (towns and countries) lack; not names that are as often a
/// company, person or country ("Amazon", "Jordan", "Niger").
const NATURAL_FEATURES: &[&str] = &[
    "Nile", "Danube", "Rhine", "Thames", "Mekong", "Yangtze", "Ganges", "Euphrates", "Tigris", "Volga", "Seine", "Indus", "Zambezi",
    "Limpopo", "Orinoco", "Brahmaputra", "Irrawaddy", "Dnieper", "Dnipro", "Elbe", "Loire", "Tiber", "Vistula", "Potomac", "Litani",
    "Himalayas", "Himalaya", "Alps", "Andes", "Rockies", "Urals", "Pyrenees", "Apennines", "Carpathians", "Appalachians", "Everest",
    "Kilimanjaro", "Matterhorn", "Caucasus", "Karakoram", "Balkans", "Sahara", "Gobi", "Kalahari", "Atacama", "Negev", "Sinai",
    "Mojave", "Namib", "Sahel", "Mediterranean", "Caribbean", "Baltic", "Adriatic", "Aegean", "Caspian", "Arctic", "Antarctic",
];

/// "The Nile, at 6,650 km", "the Sahara covers": one of [`NATURAL_FEATURES`], capitalised, in
/// no span, is a natural location (`loc_ty`); so is one the tagger took for an organisation
/// (`org_ty`: "Nile" at 0.88) right after "the", or for a nationality (`norp_ty`: "a
/// Mediterranean cruise", 0.67). Not a word hyphenated to another ("Asia-Pacific"),
/// nor one before a capitalised word (a longer name: "Caribbean Community", "Baltic Exchange").
pub fn natural_features(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, loc_ty: usize, org_ty: usize, norp_ty: Option<usize>) {
    let tok = |i: usize| toks[i].text(text);
    let mut owner: Vec<Option<usize>> = vec![];
    let mut added = vec![];
    for i in 0..toks.len() {
        // Most tokens are not capitalised: one byte test before the list.
        if !toks[i].text(text).as_bytes().first().is_some_and(u8::is_ascii_uppercase) || !NATURAL_FEATURES.contains(&tok(i)) {
            continue;
        }
        let hyphened = (i > 0 && toks[i - 1].end == toks[i].start && matches!(tok(i - 1), "-" | "–")) || (i + 1 < toks.len() && toks[i].end == toks[i + 1].start && matches!(tok(i + 1), "-" | "–"));
        let longer = i + 1 < toks.len() && crate::tokens::is_capitalised_word(tok(i + 1)) && !toks[i + 1].after_newline;
        if hyphened || longer {
            continue;
        }
        let the = i > 0 && tok(i - 1).eq_ignore_ascii_case("the");
        if owner.is_empty() {
            owner = owner_map(toks.len(), spans);
        }
        match owner[i] {
            None => added.push(RawSpan { start: toks[i].start, end: toks[i].end, ty: loc_ty, score: 0.7, first_tok: i, last_tok: i }),
            Some(j) if spans[j].first_tok == i && spans[j].last_tok == i => {
                let s = &mut spans[j];
                // A nationality the sea is not the adjective of ("a Mediterranean cruise"; but
                // "the Baltic states", "Caribbean nations" are peoples, so those stay).
                if (the && s.ty == org_ty) || (Some(s.ty) == norp_ty && !matches!(tok(i), "Baltic" | "Caribbean")) {
                    s.ty = loc_ty;
                }
            }
            Some(_) => {}
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// "Piazza Navona", "Via del Corso", "Plaza de Mayo", "the Quai François-Mitterrand": a street or
/// square named in a Romance language by its street word first is a facility (`fac_ty`), over
/// the names the tagger found inside it (a person at 0.91, an organisation, nothing: the corpora
/// hardly write them). The street word is capitalised and a capitalised name follows it, with
/// "de", "del", "della", "des", "du", "la" and the like between; "Via", "Place", "Plaza" and
/// "Avenue", which are English words too, only before such a particle ("Via Twitter" is no street,
/// "Place de la Concorde" is). Not where a span runs past the name, nor a number's or date's, nor
/// a company's name ("Rue Royale Hotel Group").
pub fn foreign_streets(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, fac_ty: usize, is_name: impl Fn(usize) -> bool) {
    let tok = |i: usize| toks[i].text(text);
    let capital = |i: usize| i < toks.len() && crate::tokens::is_capitalised_word(tok(i)) && tok(i).chars().any(char::is_lowercase);
    let particle = |i: usize| i < toks.len() && matches!(tok(i), "de" | "del" | "della" | "delle" | "dei" | "degli" | "di" | "des" | "du" | "la" | "le" | "las" | "los" | "dos" | "das" | "do" | "da" | "d'");
    let glued = |a: usize, b: usize| toks[a].end == toks[b].start;
    let street_word = |w: &str| w.starts_with(['A', 'B', 'C', 'L', 'P', 'Q', 'R', 'V']) && STREET_WORDS.contains(&w);
    // In text typed in lower case, a name the tagger found that starts with such a word that is
    // no English word ("near piazza garibaldi", a person at 0.94) is that street or square.
    for s in spans.iter_mut().filter(|s| is_name(s.ty) && s.ty != fac_ty && s.last_tok > s.first_tok) {
        let lower = (s.first_tok..=s.last_tok).all(|k| tok(k).chars().all(|c| c.is_lowercase() || c == '-' || c == '\''));
        if lower && matches!(tok(s.first_tok), "rue" | "quai" | "viale" | "piazza" | "piazzale" | "calle" | "avenida" | "rua" | "praça" | "carrer" | "paseo") {
            s.ty = fac_ty;
        }
    }
    if !toks.iter().any(|t| street_word(t.text(text))) {
        return;
    }
    // The span covering each token, by index.
    let mut owner: Vec<Option<usize>> = vec![None; toks.len()];
    for (k, s) in spans.iter().enumerate() {
        owner[s.first_tok..=s.last_tok.min(toks.len() - 1)].iter_mut().for_each(|o| *o = Some(k));
    }
    let mut drop = vec![false; spans.len()];
    let mut added = vec![];
    let mut i = 0;
    while i + 1 < toks.len() {
        let w = tok(i);
        let english = matches!(w, "Via" | "Place" | "Plaza" | "Avenue");
        if !street_word(w) || !(capital(i + 1) || (particle(i + 1) && (capital(i + 2) || particle(i + 2) && capital(i + 3)))) || (english && !particle(i + 1)) {
            i += 1;
            continue;
        }
        // The name: capitalised words, hyphenated ones and particles before a capitalised word.
        // Not into a number's or date's span ("Rue Royale Monday").
        let word = |k: usize| capital(k) && owner[k].is_none_or(|o| is_name(spans[o].ty));
        let mut l = i;
        loop {
            if word(l + 1) {
                l += 1;
            } else if (l + 2 < toks.len() && tok(l + 1) == "-" && glued(l, l + 1) && glued(l + 1, l + 2) && word(l + 2)) || (particle(l + 1) && word(l + 2)) {
                l += 2;
            } else if particle(l + 1) && particle(l + 2) && word(l + 3) {
                l += 3;
            } else {
                break;
            }
        }
        // "Rue La La Group": a company named after a street.
        if l == i || (i + 1..=l).any(|k| matches!(tok(k), "Group" | "Company" | "Co" | "Inc" | "Corp" | "Ltd" | "Holdings" | "Bank" | "Partners" | "Club" | "Records" | "Media")) {
            i = l + 1;
            continue;
        }
        let first = if i > 0 && tok(i - 1) == "the" { i - 1 } else { i };
        let inside: Vec<usize> = (first..=l).filter_map(|k| owner[k]).collect();
        let fits = inside.iter().all(|&k| is_name(spans[k].ty) && spans[k].first_tok >= first && spans[k].last_tok <= l);
        if fits {
            inside.iter().for_each(|&k| drop[k] = true);
            let f = if inside.first().is_some_and(|&k| spans[k].first_tok == first) { first } else { i };
            added.push(RawSpan { start: toks[f].start, end: toks[l].end, ty: fac_ty, score: 0.7, first_tok: f, last_tok: l });
        }
        i = l + 1;
    }
    if !added.is_empty() {
        let mut k = 0;
        spans.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// (`foreign_streets` checks the first letter first: a word added here with a new one must join it there.)
const STREET_WORDS: &[&str] = &["Rue", "Quai", "Via", "Viale", "Piazza", "Piazzale", "Calle", "Avenida", "Rua", "Praça", "Plaza", "Place", "Boulevard", "Avenue", "Carrer", "Paseo", "Largo"];

/// Stock indices named by a word and a number ("the FTSE 100", "the Russell 2000"): the pair is
/// one organisation (`org_ty`, a type not shown), and no span of another type overlaps it (the
/// tagger read "FTSE 100" as a facility, "Russell" as a person and "2000" as a year). Not after
/// a person's first name ("Kurt Russell 2004").
pub fn stock_indices(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, org_ty: usize, person_ty: Option<usize>) {
    let tok = |i: usize| toks[i].text(text);
    let index_at = |i: usize| STOCK_INDICES.contains(&tok(i)) && tok(i + 1).bytes().all(|b| b.is_ascii_digit()) && (2..=4).contains(&tok(i + 1).len());
    if !(0..toks.len().saturating_sub(1)).any(index_at) {
        return;
    }
    // Per token: inside a person's name after its first word (0 none, 1 such, 2 taken by an index).
    let mut mark = vec![0u8; toks.len()];
    for s in spans.iter().filter(|s| Some(s.ty) == person_ty) {
        mark[s.first_tok + 1..=s.last_tok.min(toks.len() - 1)].iter_mut().for_each(|m| *m = 1);
    }
    let found: Vec<(usize, usize)> = (0..toks.len() - 1)
        .filter(|&i| index_at(i) && mark[i] != 1)
        .map(|i| (if i > 0 && matches!(tok(i - 1), "Euro" | "EURO") { i - 1 } else { i }, i + 1))
        .collect();
    if found.is_empty() {
        return;
    }
    for &(a, b) in &found {
        mark[a..=b].iter_mut().for_each(|m| *m = 2);
    }
    spans.retain(|s| !mark[s.first_tok..=s.last_tok.min(toks.len() - 1)].contains(&2));
    for (a, b) in found {
        spans.push(RawSpan { start: toks[a].start, end: toks[b].end, ty: org_ty, score: 1.0, first_tok: a, last_tok: b });
    }
    spans.sort_by_key(|s| (s.start, s.end));
}

const STOCK_INDICES: &[&str] = &["S&P", "FTSE", "Nikkei", "Russell", "Stoxx", "STOXX", "DAX", "CAC", "ASX", "Nifty", "NIFTY", "Topix", "TOPIX", "KOSPI", "Kospi", "IBEX", "Ibex", "AEX", "SMI", "MSCI"];

/// "He came 21st": a DATE span that is only an ordinal in digits, with no "the" or "on" before
/// it and no month before or after it nor "of" after it, is an ORDINAL (`ordinal_ty`): on
/// OntoNotes train all 44 such ordinals outside longer spans are ordinals, none a date.
pub fn bare_ordinals(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], date_ty: usize, ordinal_ty: usize) {
    let tok = |i: usize| toks.get(i).map_or("", |t| t.text(text));
    let month = |w: &str| crate::numbers::word_class(w.trim_end_matches('.').to_lowercase().as_str()) == Some("month");
    for s in spans.iter_mut().filter(|s| s.ty == date_ty && s.first_tok == s.last_tok) {
        let (i, w) = (s.first_tok, tok(s.first_tok));
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(suffix, "st" | "nd" | "rd" | "th") {
            continue;
        }
        let before = if i > 0 { tok(i - 1) } else { "" };
        if matches!(before, "the" | "The" | "on" | "On") || month(before) || month(tok(i + 1)) || tok(i + 1) == "of" {
            continue;
        }
        s.ty = ordinal_ty;
    }
    // "on the 14th floor", "the 40th anniversary": "the" and an ordinal in digits before a noun
    // that it ranks (OntoNotes train: 26 such ordinals alone, none a date) is that ordinal.
    for s in spans.iter_mut().filter(|s| s.ty == date_ty && s.last_tok == s.first_tok + 1) {
        let (f, l) = (s.first_tok, s.last_tok);
        let w = tok(l);
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if tok(f).eq_ignore_ascii_case("the") && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && matches!(&w[digits.len()..], "st" | "nd" | "rd" | "th") && RANKED_NOUNS.contains(&tok(l + 1)) {
            *s = RawSpan { start: toks[l].start, end: toks[l].end, ty: ordinal_ty, score: s.score, first_tok: l, last_tok: l };
        }
    }
}

/// Nouns an ordinal ranks rather than dates ("the 14th floor", "the 40th anniversary").
const RANKED_NOUNS: &[&str] = &[
    "floor", "floors", "anniversary", "birthday", "time", "place", "round", "minute", "inning", "innings", "hole", "lap", "seed",
    "straight", "consecutive", "largest", "biggest", "edition", "session", "congress", "district", "amendment", "annual", "grade",
    "generation", "overall", "pick", "storey", "story", "victim", "person", "player", "win", "goal", "title", "book", "album",
];

/// Capitalised words whose number names a thing rather than counting ("Interstate 95", "Flight 370").
const NAMED_BY_NUMBER: &[&str] = &[
    "Interstate", "Highway", "Route", "Flight", "Gate", "Terminal", "Platform", "Room", "Channel", "Apollo", "Boeing", "Airbus",
    // Stock indices ("the S&P 500", "the FTSE 100"), laws and products named by a number.
    "S&P", "FTSE", "Nikkei", "Russell", "Stoxx", "STOXX", "DAX", "CAC", "ASX", "Fortune", "Formula", "Chapter", "Section",
    "Proposition", "Title", "Windows", "iPhone", "Galaxy", "Pixel", "PlayStation",
];

/// Verbs of change that a market report puts before "X to Y" (the change, then the new level).
const CHANGE_VERBS: &[&str] = &[
    "rose", "fell", "climbed", "dropped", "slipped", "gained", "jumped", "declined", "increased", "decreased", "surged",
    "tumbled", "sank", "eased", "slid", "soared", "plunged", "dipped", "advanced", "rallied", "lost", "added", "shed",
    "rises", "falls", "climbs", "drops", "slips", "gains", "jumps", "declines", "increases", "decreases", "up", "down",
];

/// "a weekly newspaper", "monthly payments", "quarterly profits": one of "weekly", "monthly" and
/// "quarterly" before a lower-case noun, in no span, is a DATE (`date_ty`): OntoNotes train marks
/// 46 of 62 so ("daily" and "annual" less than half the time, so they are left to the tagger).
pub fn periodic_adjectives(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, date_ty: usize) {
    if !(text.contains("weekly") || text.contains("monthly") || text.contains("quarterly")) {
        return;
    }
    let covered = covered_tokens(toks.len(), spans);
    let mut added = vec![];
    for i in 0..toks.len().saturating_sub(1) {
        let next = toks[i + 1].text(text);
        if matches!(toks[i].text(text), "weekly" | "monthly" | "quarterly") && !covered[i] && !covered[i + 1] && next.len() > 2 && next.bytes().all(|b| b.is_ascii_lowercase()) && !matches!(next, "and" | "or" | "basis" | "than") {
            added.push(RawSpan { start: toks[i].start, end: toks[i].end, ty: date_ty, score: 0.6, first_tok: i, last_tok: i });
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// "on Monday, days after …": a DATE span (`date_ty`) ends before a comma that a lower-case
/// word follows, unless that word is a number word ("the third, sixth and eighth day"); on
/// OntoNotes train 2 DATE spans in 10,900 go on so.
pub fn dates_end_at_a_comma(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], date_ty: usize) {
    for s in spans.iter_mut().filter(|s| s.ty == date_ty && s.last_tok >= s.first_tok + 2) {
        let cut = (s.first_tok + 1..s.last_tok).find(|&k| {
            let next = toks[k + 1].text(text);
            toks[k].text(text) == "," && next.starts_with(|c: char| c.is_lowercase()) && crate::numbers::word_class(&next.to_lowercase()).is_none()
        });
        if let Some(k) = cut {
            s.last_tok = k - 1;
            s.end = toks[k - 1].end;
        }
    }
}

/// "on Wed 14 Feb. Doors open at 18:00": a DATE span (`date_ty`) that runs past a month's
/// abbreviation and its full stop onto a capitalised word of no date (the next sentence's first
/// word: the stop was read as the abbreviation's only) ends at the month.
pub fn dates_end_at_an_abbreviated_month(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], date_ty: usize) {
    for s in spans.iter_mut().filter(|s| s.ty == date_ty && s.last_tok > s.first_tok) {
        let cut = (s.first_tok..s.last_tok).find(|&k| {
            let (w, next) = (toks[k].text(text), toks[k + 1].text(text));
            w.ends_with('.')
                && crate::numbers::word_class(&w.trim_end_matches('.').to_lowercase()) == Some("month")
                && next.starts_with(char::is_uppercase)
                && crate::numbers::word_class(&next.trim_end_matches('.').to_lowercase()).is_none()
        });
        if let Some(k) = cut {
            s.last_tok = k;
            s.end = toks[k].end;
        }
    }
}

/// "Highs of 20-25C": a DATE span (`date_ty`) that the number grammar reads whole as an amount
/// with a unit is that quantity (`quantity_ty`): the tagger took the range for a span of years.
pub fn measures_out_of_dates(text: &str, spans: &mut [RawSpan], date_ty: usize, quantity_ty: usize) {
    for s in spans.iter_mut().filter(|s| s.ty == date_ty) {
        let t = &text[s.start..s.end];
        if t.starts_with(|c: char| c.is_ascii_digit()) && t.ends_with(|c: char| c.is_alphabetic() || c == '°') && crate::numbers::parse_value(t, None).is_some_and(|v| v.unit.is_some()) {
            s.ty = quantity_ty;
        }
    }
}

/// "8 hours, 4 minutes and 31 seconds", "an hour and 15 minutes": spans of time (`time_ty`)
/// that count hours, minutes and seconds, each in a smaller unit than the one before and joined
/// by a comma, "and" or a space, are one span, as OntoNotes marks them ("4 minutes and 44.82
/// seconds", one TIME span on train each time).
pub fn compound_times(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, time_ty: usize) {
    // The unit, glued to its number or not ("6min", "17sec").
    let rank = |i: usize| match toks[i].text(text).to_lowercase().trim_start_matches(|c: char| c.is_ascii_digit() || c == '.') {
        "hour" | "hours" | "hrs" | "hr" => Some(3),
        "minute" | "minutes" | "mins" | "min" => Some(2),
        "second" | "seconds" | "secs" | "sec" => Some(1),
        _ => None,
    };
    if !spans.windows(2).any(|w| w[0].ty == time_ty && w[1].ty == time_ty) {
        return;
    }
    let mut out: Vec<RawSpan> = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        if let Some(p) = out.last_mut() {
            let gap = text[p.end..s.start].to_lowercase();
            let joined_by = matches!(gap.as_str(), ", " | " and " | ", and " | " ");
            let first = toks[s.first_tok].text(text);
            let counts = first.starts_with(|c: char| c.is_ascii_digit()) || crate::numbers::word_class(&first.to_lowercase()) == Some("numword");
            if p.ty == time_ty && s.ty == time_ty && joined_by && counts && rank(p.last_tok).zip(rank(s.last_tok)).is_some_and(|(a, b)| b < a) {
                p.last_tok = s.last_tok;
                p.end = s.end;
                p.score = p.score.min(s.score);
                continue;
            }
        }
        out.push(s);
    }
    *spans = out;
}

/// "Founded: 1624.", "built in 1889,": a cardinal (`cardinal_ty`) that is only a year in digits
/// (1500 to 2099) after "in", "since", "until" or a word of founding, birth or death (a colon
/// between allowed), with punctuation or the end after it, is that year (`date_ty`).
pub fn bare_years(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], cardinal_ty: usize, date_ty: usize) {
    for s in spans.iter_mut().filter(|s| s.ty == cardinal_ty && s.first_tok == s.last_tok && s.first_tok > 0) {
        let i = s.first_tok;
        let w = toks[i].text(text);
        if w.len() != 4 || !w.parse::<u32>().is_ok_and(|y| (1500..2100).contains(&y)) {
            continue;
        }
        let mut p = i - 1;
        if toks[p].text(text) == ":" && p > 0 {
            p -= 1;
        }
        let cue = matches!(toks[p].text(text).to_lowercase().as_str(), "in" | "since" | "until" | "founded" | "established" | "built" | "born" | "died" | "opened" | "incorporated" | "released" | "published");
        let ends = toks.get(i + 1).is_none_or(|t| matches!(t.text(text), "." | "," | ";" | ")" | ":"));
        if cue && ends {
            s.ty = date_ty;
        }
    }
}

/// "expected to last a year", "will last five weeks": "last" after "to" or a modal verb is the
/// verb, not the adjective of "last year": a DATE span (`date_ty`) that starts with it and goes
/// on with an amount ("a", "an", digits or a number word) leaves it out.
pub fn last_as_a_verb(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], date_ty: usize) {
    for s in spans.iter_mut().filter(|s| s.ty == date_ty && s.last_tok > s.first_tok && s.first_tok > 0) {
        let f = s.first_tok;
        let prev = toks[f - 1].text(text).to_lowercase();
        let next = toks[f + 1].text(text).to_lowercase();
        let amount = matches!(next.as_str(), "a" | "an") || next.starts_with(|c: char| c.is_ascii_digit()) || crate::numbers::word_class(&next) == Some("numword");
        if toks[f].text(text).eq_ignore_ascii_case("last") && amount && matches!(prev.as_str(), "to" | "will" | "would" | "could" | "can" | "may" | "might" | "should" | "must" | "'ll") {
            s.first_tok = f + 1;
            s.start = toks[f + 1].start;
        }
    }
}

/// "ended on Dec. 8 after 21 months": a DATE span (`date_ty`) with "after" or "before" inside,
/// between digits and a number ("8" and "21"), is two dates there, the word left out (OntoNotes
/// train: 5 of its 10,900 dates hold "after", none so). "Two months after that" stays.
pub fn dates_split_at_after(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, date_ty: usize) {
    let number = |k: usize| {
        let w = toks[k].text(text);
        w.starts_with(|c: char| c.is_ascii_digit()) || crate::numbers::word_class(&w.to_lowercase()).is_some_and(|c| c == "numword")
    };
    let mut added = vec![];
    for s in spans.iter_mut().filter(|s| s.ty == date_ty && s.last_tok >= s.first_tok + 2) {
        let cut = (s.first_tok + 1..s.last_tok).find(|&k| matches!(toks[k].text(text), "after" | "before") && toks[k - 1].text(text).bytes().all(|b| b.is_ascii_digit()) && number(k + 1));
        if let Some(k) = cut {
            added.push(RawSpan { start: toks[k + 1].start, end: s.end, ty: date_ty, score: s.score, first_tok: k + 1, last_tok: s.last_tok });
            s.last_tok = k - 1;
            s.end = toks[k - 1].end;
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// "four quarter-point cuts": a DATE span (`date_ty`) that ends on "quarter" or "half" glued by
/// a hyphen to "point" or "percentage" names no date but a count of such steps: the number
/// before it is a cardinal (`cardinal_ty`), and a span of no number is dropped.
pub fn quarter_points(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, date_ty: usize, cardinal_ty: usize) {
    let glued = |a: usize| toks[a].end == toks[a + 1].start;
    let step = |l: usize| {
        l + 2 < toks.len() && matches!(toks[l].text(text).to_lowercase().as_str(), "quarter" | "half") && matches!(toks[l + 1].text(text), "-" | "‐" | "‑") && glued(l) && glued(l + 1) && matches!(toks[l + 2].text(text), "point" | "points" | "percentage")
    };
    let mut drop = false;
    for s in spans.iter_mut().filter(|s| s.ty == date_ty && step(s.last_tok)) {
        let l = s.last_tok;
        if l > s.first_tok && crate::numbers::parse_value(&text[s.start..toks[l - 1].end], None).is_some_and(|v| v.currency.is_none() && v.unit.is_none()) {
            s.ty = cardinal_ty;
            s.last_tok = l - 1;
            s.end = toks[l - 1].end;
        } else {
            s.first_tok = usize::MAX;
            drop = true;
        }
    }
    if drop {
        spans.retain(|s| s.first_tok != usize::MAX);
    }
}

/// "raising £25bn a year": a DATE span (`date_ty`) that starts with an amount right after a
/// currency symbol ("25bn a year", a date to the tagger, which never saw a glued scale there; or
/// "12.82 an hour", a time, when `date_ty` is the time type) is
/// that amount of money (`money_ty`), symbol and scale word included; the rest ("a year") is
/// left out, as OntoNotes train leaves out 57 of 70 "a year"s after money.
pub fn money_out_of_dates(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], date_ty: usize, money_ty: usize) {
    // The end of the span before, which may hold the symbol already ("Aab ,0 £" and "0000").
    let mut prev_end = 0;
    for s in spans.iter_mut() {
        let before = std::mem::replace(&mut prev_end, s.end);
        if s.ty != date_ty || s.first_tok == 0 {
            continue;
        }
        let (f, l) = (s.first_tok, s.last_tok);
        let cur = &toks[f - 1];
        if !(matches!(cur.text(text), "$" | "£" | "€" | "¥" | "₹" | "US$") && cur.end == toks[f].start && toks[f].text(text).starts_with(|c: char| c.is_ascii_digit()) && before <= cur.start) {
            continue;
        }
        // The number, and a scale word after it inside the span ("£25 billion a year").
        let scale = f < l && crate::numbers::word_class(&toks[f + 1].text(text).to_lowercase()) == Some("scale");
        let last = if scale { f + 1 } else { f };
        *s = RawSpan { start: cur.start, end: toks[last].end, ty: money_ty, score: s.score, first_tok: f - 1, last_tok: last };
    }
}

/// "cases rose to 42,000, from 941 the year before": a DATE that starts with a bare number (no
/// year; digits or a lower-case number word: "one in eight a decade earlier") and then "the",
/// "a", "last", "this" or "next" is that number (`cardinal_ty`) and a date after it. Even odds
/// ("a 50-50 chance") are a cardinal too. OntoNotes train starts no date so, and has 40 such numbers right before their date.
pub fn numbers_out_of_dates(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, date_ty: usize, cardinal_ty: usize) {
    // "a 50-50 chance": even odds, a cardinal in OntoNotes (train: 3 of 3), not a date.
    for s in spans.iter_mut().filter(|s| s.ty == date_ty) {
        if let Some((a, b)) = text[s.start..s.end].split_once(['-', '–']) {
            if a == b && (1..=3).contains(&a.len()) && a.bytes().all(|c| c.is_ascii_digit()) {
                s.ty = cardinal_ty;
            }
        }
    }
    let mut added = vec![];
    for s in spans.iter_mut().filter(|s| s.ty == date_ty && s.first_tok < s.last_tok) {
        let (f, w) = (s.first_tok, toks[s.first_tok].text(text));
        let number = (w.starts_with(|c: char| c.is_ascii_digit()) && w.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.') && !w.ends_with(['.', ',']))
            || (w.bytes().all(|b| b.is_ascii_lowercase()) && crate::numbers::word_class(w) == Some("numword"));
        let year = w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1000..=2100).contains(&y));
        if !number || year || !matches!(toks[f + 1].text(text), "the" | "a" | "last" | "this" | "next") {
            continue;
        }
        added.push(RawSpan { start: toks[f].start, end: toks[f].end, ty: cardinal_ty, score: s.score, first_tok: f, last_tok: f });
        s.first_tok = f + 1;
        s.start = toks[f + 1].start;
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// "died at the age of 100": a cardinal number after "age of" is an age, which OntoNotes marks
/// DATE (train: 19 of 22, with "the age of" 13 times and the number alone 6); the span takes "the
/// age of" (or "an age of") when those words are in no other span. Not a number with a unit or a
/// decimal, nor one over 150.
pub fn ages_as_dates(text: &str, toks: &[crate::tokens::Token], spans: &mut [RawSpan], cardinal_ty: usize, date_ty: usize) {
    let mut taken = vec![false; toks.len()];
    for s in spans.iter() {
        taken[s.first_tok..=s.last_tok].iter_mut().for_each(|t| *t = true);
    }
    for s in spans.iter_mut().filter(|s| s.ty == cardinal_ty && s.first_tok == s.last_tok && s.first_tok >= 2) {
        let f = s.first_tok;
        let w = |i: usize| toks[i].text(text);
        if !(w(f - 1).eq_ignore_ascii_case("of") && w(f - 2).eq_ignore_ascii_case("age") && w(f).parse::<u32>().is_ok_and(|n| n <= 150)) {
            continue;
        }
        s.ty = date_ty;
        if f >= 3 && matches!(w(f - 3).to_lowercase().as_str(), "the" | "an") && !taken[f - 3] && !taken[f - 2] && !taken[f - 1] {
            s.first_tok = f - 3;
            s.start = toks[f - 3].start;
        }
    }
}

/// Dates and clock times the tagger cut short or took for numbers:
/// - a DATE span takes the rest of the date glued to it ("2024-03" + "-14", "14/03" + "/2024");
/// - a NUMBER span that is a clock time ("10:30", "7:45:10") is a TIME (`time_ty`), and takes
///   the "a.m."/"pm" or time zone right after it ("10:30 GMT"); so are four digits of a 24-hour
///   clock before a named zone ("2200 GMT");
/// - a clock time in no span is a TIME with "am"/"pm" ("9:15pm", "7:30 am") or after "at",
///   "until" and the like ("until 21:30").
pub fn tidy_dates_and_times(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, date_ty: usize, is_number: impl Fn(usize) -> bool, time_ty: usize) {
    let is_date = |t: usize| t == date_ty;
    let tok = |i: usize| toks[i].text(text);
    let glued = |a: usize, b: usize| toks[a].end == toks[b].start;
    let digits = |i: usize| tok(i).bytes().all(|b| b.is_ascii_digit());
    let clock = |w: &str| {
        let parts: Vec<&str> = w.split(':').collect();
        (2..=3).contains(&parts.len()) && (1..=2).contains(&parts[0].len()) && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) && parts[1..].iter().all(|p| p.len() == 2)
    };
    // "2.15am", "10.30 p.m.": the British clock, with a dot, counts only before "am"/"pm" (else
    // it is a decimal).
    let dot_clock = |w: &str| {
        w.split_once('.').is_some_and(|(h, m)| (1..=2).contains(&h.len()) && m.len() == 2 && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) && h.parse::<u8>().is_ok_and(|h| h <= 12) && m < "60")
    };
    let is_ampm = |w: &str| matches!(w.to_lowercase().trim_end_matches('.'), "a.m" | "p.m" | "am" | "pm");
    let ampm_next = |i: usize| i + 1 < toks.len() && text[toks[i].end..toks[i + 1].start].chars().all(|c| c == ' ') && toks[i + 1].start - toks[i].end <= 1 && is_ampm(tok(i + 1));
    // Per token, as the spans were on entry: 0 free, 1 a one-token span, 2 inside a longer span.
    let mut cover = vec![0u8; toks.len()];
    for s in spans.iter() {
        cover[s.first_tok..=s.last_tok].iter_mut().for_each(|c| *c = if s.first_tok == s.last_tok { 1 } else { 2 });
    }
    let free = |i: usize| cover[i] == 0;
    // A zone the tagger gave a span of its own ("GMT" as an organisation) may still join its time.
    let alone = |i: usize| cover[i] < 2;
    let day_of_month = |i: usize| {
        const DAYS: [&str; 17] = ["fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth"];
        let w = tok(i);
        if i == 0 || !free(i - 1) || !DAYS.iter().any(|d| w.eq_ignore_ascii_case(d)) {
            return false;
        }
        let the = tok(i - 1);
        // Lower case, or a sentence's "The twentieth"; not after a name ("Henry the Fifth").
        let cased = match the {
            "the" => w.bytes().all(|b| b.is_ascii_lowercase()) && !(i >= 2 && tok(i - 2).starts_with(|c: char| c.is_uppercase())),
            "The" => w.bytes().all(|b| b.is_ascii_lowercase()),
            _ => false,
        };
        // Before a place or a time only after "on": "on the twentieth in Berlin".
        let on = i >= 2 && tok(i - 2).eq_ignore_ascii_case("on");
        let ends = i + 1 == toks.len() || matches!(tok(i + 1), "," | "." | "?" | "!" | ";" | ":") || (on && matches!(tok(i + 1), "in" | "at" | "somewhere" | "till" | "until"));
        cased && ends
    };
    let mut absorbed = vec![false; toks.len()];
    // "+44 20 7946 0958": groups of digits of a phone number are no date either (a date of
    // digits alone has no spaces: "2024-03-14").
    spans.retain(|s| {
        let w = &text[s.start..s.end];
        !(is_date(s.ty) && (w.contains(' ') || w.starts_with('0')) && w.bytes().all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'-' | b'.')) && in_phone_number(text, s.start, s.end))
    });
    let zone = |w: &str| (2..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase()) && (w.ends_with('T') || w == "UTC" || w == "Z");
    // "0600 GMT", "2200 UTC": four digits of a 24-hour clock before a time zone (a DATE to the
    // tagger, a year).
    let military = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) && w[..2] < *"24" && w[2..] < *"60";
    for s in spans.iter_mut() {
        if (is_date(s.ty) || is_number(s.ty)) && s.first_tok == s.last_tok && military(tok(s.first_tok)) {
            let next = s.last_tok + 1;
            // Named zones only: "1500 SAT" is a test score.
            if next < toks.len() && alone(next) && NAMED_ZONES.contains(&tok(next)) && text[toks[s.last_tok].end..toks[next].start].chars().all(|c| c == ' ') {
                s.ty = time_ty;
                s.last_tok = next;
                s.end = toks[next].end;
                absorbed[next] = true;
                continue;
            }
        }
        if is_date(s.ty) {
            while s.last_tok + 2 < toks.len() && matches!(tok(s.last_tok + 1), "-" | "/" | ".") && glued(s.last_tok, s.last_tok + 1) && glued(s.last_tok + 1, s.last_tok + 2) && digits(s.last_tok + 2) && digits(s.last_tok) && free(s.last_tok + 1) && free(s.last_tok + 2) {
                s.last_tok += 2;
                s.end = toks[s.last_tok].end;
            }
            while s.first_tok >= 2 && matches!(tok(s.first_tok - 1), "-" | "/" | ".") && glued(s.first_tok - 1, s.first_tok) && glued(s.first_tok - 2, s.first_tok - 1) && digits(s.first_tok - 2) && digits(s.first_tok) && free(s.first_tok - 1) && free(s.first_tok - 2) {
                s.first_tok -= 2;
                s.start = toks[s.first_tok].start;
            }
        } else if is_number(s.ty) && numeric_date(&text[s.start..s.end]) {
            // "05/06/2024", "2024-05-06": a date the tagger took for a number.
            s.ty = date_ty;
        } else if is_number(s.ty) && s.first_tok == s.last_tok && day_of_month(s.first_tok) {
            // "on the twelfth, …", "The wedding is the twelfth.": a spelled ordinal of a day
            // standing alone after "the" is a date, as OntoNotes marks them (train: all 7 such
            // words; the tagger, which saw few of them, read ordinals). "Henry the Fifth" and
            // "the fifth in a row", "the fifth of them" stay ordinals.
            s.ty = date_ty;
            s.first_tok -= 1;
            s.start = toks[s.first_tok].start;
        } else if is_number(s.ty) && s.first_tok == s.last_tok && (clock(tok(s.first_tok)) || (dot_clock(tok(s.first_tok)) && ampm_next(s.first_tok))) {
            s.ty = time_ty;
            let next = s.last_tok + 1;
            if next < toks.len() && alone(next) && text[toks[s.last_tok].end..toks[next].start].chars().all(|c| c == ' ') {
                let w = tok(next);
                if is_ampm(w) || zone(w) {
                    s.last_tok = next;
                    s.end = toks[next].end;
                    absorbed[next] = true;
                }
            }
        } else if is_number(s.ty) && s.first_tok == s.last_tok && digits(s.first_tok) && s.last_tok + 1 < toks.len() && alone(s.last_tok + 1) && text[toks[s.last_tok].end..toks[s.last_tok + 1].start].chars().all(|c| c == ' ') {
            // "delayed 5 hrs", "3 yrs ago": short forms of units of time make a time or a date,
            // as their long forms do ("5 hours" is a time, "3 years" a date).
            let next = s.last_tok + 1;
            let unit = tok(next).to_lowercase();
            let ty = match unit.trim_end_matches('.') {
                "hrs" | "hr" | "mins" | "min" | "secs" | "sec" => Some(time_ty),
                "yrs" | "yr" | "wks" | "wk" | "mos" => Some(date_ty),
                _ => None,
            };
            if let Some(ty) = ty {
                s.ty = ty;
                s.last_tok = next;
                s.end = toks[next].end;
                absorbed[next] = true;
            }
        }
    }
    // "7:12 p.m. EST": a time that ends on "a.m." or "pm" takes the named zone after it.
    for s in spans.iter_mut().filter(|s| s.ty == time_ty && s.last_tok + 1 < toks.len()) {
        let next = s.last_tok + 1;
        if is_ampm(tok(s.last_tok)) && alone(next) && !absorbed[next] && NAMED_ZONES.contains(&tok(next)) && text[toks[s.last_tok].end..toks[next].start].chars().all(|c| c == ' ') {
            s.last_tok = next;
            s.end = toks[next].end;
            absorbed[next] = true;
        }
    }
    // The one-token spans the times took over (a time itself starts at its clock token).
    spans.retain(|s| !(s.first_tok == s.last_tok && absorbed[s.first_tok]));
    // A clock time the tagger missed ("at 9:15pm", "until 21:30"): with "am"/"pm" after it, or
    // a word of time before it.
    let mut added = vec![];
    for i in 0..toks.len() {
        // "9:15pm" is one token.
        let w = tok(i);
        let glued_ampm = w.len() > 2 && w.get(w.len() - 2..).is_some_and(|e| e.eq_ignore_ascii_case("am") || e.eq_ignore_ascii_case("pm")) && (clock(&w[..w.len() - 2]) || dot_clock(&w[..w.len() - 2]));
        if !free(i) || absorbed[i] || !(clock(tok(i)) || glued_ampm || (dot_clock(w) && ampm_next(i))) {
            continue;
        }
        let next = i + 1;
        let ampm = next < toks.len() && free(next) && toks[next].start - toks[i].end <= 1 && text[toks[i].end..toks[next].start].chars().all(|c| c == ' ')
            && is_ampm(tok(next));
        let cued = i > 0 && matches!(tok(i - 1).to_lowercase().as_str(), "at" | "by" | "until" | "till" | "before" | "after" | "from" | "around" | "about");
        if ampm || cued || glued_ampm {
            let l = if ampm && !glued_ampm { next } else { i };
            added.push(RawSpan { start: toks[i].start, end: toks[l].end, ty: time_ty, score: 0.6, first_tok: i, last_tok: l });
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| (s.start, s.end));
    }
}

/// Time zones by their abbreviations ("0600 GMT", "7:12 p.m. EST").
const NAMED_ZONES: &[&str] = &[
    "GMT", "UTC", "Z", "BST", "CET", "CEST", "EET", "EEST", "WET", "MSK", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "HST", "IST",
    "JST", "KST", "HKT", "SGT", "AEST", "AEDT", "AWST", "NZST", "NZDT", "ET", "PT", "CT", "MT",
];

/// A lower-case word that no number phrase contains: not a number word, unit, currency or scale,
/// and not one of the modifiers and connectors that OntoNotes number spans include.
fn foreign_to_numbers(w: &str) -> bool {
    const INSIDE: &[&str] = &[
        "and", "or", "to", "between", "from", "than", "more", "less", "fewer", "about", "around", "approximately",
        "roughly", "nearly", "almost", "some", "over", "under", "up", "at", "least", "most", "as", "many", "much",
        "few", "little", "only", "just", "per", "of", "a", "an", "the", "another", "additional", "estimated", "total",
        "point", "square", "cubic", "metric", "nautical", "fluid", "cent", "percentage", "points", "by", "plus",
        "minus", "well", "upwards", "close", "roughly", "odd", "or", "so", "over", "below", "above", "maybe",
        "perhaps", "exactly", "precisely", "full", "whole", "mere", "record", "extra", "further", "other", "every",
        "each", "first", "last", "next", "one", "billion", "million", "thousand", "hundred", "dozen", "times",
        "out", "in", "on", "for", "with", "per-cent", "a-half", "half", "quarter", "third", "year", "years", "old",
    ];
    let mut cs = w.chars();
    let Some(c) = cs.next() else { return false };
    c.is_lowercase() && w.chars().all(char::is_alphabetic) && w.chars().count() > 1 && crate::numbers::word_class(w).is_none() && !INSIDE.contains(&w)
}

/// The number grammar's say after the tagger: a number span takes the scale, currency, unit or
/// percent word right after it ("80 mln", "2,500 $") and a currency sign right before it; digits
/// the tagger left out that the grammar reads as an amount (a number with a scale, currency, unit
/// or percent word) become spans of `amount_ty` (e.g. CARDINAL; the kind is fixed up from the text).
pub fn grammar_numbers(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, is_number: impl Fn(usize) -> bool, amount_ty: usize) {
    use crate::numbers::word_class;
    join_compound_measures(text, toks, spans, &is_number);
    let class = |i: usize| word_class(&toks[i].text(text).to_lowercase());
    let trailing = |c: Option<&str>| matches!(c, Some("scale" | "currency" | "unit" | "percent"));
    let near = |a: usize, b: usize| text[toks[a].end..toks[b].start].chars().all(|c| c == ' ' || c == '\u{a0}') && toks[b].start - toks[a].end <= 1;
    // A word the tagger gave a span of its own right after an amount, that makes the amount's
    // unit or currency ("12 degrees" + "Fahrenheit"), belongs to the amount.
    let measure = |a: usize, b: usize| crate::numbers::parse_value(&text[a..b], None).map(|v| (v.unit, v.currency));
    let completes = |p: &RawSpan, s: &RawSpan| {
        s.first_tok == s.last_tok && s.first_tok == p.last_tok + 1 && near(p.last_tok, s.first_tok) && toks[s.first_tok].text(text).chars().all(|c| c.is_alphabetic() || matches!(c, '/' | '²' | '³')) && {
            let joined = measure(p.start, s.end);
            joined.as_ref().is_some_and(|(u, c)| u.is_some() || c.is_some()) && joined != measure(p.start, p.end)
        }
    };
    // How many tokens after `last` (up to three, single-spaced or glued, not yet covered) complete
    // the amount starting at byte `start` with a unit it did not have, the fewest that do, where the
    // unit is written as a compound sign ("km/h", "sq km", "cu m"). Units in words stay as OntoNotes
    // marks them: "100 kilometers" without "an hour".
    let sign_like = |i: usize| {
        let w = toks[i].text(text);
        w.contains(['/', '²', '³']) || matches!(w, "sq" | "sq." | "cu" | "cu.") || class(i) == Some("unit")
            // A short lower-case sign glued to the digits ("30g", "12.4pc"): the word classes
            // only know such letters where they stand alone.
            || (i > 0 && toks[i - 1].end == toks[i].start && w.len() <= 3 && w.chars().all(|c| c.is_ascii_lowercase()))
    };
    let unit_after = |start: usize, last: usize, covered: &[bool]| -> Option<usize> {
        let before = crate::numbers::parse_value(&text[start..toks[last].end], None)?;
        // Or, glued, a currency it did not have ("climbed 3p to 262p": pence).
        let glued_currency = |k: usize, v: &crate::numbers::NumberValue| k == 1 && toks[last].end == toks[last + 1].start && v.currency.is_some() && before.currency.is_none();
        (1..=3).take_while(|&k| last + k < toks.len() && !covered[last + k] && near(last + k - 1, last + k) && sign_like(last + k)).find(|&k| {
            toks[last + 1].text(text).chars().next().is_some_and(char::is_alphabetic)
                && crate::numbers::parse_value(&text[start..toks[last + k].end], None).is_some_and(|v| (v.unit.is_some() && v.unit != before.unit) || glued_currency(k, &v))
        })
    };
    // Not "plus or minus 2%", a margin either way.
    let sign_word = |i: usize| matches!(toks[i].text(text).to_lowercase().as_str(), "minus" | "negative") && !after_plus_or(text, toks, i);
    let mut merged: Vec<RawSpan> = Vec::with_capacity(spans.len());
    let mut rest = std::mem::take(spans).into_iter().peekable();
    while let Some(s) = rest.next() {
        if let Some(p) = merged.last_mut() {
            if is_number(p.ty) && !is_number(s.ty) && completes(p, &s) {
                p.last_tok = s.last_tok;
                p.end = s.end;
                continue;
            }
            // "4.5" + "bn": a scale word the tagger made a number of its own belongs to the
            // amount before it.
            if is_number(p.ty)
                && is_number(s.ty)
                && s.first_tok == s.last_tok
                && s.first_tok == p.last_tok + 1
                && near(p.last_tok, s.first_tok)
                && class(s.first_tok) == Some("scale")
                && class(p.last_tok) != Some("scale")
                && crate::numbers::parse_value(&text[p.start..s.end], None).is_some()
            {
                p.last_tok = s.last_tok;
                p.end = s.end;
                continue;
            }
            // "500 Hong Kong dollars", "12.5 million Swiss francs": a name of up to three words
            // right after an amount without a currency, then a currency word that makes one with
            // the name, is all the amount (the tagger read a place or a nationality there).
            let k = s.last_tok + 1;
            if is_number(p.ty)
                && !is_number(s.ty)
                && s.first_tok == p.last_tok + 1
                && s.last_tok < s.first_tok + 3
                && k < toks.len()
                && near(p.last_tok, s.first_tok)
                && near(s.last_tok, k)
                && class(k) == Some("currency")
                && rest.peek().is_none_or(|n| n.first_tok > k)
                && measure(p.start, p.end).is_some_and(|(_, c)| c.is_none())
                && measure(p.start, toks[k].end).is_some_and(|(_, c)| c.is_some())
            {
                p.last_tok = k;
                p.end = toks[k].end;
                continue;
            }
        }
        merged.push(s);
    }
    *spans = merged;
    // A currency right before an amount: glued ("$5", "€40m") or, for a code in capitals, one
    // space away ("Rs 500 crore", "EUR 40m"). A spaced symbol ("$ 17.95") is how treebank text
    // writes "$17.95", and OntoNotes leaves the symbol out there; currency words follow amounts.
    let currency_before = |i: usize| {
        let code = toks[i - 1].text(text);
        class(i - 1) == Some("currency") && (toks[i - 1].end == toks[i].start || (near(i - 1, i) && code.starts_with(char::is_uppercase) && code.trim_end_matches('.').chars().all(char::is_alphabetic)))
    };
    // Such a code that the tagger read as a name of its own ("AUD 10": "AUD" an organisation,
    // "Rp 5,000" a place) gives way to the amount, which takes it below.
    let amounts_at: std::collections::HashSet<usize, crate::hash::FnvBuild> = spans.iter().filter(|s| is_number(s.ty)).map(|s| s.first_tok).collect();
    spans.retain(|s| is_number(s.ty) || s.first_tok != s.last_tok || !amounts_at.contains(&(s.last_tok + 1)) || !currency_before(s.last_tok + 1));
    let mut covered = covered_tokens(toks.len(), spans);
    // Also a signed change glued to its digits ("S&P 500 +1.1%", "FTSE 100 -0.2%").
    let is_amount_start = |i: usize| {
        let mut cs = toks[i].text(text).chars();
        cs.next().is_some_and(|c| c.is_ascii_digit() || VULGAR_FRACTIONS.contains(&c) || (matches!(c, '+' | '-' | '−') && cs.next().is_some_and(|d| d.is_ascii_digit())))
    };
    // A currency sign glued to the next amount opens that one ("$4.5bn $4.5bn").
    let opens_next = |k: usize| class(k) == Some("currency") && k + 1 < toks.len() && toks[k].end == toks[k + 1].start && is_amount_start(k + 1);
    for s in spans.iter_mut() {
        if !is_number(s.ty) {
            // The tagger may mistake an amount in unfamiliar dress for a name; the text says otherwise.
            let t = &text[s.start..s.end];
            // "SEK 300" (a facility to the tagger, as "Route 300"): a capital currency code
            // opening the amount counts as its sign.
            let code_first = s.first_tok < s.last_tok && currency_before(s.first_tok + 1) && toks[s.first_tok + 1].text(text).starts_with(|c: char| c.is_ascii_digit());
            let amount = (code_first || t.chars().next().is_some_and(|c| c.is_ascii_digit() || word_class(&c.to_string()) == Some("currency")))
                && crate::numbers::parse_value(t, None).is_some_and(|v| v.kind != crate::numbers::NumberKind::Cardinal && v.kind != crate::numbers::NumberKind::Ordinal);
            // "Section 30C" names a thing; so does "5G".
            let named = (t.ends_with(['C', 'F']) && s.first_tok > 0 && toks[s.first_tok - 1].text(text).starts_with(|c: char| c.is_uppercase() || c == '#')) || network_generation(t);
            if !amount || named {
                continue;
            }
            s.ty = amount_ty;
        }
        while s.last_tok + 1 < toks.len() && !covered[s.last_tok + 1] && near(s.last_tok, s.last_tok + 1) && trailing(class(s.last_tok + 1)) && class(s.last_tok + 1) != Some("percent") && !opens_next(s.last_tok + 1) || (s.last_tok + 1 < toks.len() && !covered[s.last_tok + 1] && toks[s.last_tok + 1].text(text) == "%" && near(s.last_tok, s.last_tok + 1)) {
            s.last_tok += 1;
            covered[s.last_tok] = true;
            s.end = toks[s.last_tok].end;
        }
        // A unit of several words or signs that the word classes do not see ("km/h", "sq km").
        if let Some(extra) = unit_after(s.start, s.last_tok, &covered) {
            covered[s.last_tok + 1..=s.last_tok + extra].iter_mut().for_each(|c| *c = true);
            s.last_tok += extra;
            s.end = toks[s.last_tok].end;
        }
        // A percent word the tagger left out: "12 per cent", "12 pct", "12 percent".
        let l = s.last_tok;
        let percent_words = if l + 1 >= toks.len() || covered[l + 1] || !near(l, l + 1) {
            0
        } else {
            match toks[l + 1].text(text).to_lowercase().as_str() {
                "percent" | "pct" | "per-cent" => 1,
                "per" if l + 2 < toks.len() && !covered[l + 2] && near(l + 1, l + 2) && toks[l + 2].text(text).eq_ignore_ascii_case("cent") => 2,
                _ => 0,
            }
        };
        if percent_words > 0 && crate::numbers::parse_value(&text[s.start..toks[l + percent_words].end], None).is_some_and(|v| v.kind == crate::numbers::NumberKind::Percent) {
            s.last_tok += percent_words;
            covered[l + 1..=s.last_tok].iter_mut().for_each(|c| *c = true);
            s.end = toks[s.last_tok].end;
        }
        if s.first_tok > 0 && !covered[s.first_tok - 1] && currency_before(s.first_tok) {
            s.first_tok -= 1;
            covered[s.first_tok] = true;
            s.start = toks[s.first_tok].start;
        }
        // A sign word: "minus 12 degrees".
        if s.first_tok > 0 && !covered[s.first_tok - 1] && near(s.first_tok - 1, s.first_tok) && sign_word(s.first_tok - 1) {
            s.first_tok -= 1;
            covered[s.first_tok] = true;
            s.start = toks[s.first_tok].start;
        }
    }
    let mut added = vec![];
    // Tokens before `floor` belong to an amount added here already.
    let mut floor = 0;
    let mut i = 0;
    while i < toks.len() {
        // "It was 30C", "fell to -5C": a temperature with its scale letter glued on (not after a
        // name: "Section 30C").
        let glued_scale = !covered[i] && toks[i].text(text).ends_with(['C', 'F']) && (i == 0 || !toks[i - 1].text(text).starts_with(|c: char| c.is_uppercase() || c == '#'))
            && crate::numbers::parse_value(toks[i].text(text), None).is_some_and(|v| matches!(v.unit.as_deref(), Some("°C" | "°F")));
        if covered[i] || !(is_amount_start(i) || glued_scale) {
            i += 1;
            continue;
        }
        let mut f = i;
        if f > floor && !covered[f - 1] && currency_before(f) {
            f -= 1;
        }
        // "fell to minus 12C".
        if f > floor && !covered[f - 1] && near(f - 1, f) && sign_word(f - 1) {
            f -= 1;
        }
        let mut l = i;
        while l + 1 < toks.len() && !covered[l + 1] && near(l, l + 1) && (trailing(class(l + 1)) || toks[l + 1].text(text) == "%") && !opens_next(l + 1) {
            l += 1;
        }
        if let Some(extra) = unit_after(toks[f].start, l, &covered) {
            l += extra;
        }
        // "by 2½ lengths", "½": a vulgar fraction, which the training texts never write, is a
        // number on its own too.
        let fraction = l == i && toks[i].text(text).contains(VULGAR_FRACTIONS);
        if l > i || f < i || glued_scale || fraction {
            let t = &text[toks[f].start..toks[l].end];
            if crate::numbers::parse_value(t, None).is_some() {
                added.push(RawSpan { start: toks[f].start, end: toks[l].end, ty: amount_ty, score: 0.5, first_tok: f, last_tok: l });
                floor = l + 1;
            }
        }
        i = l + 1;
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| s.start);
    }
}

/// The vulgar fraction characters the number grammar reads ("½", "¾").
const VULGAR_FRACTIONS: [char; 18] = ['½', '⅓', '⅔', '¼', '¾', '⅕', '⅖', '⅗', '⅘', '⅙', '⅚', '⅐', '⅛', '⅜', '⅝', '⅞', '⅑', '⅒'];

/// Two units of one measure in a row are one amount ("5ft 10in", "6 feet 4 inches", "9st 4lb"):
/// the tagger finds the first and takes the second number for a count of its own.
const TENS_WORDS: &[&str] = &["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const UNIT_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth",
];

/// "forty eight", "twenty first": a tens word and a unit written apart, without the hyphen the
/// training texts mostly give them, are one number (OntoNotes train: 95 such pairs in one span,
/// none in two). Number spans (`is_number`) that meet there are joined, the second's type
/// deciding the kind ("twenty" + ordinal "first"); a pair no span touches is a cardinal
/// (`cardinal`), as is a longer spelled number around it that the grammar reads as one
/// ("one hundred forty eight"). So are a number and the "half" or "quarter" span after it across
/// "and a" ("three-and-a-half billion euros": "three" and "half billion euros"), and a fraction
/// and "a" with a scale word across "of" ("a quarter of a million").
pub fn join_spelled_numbers(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, is_number: impl Fn(usize) -> bool, cardinal: usize) {
    let near = |a: usize, b: usize| toks[b].start == toks[a].end + 1 && text.as_bytes()[toks[a].end] == b' ';
    let lower = |i: usize| toks[i].text(text).to_ascii_lowercase();
    let pair_at = |i: usize| i + 1 < toks.len() && near(i, i + 1) && TENS_WORDS.contains(&lower(i).as_str()) && UNIT_WORDS.contains(&lower(i + 1).as_str());
    let mut joined: Vec<RawSpan> = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        if let Some(p) = joined.last_mut() {
            // "three-and-a-half billion euros": the tagger had "three" and "half billion euros".
            let and_a = || {
                let gap = text[p.end..s.start].to_ascii_lowercase();
                matches!(gap.as_str(), "-and-a-" | " and a " | "-and-a " | " and a-") && matches!(lower(s.first_tok).as_str(), "half" | "quarter")
            };
            // "a quarter of a million": a fraction, "of", and "a" with a scale word.
            let of_a_scale = || {
                text[p.end..s.start].eq_ignore_ascii_case(" of ")
                    && crate::numbers::word_class(&lower(p.last_tok)) == Some("fracword")
                    && matches!(lower(s.first_tok).as_str(), "a" | "an")
                    && s.last_tok == s.first_tok + 1
                    && crate::numbers::word_class(&lower(s.last_tok)) == Some("scale")
            };
            let joins = if s.first_tok == p.last_tok + 1 && pair_at(p.last_tok) {
                crate::numbers::parse_number_phrase(&text[p.start..s.end]).is_some()
            } else {
                s.first_tok > p.last_tok && (and_a() || of_a_scale()) && crate::numbers::parse_value(&text[p.start..s.end], None).is_some()
            };
            if is_number(p.ty) && is_number(s.ty) && joins {
                p.last_tok = s.last_tok;
                p.end = s.end;
                p.ty = s.ty;
                p.score = p.score.min(s.score);
                continue;
            }
        }
        joined.push(s);
    }
    *spans = joined;
    let covered = covered_tokens(toks.len(), spans);
    let spelled = |i: usize| !covered[i] && crate::numbers::word_class(&lower(i)) == Some("numword");
    let mut added = vec![];
    let mut i = 0;
    while i < toks.len() {
        if covered[i] || !pair_at(i) || covered[i + 1] || !UNIT_WORDS[..9].contains(&lower(i + 1).as_str()) {
            i += 1;
            continue;
        }
        // The whole run of spelled number words, single-spaced, if the grammar reads it as one.
        let (mut f, mut l) = (i, i + 1);
        while f > 0 && spelled(f - 1) && near(f - 1, f) {
            f -= 1;
        }
        while l + 1 < toks.len() && spelled(l + 1) && near(l, l + 1) {
            l += 1;
        }
        let (f, l) = if crate::numbers::parse_number_phrase(&text[toks[f].start..toks[l].end]).is_some() { (f, l) } else { (i, i + 1) };
        added.push(RawSpan { start: toks[f].start, end: toks[l].end, ty: cardinal, score: 0.5, first_tok: f, last_tok: l });
        i = l + 1;
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| s.start);
    }
}

fn join_compound_measures(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, is_number: impl Fn(usize) -> bool) {
    let near = |a: usize, b: usize| toks[b].start - toks[a].end <= 1 && text[toks[a].end..toks[b].start].chars().all(|c| c == ' ');
    let unit = |a: usize, b: usize| crate::numbers::parse_value(&text[a..b], None).and_then(|v| v.unit);
    // Compacted in place: `kept` spans so far; spans that start at or before `swallowed_to`
    // were swallowed by the amount before them.
    let mut kept = 0;
    let mut swallowed_to: Option<usize> = None;
    for i in 0..spans.len() {
        if swallowed_to.is_some_and(|k| spans[i].first_tok <= k) {
            continue;
        }
        swallowed_to = None;
        let mut p = spans[i].clone();
        let first_unit = if is_number(p.ty) { unit(p.start, p.end) } else { None };
        if matches!(first_unit.as_deref(), Some("ft" | "st" | "lb")) {
            // The second amount: "10in" (two tokens, glued) or "10 inches".
            let (l, k) = (p.last_tok, p.last_tok + 2);
            let second = k < toks.len() && near(l, l + 1) && near(l + 1, k) && toks[l + 1].text(text).bytes().all(|b| b.is_ascii_digit())
                && unit(p.start, toks[k].end).is_some_and(|u| first_unit.as_deref() != Some(u.as_str()) && matches!(u.as_str(), "in" | "lb" | "oz"));
            // Only over spans that lie wholly inside the second amount.
            if second && spans[i + 1..].iter().take_while(|s| s.first_tok <= k).all(|s| s.last_tok <= k) {
                p.last_tok = k;
                p.end = toks[k].end;
                swallowed_to = Some(k);
            }
        }
        spans[kept] = p;
        kept += 1;
    }
    spans.truncate(kept);
}

/// Is `text[start..end]` a score or a vote tally ("beat Liverpool 2-1", "voted 52-48", "a 5-4
/// ruling") rather than a range? Two numbers of at most three digits joined by a dash, after a
/// verb of winning, losing or voting (within three words, or five that name a team after it, the
/// next word not a counted noun: "won 5-10 seats" is a range) or before a noun that a score
/// qualifies ("a 3-1 win").
pub fn is_score(text: &str, start: usize, end: usize) -> bool {
    is_score_within(text, start, end, MAX_SCORE_SERIES)
}

/// The scores of a series after the first that [`is_score`] knows ("won 6-3, 6-4, 6-2", "7-6
/// (7-3), 7-6 (7-2)", "7-6 (3), 6-4") are scores too: each after a comma or bracket right after a
/// score.
const MAX_SCORE_SERIES: usize = 8;

fn is_score_within(text: &str, start: usize, end: usize, depth: usize) -> bool {
    // A set with its tiebreak: "7-6 (3)".
    let end = match text[start..end].strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
        Some((set, n)) if (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()) => start + set.len(),
        _ => end,
    };
    let span = &text[start..end];
    let Some(dash) = span.find(['-', '–', '—']) else { return false };
    let (a, b) = (&span[..dash], &span[dash..].trim_start_matches(['-', '–', '—']));
    let small = |d: &str| (1..=3).contains(&d.len()) && d.bytes().all(|c| c.is_ascii_digit());
    if !small(a) || !small(b) {
        return false;
    }
    let words = |s: &str| s.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).map(str::to_lowercase).collect::<Vec<_>>();
    let before = words(&text[text[..start].char_indices().rev().nth(40).map_or(0, |(k, _)| k)..start]);
    let rest = &text[end..];
    let next = rest.trim_start().split(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
    // Punctuation or the end right after the numbers: nothing is counted.
    let ends = rest.trim_start().chars().next().is_none_or(|c| !c.is_alphanumeric());
    if SCORE_NOUNS.contains(&next.as_str()) || follows_score(text, start, depth) {
        return true;
    }
    // "6-3 on aggregate", "4-2 on penalties".
    if ["on aggregate", "on penalties", "on pens", "in extra time", "after extra time"].iter().any(|w| rest.trim_start().starts_with(w)) {
        return true;
    }
    // Within three words, or five where the words after the verb name a team ("beat the Boston
    // Celtics 112-104").
    let raw_before: Vec<&str> = text[text[..start].char_indices().rev().nth(40).map_or(0, |(k, _)| k)..start].split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect();
    let team = |k: usize| raw_before[raw_before.len() - k..].iter().all(|w| *w == "the" || w.starts_with(char::is_uppercase));
    let verb = before.iter().rev().take(5).enumerate().any(|(k, w)| SCORE_VERBS.contains(&w.as_str()) && (k < 3 || team(k)));
    verb && (ends || SCORE_FOLLOWERS.contains(&next.as_str()))
}

/// Whether a score ends right before `start`, across a comma or an opening bracket (and the
/// closing bracket of a tiebreak before it), looking back through at most `depth` scores.
fn follows_score(text: &str, start: usize, depth: usize) -> bool {
    if depth == 0 {
        return false;
    }
    let head = text[..start].trim_end();
    let Some(head) = head.strip_suffix(',').or_else(|| head.strip_suffix('(')) else { return false };
    let head = head.trim_end();
    let head = head.strip_suffix(')').unwrap_or(head);
    // A tiebreak of one number: "7-6 (3), 6-4".
    let head = head.trim_end_matches(|c: char| c.is_ascii_digit()).strip_suffix('(').map_or(head, str::trim_end);
    let from = head.rfind(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '–' | '—'))).map_or(0, |k| k + head[k..].chars().next().map_or(1, char::len_utf8));
    let prev = &head[from..];
    let small = |d: &str| (1..=3).contains(&d.len()) && d.bytes().all(|c| c.is_ascii_digit());
    match prev.find(['-', '–', '—']) {
        Some(dash) if small(&prev[..dash]) && small(prev[dash..].trim_start_matches(['-', '–', '—'])) => is_score_within(text, from, head.len(), depth - 1),
        _ => false,
    }
}

const SCORE_VERBS: &[&str] = &[
    "beat", "beats", "beaten", "won", "win", "wins", "winning", "lost", "lose", "loses", "losing", "drew", "draw", "draws",
    "drawn", "defeated", "defeat", "defeats", "trail", "trails", "trailed", "trailing", "led", "lead", "leads", "leading",
    "edged", "thrashed", "routed", "crushed", "downed", "hammered", "overcame", "voted", "vote", "votes", "ruled",
    "finished", "ended", "scoreline", "score", "scores", "passed", "approved", "rejected", "confirmed", "adopted", "carried", "upheld",
    "overturned", "level", "levelled", "leveled", "tied", "squared", "beating", "defeating", "edging", "thrashing", "routing",
    "crushing", "downing", "hammering", "drawing", "edge", "edges",
];
/// Nouns a score or tally qualifies ("a 3-1 win", "a 5-4 decision").
const SCORE_NOUNS: &[&str] = &[
    "win", "victory", "defeat", "loss", "draw", "lead", "vote", "votes", "margin", "majority", "scoreline", "decision",
    "ruling", "verdict", "thrashing", "drubbing", "triumph", "aggregate", "tie", "series", "record",
];
/// Words that may follow a score ("won 3-0 at home", "voted 52-48 to confirm").
const SCORE_FOLLOWERS: &[&str] = &[
    "at", "in", "on", "to", "against", "over", "after", "with", "and", "but", "for", "from", "away", "home", "before",
    "when", "as", "while", "last", "this", "thanks", "despite", "earlier", "yesterday", "today", "tonight",
];

/// Scores and tallies (see [`is_score`]) are one NUMBER span of type `amount_ty` ("2-1", not the
/// cardinal "2"; "52-48", not a date); what the tagger put on their parts gives way.
pub fn scores(text: &str, toks: &[crate::tokens::Token], spans: &mut Vec<RawSpan>, amount_ty: usize) {
    let glued = |a: usize, b: usize| toks[a].end == toks[b].start;
    let digits = |i: usize| toks[i].text(text).bytes().all(|b| b.is_ascii_digit());
    // The span on each token, if any: built at the first score (most texts have none).
    let mut on: Vec<usize> = vec![];
    let mut found = vec![];
    let mut replaced: Vec<bool> = vec![];
    for i in 0..toks.len() {
        if found.last().is_some_and(|x: &RawSpan| x.last_tok >= i) {
            continue;
        }
        // "2-1" is three tokens, or one where the tokenizer keeps it whole.
        let (f, l) = if i + 2 < toks.len() && digits(i) && matches!(toks[i + 1].text(text), "-" | "–" | "—") && glued(i, i + 1) && glued(i + 1, i + 2) && digits(i + 2) {
            (i, i + 2)
        } else {
            (i, i)
        };
        let (a, b) = (toks[f].start, toks[l].end);
        if !((l > f || text[a..b].contains(['-', '–', '—'])) && is_score(text, a, b)) {
            continue;
        }
        // A tiebreak of one number joins its set: "7-6 (3)".
        let tiebreak = l + 3 < toks.len() && toks[l + 1].text(text) == "(" && digits(l + 2) && toks[l + 2].text(text).len() <= 2 && toks[l + 3].text(text) == ")" && glued(l + 1, l + 2) && glued(l + 2, l + 3);
        let (l, b) = if tiebreak { (l + 3, toks[l + 3].end) } else { (l, b) };
        if on.is_empty() {
            on = vec![usize::MAX; toks.len()];
            for (j, s) in spans.iter().enumerate() {
                on[s.first_tok..=s.last_tok.min(toks.len() - 1)].iter_mut().for_each(|o| *o = j);
            }
            replaced = vec![false; spans.len()];
        }
        // Only where no span reaches outside the score; those inside give way.
        let inside: Vec<usize> = (f..=l).map(|k| on[k]).filter(|&j| j != usize::MAX).collect();
        if inside.iter().all(|&j| spans[j].first_tok >= f && spans[j].last_tok <= l) {
            let score = inside.iter().map(|&j| spans[j].score).reduce(f32::max).unwrap_or(0.6);
            inside.iter().for_each(|&j| replaced[j] = true);
            found.push(RawSpan { start: a, end: b, ty: amount_ty, score, first_tok: f, last_tok: l });
        }
    }
    if found.is_empty() {
        return;
    }
    let mut j = 0;
    spans.retain(|_| {
        j += 1;
        !replaced[j - 1]
    });
    spans.extend(found);
    spans.sort_by_key(|s| s.start);
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
    fn tidy(text: &str, spans: &[(&str, usize)]) -> Vec<String> {
        // spans: (span text, type); type 0 is a number type, 1 is not.
        let toks = crate::tokens::tokenize(text);
        let mut raw: Vec<RawSpan> = spans
            .iter()
            .map(|(t, ty)| {
                let s = text.find(t).unwrap();
                let e = s + t.len();
                let f = toks.iter().position(|k| k.start == s).unwrap();
                let l = toks.iter().position(|k| k.end == e).unwrap();
                RawSpan { start: s, end: e, ty: *ty, score: 0.9, first_tok: f, last_tok: l }
            })
            .collect();
        tidy_numbers(text, &toks, &mut raw, |t| t == 0);
        raw.iter().map(|r| text[r.start..r.end].to_string()).collect()
    }

    #[test]
    fn a_boeing_model_is_no_number() {
        assert_eq!(tidy("cap production of the 737 Max at 38 a month", &[("737", 0), ("38", 0)]), ["38"]);
        assert_eq!(tidy("a dozen 737 jetliners", &[("737", 0)]), Vec::<String>::new());
        // Not a count of other things.
        assert_eq!(tidy("737 people died", &[("737", 0)]), ["737"]);
        assert_eq!(tidy("a fleet of 727 planes", &[("727", 0)]), ["727"]);
        assert_eq!(tidy("Korean Airlines 747 planes", &[("747", 0)]), Vec::<String>::new());
        assert_eq!(tidy("797 planes", &[("797", 0)]), ["797"]);
    }

    #[test]
    fn a_postcode_is_no_number() {
        assert_eq!(tidy("Royal Albert Hall, London SW7 2AP.", &[("2", 0)]), Vec::<String>::new());
        assert_eq!(tidy("Manchester M4 1AE", &[("1", 0)]), Vec::<String>::new());
        // Not a count before a word in capitals.
        assert_eq!(tidy("in round 2 of the Q3 2 US races", &[("2", 0)]), ["2"]);
    }

    #[test]
    fn a_wire_story_update_number_is_no_number() {
        assert_eq!(tidy("UPDATE 2-Oil rises 2%", &[("2", 0), ("2%", 0)]), ["2%"]);
        assert_eq!(tidy("REFILE-UPDATE 1-Shares fall", &[("1", 0)]), Vec::<String>::new());
        assert_eq!(tidy("an update 2-3 times a day", &[("2-3", 0)]), ["2-3"]);
    }

    #[test]
    fn korean_won_after_an_amount_is_money() {
        // Type 0: a number type, 1: money.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| korean_won(text, toks, raw, |t| t <= 1, 1)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("a profit of 10.4 trillion won ($7.8 billion)", &[("10.4 trillion", 0)]), vec![s("10.4 trillion won", 1)]);
        assert_eq!(run("Shares in Seoul closed at 81,600 won.", &[("81,600", 0)]), vec![s("81,600 won", 1)]);
        // The verb: after an age, a bare number with no Korea named, before an object.
        assert_eq!(run("Smith, 25, won the race in Seoul.", &[("25", 0)]), vec![s("25", 0)]);
        assert_eq!(run("The 49ers, 3 won.", &[("3", 0)]), vec![s("3", 0)]);
        assert_eq!(run("In Seoul 3 won the prize.", &[("3", 0)]), vec![s("3", 0)]);
    }

    #[test]
    fn fiscal_years_and_days_before_months_are_dates() {
        // Type 0: a number, 1: a date, 2: a name.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| short_dates(text, toks, raw, |t| t != 1, 1)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Sales in FY2023/24 rose.", &[("FY2023/24", 0)]), vec![s("FY2023/24", 1)]);
        assert_eq!(run("In FY24 sales fell.", &[("FY24", 2)]), vec![s("FY24", 1)]);
        assert_eq!(run("moved to Mon, 14 Apr 2025 at noon", &[("Mon", 2), ("14", 0)]), vec![s("Mon, 14 Apr 2025", 1)]);
        assert_eq!(run("It opens 3 June 2025.", &[("3", 0), ("June 2025", 1)]), vec![s("3 June 2025", 1)]);
        // Not a count before another word, a big number, a code that is no fiscal year.
        assert_eq!(run("He won 14 races.", &[("14", 0)]), vec![s("14", 0)]);
        assert_eq!(run("about 40 March", &[("40", 0)]), vec![s("40", 0)]);
        assert_eq!(run("the FY2023x plan", &[("FY2023x", 2)]), vec![s("FY2023x", 2)]);
        // A date in digits the tagger left out, or read as a number.
        assert_eq!(run("runs until 31/12/2025, or", &[]), vec![s("31/12/2025", 1)]);
        assert_eq!(run("on 12.03.2024 at", &[("12.03.2024", 0)]), vec![s("12.03.2024", 1)]);
        // Not a version, nor digits inside a longer name.
        assert_eq!(run("version 1.2.3 and 10.0.0.1", &[]), vec![]);
        assert_eq!(run("Flight 12/03/2024 Ltd", &[("Flight 12/03/2024 Ltd", 2)]), vec![s("Flight 12/03/2024 Ltd", 2)]);
    }

    #[test]
    fn groups_of_three_digits_after_a_space_are_one_number() {
        // Type 0: a number type, 1: not.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| spaced_thousands(text, toks, raw, |t| t == 0)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("The rally drew 15 000 people.", &[("15", 0), ("000", 0)]), vec![s("15 000", 0)]);
        assert_eq!(run("It has 1 234 567 people.", &[("1", 0)]), vec![s("1 234 567", 0)]);
        assert_eq!(run("about 15\u{202F}000 km", &[("about 15", 0), ("000 km", 0)]), vec![s("about 15\u{202F}000 km", 0)]);
        // Not after a year, before more digits, nor two spaces apart.
        assert_eq!(run("in 2010 500 people", &[("2010", 0), ("500", 0)]), vec![s("2010", 0), s("500", 0)]);
        assert_eq!(run("rooms 12 3456", &[("12", 0)]), vec![s("12", 0)]);
        assert_eq!(run("pages 12  345", &[("12", 0)]), vec![s("12", 0)]);
        assert_eq!(run("12 345", &[("12", 1)]), vec![s("12", 1)]);
    }

    #[test]
    fn an_amount_takes_a_currency_named_with_a_nationality() {
        // Type 0: a number type, 1: money, 2: a nationality.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| named_currencies(text, toks, raw, |t| t <= 1, 1)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Losses of 1.2bn Swiss francs were reported.", &[("1.2bn", 0), ("Swiss", 2)]), vec![s("1.2bn Swiss francs", 1)]);
        assert_eq!(run("It cost 500 Saudi riyals.", &[("500", 0)]), vec![s("500 Saudi riyals", 1)]);
        // Not without a currency word, nor over a longer name.
        assert_eq!(run("He sold 500 Swiss watches.", &[("500", 0), ("Swiss", 2)]), vec![s("500", 0), s("Swiss", 2)]);
        assert_eq!(run("It cost 500 Bank of Swiss francs.", &[("500", 0)]), vec![s("500", 0)]);
    }

    #[test]
    fn mach_and_a_number_is_a_speed() {
        // Type 0: a quantity, 1: a person, 2: a cardinal.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| mach_numbers(text, toks, raw, 0)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("The rocket reached Mach 5.", &[("Mach", 1), ("5", 2)]), vec![s("Mach 5", 0)]);
        assert_eq!(run("flew at Mach 2.5 over", &[]), vec![s("Mach 2.5", 0)]);
        // Not a longer name, nor "Mach" before a word.
        assert_eq!(run("Ernst Mach 1838", &[("Ernst Mach 1838", 1)]), vec![s("Ernst Mach 1838", 1)]);
        assert_eq!(run("Mach said", &[("Mach", 1)]), vec![s("Mach", 1)]);
    }

    #[test]
    fn a_year_with_its_era_is_a_date() {
        // Type 0: a date, 1: a cardinal, 2: an organisation, 3: a person.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| era_years(text, toks, raw, 0, |t| t == 1 || t == 2)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("killed in 44 BC.", &[("44", 1), ("BC", 2)]), vec![s("44 BC", 0)]);
        assert_eq!(run("fell in AD 476.", &[("476", 1)]), vec![s("AD 476", 0)]);
        assert_eq!(run("built around 2500 B.C. by", &[("around 2500", 0)]), vec![s("around 2500 B.C.", 0)]);
        assert_eq!(run("about 10,000 BCE", &[]), vec![s("10,000 BCE", 0)]);
        assert_eq!(run("in the 5th century BC, Athens", &[("the 5th century", 0)]), vec![s("the 5th century BC", 0)]);
        // Not a century that is no date, nor a person's words, nor a number that is no year.
        assert_eq!(run("a century BC", &[]), vec![]);
        assert_eq!(run("Ann 12 AD", &[("Ann 12 AD", 3)]), vec![s("Ann 12 AD", 3)]);
        assert_eq!(run("code 0044 BC", &[]), vec![]);
        assert_eq!(run("1,0000 BC", &[]), vec![]);
        assert_eq!(run(",1 BC and 1, BC", &[]), vec![]);
        // Two eras round one year: one date.
        assert_eq!(run("Feb. AD 476 AD 476", &[("Feb.", 0)]), vec![s("Feb.", 0), s("AD 476", 0)]);
        assert_eq!(run("in AD 476 AD", &[]), vec![s("AD 476", 0)]);
    }

    #[test]
    fn a_date_splits_at_after_between_a_day_and_a_number() {
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| dates_split_at_after(text, toks, raw, 0)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("ended on Dec. 8 after 21 months.", &[("Dec. 8 after 21 months", 0)]), vec![s("Dec. 8", 0), s("21 months", 0)]);
        assert_eq!(run("in 2019 before two years of", &[("2019 before two years", 0)]), vec![s("2019", 0), s("two years", 0)]);
        // Not after words, nor before no number.
        assert_eq!(run("Two months after that", &[("Two months after that", 0)]), vec![s("Two months after that", 0)]);
        assert_eq!(run("the day after tomorrow", &[("the day after tomorrow", 0)]), vec![s("the day after tomorrow", 0)]);
        assert_eq!(run("June 8 after the vote", &[("June 8 after the vote", 0)]), vec![s("June 8 after the vote", 0)]);
    }

    #[test]
    fn quarter_point_steps_are_no_dates() {
        // Type 0: a date, 1: a cardinal.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| quarter_points(text, toks, raw, 0, 1)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("price in four quarter-point cuts", &[("four quarter", 0)]), vec![s("four", 1)]);
        assert_eq!(run("two half-percentage point hikes", &[("two half", 0)]), vec![s("two", 1)]);
        assert_eq!(run("a quarter-point cut", &[("a quarter", 0)]), vec![]);
        // Not a quarter of the year, nor one apart from the hyphen.
        assert_eq!(run("the fourth quarter - point", &[("the fourth quarter", 0)]), vec![s("the fourth quarter", 0)]);
        assert_eq!(run("the fourth quarter.", &[("the fourth quarter", 0)]), vec![s("the fourth quarter", 0)]);
    }

    #[test]
    fn an_unsure_name_listed_between_places_is_a_place() {
        // Type 0: a place, 1: an organisation; scores 0.9 but the middle one, as given.
        let run = |text: &str, found: &[(&str, usize)], middle: f32| {
            typed(text, &after(text, found, |toks, raw| {
                raw[1].score = middle;
                places_listed_between_places(text, toks, raw, 0, |t| t == 1, 0.7)
            }))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        let list = [("Paiporta", 0), ("Catarroja", 1), ("Alfafar", 0)];
        assert_eq!(run("towns of Paiporta, Catarroja and Alfafar.", &list, 0.6), vec![s("Paiporta", 0), s("Catarroja", 0), s("Alfafar", 0)]);
        assert_eq!(run("towns of Paiporta, Catarroja, Alfafar.", &list, 0.6), vec![s("Paiporta", 0), s("Catarroja", 0), s("Alfafar", 0)]);
        // Not a sure one, nor one outside a list.
        assert_eq!(run("towns of Paiporta, Catarroja and Alfafar.", &list, 0.9), vec![s("Paiporta", 0), s("Catarroja", 1), s("Alfafar", 0)]);
        assert_eq!(run("Paiporta said Catarroja and Alfafar.", &list, 0.6), vec![s("Paiporta", 0), s("Catarroja", 1), s("Alfafar", 0)]);
        assert_eq!(run("Paiporta, Catarroja said Alfafar.", &list, 0.6), vec![s("Paiporta", 0), s("Catarroja", 1), s("Alfafar", 0)]);
        // Two after a locative, at the end of a clause.
        let pair = [("Stepove", 0), ("Berdychi", 1), ("x", 1)];
        assert_eq!(run("attacks near Stepove and Berdychi. x", &pair, 0.6), vec![s("Stepove", 0), s("Berdychi", 0), s("x", 1)]);
        assert_eq!(run("attacks by Stepove and Berdychi. x", &pair, 0.6), vec![s("Stepove", 0), s("Berdychi", 1), s("x", 1)]);
        assert_eq!(run("attacks near Stepove and Berdychi men x", &pair, 0.6), vec![s("Stepove", 0), s("Berdychi", 1), s("x", 1)]);
    }

    #[test]
    fn a_date_ends_at_an_abbreviated_month_before_a_new_sentence() {
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| dates_end_at_an_abbreviated_month(text, toks, raw, 0)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("on Wed 14 Feb. Doors open", &[("Wed 14 Feb. Doors", 0)]), vec![s("Wed 14 Feb.", 0)]);
        // Not before a day, a year or a month's part.
        assert_eq!(run("on Feb. 14, 2024", &[("Feb. 14, 2024", 0)]), vec![s("Feb. 14, 2024", 0)]);
        assert_eq!(run("from Jan. March", &[("Jan. March", 0)]), vec![s("Jan. March", 0)]);
    }

    #[test]
    fn a_name_split_in_a_line_of_capitals_is_whole() {
        // Type 0: an organisation, 1: a place, 9: a date (no name); scores 0.9.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| shouted_names_whole(text, toks, raw, |t| t < 9)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        let text = "INTER MIAMI BEAT NEW YORK RED BULLS\nInter Miami thrashed the New York Red Bulls.";
        let found = [("INTER", 0), ("MIAMI", 1), ("NEW YORK", 1), ("RED BULLS", 0), ("Inter Miami", 0), ("the New York Red Bulls", 0)];
        assert_eq!(run(text, &found), vec![s("INTER MIAMI", 0), s("NEW YORK RED BULLS", 0), s("Inter Miami", 0), s("the New York Red Bulls", 0)]);
        // One piece found: the whole name.
        assert_eq!(run("AS INTER MIAMI WON\nInter Miami won.", &[("MIAMI", 1), ("Inter Miami", 0)]), vec![s("INTER MIAMI", 0), s("Inter Miami", 0)]);
        // Not in a line with lower case, nor where a span runs past the words, nor a date's.
        assert_eq!(run("INTER MIAMI won\nInter Miami won.", &[("MIAMI", 1), ("Inter Miami", 0)]), vec![s("MIAMI", 1), s("Inter Miami", 0)]);
        assert_eq!(run("INTER MIAMI FC\nInter Miami won.", &[("MIAMI FC", 1), ("Inter Miami", 0)]), vec![s("MIAMI FC", 1), s("Inter Miami", 0)]);
        assert_eq!(run("INTER MIAMI\nInter Miami won.", &[("MIAMI", 9), ("Inter Miami", 0)]), vec![s("MIAMI", 9), s("Inter Miami", 0)]);
    }

    #[test]
    fn a_range_of_degrees_is_no_date() {
        // Type 0: a date, 1: a quantity.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |_, raw| measures_out_of_dates(text, raw, 0, 1)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Highs of 20-25C are expected.", &[("20-25C", 0)]), vec![s("20-25C", 1)]);
        // Not years, nor durations.
        assert_eq!(run("in 2020-21 and for 10 years", &[("2020-21", 0), ("10 years", 0)]), vec![s("2020-21", 0), s("10 years", 0)]);
        assert_eq!(run("took 8 hours", &[("8 hours", 0)]), vec![s("8 hours", 0)]);
    }

    #[test]
    fn hours_minutes_and_seconds_in_a_row_are_one_time() {
        // Type 0: a time, 1: a date.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| compound_times(text, toks, raw, 0)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("took 8 hours, 4 minutes and 31 seconds.", &[("8 hours", 0), ("4 minutes and 31 seconds", 0)]), vec![s("8 hours, 4 minutes and 31 seconds", 0)]);
        assert_eq!(run("an hour and 15 minutes", &[("an hour", 0), ("15 minutes", 0)]), vec![s("an hour and 15 minutes", 0)]);
        assert_eq!(run("6min 17sec behind", &[("6min", 0), ("17sec", 0)]), vec![s("6min 17sec", 0)]);
        // Not a larger unit after, nor a date, nor a span of no count.
        assert_eq!(run("5 minutes and 2 hours", &[("5 minutes", 0), ("2 hours", 0)]), vec![s("5 minutes", 0), s("2 hours", 0)]);
        assert_eq!(run("2 hours and 3 days", &[("2 hours", 0), ("3 days", 1)]), vec![s("2 hours", 0), s("3 days", 1)]);
        assert_eq!(run("2 hours and the minutes", &[("2 hours", 0), ("the minutes", 0)]), vec![s("2 hours", 0), s("the minutes", 0)]);
    }

    #[test]
    fn the_isle_of_a_name_is_a_place() {
        // Type 0: a place, 1: a person, 2: a work of art, 9: no name.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| isles_of(text, toks, raw, 0, |t| t < 9)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("a ferry to the Isle of Wight", &[("Wight", 1)]), vec![s("the Isle of Wight", 0)]);
        assert_eq!(run("flights to the Isles of Scilly today", &[]), vec![s("the Isles of Scilly", 0)]);
        assert_eq!(run("Isle of Man TT races", &[]), vec![s("Isle of Man", 0)]);
        // Not lower case, nor where a span runs past it.
        assert_eq!(run("an isle of calm", &[]), vec![]);
        assert_eq!(run("The Needles on the Isle of Wight", &[("The Needles on the Isle of Wight", 2)]), vec![s("The Needles on the Isle of Wight", 2)]);
    }

    #[test]
    fn regions_the_lists_miss_are_places() {
        // Type 0: a place, 1: an organisation, 2: a person (not retypable).
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| names_from_list(text, toks, raw, 0, |t| t == 1, listed(text, toks, &["normandy", "west bank"]))));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("In Brittany and Normandy, homes", &[("Brittany", 0), ("Normandy", 1)]), vec![s("Brittany", 0), s("Normandy", 0)]);
        assert_eq!(run("across the West Bank today", &[("the West Bank", 1)]), vec![s("the West Bank", 0)]);
        assert_eq!(run("across the West Bank today", &[]), vec![s("West Bank", 0)]);
        assert_eq!(run("across the West Bank today", &[("Bank", 1)]), vec![s("West Bank", 0)]);
        // Not a person, nor a longer name, nor lower case.
        assert_eq!(run("Normandy said", &[("Normandy", 2)]), vec![s("Normandy", 2)]);
        assert_eq!(run("Normandy Partners said", &[("Normandy Partners", 1)]), vec![s("Normandy Partners", 1)]);
        assert_eq!(run("a normandy trip", &[]), vec![]);
    }

    #[test]
    fn a_name_an_appositive_calls_a_town_or_a_mountain_is_a_place() {
        // Type 0: a town, 1: a landform, 2: a person, 3: a date (not retypable).
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| places_by_apposition(text, toks, raw, |t| t == 2, 0, 1)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("rescued from Ben Nevis, Britain's highest mountain, on", &[("Ben Nevis", 2), ("Britain", 0)]), vec![s("Ben Nevis", 1), s("Britain", 0)]);
        assert_eq!(run("reached Kahului, the main town.", &[("Kahului", 2)]), vec![s("Kahului", 0)]);
        assert_eq!(run("reached Derna, a port city of 100,000", &[("Derna", 2)]), vec![s("Derna", 0)]);
        // Not a person's role, nor a noun before more words, nor a span of another type.
        assert_eq!(run("met Smith, the company's chief, in", &[("Smith", 2)]), vec![s("Smith", 2)]);
        assert_eq!(run("met Smith, a city councillor, in", &[("Smith", 2)]), vec![s("Smith", 2)]);
        assert_eq!(run("on May 5, a town meeting.", &[("May 5", 3)]), vec![s("May 5", 3)]);
    }

    #[test]
    fn capitalised_words_for_a_place_are_an_organisation() {
        // Type 0: an organisation, 1: a place.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| organisations_for_places(text, toks, raw, 0, 1)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("X sued Media Matters for America in court.", &[("America", 1)]), vec![s("Media Matters for America", 0)]);
        assert_eq!(run("backed by Progress for America.", &[("Progress", 0), ("America", 1)]), vec![s("Progress for America", 0)]);
        // Not one word starting its sentence, a place's possessive, lower case.
        assert_eq!(run("Thanks for America.", &[("America", 1)]), vec![s("America", 1)]);
        assert_eq!(run("I thank the President for Spain's support.", &[("Spain", 1)]), vec![s("Spain", 1)]);
        assert_eq!(run("It was good for America.", &[("America", 1)]), vec![s("America", 1)]);
    }

    #[test]
    fn a_bare_year_after_founded_or_in_is_a_date() {
        // Type 0: a cardinal, 1: a date.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| bare_years(text, toks, raw, 0, 1)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Founded: 1624. Mayor:", &[("1624", 0)]), vec![s("1624", 1)]);
        assert_eq!(run("It was built in 1889, and", &[("1889", 0)]), vec![s("1889", 1)]);
        // Not a count before a noun, nor a number out of the years' range, nor after another word.
        assert_eq!(run("in 2000 cases", &[("2000", 0)]), vec![s("2000", 0)]);
        assert_eq!(run("in 3000.", &[("3000", 0)]), vec![s("3000", 0)]);
        assert_eq!(run("scored 1624.", &[("1624", 0)]), vec![s("1624", 0)]);
    }

    #[test]
    fn last_after_to_or_a_modal_is_a_verb() {
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| last_as_a_verb(text, toks, raw, 0)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("expected to last a year at a", &[("last a year", 0)]), vec![s("a year", 0)]);
        assert_eq!(run("The trial will last five weeks.", &[("last five weeks", 0)]), vec![s("five weeks", 0)]);
        // Not the adjective.
        assert_eq!(run("compared to last year", &[("last year", 0)]), vec![s("last year", 0)]);
        assert_eq!(run("since last December", &[("last December", 0)]), vec![s("last December", 0)]);
    }

    #[test]
    fn a_numbered_name_is_no_person_and_city_airports_are_one() {
        // Type 0: a person, 1: a thing, 2: a place, 3: a facility.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| numbered_things(text, toks, raw, 0, 1)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("The Queen Mary 2 docked.", &[("Mary 2", 0)]), vec![s("Mary 2", 1)]);
        assert_eq!(run("Mary Smith docked.", &[("Mary Smith", 0)]), vec![s("Mary Smith", 0)]);
        assert_eq!(run("My brother Salaam 88 wrote", &[("Salaam 88", 0)]), vec![s("Salaam 88", 0)]);
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| city_airports(text, toks, raw, 3)));
        assert_eq!(run("bound for London Gatwick, crashed", &[("London", 2), ("Gatwick", 2)]), vec![s("London Gatwick", 3)]);
        assert_eq!(run("flew from London Heathrow.", &[("London", 2)]), vec![s("London Heathrow", 3)]);
        assert_eq!(run("from Heathrow to Singapore Changi was", &[("Heathrow", 3), ("Singapore", 2), ("Changi", 0)]), vec![s("Heathrow", 3), s("Singapore Changi", 3)]);
        assert_eq!(run("Paris Changi", &[("Paris", 2), ("Changi", 0)]), vec![s("Paris", 2), s("Changi", 0)]);
        // Not another word, nor a longer span on the airport.
        assert_eq!(run("in London Bridge", &[("London", 2)]), vec![s("London", 2)]);
        assert_eq!(run("London Luton Airport said", &[("London", 2), ("Luton Airport", 3)]), vec![s("London", 2), s("Luton Airport", 3)]);
    }

    #[test]
    fn a_name_before_based_is_a_place() {
        // Type 0: a place, 1: a person, 9: no name.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| places_before_based(text, toks, raw, 0, |t| t < 9)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("The Suwon-based company's shares", &[("The Suwon-based", 1)]), vec![s("Suwon", 0)]);
        assert_eq!(run("the New York-born singer", &[("New York-born", 1)]), vec![s("New York", 0)]);
        // Not apart from the hyphen, nor another word, nor a span of no name.
        assert_eq!(run("Smith - based", &[("Smith - based", 1)]), vec![s("Smith - based", 1)]);
        assert_eq!(run("the Trump-backed bill", &[("Trump-backed", 1)]), vec![s("Trump-backed", 1)]);
        assert_eq!(run("The x-based", &[("The x-based", 9)]), vec![s("The x-based", 9)]);
    }

    #[test]
    fn the_last_guard_keeps_spans_sorted_and_disjoint() {
        let span = |start: usize, end: usize, ty: usize| RawSpan { start, end, ty, score: 0.5, first_tok: start, last_tok: end - 1 };
        let mut spans = vec![span(4, 6, 2), span(0, 3, 0), span(2, 5, 1), span(4, 6, 3), span(6, 8, 4)];
        disjoint(&mut spans);
        let kept: Vec<(usize, usize, usize)> = spans.iter().map(|s| (s.start, s.end, s.ty)).collect();
        assert_eq!(kept, [(0, 3, 0), (4, 6, 2), (6, 8, 4)]);
    }

    #[test]
    fn a_span_ending_on_a_currency_symbol_takes_the_amount_after_it() {
        // Type 0: a number type, 1: not.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| amounts_after_trailing_symbols(text, toks, raw, |t| t == 0)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Tickets: £45–£120.", &[("£45–£", 0), ("120", 0)]), vec![s("£45–£120", 0)]);
        assert_eq!(run("Tickets: £45–£120.", &[("£45–£", 0)]), vec![s("£45–£120", 0)]);
        // Not a symbol apart from the amount, nor a span of another type.
        assert_eq!(run("paid £45 £ 120", &[("£45 £", 0)]), vec![s("£45 £", 0)]);
        assert_eq!(run("Tickets: £45–£120.", &[("£45–£", 1), ("120", 0)]), vec![s("£45–£", 1), s("120", 0)]);
        // A span that starts on the symbol, or one of another type on the amount, gives way:
        // the spans stay disjoint.
        assert_eq!(run("x 1-€0- March", &[("1-€", 0), ("€0", 0)]), vec![s("1-€0", 0)]);
        assert_eq!(run("Tickets: £45–£120.", &[("£45–£", 0), ("120", 1)]), vec![s("£45–£120", 0)]);
    }

    #[test]
    fn a_name_before_an_amount_stays_out_of_it() {
        assert_eq!(tidy("It orbits the Sun about 1.5 million kilometres away.", &[("Sun about 1.5 million kilometres", 0)]), ["about 1.5 million kilometres"]);
        assert_eq!(tidy("paid Smith 400 dollars", &[("Smith 400 dollars", 0)]), ["400 dollars"]);
        // A sentence's first word, a currency code, a number word and a month stay.
        assert_eq!(tidy("Nearly 400 came.", &[("Nearly 400", 0)]), ["Nearly 400"]);
        assert_eq!(tidy("It cost Rs 400 each.", &[("Rs 400", 0)]), ["Rs 400"]);
        assert_eq!(tidy("the Twenty 20 team", &[("Twenty 20", 0)]), ["Twenty 20"]);
        assert_eq!(tidy("due May 5", &[("May 5", 0)]), ["May 5"]);
    }

    #[test]
    fn scores_need_a_verb_or_a_noun_of_winning_or_voting() {
        let at = |text: &str, s: &str| {
            let a = text.find(s).unwrap();
            is_score(text, a, a + s.len())
        };
        assert!(at("Arsenal beat Spurs 2-1 on Sunday", "2-1"));
        assert!(at("voted 52-48.", "52-48"));
        assert!(at("The $1.2 trillion package passed 74-24.", "74-24"));
        assert!(at("The court upheld it 6-3 on Monday.", "6-3"));
        assert!(at("The series is level at 1-1.", "1-1"));
        assert!(at("They tied 2-2 with Leeds.", "2-2"));
        assert!(at("City won the title, beating West Ham 3-1 at home.", "3-1"));
        assert!(at("Madrid won the play-off 6-3 on aggregate.", "6-3"));
        assert!(at("They went through 4-2 on penalties.", "4-2"));
        assert!(!at("The board approved 5-10 new hires.", "5-10"));
        assert!(at("a 5-4 decision", "5-4"));
        assert!(!at("won 5-10 seats", "5-10"));
        assert!(!at("pages 10-12", "10-12"));
        assert!(!at("won 2003-04", "2003-04"));
        assert!(!at("beat them 2:1", "2:1"));
        // Five words back where they name a team, three otherwise.
        assert!(at("The Warriors beat the Boston Celtics 112-104 at home.", "112-104"));
        assert!(!at("They beat the rush of the 10-12 crowd.", "10-12"));
    }

    #[test]
    fn number_tidying() {
        assert_eq!(tidy("1. First item\n2) Second", &[("1.", 0), ("2", 0)]), Vec::<String>::new());
        assert_eq!(tidy("Item 2. Then", &[("2.", 0)]), vec!["2"]);
        assert_eq!(tidy("COVID-19 cases", &[("19", 0)]), Vec::<String>::new());
        assert_eq!(tidy("its 5G network", &[("5G", 0)]), Vec::<String>::new());
        assert_eq!(tidy("Call 911 now, case No. 21-476, lot No. 8", &[("911", 0), ("21-476", 0), ("8", 0)]), vec!["8"]);
        assert_eq!(tidy("paid 2,500 $ each and $5 apiece", &[("2,500 $ each", 0), ("$5 apiece", 0)]), vec!["2,500 $", "$5"]);
        assert_eq!(tidy("has 30g of fat", &[("30g", 0)]), vec!["30g"]);
        assert_eq!(tidy("sales of $37.5 billion, plus or minus 2%, this quarter", &[("minus 2%", 0)]), vec!["2%"]);
        assert_eq!(tidy("fell to minus 2%", &[("minus 2%", 0)]), vec!["minus 2%"]);
        // An amount closed by its unit, then a modifier opening another: two amounts; a range stays.
        assert_eq!(tidy("a depth of 35 kilometres about 80 km west", &[("35 kilometres about 80 km", 0)]), vec!["35 kilometres", "about 80 km"]);
        assert_eq!(tidy("paid $5 nearly $8 later", &[("$5 nearly $8", 0)]), vec!["$5", "nearly $8"]);
        assert_eq!(tidy("from 5 km to about 8 km", &[("5 km to about 8 km", 0)]), vec!["5 km to about 8 km"]);
        assert_eq!(tidy("F-16 jets", &[("16", 0)]), Vec::<String>::new());
        assert_eq!(tidy("about 16 jets", &[("16", 0)]), vec!["16"]);
        assert_eq!(tidy("pages 10 - 16", &[("16", 0)]), vec!["16"]);
        assert_eq!(tidy("paid 2,500 $, 80 mln, €40m", &[("2,500 $, 80 mln, €40m", 0)]), vec!["2,500 $", "80 mln", "€40m"]);
        assert_eq!(tidy("about a third of them", &[("third", 0)]), vec!["a third"]);
        assert_eq!(tidy("the third man", &[("third", 0)]), vec!["third"]);
        assert_eq!(tidy("for a third straight meeting", &[("third", 0)]), vec!["third"]);
        assert_eq!(tidy("prices fell by a third.", &[("third", 0)]), vec!["a third"]);
        assert_eq!(tidy("two quarters later", &[("quarters", 0)]), vec!["two quarters"]);
        assert_eq!(tidy("(5 km)", &[("(5 km)", 0)]), vec!["5 km"]);
        assert_eq!(tidy("Smith, Jones", &[("Smith, Jones", 1)]), vec!["Smith, Jones"]);
        assert_eq!(tidy("a pipe 25 km north carried 80,000 barrels", &[("25 km north carried 80,000 barrels", 0)]), vec!["25 km", "80,000 barrels"]);
        assert_eq!(tidy("as many as 34,000 people", &[("as many as 34,000", 0)]), vec!["as many as 34,000"]);
        assert_eq!(tidy("paid €40m and another 80 mln", &[("€40m and another 80 mln", 0)]), vec!["€40m", "another 80 mln"]);
        assert_eq!(tidy("paid 2,500 $ and 80 mln", &[("2,500 $ and 80 mln", 0)]), vec!["2,500 $", "80 mln"]);
        assert_eq!(tidy("walked 5 km and 10 km", &[("5 km and 10 km", 0)]), vec!["5 km", "10 km"]);
        assert_eq!(tidy("between 5 km and 10 km", &[("between 5 km and 10 km", 0)]), vec!["between 5 km and 10 km"]);
        assert_eq!(tidy("between 5 and 10 km", &[("between 5 and 10 km", 0)]), vec!["between 5 and 10 km"]);
        assert_eq!(tidy("gave 80 mln and €40m", &[("80 mln and €40m", 0)]), vec!["80 mln", "€40m"]);
        // Amounts side by side, each with its currency sign, are as many amounts.
        assert_eq!(tidy("B $4.5bn $4.5bn $4.5bn", &[("$4.5bn $4.5bn $4.5bn", 0)]), vec!["$4.5bn", "$4.5bn", "$4.5bn"]);
        assert_eq!(tidy("paid 2,500 $ 80", &[("2,500 $ 80", 0)]), vec!["2,500 $ 80"]);
        assert_eq!(tidy("cost ¥3,000 or US$5", &[("¥3,000 or US$5", 0)]), vec!["¥3,000", "US$5"]);
        assert_eq!(tidy("between $5 and $10 a share", &[("between $5 and $10", 0)]), vec!["between $5 and $10"]);
        assert_eq!(tidy("rose $1.02 to $82.15 a barrel", &[("$1.02 to $82.15", 0)]), vec!["$1.02", "$82.15"]);
        assert_eq!(tidy("a 2.5% to 3% growth rate", &[("2.5% to 3%", 0)]), vec!["2.5% to 3%"]);
        assert_eq!(tidy("5 to 10 million people", &[("5 to 10 million", 0)]), vec!["5 to 10 million"]);
    }

    /// `grammar_numbers` on `text` with the tagger's number span on the token `word` (type 0).
    fn grammar(text: &str, word: &str) -> Vec<String> {
        let toks = crate::tokens::tokenize(text);
        let i = toks.iter().position(|t| t.text(text) == word).unwrap();
        let mut raw = vec![RawSpan { start: toks[i].start, end: toks[i].end, ty: 0, score: 0.9, first_tok: i, last_tok: i }];
        grammar_numbers(text, &toks, &mut raw, |t| t == 0, 0);
        raw.iter().map(|r| text[r.start..r.end].to_string()).collect()
    }

    #[test]
    fn grammar_extends_and_adds_amounts() {
        assert_eq!(grammar("We paid 2,500 $, 80 mln and 12 % in 2019 for 5 km.", "80"), vec!["2,500 $", "80 mln", "12 %", "5 km"]);
        // A percent word the tagger left out, in any of its spellings.
        assert_eq!(grammar("Prices rose 12 per cent.", "12"), vec!["12 per cent"]);
        assert_eq!(grammar("at 100 km/h over 1,000 sq km", "100"), vec!["100 km/h", "1,000 sq km"]);
        assert_eq!(grammar("Prices rose 12 pct and more.", "12"), vec!["12 pct"]);
        assert_eq!(grammar("It is 12 per share.", "12"), vec!["12"]);
        assert_eq!(grammar("It was 2℃ colder.", "2"), vec!["2℃"]);
        // A currency sign glued to the next amount opens it: three amounts, not overlapping ones
        // (found by the property test in tests/invariants.rs).
        // (The helper's tagger span sits on "B".)
        assert_eq!(grammar("B $4.5bn $4.5bn $4.5bn", "B"), vec!["B", "$4.5bn", "$4.5bn", "$4.5bn"]);
        assert_eq!(grammar("paid $4.5bn $2bn", "4.5"), vec!["$4.5bn", "$2bn"]);
        assert_eq!(grammar("paid 2,500 $ for it", "2,500"), vec!["2,500 $"]);
        // Currency codes one space before an amount; a currency word before a number is not one.
        assert_eq!(grammar("Rs 500 crore was pledged, then EUR 40m, while dollars 12 went unspent.", "500"), vec!["Rs 500 crore", "EUR 40m"]);
        // A unit tagged apart (type 1) joins the amount before it; a sign word comes along.
        let text = "It fell to minus 12 degrees Fahrenheit overnight.";
        let toks = crate::tokens::tokenize(text);
        let at = |w: &str| toks.iter().position(|t| t.text(text) == w).unwrap();
        let span = |a: usize, b: usize, ty: usize| RawSpan { start: toks[a].start, end: toks[b].end, ty, score: 0.6, first_tok: a, last_tok: b };
        let mut raw = vec![span(at("12"), at("degrees"), 0), span(at("Fahrenheit"), at("Fahrenheit"), 1)];
        grammar_numbers(text, &toks, &mut raw, |t| t == 0, 0);
        let got: Vec<(&str, usize)> = raw.iter().map(|r| (&text[r.start..r.end], r.ty)).collect();
        assert_eq!(got, vec![("minus 12 degrees Fahrenheit", 0)]);
    }

    #[test]
    fn names_lose_possessives_and_rejoin_across_a_line_break() {
        let text = "Later, Harry\nSmith read Zarif’s note.\n\nParis\nLondon\nJOHN\nSMITH WINS AS BIDEN CONCEDES\nJoe Biden said";
        let toks = crate::tokens::tokenize(text);
        let span = |w: &str, v: &str| {
            let s = text.find(w).unwrap();
            let e = s + w.len();
            let f = toks.iter().position(|k| k.start == s).unwrap();
            let l = toks.iter().position(|k| k.end == e).unwrap();
            RawSpan { start: s, end: e, ty: if v == "P" { 0 } else { 1 }, score: 0.9, first_tok: f, last_tok: l }
        };
        let mut raw = vec![
            span("Harry", "P"),
            span("Smith", "P"),
            span("Zarif’s", "P"),
            span("Paris", "G"),
            span("London", "G"),
            span("JOHN", "P"),
            span("SMITH", "P"),
            span("BIDEN CONCEDES", "P"),
            span("Joe Biden", "P"),
        ];
        tidy_names(text, &toks, &mut raw, |_| true, Some(0));
        let got: Vec<&str> = raw.iter().map(|r| &text[r.start..r.end]).collect();
        assert_eq!(got, vec!["Harry\nSmith", "Zarif", "Paris", "London", "JOHN\nSMITH", "BIDEN CONCEDES", "Joe Biden"]);
    }

    #[test]
    fn a_korean_given_name_keeps_its_second_syllable() {
        // Type 0: a person, 1: another name.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| tidy_names(text, toks, raw, |_| true, Some(0))));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Acting President Han Duck-soo will serve.", &[("Han Duck", 0)]), vec![s("Han Duck-soo", 0)]);
        assert_eq!(run("Moon Jae-in spoke.", &[("Moon Jae", 0)]), vec![s("Moon Jae-in", 0)]);
        // Not an adjective made of a name, one word, a long last word, another name's type.
        assert_eq!(run("a Joe Biden-era rule", &[("Joe Biden", 0)]), vec![s("Joe Biden", 0)]);
        assert_eq!(run("a Duck-soo rule", &[("Duck", 0)]), vec![s("Duck", 0)]);
        assert_eq!(run("Joe Bidenx-soo", &[("Joe Bidenx", 0)]), vec![s("Joe Bidenx", 0)]);
        assert_eq!(run("Han Duck-soo Ltd", &[("Han Duck", 1)]), vec![s("Han Duck", 1)]);
    }

    #[test]
    fn a_saints_name_that_is_a_city_is_the_city() {
        // Type 0: a person, 1: a place; the lists know "Saint Paul" and "Saint Louis".
        let city = |n: &str| n == "Saint Paul" || n == "Saint Louis";
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| saint_cities(text, toks, raw, 1, city)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("a man from St. Paul, was", &[("Paul", 0)]), vec![s("St. Paul", 1)]);
        assert_eq!(run("flew to St. Louis today", &[]), vec![s("St. Louis", 1)]);
        assert_eq!(run("flew to St. Louis today", &[("St. Louis", 1)]), vec![s("St. Louis", 1)]);
        // Not another saint, not a longer name.
        assert_eq!(run("the band at St. Mary rang", &[("Mary", 0)]), vec![s("Mary", 0)]);
        assert_eq!(run("at St. Paul Cathedral today", &[("St. Paul Cathedral", 2)]), vec![s("St. Paul Cathedral", 2)]);
    }

    #[test]
    fn a_saints_name_after_st_is_a_church() {
        // Types: 0 PERSON, 2 ORG.
        let text = "The band at St. Mary Abbot rang. Saint Augustine wrote. Imette St. Guillen spoke. St. Michael stood.";
        let toks = crate::tokens::tokenize(text);
        let mut raw = spans_of(text, &toks, &[("Mary Abbot", 0), ("Saint Augustine", 0), ("Guillen", 0), ("Michael", 0)]);
        saints_name_churches(text, &toks, &mut raw, 0, 2);
        assert_eq!(typed(text, &raw), [("St. Mary Abbot", 2), ("Saint Augustine", 0), ("Guillen", 0), ("St. Michael", 2)].map(|(t, ty)| (t.to_string(), ty)));
        assert!(raw.iter().all(|r| toks[r.first_tok].start == r.start), "{raw:?}");
    }

    #[test]
    fn names_in_a_capitals_line_follow_their_mixed_case_mentions() {
        // Types: 0 PERSON, 1 PLACE, 2 ORG.
        let text = "TRUMP SLAMS BIDEN IN PARIS\n\nDonald Trump met Joe Biden in Paris.\nLater TRUMP TOWER and US aid were news.\nUS AID FOR TRUMP";
        let toks = crate::tokens::tokenize(text);
        let mut raw = spans_of(text, &toks, &[("BIDEN", 2), ("Donald Trump", 0), ("Joe Biden", 0), ("Paris", 1), ("US", 1)]);
        raw[0].score = 0.55; // "BIDEN" read as a company, unsure
        harmonise(text, &toks, &mut raw, Some(0), |_| true);
        raw.sort_by_key(|r| r.start);
        // The headline's surnames are the people, its "PARIS" the place. The mixed-case line's
        // "TRUMP TOWER" is not a capitals line. ("US" in the last line: written the same way.)
        let want = [("TRUMP", 0), ("BIDEN", 0), ("PARIS", 1), ("Donald Trump", 0), ("Joe Biden", 0), ("Paris", 1), ("US", 1), ("US", 1), ("TRUMP", 0)];
        assert_eq!(typed(text, &raw), want.map(|(t, ty)| (t.to_string(), ty)));
        assert_eq!(raw.iter().filter(|r| &text[r.start..r.end] == "TRUMP").map(|r| r.start).collect::<Vec<_>>(), vec![0, text.rfind("TRUMP").unwrap()]);
        // A confident span of another type keeps it; an unconfident source marks nothing.
        let mut raw = spans_of(text, &toks, &[("BIDEN", 2), ("Donald Trump", 0), ("Joe Biden", 0), ("Paris", 1)]);
        raw[3].score = 0.6;
        harmonise(text, &toks, &mut raw, Some(0), |_| true);
        raw.sort_by_key(|r| r.start);
        assert_eq!(typed(text, &raw)[..3], [("TRUMP", 0), ("BIDEN", 2), ("Donald Trump", 0)].map(|(t, ty)| (t.to_string(), ty)));
        assert!(!typed(text, &raw).iter().any(|(t, _)| t == "PARIS"), "{raw:?}");
    }

    #[test]
    fn harmonise_follows_the_mentions_unless_confident() {
        // Types: 0 PERSON, 1 PLACE, 2 ORG. "Jordan" twice as a place, once as a company with a
        // low score, once as a company with a high one; "Smith" alone takes the full name's type.
        let text = "Jordan spoke. Jordan left. In Jordan rain. Flights to Jordan stopped. Harry Smith came; Smith sat.";
        let toks = crate::tokens::tokenize(text);
        let span = |at: usize, len: usize, ty: usize, score: f32| {
            let f = toks.iter().position(|k| k.start == at).unwrap();
            let l = toks.iter().position(|k| k.end == at + len).unwrap();
            RawSpan { start: at, end: at + len, ty, score, first_tok: f, last_tok: l }
        };
        let js: Vec<usize> = text.match_indices("Jordan").map(|(i, _)| i).collect();
        let harry = text.find("Harry").unwrap();
        let mut raw = vec![span(js[0], 6, 1, 0.8), span(js[1], 6, 1, 0.85), span(js[2], 6, 2, 0.6), span(js[3], 6, 2, 0.97), span(harry, 11, 0, 0.95)];
        harmonise(text, &toks, &mut raw, Some(0), |_| true);
        let got: Vec<(&str, usize)> = raw.iter().map(|r| (&text[r.start..r.end], r.ty)).collect();
        assert_eq!(got, vec![("Jordan", 1), ("Jordan", 1), ("Jordan", 1), ("Jordan", 2), ("Harry Smith", 0), ("Smith", 0)]);
        // Person against place: even the confident mention follows the vote.
        let mut raw = vec![span(js[0], 6, 1, 0.8), span(js[1], 6, 1, 0.85), span(js[2], 6, 0, 0.97)];
        harmonise(text, &toks, &mut raw, Some(0), |_| true);
        assert!(raw.iter().all(|r| r.ty == 1), "{raw:?}");

        // An unsure one-word place that a confident person's surname is becomes that person,
        // unless a preposition of place comes before it.
        let text = "MaliVai Washington won. Washington found the net. He flew to Washington.";
        let toks = crate::tokens::tokenize(text);
        let ws: Vec<usize> = text.match_indices("Washington").map(|(i, _)| i).collect();
        let at = |i: usize| toks.iter().position(|k| k.start == i).unwrap();
        let mut raw = vec![
            RawSpan { start: 0, end: ws[0] + 10, ty: 0, score: 0.95, first_tok: 0, last_tok: at(ws[0]) },
            RawSpan { start: ws[1], end: ws[1] + 10, ty: 1, score: 0.6, first_tok: at(ws[1]), last_tok: at(ws[1]) },
            RawSpan { start: ws[2], end: ws[2] + 10, ty: 1, score: 0.6, first_tok: at(ws[2]), last_tok: at(ws[2]) },
        ];
        harmonise(text, &toks, &mut raw, Some(0), |_| true);
        assert_eq!(raw.iter().map(|r| r.ty).collect::<Vec<_>>(), vec![0, 0, 1]);

        // A confident "Lake Chad" marks its untagged mention; an unconfident "Tbilisi" does not.
        let text = "Lake Chad shrank. Tbilisi grew. Fishermen left Lake Chad, not Tbilisi.";
        let toks = crate::tokens::tokenize(text);
        let span = |at: usize, len: usize, score: f32| {
            let f = toks.iter().position(|k| k.start == at).unwrap();
            let l = toks.iter().position(|k| k.end == at + len).unwrap();
            RawSpan { start: at, end: at + len, ty: 1, score, first_tok: f, last_tok: l }
        };
        let mut raw = vec![span(0, 9, 0.95), span(text.find("Tbilisi").unwrap(), 7, 0.7)];
        harmonise(text, &toks, &mut raw, Some(0), |_| true);
        let got: Vec<(&str, usize)> = raw.iter().map(|r| (&text[r.start..r.end], r.start)).collect();
        assert_eq!(got, vec![("Lake Chad", 0), ("Tbilisi", 18), ("Lake Chad", text.rfind("Lake").unwrap())]);

        // A confident person's hyphenated surname is that person where the tagger read a company,
        // even a confident one; a hyphenated company without such a person stays one.
        let text = "Sam Bankman-Fried lied. Bankman-Fried, 32, sat. Rolls-Royce fell.";
        let toks = crate::tokens::tokenize(text);
        let span = |at: usize, len: usize, ty: usize, score: f32| {
            let f = toks.iter().position(|k| k.start == at).unwrap();
            let l = toks.iter().position(|k| k.end == at + len).unwrap();
            RawSpan { start: at, end: at + len, ty, score, first_tok: f, last_tok: l }
        };
        let second = text.match_indices("Bankman-Fried").nth(1).unwrap().0;
        let mut raw = vec![span(0, 17, 0, 0.84), span(second, 13, 2, 0.93), span(text.find("Rolls").unwrap(), 11, 2, 0.9)];
        harmonise(text, &toks, &mut raw, Some(0), |_| true);
        assert_eq!(typed(text, &raw), [("Sam Bankman-Fried", 0), ("Bankman-Fried", 0), ("Rolls-Royce", 2)].map(|(t, ty)| (t.to_string(), ty)));
        // Its untagged mention is that person as a whole, not its last word ("Fried").
        let mut raw = vec![span(0, 17, 0, 0.84)];
        harmonise(text, &toks, &mut raw, Some(0), |_| true);
        assert_eq!(typed(text, &raw), [("Sam Bankman-Fried", 0), ("Bankman-Fried", 0)].map(|(t, ty)| (t.to_string(), ty)));
        assert_eq!(raw[1].start, second);
    }

    #[test]
    fn postal_state_codes_after_towns_are_places() {
        // Types: 0 PERSON, 1 ORG, 2 GPE.
        let text = "From Houston AZ to De Armanville, TX and to Gallatin, TN; Jane Roe, MD said. Acme Corp, IN fell. So, OK kids. West LA now.";
        let toks = crate::tokens::tokenize(text);
        let span = |w: &str, ty: usize| {
            let s = text.find(w).unwrap();
            let f = toks.iter().position(|k| k.start == s).unwrap();
            let l = toks.iter().position(|k| k.end == s + w.len()).unwrap();
            RawSpan { start: s, end: s + w.len(), ty, score: 0.8, first_tok: f, last_tok: l }
        };
        let mut raw = vec![span("Houston AZ", 1), span("De Armanville", 0), span("TX", 1), span("Jane Roe", 0), span("Acme Corp", 1), span("West LA", 2)];
        postal_state_codes(text, &toks, &mut raw, 2, Some(0), Some(1), |w| matches!(w, "Houston" | "West"));
        let got: Vec<(&str, usize)> = raw.iter().map(|s| (&text[s.start..s.end], s.ty)).collect();
        // The untagged "Gallatin, TN" is found; the doctor, the company, "OK" and "West LA" stay.
        let want = [("Houston", 2), ("AZ", 2), ("De Armanville", 2), ("TX", 2), ("Gallatin", 2), ("TN", 2), ("Jane Roe", 0), ("Acme Corp", 1), ("West LA", 2)];
        assert_eq!(got, want);
    }

    #[test]
    fn facilities_named_after_places_are_one_name() {
        // Types: 0 GPE, 1 FAC, 2 ORG.
        let text = "Birds stay in Hong Kong Wetland Park. Planes left Hong Kong International Airport. New York's Kennedy Airport. The Hong Kong Tourism Board.";
        let toks = crate::tokens::tokenize(text);
        let at = |w: &str, from: usize, ty: usize| {
            let s = from + text[from..].find(w).unwrap();
            let f = toks.iter().position(|k| k.start == s).unwrap();
            let l = toks.iter().position(|k| k.end == s + w.len()).unwrap();
            RawSpan { start: s, end: s + w.len(), ty, score: 0.9, first_tok: f, last_tok: l }
        };
        let (second, third) = (text.find("Planes").unwrap(), text.find("The Hong").unwrap());
        let mut raw = vec![at("Hong Kong", 0, 0), at("Wetland Park", 0, 1), at("Hong Kong", second, 0), at("New York's", 0, 0), at("Kennedy Airport", 0, 1), at("Hong Kong", third, 0), at("Board", third, 2)];
        facilities_named_after_places(text, &toks, &mut raw, 0, 1);
        // Not after a possessive, nor before an organisation's words.
        let want = [("Hong Kong Wetland Park", 1), ("Hong Kong International Airport", 1), ("New York's", 0), ("Kennedy Airport", 1), ("Hong Kong", 0), ("Board", 2)];
        assert_eq!(typed(text, &raw), want.map(|(t, ty)| (t.to_string(), ty)));
    }

    #[test]
    fn names_after_the_village_of_are_places() {
        // Types: 0 GPE, 1 PERSON, 2 DATE.
        let text = "Troops entered the village of Bagella and the town of Marlow Bend, not the capital of Mandarin pop, on the day of Ashura.";
        let toks = crate::tokens::tokenize(text);
        let mut raw = spans_of(text, &toks, &[("Bagella", 1)]);
        let names = places_after_place_nouns(text, &toks, &mut raw, 0, |t| t == 1);
        assert_eq!(typed(text, &raw), [("Bagella", 0), ("Marlow Bend", 0)].map(|(t, ty)| (t.to_string(), ty)));
        assert_eq!(names, ["Bagella", "Marlow Bend"]);
        // Their other mentions, of the retypable types only.
        let text = "Bagella, Marlow, Bagella";
        let toks = crate::tokens::tokenize(text);
        let mut raw = spans_of(text, &toks, &[("Bagella", 1), ("Marlow", 1)]);
        let last = text.rfind("Bagella").unwrap();
        raw.push(RawSpan { start: last, end: last + 7, ty: 2, score: 0.9, first_tok: 4, last_tok: 4 });
        retype_mentions(text, &mut raw, &names, 0, |t| t == 1);
        assert_eq!(typed(text, &raw), [("Bagella", 0), ("Marlow", 1), ("Bagella", 2)].map(|(t, ty)| (t.to_string(), ty)));
    }

    #[test]
    fn first_names_of_confident_people_mark_their_mentions() {
        // Types: 0 PERSON, 1 GPE.
        let text = "Natalee Holloway and Rose Byrne met King Abdullah. Natalee left; Natalee Smith stayed; Rose came as prices rose. King spoke. Natalee wrote from Natalee.";
        let toks = crate::tokens::tokenize(text);
        let mut raw = spans_of(text, &toks, &[("Natalee Holloway", 0), ("Rose Byrne", 0), ("King Abdullah", 0)]);
        // An unsure place where the first name stands alone, and one after "from".
        let at = |n: usize| {
            let s = text.match_indices("Natalee").nth(n).unwrap().0;
            let f = toks.iter().position(|k| k.start == s).unwrap();
            RawSpan { start: s, end: s + 7, ty: 1, score: 0.5, first_tok: f, last_tok: f }
        };
        raw.push(at(3));
        raw.push(at(4));
        raw.sort_by_key(|s| s.start);
        first_name_mentions(text, &toks, &mut raw, 0, |t| t == 1, |w| w != "King");
        // "Rose" is also a word here, "King" a title; "Natalee Smith" is someone else.
        let want = [("Natalee Holloway", 0), ("Rose Byrne", 0), ("King Abdullah", 0), ("Natalee", 0), ("Natalee", 0), ("Natalee", 1)];
        assert_eq!(typed(text, &raw), want.map(|(t, ty)| (t.to_string(), ty)));
    }

    #[test]
    fn kin_are_people_in_every_mention() {
        // Types: 0 PERSON, 1 GPE.
        let text = "Charles and his wife Camilla came. Camilla smiled. His brother, Florida Governor Jeb Bush, and Florida.";
        let toks = crate::tokens::tokenize(text);
        let mut raw = spans_of(text, &toks, &[("Charles", 0), ("Camilla", 1), ("Florida", 1)]);
        // `spans_of` tags the first "Camilla" and "Florida": tag the second ones too.
        let more = |w: &str| {
            let s = text.rfind(w).unwrap();
            let f = toks.iter().position(|k| k.start == s).unwrap();
            RawSpan { start: s, end: s + w.len(), ty: 1, score: 0.95, first_tok: f, last_tok: f }
        };
        raw.push(more("Camilla"));
        raw.push(more("Florida"));
        raw.sort_by_key(|s| s.start);
        kin_are_people(text, &toks, &mut raw, 0, |t| t == 1);
        assert_eq!(typed(text, &raw), [("Charles", 0), ("Camilla", 0), ("Camilla", 0), ("Florida", 1), ("Florida", 1)].map(|(t, ty)| (t.to_string(), ty)));
    }

    #[test]
    fn tens_and_units_written_apart_are_one_number() {
        // Types: 0 CARDINAL, 1 ORDINAL, 2 DATE.
        let text = "forty eight, twenty first, one hundred sixty five, eighty two days, four five";
        let toks = crate::tokens::tokenize(text);
        let tok = |w: &str| toks.iter().position(|t| t.text(text) == w).unwrap();
        let span = |a: &str, b: &str, ty: usize| RawSpan { start: toks[tok(a)].start, end: toks[tok(b)].end, ty, score: 0.6, first_tok: tok(a), last_tok: tok(b) };
        let mut raw = vec![span("forty", "forty", 0), span("eight", "eight", 0), span("twenty", "twenty", 0), span("first", "first", 1), span("eighty", "days", 2)];
        join_spelled_numbers(text, &toks, &mut raw, |t| t < 2, 0);
        let got: Vec<(&str, usize)> = raw.iter().map(|s| (&text[s.start..s.end], s.ty)).collect();
        // A date stays as it is; "four five" is no one number.
        assert_eq!(got, [("forty eight", 0), ("twenty first", 1), ("one hundred sixty five", 0), ("eighty two days", 2)]);
        // "and a half" between a number and the "half" span after it: one number, the second's
        // type (3: money); not across other words.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| join_spelled_numbers(text, toks, raw, |t| t == 0 || t == 3, 0)));
        assert_eq!(run("lost three-and-a-half billion euros", &[("three", 0), ("half billion euros", 3)]), vec![("three-and-a-half billion euros".to_string(), 3)]);
        assert_eq!(run("three or a half billion", &[("three", 0), ("half billion", 0)]).len(), 2);
        assert_eq!(run("Almost a quarter of a million people fled", &[("Almost a quarter", 0), ("a million", 0)]), vec![("Almost a quarter of a million".to_string(), 0)]);
        assert_eq!(run("a quarter of the million", &[("a quarter", 0), ("million", 0)]).len(), 2);
    }

    #[test]
    fn people_named_like_places_are_places() {
        // Types: 0 PERSON, 1 FAC, 2 LOC, 3 GPE.
        let text = "Ayn al-Assad Airbase, Yangtze River, Orange County, Ricki Lake, Airbase";
        let toks = crate::tokens::tokenize(text);
        let mut raw: Vec<RawSpan> = ["Ayn al-Assad Airbase", "Yangtze River", "Orange County", "Ricki Lake", "Airbase"]
            .iter()
            .map(|w| {
                let s = text.rfind(w).unwrap();
                let f = toks.iter().position(|k| k.start == s).unwrap();
                let l = toks.iter().position(|k| k.end == s + w.len()).unwrap();
                RawSpan { start: s, end: s + w.len(), ty: 0, score: 0.9, first_tok: f, last_tok: l }
            })
            .collect();
        retype_by_head(text, &toks, &mut raw, 0, None, [1, 2, 3], |w| w == "lake");
        // "Lake" is also a surname, so "Ricki Lake" stays a person; a lone "Airbase" is left alone.
        assert_eq!(raw.iter().map(|r| r.ty).collect::<Vec<_>>(), vec![1, 2, 3, 0, 0]);
        // Organisations (type 4) only with the heads of `ORG_PLACE_HEADS`, and not when "of"
        // makes the place only the end of the name.
        let text = "Changi Prison, Wall Street, Orange County, Bank of Toms River, Bagram Airfield";
        let toks = crate::tokens::tokenize(text);
        let mut raw: Vec<RawSpan> = ["Changi Prison", "Wall Street", "Orange County", "Bank of Toms River", "Bagram Airfield"]
            .iter()
            .map(|w| {
                let s = text.find(w).unwrap();
                let f = toks.iter().position(|k| k.start == s).unwrap();
                let l = toks.iter().position(|k| k.end == s + w.len()).unwrap();
                RawSpan { start: s, end: s + w.len(), ty: if *w == "Bagram Airfield" { 0 } else { 4 }, score: 0.9, first_tok: f, last_tok: l }
            })
            .collect();
        retype_by_head(text, &toks, &mut raw, 0, Some(4), [1, 2, 3], |_| false);
        assert_eq!(raw.iter().map(|r| r.ty).collect::<Vec<_>>(), vec![1, 4, 4, 4, 1]);
        // A person made a facility takes the capitalised word between "the" and it.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| retype_by_head(text, toks, raw, 0, None, [1, 2, 3], |_| false)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("the Large Hadron Collider will restart", &[("Hadron Collider", 0)]), vec![s("Large Hadron Collider", 1)]);
        assert_eq!(run("the James Webb Telescope", &[("Webb Telescope", 0)]), vec![s("James Webb Telescope", 1)]);
        assert_eq!(run("at the Hubble Telescope", &[("Hubble Telescope", 0)]), vec![s("Hubble Telescope", 1)]);
    }

    #[test]
    fn dates_take_their_glued_parts_and_clock_times_are_times() {
        // Types: 0 NUMBER, 1 DATE, 2 TIME.
        let text = "Published 2024-03-14, at 10:30 GMT and 7:45 p.m., with 12 pages on Interstate 95.";
        let toks = crate::tokens::tokenize(text);
        let span = |w: &str, ty: usize| {
            let s = text.find(w).unwrap();
            let f = toks.iter().position(|k| k.start == s).unwrap();
            let l = toks.iter().position(|k| k.end == s + w.len()).unwrap();
            RawSpan { start: s, end: s + w.len(), ty, score: 0.6, first_tok: f, last_tok: l }
        };
        let mut raw = vec![span("2024-03", 1), span("10:30", 0), span("GMT", 3), span("7:45", 0), span("12", 0)];
        tidy_dates_and_times(text, &toks, &mut raw, 1, |t| t == 0, 2);
        let got: Vec<(&str, usize)> = raw.iter().map(|r| (&text[r.start..r.end], r.ty)).collect();
        assert_eq!(got, vec![("2024-03-14", 1), ("10:30 GMT", 2), ("7:45 p.m.", 2), ("12", 0)]);
        // Four digits of a 24-hour clock before a named zone (the tagger's year); not a score.
        let text = "by 6 a.m. (2200 GMT) and 0600 UTC; a 1500 SAT score in 2200 AD";
        let toks = crate::tokens::tokenize(text);
        let mut raw = spans_of(text, &toks, &[("2200", 1), ("0600", 0), ("1500", 0)]);
        raw.push(RawSpan { start: 55, end: 59, ty: 1, score: 0.6, first_tok: toks.iter().position(|k| k.start == 55).unwrap(), last_tok: toks.iter().position(|k| k.start == 55).unwrap() });
        tidy_dates_and_times(text, &toks, &mut raw, 1, |t| t == 0, 2);
        let got: Vec<(&str, usize)> = raw.iter().map(|r| (&text[r.start..r.end], r.ty)).collect();
        assert_eq!(got, vec![("2200 GMT", 2), ("0600 UTC", 2), ("1500", 0), ("2200", 1)]);
        // Clock times the tagger missed: with "am"/"pm", glued or not, or after "at", "until"…;
        // not a ratio, not inside a token of other scripts.
        let text = "Posted at 9:15pm, open until 21:30, meet 7:30 am or 6:00PM; a 3:2 ratio; （9:1pm）";
        let toks = crate::tokens::tokenize(text);
        let mut raw = vec![];
        tidy_dates_and_times(text, &toks, &mut raw, 1, |t| t == 0, 2);
        let got: Vec<(&str, usize)> = raw.iter().map(|r| (&text[r.start..r.end], r.ty)).collect();
        assert_eq!(got, vec![("9:15pm", 2), ("21:30", 2), ("7:30 am", 2), ("6:00PM", 2)]);
        // The British clock, with a dot, only before "am"/"pm": not a decimal, nor past 12 or 59.
        let text = "called at 2.15am, open 10.30 p.m., a 2.15 rise, 13.15pm and 9.75 am";
        let toks = crate::tokens::tokenize(text);
        let mut raw = spans_of(text, &toks, &[("2.15", 0)]);
        tidy_dates_and_times(text, &toks, &mut raw, 1, |t| t == 0, 2);
        let got: Vec<(&str, usize)> = raw.iter().map(|r| (&text[r.start..r.end], r.ty)).collect();
        assert_eq!(got, vec![("2.15am", 2), ("10.30 p.m.", 2)]);
        let text = "a 2.15 rise at 2.15";
        let toks = crate::tokens::tokenize(text);
        let mut raw = spans_of(text, &toks, &[("2.15", 0)]);
        tidy_dates_and_times(text, &toks, &mut raw, 1, |t| t == 0, 2);
        assert_eq!(raw.iter().map(|r| (&text[r.start..r.end], r.ty)).collect::<Vec<_>>(), vec![("2.15", 0)]);
        let text = "The wedding is on the twelfth in Bonn. The twentieth? Henry the Fifth won the fifth in a row and the ninth of them.";
        let toks = crate::tokens::tokenize(text);
        let mut raw = spans_of(text, &toks, &[("twelfth", 0), ("twentieth", 0), ("Fifth", 0), ("fifth", 0), ("ninth", 0)]);
        tidy_dates_and_times(text, &toks, &mut raw, 1, |t| t == 0, 2);
        let got: Vec<(&str, usize)> = raw.iter().map(|r| (&text[r.start..r.end], r.ty)).collect();
        assert_eq!(got, vec![("the twelfth", 1), ("The twentieth", 1), ("Fifth", 0), ("fifth", 0), ("ninth", 0)]);
        for (w, date) in [("05/06/2024", true), ("2024-05-06", true), ("5.6.2024", true), ("31/12/99", true), ("2.0.1", false), ("13/13/2024", false), ("5/10", false), ("1990-2000", false), ("9/11", true), ("3/4", false)] {
            assert_eq!(numeric_date(w), date, "{w}");
        }
        assert_eq!(tidy("along Interstate 95 north", &[("95", 0)]), Vec::<String>::new());
        assert_eq!(tidy("open 24/7 and 24x7, at 3/4 speed", &[("24/7", 0), ("24x7", 0), ("3/4", 0)]), vec!["3/4"]);
        assert_eq!(tidy("profit in Q3 at the G7 and SKr29", &[("Q3", 0), ("G7", 0), ("SKr29", 0)]), vec!["SKr29"]);
        // Versions, addresses and phone numbers are not counts; ranges and years are.
        assert_eq!(tidy("Version 2.0.1 at 192.168.0.1", &[("2.0.1", 0), ("192.168.0.1", 0)]), Vec::<String>::new());
        assert_eq!(tidy("call +1 (555) 123-4567 or 555-1234", &[("555", 0), ("123-4567", 0), ("555-1234", 0)]), Vec::<String>::new());
        assert_eq!(tidy("from 1990 - 2000 and 5-10 or 1.5 and 2,500", &[("1990 - 2000", 0), ("5-10", 0), ("1.5", 0), ("2,500", 0)]), vec!["1990 - 2000", "5-10", "1.5", "2,500"]);
        // A stock index or a law named by its number is a name, not a count (OntoNotes: ORG, LAW).
        assert_eq!(tidy("the S&P 500 fell under Chapter 11 while 500 shares rose", &[("500", 0), ("11", 0), ("500 shares", 0)]), vec!["500 shares"]);
    }

    #[test]
    fn a_name_before_a_state_abbreviation_is_a_town() {
        let text = "Tiny Tots Inc., Campbell, Calif., said so; Sen. Smith, D-Calif., did not.";
        let span = |at: usize, t: &str, ty: usize| {
            let s = at + text[at..].find(t).unwrap();
            RawSpan { start: s, end: s + t.len(), ty, score: 0.9, first_tok: 0, last_tok: 0 }
        };
        // Types: 0 place, 1 person, 2 organisation. "D-Calif." is a senator's party and state.
        let sen = text.find("Sen.").unwrap();
        let mut raw = vec![span(0, "Tiny Tots Inc.", 2), span(0, "Campbell", 1), span(0, "Calif.", 0), span(sen, "Smith", 1), span(sen, "Calif.", 0)];
        towns_of_state_abbreviations(text, &mut raw, 0, |t| t != 0, |s| text[s.start..s.end].ends_with('.'));
        let types: Vec<usize> = raw.iter().map(|s| s.ty).collect();
        assert_eq!(types, vec![2, 0, 0, 1, 0]);
    }

    #[test]
    fn a_town_before_a_comma_and_its_country_is_a_place() {
        // Type 0: a place; the country spans (type 0) are regions.
        let run = |text: &str, country: &str| {
            let toks = crate::tokens::tokenize(text);
            let s = text.rfind(country).unwrap();
            let f = toks.iter().position(|k| k.start == s).unwrap();
            let mut raw = vec![RawSpan { start: s, end: s + country.len(), ty: 0, score: 1.0, first_tok: f, last_tok: f }];
            town_before_region(text, &toks, &mut raw, 0, |_| true);
            raw.iter().map(|r| text[r.start..r.end].to_string()).collect::<Vec<_>>()
        };
        assert_eq!(run("Maria Hughes, 29, of Cork, Ireland, was promoted.", "Ireland"), vec!["Cork", "Ireland"]);
        assert_eq!(run("She moved from Bad Tölz, Germany.", "Germany"), vec!["Bad Tölz", "Germany"]);
        // Not after a name or an organisation, nor before a possessive.
        assert_eq!(run("said John Smith, Ireland", "Ireland"), vec!["Ireland"]);
        assert_eq!(run("the chief of Acme, Ireland's biggest firm", "Ireland"), vec!["Ireland"]);
    }

    /// Tagger spans of the given texts (first occurrence) and types.
    /// The spans `found` (each text's first occurrence, with its type) after `rule` ran on them.
    fn after(text: &str, found: &[(&str, usize)], rule: impl FnOnce(&[crate::tokens::Token], &mut Vec<RawSpan>)) -> Vec<RawSpan> {
        let toks = crate::tokens::tokenize(text);
        let mut raw = spans_of(text, &toks, found);
        rule(&toks, &mut raw);
        raw
    }

    /// Each span's text and type.
    fn typed(text: &str, raw: &[RawSpan]) -> Vec<(String, usize)> {
        raw.iter().map(|r| (text[r.start..r.end].to_string(), r.ty)).collect()
    }

    /// A `place_len` for the place rules: the tokens of the longest of `names` (lower case, one or
    /// two words) starting at a token.
    fn listed<'a>(text: &'a str, toks: &'a [crate::tokens::Token], names: &'a [&str]) -> impl Fn(usize) -> usize + 'a {
        move |i| (1..=5).rev().find(|&n| i + n <= toks.len() && names.contains(&toks[i..i + n].iter().map(|t| t.text(text).to_lowercase()).collect::<Vec<_>>().join(" ").as_str())).unwrap_or(0)
    }

    fn spans_of(text: &str, toks: &[crate::tokens::Token], found: &[(&str, usize)]) -> Vec<RawSpan> {
        found
            .iter()
            .map(|&(t, ty)| {
                let s = text.find(t).unwrap();
                let f = toks.iter().position(|k| k.start == s).unwrap();
                let l = toks.iter().position(|k| k.end == s + t.len()).unwrap();
                RawSpan { start: s, end: s + t.len(), ty, score: 0.9, first_tok: f, last_tok: l }
            })
            .collect()
    }

    #[test]
    fn a_dateline_names_a_town() {
        // Type 0: a place, 1: a person, 2: an organisation; the spans after the comma are regions.
        let run = |text: &str, found: &[(&str, usize)]| {
            typed(text, &after(text, found, |toks, raw| {
                datelines(text, toks, raw, 0, |t| t != 0, |s| matches!(&text[s.start..s.end], "Ohio" | "Ukraine"));
            }))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("EAST PALESTINE, Ohio — Trains ran.", &[("Ohio", 0)]), vec![s("EAST PALESTINE", 0), s("Ohio", 0)]);
        // The tagger's organisation becomes the town, and so do the text's person mentions of it.
        assert_eq!(
            run("MARLOW BEND, Ohio (AP) — Rain.\nMarlow Bend said so.", &[("MARLOW BEND", 2), ("Ohio", 0), ("Marlow Bend", 1)]),
            vec![s("MARLOW BEND", 0), s("Ohio", 0), s("Marlow Bend", 0)]
        );
        // A one-word town keeps the text's people of that name; not a dateline: no dash, not at a
        // line's start, no region after the comma.
        assert_eq!(run("JACKSON, Ohio — Rain. Jackson spoke.", &[("Ohio", 0), ("Jackson", 1)]), vec![s("JACKSON", 0), s("Ohio", 0), s("Jackson", 1)]);
        assert_eq!(run("EAST PALESTINE, Ohio. Rain.", &[("Ohio", 0)]), vec![s("Ohio", 0)]);
        assert_eq!(run("He said EAST PALESTINE, Ohio — no.", &[("Ohio", 0)]), vec![s("Ohio", 0)]);
        assert_eq!(run("BREAKING, Paris — no.", &[("Paris", 0)]), vec![s("Paris", 0)]);
        // With no region: the place the tagger found on the first capitals is all of them; not
        // without a dash, nor a name of another type.
        assert_eq!(run("GAZA CITY — Strikes hit.", &[("GAZA", 0)]), vec![s("GAZA CITY", 0)]);
        assert_eq!(run("MEXICO CITY (AP) — Rain fell.", &[("MEXICO", 0)]), vec![s("MEXICO CITY", 0)]);
        assert_eq!(run("GAZA CITY. Strikes hit.", &[("GAZA", 0)]), vec![s("GAZA", 0)]);
        assert_eq!(run("ACME CORP — Shares fell.", &[("ACME", 2)]), vec![s("ACME", 2)]);
    }

    #[test]
    fn a_date_ends_before_a_comma_and_a_lower_case_word() {
        // Type 0: a date.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| dates_end_at_a_comma(text, toks, raw, 0)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("met on Monday, days after the war", &[("Monday, days", 0)]), vec![s("Monday", 0)]);
        // Not: a capitalised word or a number word after the comma, a comma at the end.
        assert_eq!(run("on Monday, May 5 it rained", &[("Monday, May 5", 0)]), vec![s("Monday, May 5", 0)]);
        assert_eq!(run("the third, sixth and eighth day", &[("the third, sixth and eighth day", 0)]), vec![s("the third, sixth and eighth day", 0)]);
        assert_eq!(run("May 29, 1953", &[("May 29, 1953", 0)]), vec![s("May 29, 1953", 0)]);
    }

    #[test]
    fn weekly_monthly_and_quarterly_before_a_noun_are_dates() {
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| periodic_adjectives(text, toks, raw, 0)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("a weekly newspaper for ringers", &[]), vec![s("weekly", 0)]);
        assert_eq!(run("quarterly profits rose", &[]), vec![s("quarterly", 0)]);
        // Not inside another span, at a phrase's end, before "and", nor "daily".
        assert_eq!(run("the Weekly Standard", &[]), vec![]);
        assert_eq!(run("paid monthly.", &[]), vec![]);
        assert_eq!(run("weekly and monthly rates", &[]), vec![s("monthly", 0)]);
        assert_eq!(run("a daily paper", &[]), vec![]);
        assert_eq!(run("a weekly news show", &[("weekly news show", 1)]), vec![s("weekly news show", 1)]);
    }

    #[test]
    fn a_bare_number_starting_a_date_is_a_number() {
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| numbers_out_of_dates(text, toks, raw, 0, 1)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("rose to 42,000, from 941 the year before.", &[("941 the year before", 0)]), vec![s("941", 1), s("the year before", 0)]);
        assert_eq!(run("fell to 1,250.5 last week.", &[("1,250.5 last week", 0)]), vec![s("1,250.5", 1), s("last week", 0)]);
        assert_eq!(run("a 50-50 chance", &[("50-50", 0)]), vec![s("50-50", 1)]);
        assert_eq!(run("in 2003-04", &[("2003-04", 0)]), vec![s("2003-04", 0)]);
        assert_eq!(run("up from one in eight a decade earlier", &[("eight a decade earlier", 0)]), vec![s("eight", 1), s("a decade earlier", 0)]);
        // Not a year, nor a number the date goes on from.
        assert_eq!(run("in 1990 the year before", &[("1990 the year before", 0)]), vec![s("1990 the year before", 0)]);
        assert_eq!(run("on 14 April", &[("14 April", 0)]), vec![s("14 April", 0)]);
    }

    #[test]
    fn an_age_after_age_of_is_a_date() {
        // Type 0: a number, 1: a date.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| ages_as_dates(text, toks, raw, 0, 1)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("died at the age of 100 on Monday", &[("100", 0)]), vec![s("the age of 100", 1)]);
        assert_eq!(run("an average age of 30", &[("30", 0)]), vec![s("30", 1)]);
        // "the age of" already in another span stays there.
        assert_eq!(run("the age of 40", &[("the age", 1), ("40", 0)]), vec![s("the age", 1), s("40", 1)]);
        // Not a decimal, a big number, nor a number after another "of".
        assert_eq!(run("the age of 4.5", &[("4.5", 0)]), vec![s("4.5", 0)]);
        assert_eq!(run("the age of 2000", &[("2000", 0)]), vec![s("2000", 0)]);
        assert_eq!(run("a stage of 30", &[("30", 0)]), vec![s("30", 0)]);
    }

    #[test]
    fn an_amount_after_a_currency_symbol_is_money_not_a_date() {
        // Type 0: a date, 1: money.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| money_out_of_dates(text, toks, raw, 0, 1)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("raising £25bn a year", &[("25bn a year", 0)]), vec![s("£25bn", 1)]);
        assert_eq!(run("raising $25 billion a year", &[("25 billion a year", 0)]), vec![s("$25 billion", 1)]);
        // The same for a time ("€12.82 an hour"), run with the time's type.
        assert_eq!(run("It costs €12.82 an hour.", &[("12.82 an hour", 0)]), vec![s("€12.82", 1)]);
        // Not: no symbol, a symbol apart from the digits, a date of words.
        assert_eq!(run("for 25 years", &[("25 years", 0)]), vec![s("25 years", 0)]);
        assert_eq!(run("costs $ 25 years", &[("25 years", 0)]), vec![s("25 years", 0)]);
        assert_eq!(run("£ a year", &[("a year", 0)]), vec![s("a year", 0)]);
        // Nor a symbol inside the span before: the spans stay disjoint.
        assert_eq!(run("Aab ,0 £0000 a year", &[("Aab ,0 £", 2), ("0000 a year", 0)]), vec![s("Aab ,0 £", 2), s("0000 a year", 0)]);
    }

    #[test]
    fn a_title_before_a_person_is_not_part_of_a_place() {
        // Type 0: a place, 1: a person, 2: an organisation.
        let run = |text: &str, found: &[(&str, usize)]| {
            typed(text, &after(text, found, |toks, raw| titles_before_people(text, toks, raw, 1, |t| t != 1, |w| matches!(w, "sheriff" | "mayor"))))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Humboldt County Sheriff William Honsal said", &[("Humboldt County Sheriff", 0), ("William Honsal", 1)]), vec![s("Humboldt County", 0), s("William Honsal", 1)]);
        // Not without a person right after, nor a title alone, nor a lower-case word.
        assert_eq!(run("Humboldt County Sheriff said", &[("Humboldt County Sheriff", 2)]), vec![s("Humboldt County Sheriff", 2)]);
        assert_eq!(run("Mayor William Honsal said", &[("Mayor", 0), ("William Honsal", 1)]), vec![s("Mayor", 0), s("William Honsal", 1)]);
        assert_eq!(run("Cork mayor William Honsal said", &[("Cork mayor", 0), ("William Honsal", 1)]), vec![s("Cork mayor", 0), s("William Honsal", 1)]);
    }

    #[test]
    fn a_region_after_a_place_and_a_comma_is_a_place() {
        // Type 0: a place, 1: a person, 2: an organisation. Regions: "Devon", "Somerset", "Ohio".
        let run = |text: &str, found: &[(&str, usize)]| {
            typed(text, &after(text, found, |toks, raw| {
                let len = |f: usize| usize::from(matches!(toks[f].text(text), "Devon" | "Somerset" | "Ohio"));
                regions_after_places(text, toks, raw, 0, |t| t == 2, len);
            }))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("in Ilminster, Somerset, the bells", &[("Ilminster", 0)]), vec![s("Ilminster", 0), s("Somerset", 0)]);
        assert_eq!(run("vicar of Great Torrington, Devon, said", &[("Great Torrington", 0), ("Devon", 2)]), vec![s("Great Torrington", 0), s("Devon", 0)]);
        // Not after a person or without the comma; not a person there, a longer name or a club.
        assert_eq!(run("Ann Lee, Devon", &[("Ann Lee", 1)]), vec![s("Ann Lee", 1)]);
        assert_eq!(run("in Exeter Devon", &[("Exeter", 0)]), vec![s("Exeter", 0)]);
        assert_eq!(run("in Chicago, Devon scored", &[("Chicago", 0), ("Devon", 1)]), vec![s("Chicago", 0), s("Devon", 1)]);
        assert_eq!(run("in Exeter, Devon Loch", &[("Exeter", 0)]), vec![s("Exeter", 0)]);
        assert_eq!(run("Red Star of Ohio, Devon of Germany", &[("Ohio", 0)]), vec![s("Ohio", 0)]);
    }

    #[test]
    fn a_piece_of_a_longer_confident_name_is_that_name() {
        // Type 0: a place, 1: a person, 2: an organisation. The confident long name comes first;
        // `short` is tagged on its second occurrence.
        let run = |text: &str, long: (&str, usize), short: (&str, usize, f32)| {
            let toks = crate::tokens::tokenize(text);
            let mut raw = spans_of(text, &toks, &[long]);
            let s = text.rfind(short.0).unwrap();
            let f = toks.iter().position(|k| k.start == s).unwrap();
            let l = toks.iter().position(|k| k.end == s + short.0.len()).unwrap();
            raw.push(RawSpan { start: s, end: s + short.0.len(), ty: short.1, score: short.2, first_tok: f, last_tok: l });
            longer_mentions(text, &toks, &mut raw, |_| true);
            typed(text, &raw)
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(
            run("Texas Instruments said so. Royalties go to Texas Instruments.", ("Texas Instruments", 2), ("Texas", 0, 0.95)),
            vec![s("Texas Instruments", 2), s("Texas Instruments", 2)]
        );
        assert_eq!(run("Little Oxford opened. Pupils of Little Oxford sang.", ("Little Oxford", 2), ("Oxford", 0, 0.6)), vec![s("Little Oxford", 2), s("Little Oxford", 2)]);
        // Not "the" or "'s", which go with a name one time and not the next; not other words.
        assert_eq!(run("the West Bank is near. In the West Bank.", ("the West Bank", 0), ("West Bank", 0, 0.9)), vec![s("the West Bank", 0), s("West Bank", 0)]);
        assert_eq!(run("The United States said. The United States.", ("The United States", 0), ("United States", 0, 0.9)), vec![s("The United States", 0), s("United States", 0)]);
        assert_eq!(run("Texas Instruments said. Texas instruments.", ("Texas Instruments", 2), ("Texas", 0, 0.9)), vec![s("Texas Instruments", 2), s("Texas", 0)]);
        // An unsure long name informs nothing.
        let toks = crate::tokens::tokenize("Little Oxford. Little Oxford.");
        let mut raw = spans_of("Little Oxford. Little Oxford.", &toks, &[("Little Oxford", 2)]);
        raw[0].score = 0.5;
        raw.push(RawSpan { start: 22, end: 28, ty: 0, score: 0.9, first_tok: 4, last_tok: 4 });
        longer_mentions("Little Oxford. Little Oxford.", &toks, &mut raw, |_| true);
        assert_eq!(typed("Little Oxford. Little Oxford.", &raw), vec![s("Little Oxford", 2), s("Oxford", 0)]);
    }

    #[test]
    fn hyphenated_town_names_are_one_place() {
        // Type 0: a place, 1: a person, 2: an organisation, 3: a date.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| hyphenated_towns(text, toks, raw, 0)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("the festival in Hay-on-Wye, Wales", &[("Hay", 3), ("Wales", 0)]), vec![s("Hay-on-Wye", 0), s("Wales", 0)]);
        assert_eq!(run("to Stratford-upon-Avon and Walton-on-the-Naze.", &[("Stratford", 2), ("Avon", 2)]), vec![s("Stratford-upon-Avon", 0), s("Walton-on-the-Naze", 0)]);
        assert_eq!(run("near Ashby-de-la-Zouch", &[]), vec![s("Ashby-de-la-Zouch", 0)]);
        // Not a title ("in" is no link), lower-case parts, or a name a span runs past.
        assert_eq!(run("the Editor-in-Chief", &[]), vec![]);
        assert_eq!(run("a stick-on-label", &[]), vec![]);
        assert_eq!(run("the Stoke-on-Trent City Council", &[("Stoke-on-Trent City Council", 2)]), vec![s("Stoke-on-Trent City Council", 2)]);
    }

    #[test]
    fn a_name_before_a_lower_case_facility_noun_is_a_town() {
        // Type 0: a place, 4: a nationality.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| towns_before_facility_nouns(text, toks, raw, 0, |s| &text[s.start..s.end] == "Aichi")));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Rockets hit the Qay’yara airbase.", &[]), vec![s("Qay’yara", 0)]);
        assert_eq!(run("flights left Ben Gurion airport", &[]), vec![s("Ben Gurion", 0)]);
        // Not a tagged name, a sentence's first word alone, or a determiner.
        assert_eq!(run("in the Yemeni port", &[("Yemeni", 4)]), vec![s("Yemeni", 4)]);
        assert_eq!(run("plants in Aichi prefecture", &[("Aichi", 4)]), vec![s("Aichi", 0)]);
        assert_eq!(run("Rain fell. Airport staff struck. Its port", &[]), vec![]);
    }

    #[test]
    fn a_place_after_a_title_is_a_person_and_a_place_before_one_is_a_place() {
        // Type 0: a place, 1: a person. The lists know "Delhi" and "Karnataka".
        let run = |text: &str, found: &[(&str, usize)]| {
            typed(text, &after(text, found, |toks, raw| {
                let len = |f: usize| usize::from(matches!(toks[f].text(text), "Delhi" | "Karnataka"));
                people_after_titles(text, toks, raw, 1, 0, |t| t == 0, len);
            }))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Delhi CM Arvind Kejriwal spoke", &[("Delhi", 0), ("Arvind Kejriwal", 0)]), vec![s("Delhi", 0), s("Arvind Kejriwal", 1)]);
        assert_eq!(run("Karnataka Chief Minister Siddaramaiah spoke", &[("Siddaramaiah", 0)]), vec![s("Karnataka", 0), s("Siddaramaiah", 1)]);
        // Not after a lower-case title or another word; not a place the lists do not know.
        assert_eq!(run("the president Delhi", &[("Delhi", 0)]), vec![s("Delhi", 0)]);
        assert_eq!(run("Ruritania Chief Minister Ann", &[("Ann", 1)]), vec![s("Ann", 1)]);
    }

    #[test]
    fn an_unsure_organisation_paired_with_a_person_is_a_person() {
        // Type 1: a person, 2: an organisation (scores: the person 1.0, the rest as given).
        let run = |text: &str, found: &[(&str, usize, f32)]| {
            typed(text, &after(text, &found.iter().map(|&(t, ty, _)| (t, ty)).collect::<Vec<_>>(), |toks, raw| {
                for (s, &(_, _, score)) in raw.iter_mut().zip(found) {
                    s.score = score;
                }
                people_in_pairs(text, toks, raw, 1, 2, 0.8, |w| matches!(w, "studios" | "chiefs"))
            }))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Biden and Macron meet", &[("Biden", 1, 1.0), ("Macron", 2, 0.52)]), vec![s("Biden", 1), s("Macron", 1)]);
        // Not a sure organisation, not after "or", not before a capitalised word.
        assert_eq!(run("Biden and Google meet", &[("Biden", 1, 1.0), ("Google", 2, 0.95)]), vec![s("Biden", 1), s("Google", 2)]);
        assert_eq!(run("Biden or Macron meet", &[("Biden", 1, 1.0), ("Macron", 2, 0.52)]), vec![s("Biden", 1), s("Macron", 2)]);
        assert_eq!(run("Biden and Vogue Magazine", &[("Biden", 1, 1.0), ("Vogue", 2, 0.52)]), vec![s("Biden", 1), s("Vogue", 2)]);
        // Two words, the last neither a common word nor a noun of organisations.
        assert_eq!(run("Neil Armstrong and Buzz Aldrin spent", &[("Neil Armstrong", 1, 1.0), ("Buzz Aldrin", 2, 0.78)]), vec![s("Neil Armstrong", 1), s("Buzz Aldrin", 1)]);
        assert_eq!(run("Spielberg and Universal Studios said", &[("Spielberg", 1, 1.0), ("Universal Studios", 2, 0.7)]), vec![s("Spielberg", 1), s("Universal Studios", 2)]);
        assert_eq!(run("Li and Luneng Group said", &[("Li", 1, 1.0), ("Luneng Group", 2, 0.7)]), vec![s("Li", 1), s("Luneng Group", 2)]);
        assert_eq!(run("Ann Li and Bo Ke Ltd", &[("Ann Li", 1, 1.0), ("Bo Ke", 2, 0.7)]), vec![s("Ann Li", 1), s("Bo Ke", 2)]);
    }

    #[test]
    fn a_name_before_a_landform_noun_is_a_location() {
        // Type 0: a natural location, 1: a person.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| landforms(text, toks, raw, 0)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("landed in Jezero Crater in 2021", &[]), vec![s("Jezero Crater", 0)]);
        assert_eq!(run("near the Upper Big Branch River today", &[]), vec![s("Upper Big Branch River", 0)]);
        // Not "The", not what the tagger found, not before another capitalised word, not alone.
        assert_eq!(run("The River rose", &[]), vec![]);
        assert_eq!(run("with Ann Lake today", &[("Ann Lake", 1)]), vec![s("Ann Lake", 1)]);
        assert_eq!(run("the James River Corp. said", &[]), vec![]);
        assert_eq!(run("by the river", &[]), vec![]);
    }

    #[test]
    fn a_place_that_a_school_is_called_is_the_school() {
        // Type 0: a place, 1: a person, 2: an organisation.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| organisations_called(text, toks, raw, 2, |t| t == 0)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        let text = "a private school called Little Oxford in Dongguan. The tuition at Little Oxford rose.";
        assert_eq!(run(text, &[("Little Oxford", 0), ("Dongguan", 0), ("Little Oxford", 0)]), vec![s("Little Oxford", 2), s("Dongguan", 0), s("Little Oxford", 2)]);
        // A person stays; a town called so stays a place.
        assert_eq!(run("a university named Heidi Hsueh", &[("Heidi Hsueh", 1)]), vec![s("Heidi Hsueh", 1)]);
        assert_eq!(run("a town called Malice", &[("Malice", 0)]), vec![s("Malice", 0)]);
    }

    #[test]
    fn a_bare_ordinal_in_digits_is_no_date() {
        // Type 0: a date, 1: an ordinal.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| bare_ordinals(text, toks, raw, 0, 1)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("He came 21st.", &[("21st", 0)]), vec![s("21st", 1)]);
        assert_eq!(run("his 50th birthday", &[("50th", 0)]), vec![s("50th", 1)]);
        // A day of a month stays a date.
        for (text, day) in [("on the 21st.", "21st"), ("on 3rd March", "3rd"), ("May 3rd was", "3rd"), ("the 4th of July", "4th"), ("arrived on 21st", "21st")] {
            assert_eq!(run(text, &[(day, 0)]), vec![s(day, 0)], "{text}");
        }
        // "the" and the ordinal before a noun it ranks: the ordinal alone; not before a noun of
        // time or a function word.
        assert_eq!(run("started on the 14th floor", &[("the 14th", 0)]), vec![s("14th", 1)]);
        assert_eq!(run("marked the 40th anniversary", &[("the 40th", 0)]), vec![s("40th", 1)]);
        assert_eq!(run("on the 8th that year", &[("the 8th", 0)]), vec![s("the 8th", 0)]);
        assert_eq!(run("in the 16th century", &[("the 16th", 0)]), vec![s("the 16th", 0)]);
    }

    #[test]
    fn a_case_name_is_its_two_parties() {
        // Type 0: a place, 1: a person, 2: an organisation.
        let run = |text: &str, found: &[(&str, usize)]| {
            typed(text, &after(text, found, |toks, raw| {
                let words = |f: usize, l: usize| text[toks[f].start..toks[l].end].to_string();
                let party = |f: usize, l: usize, ty: usize| match words(f, l).as_str() {
                    "United States" => 0,
                    "Trump" => 1,
                    _ if ty == 1 => 1,
                    _ => 2,
                };
                case_names(text, toks, raw, |t| t <= 2, party)
            }))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("ruled in Trump v. United States that", &[("Trump v. United States", 0)]), vec![s("Trump", 1), s("United States", 0)]);
        assert_eq!(run("In Roe v. Wade, the court", &[("Roe v. Wade", 1)]), vec![s("Roe", 1), s("Wade", 1)]);
        assert_eq!(run("in Acme vs. Globex today", &[("Acme vs. Globex", 0)]), vec![s("Acme", 2), s("Globex", 2)]);
        // Nothing to split at an edge.
        assert_eq!(run("Trump v. him", &[("Trump v.", 1)]), vec![s("Trump v.", 1)]);
    }

    #[test]
    fn a_stock_index_is_one_organisation() {
        // Type 0: a place, 1: a person, 2: an organisation, 3: a date.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| stock_indices(text, toks, raw, 2, Some(1))));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("the FTSE 100 closed", &[("FTSE 100", 0)]), vec![s("FTSE 100", 2)]);
        assert_eq!(run("the Russell 2000 gained", &[("Russell", 1), ("2000", 3)]), vec![s("Russell 2000", 2)]);
        assert_eq!(run("the Euro Stoxx 50 fell", &[]), vec![s("Euro Stoxx 50", 2)]);
        // Not after a first name, not without its number.
        assert_eq!(run("Kurt Russell 2004", &[("Kurt Russell", 1), ("2004", 3)]), vec![s("Kurt Russell", 1), s("2004", 3)]);
        assert_eq!(run("the FTSE fell", &[("FTSE", 2)]), vec![s("FTSE", 2)]);
    }

    #[test]
    fn a_name_and_an_initial_are_a_person() {
        // Type 0: a place, 1: a person, 2: an organisation.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| initialled_people(text, toks, raw, 1, |_| true)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("identified as Nahel M., 17", &[("Nahel M.", 2)]), vec![s("Nahel M.", 1)]);
        // Not a university, not two initials, not before another capitalised word.
        assert_eq!(run("a ticket to Prestige U. in 1990", &[("Prestige U.", 2)]), vec![s("Prestige U.", 2)]);
        assert_eq!(run("moved to Washington D.C. then", &[("Washington D.C.", 0)]), vec![s("Washington D.C.", 0)]);
        assert_eq!(run("Nahel M. Smith", &[("Nahel M.", 2)]), vec![s("Nahel M.", 2)]);
    }

    #[test]
    fn whose_a_person_is_is_no_person() {
        // Type 0: a place, 1: a person, 2: an organisation. The lists know "Britain".
        let run = |text: &str, found: &[(&str, usize)]| {
            typed(text, &after(text, found, |toks, raw| possessors_of_people(text, toks, raw, 1, 2, 0, |f| toks[f].text(text) == "Britain")))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Tesla's Elon Musk spoke", &[("Tesla", 1), ("Elon Musk", 1)]), vec![s("Tesla", 2), s("Elon Musk", 1)]);
        assert_eq!(run("Britain’s Boris Johnson spoke", &[("Britain", 1), ("Boris Johnson", 1)]), vec![s("Britain", 0), s("Boris Johnson", 1)]);
        // Not before a one-word person, nor without the "'s".
        assert_eq!(run("Obama's Biden spoke", &[("Obama", 1), ("Biden", 1)]), vec![s("Obama", 1), s("Biden", 1)]);
        assert_eq!(run("Tesla and Elon Musk", &[("Tesla", 1), ("Elon Musk", 1)]), vec![s("Tesla", 1), s("Elon Musk", 1)]);
    }

    #[test]
    fn a_place_takes_the_word_province_after_it() {
        // Type 0: a place, 1: a person.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| province_nouns(text, toks, raw, 0)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("farms in Jiangsu province grew", &[("Jiangsu", 0)]), vec![s("Jiangsu province", 0)]);
        assert_eq!(run("Shanxi province's mines", &[("Shanxi", 0)]), vec![s("Shanxi province", 0)]);
        // Not several provinces, not after a person, not across a line break or another span.
        assert_eq!(run("Guizhou and Yunnan provinces", &[("Guizhou", 0), ("Yunnan", 0)]), vec![s("Guizhou", 0), s("Yunnan", 0)]);
        assert_eq!(run("Li Peng province", &[("Li Peng", 1)]), vec![s("Li Peng", 1)]);
        assert_eq!(run("in Hubei\nprovince", &[("Hubei", 0)]), vec![s("Hubei", 0)]);
    }

    #[test]
    fn titles_are_left_out_of_names() {
        // Type 1: a person, 2: an organisation.
        let run = |text: &str, found: &[(&str, usize)]| {
            typed(text, &after(text, found, |toks, raw| strip_titles(text, toks, raw, 1, |w| matches!(w, "jockey" | "vicar" | "major" | "sen."))))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("I was one. Jockey Shane Sellers said so.", &[("Jockey Shane Sellers", 1)]), vec![s("Shane Sellers", 1)]);
        assert_eq!(run("the VICAR Hummerstone says", &[("VICAR Hummerstone", 1)]), vec![s("Hummerstone", 1)]);
        assert_eq!(run("Sen. Jockey Smith", &[("Sen. Jockey Smith", 1)]), vec![s("Smith", 1)]);
        // A name keeps a word; a longer title, other types and untitled names stay.
        assert_eq!(run("Vicar said", &[("Vicar", 1)]), vec![s("Vicar", 1)]);
        assert_eq!(run("the Major - General of the Peninsula", &[("Major - General", 1)]), vec![s("Major - General", 1)]);
        assert_eq!(run("Vicar Holdings Ltd", &[("Vicar Holdings", 2)]), vec![s("Vicar Holdings", 2)]);
        assert_eq!(run("Shane Sellers rode", &[("Shane Sellers", 1)]), vec![s("Shane Sellers", 1)]);
    }

    #[test]
    fn a_town_and_its_region_without_a_comma_are_two_places() {
        // Type 0: a place, 3: a location, 1: a person. Regions: the states and countries below;
        // known places: the towns below and whole names the lists have.
        let run = |text: &str, found: &[(&str, usize)]| {
            typed(text, &after(text, found, |toks, raw| {
                let region = |w: &str| matches!(w, "Kentucky" | "Rhode Island" | "New York" | "York" | "Congo" | "Germany" | "Ohio" | "Virginia");
                let known = |w: &str| matches!(w, "Bowling Green" | "West Virginia" | "New York" | "Brooklyn");
                split_town_and_region(text, toks, raw, 0, Some(3), region, known);
            }))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("married in Newport Rhode Island .", &[("Newport Rhode Island", 0)]), vec![s("Newport", 0), s("Rhode Island", 0)]);
        // The longest region; a location splits only where the lists know the town.
        assert_eq!(run("from Brooklyn New York", &[("Brooklyn New York", 0)]), vec![s("Brooklyn", 0), s("New York", 0)]);
        assert_eq!(run("from Bowling Green Kentucky", &[("Bowling Green Kentucky", 3)]), vec![s("Bowling Green", 0), s("Kentucky", 0)]);
        assert_eq!(run("from Oak Hill Ohio", &[("Oak Hill Ohio", 3)]), vec![s("Oak Hill Ohio", 3)]);
        // Whole names, modifiers, nationalities, lower-case words, people and single words stay.
        for (text, name, ty) in [
            ("in West Virginia", "West Virginia", 0),
            ("in The Ohio", "The Ohio", 0),
            ("the Belgian Congo", "Belgian Congo", 0),
            ("in Nazi Germany", "Nazi Germany", 0),
            ("in Santiago de Cuba", "Santiago de Cuba", 0),
            ("George Virginia", "George Virginia", 1),
            ("in Kentucky", "Kentucky", 0),
        ] {
            assert_eq!(run(text, &[(name, ty)]), vec![s(name, ty)], "{text}");
        }
    }

    #[test]
    fn a_person_before_a_comma_and_a_region_is_a_town() {
        // Type 0: a place, 1: a person; the spans after the comma are regions.
        let run = |text: &str, found: &[(&str, usize)]| {
            after(text, found, |toks, raw| {
                let regions = ["Indiana", "Ohio", "Louisiana"];
                towns_before_regions(text, toks, raw, 0, 1, |s| regions.contains(&&text[s.start..s.end]), |w| matches!(w, "Gary" | "Peggy"));
            }).iter().map(|r| r.ty).collect::<Vec<_>>()
        };
        assert_eq!(run("He grew up in Gary, Indiana.", &[("Gary", 1), ("Indiana", 0)]), vec![0, 0]);
        assert_eq!(run("MARLOW BEND, Ohio — The mill", &[("MARLOW BEND", 1), ("Ohio", 0)]), vec![0, 0]);
        // A full name starting with a first name stays a person (a reporter's sign-off), as does
        // a person without the comma, or before a place that is no region.
        assert_eq!(run("Peggy Wehmeyer, Louisiana.", &[("Peggy Wehmeyer", 1), ("Louisiana", 0)]), vec![1, 0]);
        assert_eq!(run("Gary Ohio", &[("Gary", 1), ("Ohio", 0)]), vec![1, 0]);
        assert_eq!(run("Gary, Paris", &[("Gary", 1), ("Paris", 0)]), vec![1, 0]);
    }

    #[test]
    fn unsure_people_are_dropped_unless_listed_with_a_sure_one() {
        // Type 1: a person; scores set below.
        let run = |text: &str, found: &[(&str, usize, f32)]| {
            let toks = crate::tokens::tokenize(text);
            let names: Vec<(&str, usize)> = found.iter().map(|&(t, ty, _)| (t, ty)).collect();
            let mut raw = spans_of(text, &toks, &names);
            for (r, &(_, _, score)) in raw.iter_mut().zip(found) {
                r.score = score;
            }
            drop_unsure_people(text, &toks, &mut raw, 1, 0.7, 0.5, |_| false);
            raw.iter().map(|r| text[r.start..r.end].to_string()).collect::<Vec<_>>()
        };
        assert_eq!(run("Paris Hilton and Jordan Peterson came.", &[("Paris Hilton", 1, 0.9), ("Jordan Peterson", 1, 0.56)]), ["Paris Hilton", "Jordan Peterson"]);
        assert_eq!(run("Jordan Peterson or Paris Hilton came.", &[("Jordan Peterson", 1, 0.56), ("Paris Hilton", 1, 0.9)]), ["Jordan Peterson", "Paris Hilton"]);
        assert_eq!(run("Ann Lee, Bo Chan came.", &[("Ann Lee", 1, 0.9), ("Bo Chan", 1, 0.6)]), ["Ann Lee", "Bo Chan"]);
        // Too unsure; not joined; joined to another unsure one; an unsure non-person stays.
        assert_eq!(run("Paris Hilton and Jordan Peterson came.", &[("Paris Hilton", 1, 0.9), ("Jordan Peterson", 1, 0.4)]), ["Paris Hilton"]);
        assert_eq!(run("Paris Hilton met Jordan Peterson.", &[("Paris Hilton", 1, 0.9), ("Jordan Peterson", 1, 0.6)]), ["Paris Hilton"]);
        assert_eq!(run("Paris Hilton and Jordan Peterson came.", &[("Paris Hilton", 1, 0.6), ("Jordan Peterson", 1, 0.6)]), Vec::<String>::new());
        assert_eq!(run("Paris Hilton and Acme came.", &[("Paris Hilton", 1, 0.6), ("Acme", 2, 0.3)]), ["Acme"]);
        // A full name at 0.5 or more stands alone.
        let toks = crate::tokens::tokenize("Warren Buffett sold. Acme Wares sold.");
        let mut raw = spans_of("Warren Buffett sold. Acme Wares sold.", &toks, &[("Warren Buffett", 1), ("Acme Wares", 1)]);
        raw.iter_mut().for_each(|r| r.score = 0.57);
        drop_unsure_people("Warren Buffett sold. Acme Wares sold.", &toks, &mut raw, 1, 0.7, 0.5, |r| r.first_tok == 0);
        assert_eq!(raw.len(), 1);
        assert_eq!(raw[0].first_tok, 0);
    }

    #[test]
    fn unsure_mentions_of_one_name_add_up() {
        // Type 1: a person, 0: a place; (words, which occurrence of them, type, score).
        let run = |text: &str, found: &[(&str, usize, usize, f32)]| {
            let toks = crate::tokens::tokenize(text);
            let mut raw: Vec<RawSpan> = found
                .iter()
                .map(|&(t, nth, ty, score)| {
                    let s = text.match_indices(t).nth(nth).unwrap().0;
                    let f = toks.iter().position(|k| k.start == s).unwrap();
                    let l = toks.iter().position(|k| k.end == s + t.len()).unwrap();
                    RawSpan { start: s, end: s + t.len(), ty, score, first_tok: f, last_tok: l }
                })
                .collect();
            drop_unsure_people(text, &toks, &mut raw, 1, 0.7, 0.5, |_| false);
            raw.iter().map(|r| (text[r.start..r.end].to_string(), r.start)).collect::<Vec<_>>()
        };
        let got = |v: Vec<(String, usize)>| v.into_iter().map(|(t, _)| t).collect::<Vec<_>>();
        // 1 - 0.45 × 0.45 = 0.80: both stay; one mention alone, two names, or two below 0.5 do not.
        let text = "Obama spoke. Later Obama left.";
        assert_eq!(got(run(text, &[("Obama", 0, 1, 0.55), ("Obama", 1, 1, 0.55)])), ["Obama", "Obama"]);
        assert_eq!(got(run(text, &[("Obama", 0, 1, 0.55)])), Vec::<String>::new());
        assert_eq!(got(run(text, &[("Obama", 0, 1, 0.45), ("Obama", 1, 1, 0.45)])), Vec::<String>::new());
        assert_eq!(got(run("Obama spoke. Later Trump left.", &[("Obama", 0, 1, 0.55), ("Trump", 0, 1, 0.55)])), Vec::<String>::new());
        // A full name and its surname alone are mentions of one name.
        let text = "Barack Obama spoke. Later Obama left.";
        assert_eq!(got(run(text, &[("Barack Obama", 0, 1, 0.55), ("Obama", 1, 1, 0.55)])), ["Barack Obama", "Obama"]);
        // Not when a mention is of another type or comes after a preposition of place, nor a
        // name with a word that is not a plain capitalised one.
        let text = "Batajnica grew. Later Batajnica left.";
        assert_eq!(got(run(text, &[("Batajnica", 0, 0, 0.9), ("Batajnica", 1, 1, 0.6)])), ["Batajnica"]);
        let text = "Batajnica grew. We lived in Batajnica.";
        assert_eq!(got(run(text, &[("Batajnica", 0, 1, 0.6), ("Batajnica", 1, 1, 0.6)])), Vec::<String>::new());
        let text = "TAVILDARA fell. TAVILDARA burned.";
        assert_eq!(got(run(text, &[("TAVILDARA", 0, 1, 0.6), ("TAVILDARA", 1, 1, 0.6)])), Vec::<String>::new());
    }

    #[test]
    fn a_person_where_companies_stand_is_a_company() {
        // Type 1: a person, 2: an organisation; every mention of `name` is tagged a person.
        let run_scored = |text: &str, name: &str, score: f32| {
            let toks = crate::tokens::tokenize(text);
            let mut raw: Vec<RawSpan> = text
                .match_indices(name)
                .map(|(at, _)| {
                    let f = toks.iter().position(|k| k.start == at).unwrap();
                    let l = toks.iter().position(|k| k.end == at + name.len()).unwrap();
                    RawSpan { start: at, end: at + name.len(), ty: 1, score, first_tok: f, last_tok: l }
                })
                .collect();
            companies_by_context(text, &toks, &mut raw, 1, 2);
            raw.iter().map(|r| r.ty).collect::<Vec<_>>()
        };
        let run = |text: &str, name: &str| run_scored(text, name, 0.9);
        // One cue does where the tagger was never sure of the person; not for a possessor.
        assert_eq!(run_scored("Shares of Lockheed Martin rose 3.4% .", "Lockheed Martin", 0.63), vec![2]);
        assert_eq!(run_scored("Shares of Lockheed Martin rose 3.4% .", "Lockheed Martin", 0.9), vec![1]);
        assert_eq!(run_scored("the Hang Seng index fell .", "Hang Seng", 0.91), vec![2]);
        assert_eq!(run_scored("the Fox unit of Rupert Murdoch 's News Corp .", "Rupert Murdoch 's", 0.6), vec![1]);
        // A market value is a company's, however sure the tagger was; one CEO cue alone is not.
        assert_eq!(run("Meanwhile Tesla 's market value fell .", "Tesla"), vec![2]);
        assert_eq!(run("Tesla 's market stall was busy .", "Tesla"), vec![1]);
        assert_eq!(run_scored("Tesla 's CEO spoke .", "Tesla", 0.7), vec![2]);
        assert_eq!(run("Tesla 's CEO spoke .", "Tesla"), vec![1]);
        // Two cues in one text: every mention becomes the company, the cue-less one too.
        assert_eq!(run("Fidelity raised its stake in Hammond . Later Hammond officials declined . Hammond rose .", "Hammond"), vec![2, 2, 2]);
        assert_eq!(run("Shane Longman , a fictional securities firm , and Shane Longman 's capital .", "Shane Longman"), vec![2, 2]);
        assert_eq!(run("Kaye founded Justin in 1982 . Justin 's customers stayed .", "Justin"), vec![2, 2]);
        assert_eq!(run("Hammond said that its talks failed . Fidelity raised its stake in Hammond .", "Hammond"), vec![2, 2]);
        // One cue only; a title elsewhere; no cue.
        assert_eq!(run("Fidelity raised its stake in Hammond . Hammond rose .", "Hammond"), vec![1, 1]);
        assert_eq!(run("Mr. Hammond said its plan works . Fidelity raised its stake in Hammond .", "Hammond"), vec![1, 1]);
        assert_eq!(run("Ann Lee met the officials , a firm group .", "Ann Lee"), vec![1]);
    }

    #[test]
    fn a_bare_number_before_to_and_an_amount_joins_it() {
        // Type 0: a cardinal, 1: money, 2: a date.
        let run = |text: &str, found: &[(&str, usize)]| {
            typed(text, &after(text, found, |toks, raw| {
                join_ranges(text, toks, raw, 0, |t| t == 1);
            }))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("cost 5 to 10 million dollars", &[("5", 0), ("10 million dollars", 1)]), vec![s("5 to 10 million dollars", 1)]);
        assert_eq!(run("cost -5 - $10", &[("-5", 0), ("$10", 1)]), vec![s("-5 - $10", 1)]);
        // Not: a number word, another joining word, another type, something between.
        assert_eq!(run("cost five to $10", &[("five", 0), ("$10", 1)]), vec![s("five", 0), s("$10", 1)]);
        assert_eq!(run("cost 5 or $10", &[("5", 0), ("$10", 1)]), vec![s("5", 0), s("$10", 1)]);
        assert_eq!(run("in 2020 to 2021", &[("2020", 0), ("2021", 2)]), vec![s("2020", 0), s("2021", 2)]);
        assert_eq!(run("5 people to $10", &[("5", 0), ("$10", 1)]), vec![s("5", 0), s("$10", 1)]);
    }

    #[test]
    fn a_name_word_starting_a_sentence_before_said_is_a_person() {
        let run = |text: &str, found: &[(&str, usize)]| {
            let toks = crate::tokens::tokenize(text);
            let sents = crate::tokens::sentences(text, &toks);
            let mut raw = spans_of(text, &toks, found);
            speakers_at_sentence_start(text, &toks, &sents, &mut raw, 1, |w| matches!(w, "Trump" | "Ward"));
            typed(text, &raw)
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Trump said he would go. Later Ward met them.", &[]), vec![s("Trump", 1)]);
        assert_eq!(run("Trump met Putin there.", &[("Putin", 1)]), vec![s("Trump", 1), s("Putin", 1)]);
        assert_eq!(run("Trump wins Iowa caucus by 30 points.", &[("Iowa", 0)]), vec![s("Trump", 1), s("Iowa", 0)]);
        // Not: another word, no verb of saying, already tagged, not at the start.
        assert_eq!(run("Reebok said it would go.", &[]), vec![]);
        assert_eq!(run("Trump cards were played.", &[]), vec![]);
        assert_eq!(run("Trump said so.", &[("Trump", 2)]), vec![s("Trump", 2)]);
        assert_eq!(run("Then Trump said so.", &[]), vec![]);
    }

    #[test]
    fn a_name_and_its_possessive_starting_another_span_is_a_person() {
        // Type 1: a person, 2: an organisation.
        let run = |text: &str, found: &[(&str, usize)]| {
            typed(text, &after(text, found, |toks, raw| {
                possessor_names(text, toks, raw, 1, |w| matches!(w, "Taylor" | "Elon" | "Mary"), |w| matches!(w, "Swift" | "Musk" | "Jones"));
            }))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Taylor Swift's Eras Tour grossed $1 billion.", &[("Taylor Swift's Eras Tour", 2)]), vec![s("Taylor Swift", 1), s("Eras Tour", 2)]);
        assert_eq!(run("Elon Musk’s SpaceX Starlink grew.", &[("Elon Musk’s SpaceX Starlink", 2)]), vec![s("Elon Musk", 1), s("SpaceX Starlink", 2)]);
        assert_eq!(run("Mary Ann Jones's Bakery opened.", &[("Mary Ann Jones's Bakery", 2)]), vec![s("Mary Ann Jones", 1), s("Bakery", 2)]);
        // Not: the name alone, a word that is no first name or surname, a person already, a
        // lower-case word, nothing after the "'s", a name of four words.
        assert_eq!(run("Taylor Swift's fans came.", &[("Taylor Swift's", 2)]), vec![s("Taylor Swift's", 2)]);
        assert_eq!(run("Trader Joe's Market grew.", &[("Trader Joe's Market", 2)]), vec![s("Trader Joe's Market", 2)]);
        assert_eq!(run("Taylor Swift's Eras Tour sold.", &[("Taylor Swift's Eras Tour", 1)]), vec![s("Taylor Swift's Eras Tour", 1)]);
        assert_eq!(run("Taylor swift's Eras Tour sold.", &[("Taylor swift's Eras Tour", 2)]), vec![s("Taylor swift's Eras Tour", 2)]);
        assert_eq!(run("Mary Taylor Elon Swift's Tour sold.", &[("Mary Taylor Elon Swift's Tour", 2)]), vec![s("Mary Taylor Elon Swift's Tour", 2)]);
    }

    #[test]
    fn a_royal_title_and_a_name_is_a_person_not_a_company() {
        // Type 1: a person, 2: an organisation.
        let run = |text: &str, found: &[(&str, usize)]| {
            typed(text, &after(text, found, |toks, raw| {
                royals(text, toks, raw, 2, 1, |w| w == "Charles");
            }))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Jordan's King Abdullah II met him.", &[("King Abdullah II", 2)]), vec![s("Abdullah II", 1)]);
        assert_eq!(run("Prince Charles spoke.", &[("Prince Charles", 2)]), vec![s("Charles", 1)]);
        // Not: a company's name, a lone title, a number alone.
        assert_eq!(run("King World Productions grew.", &[("King World Productions", 2)]), vec![s("King World Productions", 2)]);
        assert_eq!(run("The King spoke.", &[("King", 2)]), vec![s("King", 2)]);
        assert_eq!(run("King II spoke.", &[("King II", 2)]), vec![s("King II", 2)]);
    }

    #[test]
    fn a_list_after_a_plural_settlement_noun_is_of_places() {
        // Type 0: a place, 1: a person (retypable).
        let run = |text: &str, found: &[(&str, usize, f32)]| {
            let names: Vec<(&str, usize)> = found.iter().map(|&(t, ty, _)| (t, ty)).collect();
            typed(text, &after(text, &names, |toks, raw| {
                raw.iter_mut().zip(found).for_each(|(r, f)| r.score = f.2);
                places_after_place_nouns(text, toks, raw, 0, |t| t == 1);
            }))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("in villages such as Tafeghaghte and Amizmiz.", &[("Tafeghaghte", 1, 0.5)]), vec![s("Tafeghaghte", 0), s("Amizmiz", 0)]);
        assert_eq!(run("struck cities including Kharkiv, Odesa and Lviv.", &[]), vec![s("Kharkiv", 0), s("Odesa", 0), s("Lviv", 0)]);
        // Not a person the tagger was sure of, a noun hanging on "of", a word before another name.
        assert_eq!(run("towns such as Joe Biden said", &[("Joe Biden", 1, 0.95)]), vec![s("Joe Biden", 1)]);
        assert_eq!(run("leaders of both countries such as Nelieer spoke", &[("Nelieer", 1, 0.6)]), vec![s("Nelieer", 1)]);
        assert_eq!(run("in regions like Southeastern Bulgaria", &[("Bulgaria", 0, 0.9)]), vec![s("Bulgaria", 0)]);
    }

    #[test]
    fn airports_named_after_people_are_facilities() {
        let run = |text: &str, found: &[(&str, usize)]| {
            typed(text, &after(text, found, |toks, raw| {
                raw.sort_by_key(|r| r.start);
                airports_named_after_people(text, toks, raw, 1, 0)
            }))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("flights from Charles de Gaulle airport resumed", &[("Charles de Gaulle", 1)]), vec![s("Charles de Gaulle", 0)]);
        // Not a place's airport, nor a person before another word.
        assert_eq!(run("at Dhaka airport, Smith airline staff", &[("Dhaka", 2), ("Smith", 1)]), vec![s("Dhaka", 2), s("Smith", 1)]);
    }

    #[test]
    fn streets_named_by_their_street_word_first_are_facilities() {
        // Type 0: a facility, 1: a person, 2: an organisation, 3: a date (no name).
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| foreign_streets(text, toks, raw, 0, |t| t <= 2)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Crowds filled Piazza Navona.", &[("Piazza Navona", 1)]), vec![s("Piazza Navona", 0)]);
        assert_eq!(run("They walked down Via del Corso and the Plaza de Mayo.", &[]), vec![s("Via del Corso", 0), s("Plaza de Mayo", 0)]);
        assert_eq!(run("It parked on the Quai François-Mitterrand.", &[("the Quai François-Mitterrand", 2)]), vec![s("the Quai François-Mitterrand", 0)]);
        assert_eq!(run("A bar on Calle Ocho in Miami.", &[("Ocho", 1), ("Miami", 2)]), vec![s("Calle Ocho", 0), s("Miami", 2)]);
        // Not: English words before no particle, lower case, a span running past the name, a date.
        assert_eq!(run("Via Twitter, he said.", &[]), vec![]);
        assert_eq!(run("Place Your Bets opened.", &[]), vec![]);
        assert_eq!(run("on rue de rivoli", &[]), vec![]);
        // In lower case, a name the tagger found that starts with such a word (no English one).
        assert_eq!(run("we stayed near piazza garibaldi for", &[("piazza garibaldi", 1)]), vec![s("piazza garibaldi", 0)]);
        assert_eq!(run("the place vendome hotel", &[("place vendome", 1)]), vec![s("place vendome", 1)]);
        assert_eq!(run("the Rue Royale Hotel Group rose", &[("Rue Royale Hotel Group", 2)]), vec![s("Rue Royale Hotel Group", 2)]);
        assert_eq!(run("the Rue Royale Hotels, Paris", &[("the Rue Royale Hotels, Paris", 2)]), vec![s("the Rue Royale Hotels, Paris", 2)]);
        assert_eq!(run("at Rue Royale Monday", &[("Monday", 3)]), vec![s("Rue Royale", 0), s("Monday", 3)]);
        assert_eq!(run("at Rue Monday", &[("Monday", 3)]), vec![s("Monday", 3)]);
    }

    #[test]
    fn two_known_places_joined_by_and_are_places() {
        // Type 0: a place, 1: a person, 2: an organisation, 3: a product (retypable: 2 and 3).
        let run = |text: &str, found: &[(&str, usize)]| {
            typed(text, &after(text, found, |toks, raw| {
                place_pairs(text, toks, raw, 0, |t| t >= 2, listed(text, toks, &["belgorod", "kursk", "nova kakhovka"]), listed(text, toks, &["inverness"]));
            }))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Drones struck Belgorod and Kursk.", &[]), vec![s("Belgorod", 0), s("Kursk", 0)]);
        assert_eq!(run("Drones struck Belgorod or Nova Kakhovka.", &[("Belgorod", 2), ("Nova Kakhovka", 3)]), vec![s("Belgorod", 0), s("Nova Kakhovka", 0)]);
        // Not: one of them unknown, a person there, a longer name, lower case.
        assert_eq!(run("Drones struck Belgorod and Vantorix.", &[]), vec![]);
        assert_eq!(run("Drones struck Belgorod and Kursk.", &[("Kursk", 1)]), vec![s("Kursk", 1)]);
        assert_eq!(run("Drones struck Belgorod and Kursk Oblast.", &[]), vec![]);
        assert_eq!(run("drones struck belgorod and kursk.", &[]), vec![]);
        // Beside a place the tagger found: a less sure organisation becomes a place, a surer
        // one stays ("with Liverpool and Southampton": the club).
        let mixed = |text: &str, org: &str, org_score: f32, place: &str, place_score: f32| {
            typed(text, &after(text, &[(org, 2), (place, 0)], |toks, raw| {
                raw.iter_mut().for_each(|r| r.score = if r.ty == 2 { org_score } else { place_score });
                place_pairs(text, toks, raw, 0, |t| t >= 2, listed(text, toks, &["belgorod", "kursk"]), listed(text, toks, &["inverness", "perth"]));
            }))
        };
        assert_eq!(mixed("Drones struck Belgorod and Kursk.", "Belgorod", 0.6, "Kursk", 0.9), vec![s("Belgorod", 0), s("Kursk", 0)]);
        assert_eq!(mixed("Drones struck Belgorod and Kursk.", "Kursk", 0.8, "Belgorod", 0.7), vec![s("Belgorod", 0), s("Kursk", 2)]);
        // A town alone only beside a place the tagger was sure of, if it was unsure of the other
        // reading; never two towns.
        let (text, a9) = ("Roads between Kursk and Inverness shut.", "Inverness");
        assert_eq!(mixed(text, a9, 0.73, "Kursk", 0.95), vec![s("Kursk", 0), s(a9, 0)]);
        assert_eq!(mixed(text, a9, 0.85, "Kursk", 0.95), vec![s("Kursk", 0), s(a9, 2)]);
        assert_eq!(mixed(text, a9, 0.6, "Kursk", 0.85), vec![s("Kursk", 0), s(a9, 2)]);
        assert_eq!(run("Roads between Perth and Inverness shut.", &[]), vec![]);
        assert_eq!(run("Roads between Kursk and Inverness shut.", &[]), vec![]);
    }

    #[test]
    fn a_person_joined_to_a_place_by_and_is_a_place() {
        // Type 0: a place, 1: a person, 2: an organisation.
        let run = |text: &str, found: &[(&str, usize)]| {
            after(text, found, |toks, raw| {
                people_coordinated_with_places(text, toks, raw, 0, 1, |t| t == 0, |w| matches!(w, "Maria" | "Peggy"));
            }).iter().map(|r| r.ty).collect::<Vec<_>>()
        };
        assert_eq!(run("Fighting around Khan Younis and Rafah.", &[("Khan Younis", 1), ("Rafah", 0)]), vec![0, 0]);
        assert_eq!(run("Flights to Rafah or Khan Younis.", &[("Rafah", 0), ("Khan Younis", 1)]), vec![0, 0]);
        // A first name starts it; no "and" between; an organisation on the other side.
        assert_eq!(run("Paris and Maria Lopez.", &[("Paris", 0), ("Maria Lopez", 1)]), vec![0, 1]);
        // After a locative, one word is a place even if it is a first name ("Palmer", "Maria").
        assert_eq!(run("Residents of Wasilla and Peggy said so.", &[("Wasilla", 0), ("Peggy", 1)]), vec![0, 0]);
        assert_eq!(run("Rain in Paris and Maria today.", &[("Paris", 0), ("Maria", 1)]), vec![0, 0]);
        assert_eq!(run("Rain in Paris and Maria Lopez today.", &[("Paris", 0), ("Maria Lopez", 1)]), vec![0, 1]);
        assert_eq!(run("Visitors to Paris and Maria spoke.", &[("Paris", 0), ("Maria", 1)]), vec![0, 1]);
        assert_eq!(run("Khan Younis , Rafah.", &[("Khan Younis", 1), ("Rafah", 0)]), vec![1, 0]);
        assert_eq!(run("Khan Younis and Vantorix.", &[("Khan Younis", 1), ("Vantorix", 2)]), vec![1, 2]);
        // A possessive place: the names joined are people ("Uganda's Yoweri Museveni").
        assert_eq!(run("Tanzania’s Samia Hassan and Uganda’s Yoweri Museveni met.", &[("Tanzania", 0), ("Samia Hassan", 1), ("Uganda", 0), ("Yoweri Museveni", 1)]), vec![0, 1, 0, 1]);
        assert_eq!(run("Uganda's and Kenya's Samia Hassan and Uganda spoke.", &[("Kenya", 0), ("Samia Hassan", 1), ("Uganda", 0)]), vec![0, 1, 0]);
    }

    #[test]
    fn a_place_takes_the_rest_of_a_longer_listed_name() {
        // Type 0: a place, 1: a person.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| places_to_listed_length(text, toks, raw, |t| t == 0, listed(text, toks, &["rio grande do sul", "santiago de cuba", "hungary s gross"]))));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Floods in the Rio Grande do Sul state.", &[("Rio Grande", 0)]), vec![s("Rio Grande do Sul", 0)]);
        assert_eq!(run("in Santiago de Cuba", &[("Santiago", 0)]), vec![s("Santiago de Cuba", 0)]);
        // Not into another span, nor with no linking word, nor from a person.
        assert_eq!(run("in Santiago de Cuba", &[("Santiago", 0), ("Cuba", 0)]), vec![s("Santiago", 0), s("Cuba", 0)]);
        assert_eq!(run("from Hungary 's Gross Domestic Product", &[("Hungary", 0)]), vec![s("Hungary", 0)]);
        assert_eq!(run("Floods in the Rio Grande do Sul state.", &[("Rio Grande", 1)]), vec![s("Rio Grande", 1)]);
    }

    #[test]
    fn an_amount_the_tagger_took_for_a_name_is_an_amount() {
        // Type 0: a name, 1: a quantity, 2: money.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |_, raw| amounts_in_names(text, raw, |t| t == 0, 1, 2)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("The 1.5C limit is near.", &[("1.5C", 0)]), vec![s("1.5C", 1)]);
        assert_eq!(run("a 20kg bag", &[("20kg", 0)]), vec![s("20kg", 1)]);
        assert_eq!(run("a €5bn deal", &[("€5bn", 0)]), vec![s("€5bn", 2)]);
        // Not a company named by a number, nor a code of letters and digits.
        assert_eq!(run("shares of 3M rose", &[("3M", 0)]), vec![s("3M", 0)]);
        assert_eq!(run("the A380 landed", &[("A380", 0)]), vec![s("A380", 0)]);
    }

    #[test]
    fn rivers_deserts_and_seas_by_one_word_are_locations() {
        // Type 0: a location, 1: an organisation.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| natural_features(text, toks, raw, 0, 1, Some(2))));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("The Nile, at 6,650 km, is long.", &[("Nile", 1)]), vec![s("Nile", 0)]);
        assert_eq!(run("Sahara dust reached Spain.", &[]), vec![s("Sahara", 0)]);
        // Type 2: a nationality; not the Baltic states.
        assert_eq!(run("on a Mediterranean cruise", &[("Mediterranean", 2)]), vec![s("Mediterranean", 0)]);
        assert_eq!(run("the Baltic states", &[("Baltic", 2)]), vec![s("Baltic", 2)]);
        // Not an organisation without "the", a longer name, a hyphenated word, lower case.
        assert_eq!(run("Nile said profits rose.", &[("Nile", 1)]), vec![s("Nile", 1)]);
        assert_eq!(run("the Baltic Exchange", &[]), vec![]);
        assert_eq!(run("in the Asia-Pacific region", &[]), vec![]);
        assert_eq!(run("the alps of my mind", &[]), vec![]);
    }

    #[test]
    fn a_person_before_a_site_noun_is_a_place() {
        // Type 0: a person, 1: a place.
        let run = |text: &str, found: &[(&str, usize)]| typed(text, &after(text, found, |toks, raw| places_before_site_nouns(text, toks, raw, 0, 1)));
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("They closed the Torkham crossing on Monday.", &[("Torkham", 0)]), vec![s("Torkham", 1)]);
        assert_eq!(run("the Kailuan mine", &[("Kailuan", 0)]), vec![s("Kailuan", 1)]);
        // Not a camp, a capitalised noun, two words, nor without "the".
        assert_eq!(run("the Gore camp", &[("Gore", 0)]), vec![s("Gore", 0)]);
        assert_eq!(run("the Hoover Dam", &[("Hoover", 0)]), vec![s("Hoover", 0)]);
        assert_eq!(run("the Al Gore crossing", &[("Al Gore", 0)]), vec![s("Al Gore", 0)]);
        assert_eq!(run("Smith border", &[("Smith", 0)]), vec![s("Smith", 0)]);
    }

    #[test]
    fn a_known_town_after_in_or_near_is_a_place() {
        // Type 0: a place, 1: a person, 2: an organisation. The lists know "Nova Kakhovka",
        // "Kherson", "Irpin", "Bucha" and "Ferguson".
        let run = |text: &str, found: &[(&str, usize)]| {
            typed(text, &after(text, found, |toks, raw| {
                towns_after_locatives(text, toks, raw, 0, Some(1), |t| t == 0, listed(text, toks, &["nova kakhovka", "kherson", "irpin", "bucha", "ferguson"]));
            }))
        };
        let s = |t: &str, ty: usize| (t.to_string(), ty);
        assert_eq!(run("Shelling near Nova Kakhovka went on.", &[]), vec![s("Nova Kakhovka", 0)]);
        // After a place and "and"; the tagger's place is kept as it is.
        assert_eq!(run("Fighting raged in Kherson and Irpin.", &[("Kherson", 0)]), vec![s("Kherson", 0), s("Irpin", 0)]);
        // A person of exactly the town's words becomes the place; after "residents of" too.
        assert_eq!(run("Protests erupted in Ferguson after the shooting.", &[("Ferguson", 1)]), vec![s("Ferguson", 0)]);
        assert_eq!(run("Residents of Bucha spoke.", &[("Bucha", 1)]), vec![s("Bucha", 0)]);
        // After "a town called" or "a village named": any person there, or nothing.
        assert_eq!(run("I grew up in a little town called Pleasant Grove, near Provo.", &[("Pleasant Grove", 1)]), vec![s("Pleasant Grove", 0)]);
        assert_eq!(run("a village named Kfar Aza was hit", &[]), vec![s("Kfar Aza", 0)]);
        assert_eq!(run("a band called Oasis", &[("Oasis", 1)]), vec![s("Oasis", 1)]);
        assert_eq!(run("a girl in the village named Guo Dingxiang", &[("Guo Dingxiang", 1)]), vec![s("Guo Dingxiang", 1)]);
        assert_eq!(run("a town called Vantorix Inc", &[("Vantorix Inc", 2)]), vec![s("Vantorix Inc", 2)]);
        // After "strikes on", "an attack on", "the shelling of"; a list after them too.
        assert_eq!(run("Israeli strikes on Bucha killed 31.", &[("Bucha", 1)]), vec![s("Bucha", 0)]);
        assert_eq!(run("the shelling of Kherson went on", &[]), vec![s("Kherson", 0)]);
        assert_eq!(run("An attack on Kherson and Jabalia.", &[("Kherson", 0)]), vec![s("Kherson", 0), s("Jabalia", 0)]);
        assert_eq!(run("He commented on Ferguson.", &[("Ferguson", 1)]), vec![s("Ferguson", 1)]);
        // Not: another word of a longer name follows, a possessive, no locative word before,
        // an organisation there, a lower-case mention.
        assert_eq!(run("She lives in Kherson Oblast.", &[]), vec![]);
        assert_eq!(run("It was in Ferguson's report.", &[]), vec![]);
        assert_eq!(run("Ferguson said so. Kherson is far.", &[]), vec![]);
        assert_eq!(run("He works in Bucha.", &[("Bucha", 2)]), vec![s("Bucha", 2)]);
        assert_eq!(run("shelling near kherson", &[]), vec![]);
        // A person right after "near" is a place, listed or not; not before "'s".
        assert_eq!(run("Strikes near Khan Younis went on.", &[("Khan Younis", 1)]), vec![s("Khan Younis", 0)]);
        assert_eq!(run("He sat near Maria Lopez's desk.", &[("Maria Lopez", 1)]), vec![s("Maria Lopez", 1)]);
        // After "in"/"near", a place and "and": one capitalised word the lists lack, untagged or
        // an unsure person of that word; not a confident person, a word for a kind of place, a
        // word before another capitalised one, nor after a place with no "in"/"near".
        assert_eq!(run("Raids in Beit Lahia and Jabalia went on.", &[("Beit Lahia", 0)]), vec![s("Beit Lahia", 0), s("Jabalia", 0)]);
        assert_eq!(run("Fighting in Kherson and Maria.", &[("Kherson", 0), ("Maria", 1)]), vec![s("Kherson", 0), s("Maria", 1)]);
        assert_eq!(run("Schools in Taipei City and County , and", &[("Taipei City", 0)]), vec![s("Taipei City", 0)]);
        assert_eq!(run("Talks in Kherson and President Zelensky spoke.", &[("Kherson", 0)]), vec![s("Kherson", 0)]);
        assert_eq!(run("Talks with Kherson and Jabalia.", &[("Kherson", 0)]), vec![s("Kherson", 0)]);
        // Right before "and" or "or" and a place ("strike Kherson and Odesa"), a person of those
        // words included; not before a person, an organisation or an untagged word.
        assert_eq!(run("Missiles hit Kherson and Odesa.", &[("Odesa", 0)]), vec![s("Kherson", 0), s("Odesa", 0)]);
        assert_eq!(run("Missiles hit Ferguson or Odesa.", &[("Ferguson", 1), ("Odesa", 0)]), vec![s("Ferguson", 0), s("Odesa", 0)]);
        assert_eq!(run("Prizes for Ferguson and Maria Lopez.", &[("Ferguson", 1), ("Maria Lopez", 1)]), vec![s("Ferguson", 1), s("Maria Lopez", 1)]);
        assert_eq!(run("Talks with Kherson and Vantorix.", &[("Vantorix", 2)]), vec![s("Vantorix", 2)]);
        assert_eq!(run("Talks with Kherson and Odesa.", &[]), vec![]);
        assert_eq!(run("Kherson, Odesa and Kyiv.", &[("Odesa", 0), ("Kyiv", 0)]), vec![s("Odesa", 0), s("Kyiv", 0)]);
        // After "towns like", "cities such as": an unsure person is a place even where the lists
        // lack it ("Clacton"), and a listed town after it and "and" too; not a confident person,
        // nor the first of a list of people.
        let unsure = |text: &str, found: &[(&str, usize)], score: f32| {
            typed(text, &after(text, found, |toks, raw| {
                raw.iter_mut().for_each(|r| r.score = score);
                towns_after_locatives(text, toks, raw, 0, Some(1), |t| t == 0, listed(text, toks, &["bucha"]));
            }))
        };
        assert_eq!(unsure("Firms in towns like Clacton and Bucha.", &[("Clacton", 1)], 0.66), vec![s("Clacton", 0), s("Bucha", 0)]);
        assert_eq!(unsure("Cities such as Clacton grew.", &[("Clacton", 1)], 0.66), vec![s("Clacton", 0)]);
        assert_eq!(unsure("Cities such as Clacton grew.", &[("Clacton", 1)], 0.95), vec![s("Clacton", 1)]);
        assert_eq!(unsure("Leaders of countries such as Clacton, Zedong Mao met.", &[("Clacton", 1), ("Zedong Mao", 1)], 0.66), vec![s("Clacton", 1), s("Zedong Mao", 1)]);
        assert_eq!(unsure("People like Clacton came.", &[("Clacton", 1)], 0.66), vec![s("Clacton", 1)]);
        assert_eq!(unsure("Fighting in Kherson and Maria.", &[("Kherson", 0), ("Maria", 1)], 0.66), vec![s("Kherson", 0), s("Maria", 0)]);
    }

    #[test]
    fn overlaps_resolved_by_priority_then_length() {
        let v = vec![(0, 5, 0u8), (3, 9, 0), (8, 12, 1), (20, 22, 0)];
        let k = non_overlapping(v, |t| (t.0, t.1), |t| t.2);
        assert_eq!(k, vec![(0, 5, 0), (8, 12, 1), (20, 22, 0)]);
    }
}
