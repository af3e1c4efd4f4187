//! Reading annotated corpora (CoNLL BIO files and JSON lines) into texts with gold spans, the
//! form both the trainer and the evaluator use. Tokens of a sentence are joined by single spaces
//! and sentences by a blank line, so the run-time tokenizer and sentence splitter see them as a
//! reader's text would look.

use std::io::BufRead;

/// A gold entity: byte offsets and the corpus's type name ("PERSON", "GPE", "PER", …).
#[derive(Debug, Clone, PartialEq)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    pub ty: String,
}

#[derive(Debug, Clone, Default)]
pub struct GoldDoc {
    pub text: String,
    pub spans: Vec<GoldSpan>,
}

/// Reads a CoNLL file (`token<TAB>tag`, blank line between sentences, `-DOCSTART-` between
/// documents; BIO or IOB1 tags).
pub fn read_conll(path: &str) -> std::io::Result<Vec<GoldDoc>> {
    let f = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut docs = vec![];
    let mut doc = GoldDoc::default();
    let mut sent: Vec<(String, String)> = vec![];
    let flush_sent = |doc: &mut GoldDoc, sent: &mut Vec<(String, String)>| {
        if sent.is_empty() {
            return;
        }
        if !doc.text.is_empty() {
            doc.text.push_str("\n\n");
        }
        let mut open: Option<(usize, String)> = None;
        let mut last_end = doc.text.len();
        for (i, (tok, tag)) in sent.iter().enumerate() {
            if i > 0 {
                doc.text.push(' ');
            }
            let s = doc.text.len();
            doc.text.push_str(tok);
            let (bio, ty) = tag.split_once('-').map_or((tag.as_str(), ""), |(a, b)| (a, b));
            let continues = bio == "I" && open.as_ref().is_some_and(|(_, t)| t == ty);
            if !continues {
                if let Some((os, oty)) = open.take() {
                    doc.spans.push(GoldSpan { start: os, end: last_end, ty: oty });
                }
                if bio == "B" || bio == "I" {
                    open = Some((s, ty.to_string()));
                }
            }
            last_end = doc.text.len();
        }
        if let Some((os, oty)) = open.take() {
            doc.spans.push(GoldSpan { start: os, end: last_end, ty: oty });
        }
        sent.clear();
    };
    for line in f.lines() {
        let line = line?;
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            flush_sent(&mut doc, &mut sent);
            continue;
        }
        let (tok, tag) = line.split_once('\t').or_else(|| line.rsplit_once(' ')).unwrap_or((line, "O"));
        if tok == "-DOCSTART-" {
            flush_sent(&mut doc, &mut sent);
            if !doc.text.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        sent.push((tok.to_string(), tag.trim().to_string()));
    }
    flush_sent(&mut doc, &mut sent);
    if !doc.text.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// Reads JSON lines `{"text": "...", "entities": [{"start", "end", "label"}]}` with code-point
/// offsets (the CLI's output format).
pub fn read_jsonl(path: &str) -> Result<Vec<GoldDoc>, String> {
    let f = std::io::BufReader::new(std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?);
    let mut docs = vec![];
    for (n, line) in f.lines().enumerate() {
        let line = line.map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let text = v["text"].as_str().ok_or_else(|| format!("{path}:{}: no \"text\"", n + 1))?.to_string();
        let cps: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let mut spans = vec![];
        for e in v["entities"].as_array().into_iter().flatten() {
            let (s, en) = (e["start"].as_u64().unwrap_or(0) as usize, e["end"].as_u64().unwrap_or(0) as usize);
            let ty = e["label"].as_str().unwrap_or("").to_string();
            if s < en && en < cps.len() {
                spans.push(GoldSpan { start: cps[s], end: cps[en], ty });
            }
        }
        docs.push(GoldDoc { text, spans });
    }
    Ok(docs)
}

/// Our label for a corpus type, as the evaluation counts it: PLACE = GPE + LOC + FAC (and
/// CoNLL's LOC), NUMBER = CARDINAL + MONEY + PERCENT + QUANTITY + ORDINAL, DATE = DATE.
pub fn eval_label(ty: &str) -> Option<&'static str> {
    Some(match ty {
        "PERSON" | "PER" => "PERSON",
        "GPE" | "LOC" | "FAC" | "PLACE" => "PLACE",
        "CARDINAL" | "MONEY" | "PERCENT" | "QUANTITY" | "ORDINAL" | "NUMBER" => "NUMBER",
        "DATE" => "DATE",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn conll_round_trip() {
        let dir = std::env::temp_dir().join(format!("aa-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("t.conll");
        std::fs::write(&p, "-DOCSTART-\tO\n\nJohn\tB-PERSON\nSmith\tI-PERSON\nwent\tO\nto\tO\nParis\tB-GPE\n.\tO\n\n$\tB-MONEY\n5\tI-MONEY\n\n").unwrap();
        let docs = read_conll(p.to_str().unwrap()).unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.text, "John Smith went to Paris .\n\n$ 5");
        let got: Vec<(&str, &str)> = d.spans.iter().map(|s| (&d.text[s.start..s.end], s.ty.as_str())).collect();
        assert_eq!(got, vec![("John Smith", "PERSON"), ("Paris", "GPE"), ("$ 5", "MONEY")]);
        std::fs::remove_dir_all(&dir).ok();
    }
}
