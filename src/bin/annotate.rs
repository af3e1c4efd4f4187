//! Command-line annotator.
//!
//! Input: plain text files (one document per file, or stdin), or with `--jsonl` JSON lines
//! `{"id": …, "text": "…"}` (one document per line, streamed). Output (`--format`): readable text
//! (the default for plain input), JSON lines (the default with `--jsonl`), CSV with a header, or
//! one standalone highlighted HTML file. Offsets are Unicode code points (Python string indices).
//!
//! Documents are annotated in chunks on all cores (`--threads`), output stays in input order. A
//! bad document is reported on stderr with its line number (or file name); the others are still
//! processed; the exit status is 1 when any failed.

use article_annotator::{Annotator, Encoding, Entity, Label, Options};
use std::fmt::Write as _;
use std::io::{BufRead, BufWriter, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

const HELP: &str = "annotate: find people, places, numbers and dates in English text.

USAGE:
  annotate [OPTIONS] [FILE ...]          plain text, one document per FILE (stdin when none, or -)
  annotate --jsonl [OPTIONS] < in.jsonl  JSON lines, one document per line

INPUT:
  FILE ...           each file is one UTF-8 plain-text document; its id is the file name
  --jsonl            read JSON lines {\"id\": ..., \"text\": \"...\"} from stdin (other fields are
                     ignored; id may be any JSON value or absent); the input is streamed, so it
                     may be larger than memory

OUTPUT (--format, stdout):
  --format text      readable, one entity per line: start-end LABEL kind \"text\" = value [score]
                     (default for plain input; \"== name\" precedes each document when there are
                     several files, \"== id\" each JSON line)
  --format jsonl     {\"id\": <same>, \"entities\": [{\"start\", \"end\", \"label\", \"kind\", \"text\",
                     \"value\", \"unit\", \"currency\", \"score\"}]} per document; ranges add \"low\"
                     and \"high\" (default with --jsonl; a file's id is its name, stdin's null)
  --format csv       RFC 4180 CSV (CRLF line ends, quoted where needed), one row per entity:
                     id,start,end,label,kind,text,value,unit,currency,score
  --format html      one standalone HTML file (no external resources) showing every document
                     with its entities highlighted: PERSON, PLACE, NUMBER, DATE marks with a
                     label chip; all text is HTML-escaped

  Offsets (start, end) are Unicode code points, i.e. Python string indices: text[start:end].
  Scores are confidences in [0, 1], rounded to 3 decimals.

OPTIONS:
  --labels L,L       only these labels (PERSON, PLACE, NUMBER, DATE)
  --min-score X      drop entities scored below X (0..1)
  --max-line-bytes N longest JSON line accepted (default 67108864 = 64 MiB); a longer line is
                     reported as an error with its number and skipped, the rest go on
  --threads N        annotate on N threads (default: the number of cores); documents are
                     processed in chunks of 32 per thread and written in input order
  --model FILE       use this model file instead of the built-in one
  -h, --help         this help

EXAMPLES:
  annotate article.txt
  annotate --format csv a.txt b.txt > entities.csv
  annotate --jsonl < docs.jsonl > entities.jsonl
  annotate --jsonl --format html < docs.jsonl > entities.html

Exit status: 0 ok; 1 some document failed (reported on stderr with its line number or file
name; the others are still written); 2 usage error.";

/// Documents annotated per thread in one chunk.
const CHUNK_PER_THREAD: usize = 32;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Jsonl,
    Csv,
    Html,
}

const CSV_HEADER: &str = "id,start,end,label,kind,text,value,unit,currency,score\r\n";

fn main() {
    let mut jsonl = false;
    let mut format = None;
    let mut threads = None;
    let mut max_line: usize = 64 << 20;
    let mut opts = Options::default();
    let mut model = None;
    let mut files = vec![];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |what: &str| inline.clone().or_else(|| args.next()).unwrap_or_else(|| usage(&format!("{name} needs {what}")));
        match name.as_str() {
            "--jsonl" => jsonl = true,
            "--format" => {
                format = Some(match value("a format").as_str() {
                    "text" => Format::Text,
                    "jsonl" | "json" => Format::Jsonl,
                    "csv" => Format::Csv,
                    "html" => Format::Html,
                    f => usage(&format!("unknown format {f:?} (text, jsonl, csv or html)")),
                })
            }
            "--labels" => {
                let v = value("a value");
                opts.labels = v.split(',').map(|l| Label::parse(l).unwrap_or_else(|| usage(&format!("unknown label {l:?}")))).collect();
            }
            "--min-score" => opts.min_score = value("a number").parse().unwrap_or_else(|_| usage("--min-score needs a number")),
            "--max-line-bytes" => max_line = value("a number").parse().ok().filter(|&n: &usize| n > 0).unwrap_or_else(|| usage("--max-line-bytes needs a number ≥ 1")),
            "--threads" => threads = Some(value("a number").parse::<usize>().ok().filter(|&n| n > 0).unwrap_or_else(|| usage("--threads needs a number ≥ 1"))),
            "--model" => model = Some(value("a file")),
            "-h" | "--help" => {
                println!("{HELP}");
                return;
            }
            _ if a.starts_with('-') && a != "-" => usage(&format!("unknown option {a}")),
            _ => files.push(a),
        }
    }
    if jsonl && !files.is_empty() {
        usage("--jsonl reads stdin; give no FILE");
    }
    let format = format.unwrap_or(if jsonl { Format::Jsonl } else { Format::Text });
    let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let ann = match &model {
        Some(p) => std::fs::read(p).map_err(|e| format!("{p}: {e}")).and_then(|b| Annotator::from_bytes(&b).map_err(|e| e.to_string())),
        None => Annotator::embedded().map_err(|e| e.to_string()),
    }
    .unwrap_or_else(|e| {
        eprintln!("annotate: {e}");
        std::process::exit(2)
    });
    let run = Run { ann: &ann, opts, format, threads, multi: files.len() > 1, max_line };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let failed = run.all(jsonl, &files, &mut out);
    let flushed = out.flush().is_ok();
    std::process::exit(if failed || !flushed { 1 } else { 0 });
}

fn usage(msg: &str) -> ! {
    eprintln!("annotate: {msg}\n(see annotate --help)");
    std::process::exit(2)
}

/// One document to annotate: a JSON line (with its line number) or a plain-text file.
enum Job {
    Line(usize, Vec<u8>),
    /// A JSON line over the length limit: its number and length.
    TooLong(usize, usize),
    File(String),
}

/// A document's rendered output, or the message saying why it failed.
type Done = Result<String, String>;

struct Run<'a> {
    ann: &'a Annotator,
    opts: Options,
    format: Format,
    threads: usize,
    /// Several plain files (the text format then names each).
    multi: bool,
    /// Longest JSON line accepted, in bytes.
    max_line: usize,
}

/// Reads one line (up to and including '\n') into `buf`, keeping at most `limit` bytes: a longer
/// line is read to its end but not stored. Returns (bytes in the line, whether it was too long).
fn read_line_limited(input: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<(usize, bool)> {
    let mut total = 0usize;
    let mut too_long = false;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok((total, too_long));
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        total += take;
        if !too_long {
            if buf.len() + take > limit {
                too_long = true;
                buf.clear();
                buf.shrink_to_fit();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        input.consume(take);
        if done {
            return Ok((total, too_long));
        }
    }
}

impl Run<'_> {
    /// Reads every document, annotates them chunk by chunk in parallel, writes them in order.
    /// Returns whether any document failed.
    fn all(&self, jsonl: bool, files: &[String], out: &mut impl Write) -> bool {
        let mut failed = false;
        let head = match self.format {
            Format::Csv => CSV_HEADER.to_string(),
            Format::Html => html_head(),
            _ => String::new(),
        };
        if out.write_all(head.as_bytes()).is_err() {
            return true;
        }
        let chunk = CHUNK_PER_THREAD * self.threads.max(1);
        let mut write = |done: Vec<Done>| -> bool {
            for d in done {
                match d {
                    Ok(s) => {
                        if out.write_all(s.as_bytes()).is_err() {
                            return false; // closed pipe
                        }
                    }
                    Err(msg) => {
                        eprintln!("annotate: {msg}");
                        failed = true;
                    }
                }
            }
            true
        };
        let mut open = true;
        if jsonl {
            let mut input = std::io::stdin().lock();
            let mut n = 0usize;
            let mut eof = false;
            while !eof && open {
                let mut jobs = Vec::with_capacity(chunk);
                let mut read_error = None;
                while jobs.len() < chunk {
                    let mut buf = Vec::new();
                    match read_line_limited(&mut input, &mut buf, self.max_line) {
                        Ok((0, _)) => {
                            eof = true;
                            break;
                        }
                        Ok((len, too_long)) => {
                            n += 1;
                            jobs.push(if too_long { Job::TooLong(n, len) } else { Job::Line(n, buf) });
                        }
                        Err(e) => {
                            read_error = Some(format!("line {}: read error: {e}", n + 1));
                            eof = true;
                            break;
                        }
                    }
                }
                let mut done = parallel_map(&jobs, self.threads, |j| self.one(j));
                done.extend(read_error.map(Err));
                open = write(done);
            }
        } else {
            let inputs: Vec<String> = if files.is_empty() { vec!["-".into()] } else { files.to_vec() };
            for names in inputs.chunks(chunk) {
                let jobs: Vec<Job> = names.iter().map(|f| Job::File(f.clone())).collect();
                let done = parallel_map(&jobs, self.threads, |j| self.one(j));
                if !write(done) {
                    open = false;
                    break;
                }
            }
        }
        if open && self.format == Format::Html && out.write_all(HTML_TAIL.as_bytes()).is_err() {
            open = false;
        }
        failed || !open
    }

    /// Reads, annotates and renders one document (runs on a worker thread).
    fn one(&self, job: &Job) -> Done {
        let (id, text) = match job {
            Job::TooLong(n, len) => {
                return Err(format!("line {n}: {len} bytes is over the limit of {} bytes per line (raise it with --max-line-bytes); skipped", self.max_line));
            }
            Job::Line(n, bytes) => {
                let line = std::str::from_utf8(bytes).map_err(|e| format!("line {n}: invalid UTF-8 at byte {}", e.valid_up_to()))?;
                let line = line.trim_end_matches(['\n', '\r']);
                if line.trim().is_empty() {
                    return Ok(String::new());
                }
                let mut v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("line {n}: invalid JSON: {e}"))?;
                let Some(serde_json::Value::String(text)) = v.get_mut("text").map(serde_json::Value::take) else {
                    return Err(format!("line {n}: no \"text\" string field"));
                };
                (v.get("id").cloned().unwrap_or(serde_json::Value::Null), text)
            }
            Job::File(f) => {
                let mut bytes = vec![];
                let r = if f == "-" { std::io::stdin().read_to_end(&mut bytes) } else { std::fs::File::open(f).and_then(|mut h| h.read_to_end(&mut bytes)) };
                r.map_err(|e| format!("{f}: {e}"))?;
                let text = String::from_utf8(bytes).map_err(|e| format!("{f}: invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()))?;
                let id = if f == "-" { serde_json::Value::Null } else { serde_json::Value::String(f.clone()) };
                (id, text)
            }
        };
        Ok(self.render(&id, &text, matches!(job, Job::Line(..))))
    }

    fn render(&self, id: &serde_json::Value, text: &str, from_jsonl: bool) -> String {
        let annotate = |offsets| self.ann.annotate(text, &Options { offsets, ..self.opts.clone() });
        let mut s = String::new();
        match self.format {
            Format::Text => {
                if from_jsonl || self.multi {
                    let _ = writeln!(s, "== {}", id_text(id, if from_jsonl { "null" } else { "-" }));
                }
                for e in annotate(Encoding::CodePoints) {
                    let _ = writeln!(s, "{}", readable(&e));
                }
            }
            Format::Jsonl => {
                let ents: Vec<serde_json::Value> = annotate(Encoding::CodePoints).iter().map(entity_json).collect();
                let _ = writeln!(s, "{}", serde_json::json!({ "id": id, "entities": ents }));
            }
            Format::Csv => {
                let id = id_text(id, "");
                for e in annotate(Encoding::CodePoints) {
                    csv_row(&mut s, &id, &e);
                }
            }
            Format::Html => {
                let heading = if id.is_null() { None } else { Some(id_text(id, "")) };
                html_doc(&mut s, heading.as_deref(), text, &annotate(Encoding::Utf8));
            }
        }
        s
    }
}

/// Applies `f` to every item on up to `threads` scoped threads; results in the items' order.
fn parallel_map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let parts: Vec<Vec<(usize, R)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= items.len() {
                            return mine;
                        }
                        mine.push((i, f(&items[i])));
                    }
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("an annotation thread panicked")).collect()
    });
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    for (i, r) in parts.into_iter().flatten() {
        slots[i] = Some(r);
    }
    slots.into_iter().map(|r| r.expect("every item is processed")).collect()
}

/// An id as text: strings as they are, other JSON values as JSON, null as `null_as`.
fn id_text(id: &serde_json::Value, null_as: &str) -> String {
    match id {
        serde_json::Value::Null => null_as.to_string(),
        serde_json::Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

fn readable(e: &Entity) -> String {
    let mut s = format!("{:>6}-{:<6} {:<7} {:<10} {:?}", e.start, e.end, e.label.as_str(), e.kind, e.text);
    if let Some(v) = e.value {
        s += &format!("  = {v}");
        if let (Some(l), Some(h)) = (e.low, e.high) {
            s += &format!(" ({l}..{h})");
        }
        if let Some(c) = &e.currency {
            s += &format!(" {c}");
        }
        if let Some(u) = &e.unit {
            s += &format!(" {u}");
        }
    }
    s + &format!("  [{:.2}]", e.score)
}

fn rounded_score(e: &Entity) -> f32 {
    (e.score * 1000.0).round() / 1000.0
}

/// JSON of one entity with the documented, stable set of keys.
pub fn entity_json(e: &Entity) -> serde_json::Value {
    let mut v = serde_json::json!({
        "start": e.start, "end": e.end, "label": e.label.as_str(), "kind": e.kind, "text": e.text,
        "value": e.value, "unit": e.unit, "currency": e.currency, "score": rounded_score(e),
    });
    if let (Some(l), Some(h)) = (e.low, e.high) {
        v["low"] = l.into();
        v["high"] = h.into();
    }
    v
}

/// One RFC 4180 field: quoted (with doubled quotes) when it holds a comma, quote, CR or LF.
fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

fn csv_row(out: &mut String, id: &str, e: &Entity) {
    let value = e.value.map(|v| v.to_string()).unwrap_or_default();
    let fields = [
        id,
        &e.start.to_string(),
        &e.end.to_string(),
        e.label.as_str(),
        &e.kind,
        &e.text,
        &value,
        e.unit.as_deref().unwrap_or(""),
        e.currency.as_deref().unwrap_or(""),
        &rounded_score(e).to_string(),
    ];
    let row: Vec<_> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

// ---------------------------------------------------------------- HTML
// The page's "Download HTML" (www/app.js, `highlightedHtml`) writes the same format.

fn html_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn colour(label: Label) -> &'static str {
    match label {
        Label::Person => "#aa9cfc",
        Label::Place => "#feca74",
        Label::Number => "#e4e7d2",
        Label::Date => "#bfe1d9",
    }
}

/// The standalone file's style sheet (kept identical to `HTML_STYLE` in www/app.js).
const HTML_STYLE: &str = "body { margin: 2rem auto; max-width: 52rem; padding: 0 1rem; font: 17px/1.6 Georgia, serif; color: #1f2328; background: #fff; }
h2 { font: 600 1rem/1.4 system-ui, sans-serif; color: #59606b; margin: 2rem 0 0.5rem; }
.entities { line-height: 2.5; white-space: pre-wrap; overflow-wrap: break-word; }
mark.entity { color: #1b1b1f; padding: 0.25em 0.45em; margin: 0 0.15em; line-height: 1; border-radius: 0.35em; -webkit-box-decoration-break: clone; box-decoration-break: clone; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
mark.entity .label { font: bold 0.7em/1 system-ui, sans-serif; vertical-align: middle; margin-left: 0.45em; }";

fn html_head() -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Entities · Article Annotator</title>\n<style>\n{HTML_STYLE}\n</style>\n</head>\n<body>\n"
    )
}

const HTML_TAIL: &str = "</body>\n</html>\n";

/// One document: an optional heading, then the text with its entities (byte offsets) marked.
fn html_doc(out: &mut String, heading: Option<&str>, text: &str, ents: &[Entity]) {
    out.push_str("<article>\n");
    if let Some(h) = heading {
        let _ = writeln!(out, "<h2>{}</h2>", html_escape(h));
    }
    out.push_str("<div class=\"entities\">");
    let mut pos = 0;
    for e in ents {
        if e.start < pos || e.end <= e.start || e.end > text.len() {
            continue;
        }
        out.push_str(&html_escape(&text[pos..e.start]));
        let label = e.label.as_str();
        let _ = write!(
            out,
            "<mark class=\"entity\" data-label=\"{label}\" data-kind=\"{}\" style=\"background: {}\">{}<span class=\"label\">{label}</span></mark>",
            html_escape(&e.kind),
            colour(e.label),
            html_escape(&text[e.start..e.end]),
        );
        pos = e.end;
    }
    out.push_str(&html_escape(&text[pos..]));
    out.push_str("</div>\n</article>\n");
}
